import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { strFromU8, unzipSync } from "fflate";
import { buildCombinedReport } from "../../src/core/consolidation/report";
import { carriedFor, previousFromReturns } from "../../src/core/cycles/previous";
import { gridsFromSpec } from "../../src/core/grid/from-spec";
import { cellAddress, columnIndex } from "../../src/core/grid/grid";
import { buildTemplate } from "../../src/core/template/builder";
import { estimateRowHeights } from "../../src/core/template/row-heights";
import { isDateValue, type CellValue, type WorkbookSpec } from "../../src/core/template/spec";
import { validateWorkbook } from "../../src/core/validation/validate-workbook";
import { readWorkbook } from "../../src/xlsx/read/read-workbook";
import { workbookBytes } from "../../src/xlsx/write-spec";
import { writeSpecToFile } from "../../src/xlsx/write-spec-file";
import { writeWorkbook } from "../../src/xlsx/write/workbook-writer";
import { concat, fflateCompressor } from "../../src/xlsx/write/zip-writer";
import { generatedReturn, registerOf, seeded } from "../support/consolidation";
import { applyEdits, catalogue, fillAll, templateSpec } from "../support/returns";
import { hasOpenpyxl, hasSoffice, sofficeProfile, tempDir } from "../support/tools";

/**
 * Our package writer (src/xlsx/write) on every kind of file we make: templates (initial, update,
 * started from last cycle), combined reports (internal and public, with an earlier cycle), in
 * memory (workbookBytes: templates, the pane's reports) and streamed (writeSpecToFile: the CLI's
 * reports). Excel refuses a sheet whose elements are out of the schema's order even where
 * LibreOffice and openpyxl read it, so the order is checked here, and then both of them read every file.
 */

const dir = tempDir("package-writer");

function returnOf(frameworkId: string, party: string, cycle: string) {
  const { spec, framework, party: p } = templateSpec(frameworkId, party, "initial", cycle);
  const grids = applyEdits(gridsFromSpec(spec), fillAll(spec, framework, p));
  return { source: { file: `${party}-${cycle}.xlsx`, sha256: "x", received: `${cycle}-11-01` }, validation: validateWorkbook(grids.map((grid) => ({ grid })), catalogue) };
}

function specs(): [string, WorkbookSpec][] {
  const out: [string, WorkbookSpec][] = [];
  for (const fw of catalogue.frameworks) {
    const parties = catalogue.partiesOf(fw);
    const [first, second] = parties;
    if (!first || !second) throw new Error("too few parties");
    out.push([`template ${fw.id}`, buildTemplate({ framework: fw, party: first, cycle: "2026", round: "update" })]);
    const previous = previousFromReturns([returnOf(fw.id, second.code, "2025")], catalogue);
    out.push([`carried template ${fw.id}`, buildTemplate({ framework: fw, party: second, cycle: "2026", round: "initial", previous: carriedFor(previous, fw, second, "2026", "x.xlsx").carried })]);
    const rand = seeded(fw.id.length);
    const register = registerOf(parties.slice(0, 4).map((p, i) => generatedReturn(`${p.code}.xlsx`, fw.id, p.code, { rand, dissemination: i === 2 ? "no" : "yes" })));
    out.push([`internal report ${fw.id}`, buildCombinedReport(register, catalogue, { edition: "internal" })]);
    out.push([`public report ${fw.id}`, buildCombinedReport(register, catalogue, { edition: "public", previous: [previous] })]);
  }
  return out;
}

const cases = specs();
const fileName = (label: string, how: string): string => join(dir, `${label.replace(/\s+/g, "-")}-${how}.xlsx`);

beforeAll(async () => {
  for (const [label, spec] of cases) {
    writeFileSync(fileName(label, "bytes"), await workbookBytes(spec));
    await writeSpecToFile(spec, fileName(label, "file"));
  }
}, 120000);

const both = cases.flatMap(([label, spec]) => (["bytes", "file"] as const).map((how) => [`${label} (${how})`, spec, () => fileName(label, how)] as const));

/** CT_Worksheet, CT_Workbook and CT_Stylesheet: the order of their child elements (ECMA-376 Part 1, §A.2). */
const WORKSHEET_ORDER = ["sheetPr", "dimension", "sheetViews", "sheetFormatPr", "cols", "sheetData", "sheetCalcPr", "sheetProtection", "protectedRanges", "scenarios", "autoFilter", "sortState", "dataConsolidate", "customSheetViews", "mergeCells", "phoneticPr", "conditionalFormatting", "dataValidations", "hyperlinks", "printOptions", "pageMargins", "pageSetup", "headerFooter", "rowBreaks", "colBreaks", "customProperties", "cellWatches", "ignoredErrors", "smartTags", "drawing", "legacyDrawing", "legacyDrawingHF", "drawingHF", "picture", "oleObjects", "controls", "webPublishItems", "tableParts", "extLst"];
const WORKBOOK_ORDER = ["fileVersion", "fileSharing", "workbookPr", "workbookProtection", "bookViews", "sheets", "functionGroups", "externalReferences", "definedNames", "calcPr", "oleSize", "customWorkbookViews", "pivotCaches", "smartTagPr", "smartTagTypes", "webPublishing", "fileRecoveryPr", "webPublishObjects", "extLst"];
const STYLESHEET_ORDER = ["numFmts", "fonts", "fills", "borders", "cellStyleXfs", "cellXfs", "cellStyles", "dxfs", "tableStyles", "colors", "extLst"];
/** Elements that may repeat: every other one appears at most once. */
const REPEATABLE = new Set(["conditionalFormatting"]);

/** The root's child elements, in order, with their attributes (our XML has no '>' inside a tag: it is escaped). */
function children(xml: string): { name: string; attrs: string }[] {
  const out: { name: string; attrs: string }[] = [];
  let depth = 0;
  for (const m of xml.matchAll(/<(\/?)([A-Za-z_][\w:.-]*)([^>]*?)(\/?)>/g)) {
    const [, close, name = "", attrs = "", selfClose] = m;
    if (close) depth--;
    else {
      if (depth === 1) out.push({ name, attrs });
      if (!selfClose) depth++;
    }
  }
  return out;
}

function expectOrder(xml: string, order: readonly string[], part: string): void {
  const names = children(xml).map((c) => c.name);
  const at = names.map((n) => order.indexOf(n));
  expect({ part, unknown: names.filter((_, i) => at[i] === -1) }).toEqual({ part, unknown: [] });
  for (let i = 1; i < at.length; i++) {
    const ok = (at[i] as number) > (at[i - 1] as number) || (at[i] === at[i - 1] && REPEATABLE.has(names[i] as string));
    if (!ok) throw new Error(`${part}: <${names[i]}> comes after <${names[i - 1]}>, against the schema's order (${names.join(", ")})`);
  }
}

describe.each(both)("%s", (_label, spec, file) => {
  let parts: Record<string, string>;
  beforeAll(() => {
    parts = Object.fromEntries(Object.entries(unzipSync(readFileSync(file()))).map(([n, b]) => [n, strFromU8(b)]));
  });

  it("keeps the schema's element order in every sheet, the workbook and the styles", () => {
    const sheets = Object.keys(parts).filter((n) => /^xl\/worksheets\/sheet\d+\.xml$/.test(n));
    expect(sheets).toHaveLength(spec.sheets.length);
    for (const s of sheets) expectOrder(parts[s] as string, WORKSHEET_ORDER, s);
    expectOrder(parts["xl/workbook.xml"] as string, WORKBOOK_ORDER, "xl/workbook.xml");
    expectOrder(parts["xl/styles.xml"] as string, STYLESHEET_ORDER, "xl/styles.xml");
  });

  it("writes rows in ascending order and each row's cells by ascending column, once each", () => {
    for (const [name, xml] of Object.entries(parts).filter(([n]) => n.startsWith("xl/worksheets/"))) {
      const rows = [...xml.matchAll(/<row r="(\d+)"[^>]*>(.*?)<\/row>/g)];
      const numbers = rows.map((r) => Number(r[1]));
      expect({ name, sorted: numbers.every((n, i) => i === 0 || n > (numbers[i - 1] as number)) }).toEqual({ name, sorted: true });
      for (const r of rows) {
        const cols = [...(r[2] as string).matchAll(/<c r="([A-Z]+)(\d+)"/g)].map((c) => {
          expect(c[2]).toBe(r[1]);
          return columnIndex(c[1] as string);
        });
        expect(cols.every((c, i) => i === 0 || c > (cols[i - 1] as number))).toBe(true);
      }
    }
  });

  it("gives each row the height core's estimate gives it (wrapped text is not clipped)", () => {
    spec.sheets.forEach((s, i) => {
      const xml = parts[`xl/worksheets/sheet${i + 1}.xml`] as string;
      const written = new Map([...xml.matchAll(/<row r="(\d+)" ht="([\d.]+)"/g)].map((m) => [Number(m[1]) - 1, Number(m[2])]));
      expect([s.name, written]).toEqual([s.name, estimateRowHeights(s.cells, s.columnWidths, s.merges)]);
    });
  });

  it("writes no formula cells: text is text", () => {
    for (const [name, xml] of Object.entries(parts)) expect({ name, formulas: /<f[ >]/.test(xml) }).toEqual({ name, formulas: false });
  });

  it("is read back by our reader with every value of the spec", () => {
    const wb = readWorkbook(readFileSync(file()), "written.xlsx");
    expect(wb.sheets.map((s) => [s.grid.name, s.state])).toEqual(spec.sheets.map((s) => [s.name, s.hidden ? "hidden" : "visible"]));
    spec.sheets.forEach((s, i) => {
      const grid = wb.sheets[i]?.grid;
      const wrong = s.cells.filter((c) => c.value !== null && c.value !== "" && !sameValue(grid?.get(c.row, c.col) ?? null, c.value));
      expect(wrong.map((c) => `${s.name}!${cellAddress(c.row, c.col)}`)).toEqual([]);
    });
  });
});

function sameValue(read: CellValue, written: CellValue): boolean {
  if (written !== null && isDateValue(written)) return read !== null && isDateValue(read) && read.date === written.date;
  return read === written;
}

it("the order check refuses a sheet out of order", () => {
  expect(() => expectOrder('<worksheet><sheetData/><cols/></worksheet>', WORKSHEET_ORDER, "x")).toThrow(/<cols> comes after <sheetData>/);
  expect(() => expectOrder("<worksheet><pageSetup/><pageMargins/></worksheet>", WORKSHEET_ORDER, "x")).toThrow();
});

/** Every file's cells as openpyxl reads them, in one Python process: value and data type per address. */
function openpyxlCells(files: readonly string[]): Record<string, Record<string, Record<string, [unknown, string]>>> {
  const script = [
    "import sys, json, datetime, openpyxl",
    "out = {}",
    "for f in sys.argv[1:]:",
    "    wb = openpyxl.load_workbook(f)",
    "    out[f] = {ws.title: {c.coordinate: [({'date': c.value.strftime('%Y-%m-%d')} if isinstance(c.value, (datetime.date, datetime.datetime)) else c.value), c.data_type] for row in ws.iter_rows() for c in row if c.value is not None} for ws in wb.worksheets}",
    "json.dump(out, sys.stdout)",
  ].join("\n");
  return JSON.parse(execFileSync("/usr/bin/python3", ["-c", script, ...files], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 })) as ReturnType<typeof openpyxlCells>;
}

(hasOpenpyxl() ? it : it.skip)("openpyxl reads every file with every value of the spec, text as text and dates as dates", () => {
  const files = both.map(([, , file]) => file());
  const read = openpyxlCells(files);
  both.forEach(([label, spec, file]) => {
    const sheets = read[file()] ?? {};
    expect([label, Object.keys(sheets)]).toEqual([label, spec.sheets.map((s) => s.name)]);
    const wrong: string[] = [];
    for (const s of spec.sheets) {
      for (const c of s.cells) {
        if (c.value === null) continue;
        const got = sheets[s.name]?.[cellAddress(c.row, c.col)];
        const v = c.value;
        const ok = isDateValue(v)
          ? got?.[1] === "d" && (got[0] as { date: string }).date === v.date
          : typeof v === "string"
            ? got?.[1] === "s" && got[0] === v
            : typeof v === "boolean"
              ? got?.[1] === "b" && got[0] === v
              : got?.[1] === "n" && got[0] === v;
        if (!ok) wrong.push(`${label} ${s.name}!${cellAddress(c.row, c.col)}: ${JSON.stringify(v).slice(0, 40)} read as ${JSON.stringify(got).slice(0, 40)}`);
      }
    }
    expect(wrong).toEqual([]);
  });
}, 180000);

(hasSoffice() ? it : it.skip)("LibreOffice opens every file and shows every sheet", () => {
  // Templates as the pane and generate write them (in memory), reports as consolidate streams them.
  const chosen = cases.map(([label, spec]) => [spec, fileName(label, label.includes("report") ? "file" : "bytes")] as const);
  const out = tempDir("package-writer-lo");
  const profile = sofficeProfile();
  execFileSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1", "--outdir", out, ...chosen.map(([, f]) => f)], { stdio: "pipe", timeout: 600000 });
  const csvs = readdirSync(out);
  for (const [spec, f] of chosen) {
    const base = f.slice(dirname(f).length + 1).replace(/\.xlsx$/, "");
    for (const s of spec.sheets) {
      const csv = csvs.find((c) => c === `${base}-${s.name}.csv`);
      expect([base, s.name, csv !== undefined]).toEqual([base, s.name, true]);
      const first = s.cells.find((c) => typeof c.value === "string" && c.value.length > 3 && !c.value.includes('"') && !c.value.includes("\n"))?.value;
      if (csv && typeof first === "string") expect(readFileSync(join(out, csv), "utf8")).toContain(first);
    }
  }
}, 600000);

describe("text as contributed, in both string editions and with either deflate", () => {
  const TRICKY = ["_x0041_ is literal text", "a bell\u0007 inside", "delete\u007f char", "_x005F_ and _x000D_ too", "carriage\r\nreturn", "  spaced  ", "\ttab first", "<b>&amp;</b> \"quoted\" 'single'", "=HYPERLINK(\"http://example.invalid\")", "+cmd", "ünïcödé € 😀", "line\nbreak\n"];
  const spec: WorkbookSpec = {
    title: "T & <t>",
    subject: "s",
    definedNames: [],
    sheets: [{ name: "Text's & <sheet>", role: "report", hidden: false, columnWidths: [30], cells: TRICKY.map((value, row) => ({ row, col: 0, value, style: "reportText" as const })), merges: [], validations: [], protect: false }],
  };
  const now = new Date(Date.UTC(2026, 0, 2, 3, 4, 5));

  it.each(["shared", "inline"] as const)("comes back exactly from %s strings, deflated natively or by fflate (the browser's)", (strings) => {
    const native: Uint8Array[] = [];
    const fflate: Uint8Array[] = [];
    writeWorkbook(spec, { write: (c) => void native.push(c) }, { strings, now });
    writeWorkbook(spec, { write: (c) => void fflate.push(c) }, { strings, now, compressor: fflateCompressor });
    const [a, b] = [concat(native), concat(fflate)];
    // The same parts whichever deflate made them.
    const partsA = unzipSync(a);
    const partsB = unzipSync(b);
    expect(Object.keys(partsB)).toEqual(Object.keys(partsA));
    for (const [n, bytes] of Object.entries(partsA)) expect(strFromU8(partsB[n] as Uint8Array)).toBe(strFromU8(bytes));
    for (const bytes of [a, b]) {
      const grid = readWorkbook(bytes, "t.xlsx").sheets[0]?.grid;
      expect(TRICKY.map((_, row) => grid?.get(row, 0))).toEqual(TRICKY);
    }
    if (!hasOpenpyxl()) return;
    const file = join(dir, `tricky-${strings}.xlsx`);
    writeFileSync(file, b);
    const cells = openpyxlCells([file])[file]?.[spec.sheets[0]?.name ?? ""] ?? {};
    // openpyxl keeps ST_Xstring escapes as they are written (it does not decode _xHHHH_), so the
    // texts it shows exactly are those that need no escape.
    const escaped = (t: string): boolean => t.includes("_x") || [...t].some((c) => c.charCodeAt(0) < 9 || c.charCodeAt(0) === 0x7f);
    for (const [row, t] of TRICKY.entries()) if (!escaped(t)) expect(cells[`A${row + 1}`]).toEqual([t, "s"]);
  });
});

/** Node built-ins a module may not import where the task pane's bundle reaches it. */
const NODE_IMPORT = /from\s+"(node:[^"]+|fs|path|zlib|crypto|os|stream|child_process|buffer)"|require\("(node:|fs|zlib|crypto)/;

it("keeps what the task pane loads free of Node imports (workbookBytes and readReturnBytes, and all they import)", () => {
  const seen = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, "utf8");
    expect({ file, node: NODE_IMPORT.exec(source)?.[0] }).toEqual({ file, node: undefined });
    for (const m of source.matchAll(/(?:from|import)\s*\(?\s*"(\.{1,2}\/[^"]+)"/g)) {
      const target = resolve(dirname(file), m[1] as string);
      const ts = [`${target}.ts`, `${target}.tsx`, join(target, "index.ts")].find((p) => existsSync(p));
      if (ts) visit(ts);
    }
  };
  visit(resolve(__dirname, "../../src/xlsx/write-spec.ts"));
  visit(resolve(__dirname, "../../src/xlsx/read-return.ts"));
  expect([...seen].some((f) => f.endsWith("zip-writer.ts"))).toBe(true);
});
