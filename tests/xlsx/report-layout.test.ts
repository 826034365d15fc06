import { readFileSync } from "node:fs";
import { join } from "node:path";
import { buildCombinedReport } from "../../src/core/consolidation/report";
import type { WorkbookSpec } from "../../src/core/template/spec";
import { writeSpecToFile } from "../../src/xlsx/write-spec-file";
import { generatedReturn, registerOf, seeded } from "../support/consolidation";
import { catalogue } from "../support/returns";
import { dumpedTable, hasOpenpyxl, hasSoffice, openpyxlDump, sofficeConvert, tempDir, type DumpedSheet } from "../support/tools";

/**
 * The combined report as a desk officer prints it: every sheet A4 landscape, one page wide where that
 * keeps 8 pt (else over pages across), headings frozen and filterable (print-size.test.ts measures the text).
 * Pages are counted in LibreOffice's PDF; filters and dates are read back by openpyxl.
 */

const dir = tempDir("layout");
const pact = catalogue.framework("pact-2008");
const rand = seeded(11);
const returns = catalogue.partiesOf(pact).map((p, i) => generatedReturn(`${p.code}.xlsx`, "pact-2008", p.code, { rand, modified: `2026-10-${String(1 + (i % 28)).padStart(2, "0")}T09:30:00Z` }));
const register = registerOf(returns.map((r, i) => ({ ...r, outcome: { ...r.outcome, source: { ...r.outcome.source, received: `2026-11-${String(1 + (i % 28)).padStart(2, "0")}T10:15:00Z` } } })));
const internal = buildCombinedReport(register, catalogue, { edition: "internal" });

async function written(spec: WorkbookSpec, name: string): Promise<string> {
  const file = join(dir, name);
  await writeSpecToFile(spec, file);
  return file;
}

/** One sheet of the report as a workbook of its own, so its pages can be counted alone. */
function only(spec: WorkbookSpec, sheet: string): WorkbookSpec {
  const s = spec.sheets.find((x) => x.name === sheet);
  if (!s) throw new Error(`no sheet ${sheet}`);
  return { ...spec, sheets: [s] };
}

function pdfPages(file: string): number {
  const pdf = readFileSync(file).toString("latin1");
  return (pdf.match(/\/Type\s*\/Page(?![s\w])/g) ?? []).length;
}

async function pagesOf(spec: WorkbookSpec, name: string): Promise<number> {
  const xlsx = await written(spec, `${name}.xlsx`);
  sofficeConvert(xlsx, "pdf", dir);
  return pdfPages(join(dir, `${name}.pdf`));
}

describe("the combined report on paper", () => {
  const withSoffice = hasSoffice();
  const withOpenpyxl = hasOpenpyxl();

  it("prints the Summary and the 27-party coverage matrix at 8 pt or more, on as many pages as that takes", async () => {
    if (!withSoffice) return;
    // Fit to one page wide where that keeps 80 %; the matrix of 27 parties goes over pages across.
    expect(internal.sheets.find((s) => s.name === "Summary")?.print?.scale).toBeUndefined();
    expect(internal.sheets.find((s) => s.name === "pact-2008 coverage")?.print).toMatchObject({ scale: 80, titleCols: { first: 0, last: 1 } });
    expect(await pagesOf(only(internal, "pact-2008 coverage"), "coverage")).toBeGreaterThan(1);
  }, 120000);

  it("sets every sheet A4 landscape, one page wide, with frozen, repeated and filterable headings", async () => {
    if (!withOpenpyxl) return;
    const dump = openpyxlDump(await written(internal, "internal.xlsx"));
    const sheet = (name: string): DumpedSheet => {
      const s = dump.sheets.find((x) => x.title === name);
      if (!s) throw new Error(`no sheet ${name}`);
      return s;
    };
    for (const s of dump.sheets) {
      expect([s.title, s.orientation, Number(s.paperSize)]).toEqual([s.title, "landscape", 9]);
      // One page wide, or (too wide for that at 80 %) at 80 % over pages across, the key columns repeated.
      if (s.fitToPage) expect([s.title, s.fitToWidth, s.fitToHeight]).toEqual([s.title, 1, 0]);
      else expect([s.title, s.scale, s.printTitleCols, s.pageOrder]).toEqual([s.title, 80, expect.stringMatching(/^\$A:\$[A-D]$/), "overThenDown"]);
      expect(s.freeze).not.toBeNull();
      expect(s.printTitleRows).not.toBeNull();
    }
    expect(sheet("Summary").fitToPage).toBe(true);
    // Filters on every table a desk officer sorts: compilation, coverage, register (the Pact has no status list).
    expect(sheet("pact-2008 compilation").autoFilter).toMatch(/^A3:[A-Z]+\d+$/);
    expect(sheet("pact-2008 coverage").autoFilter).toMatch(/^A3:[A-Z]+\d+$/);
    expect(sheet("Register").autoFilter).toMatch(/^A3:S\d+$/);
    // Legends span the table instead of wrapping in column A.
    expect(sheet("pact-2008 coverage").merged).toContain(`A2:${sheet("pact-2008 coverage").autoFilter?.split(":")[1]?.replace(/\d+$/, "")}2`);
  }, 120000);

  it("writes when returns were received and last saved as dates with their time, not as text", async () => {
    if (!withOpenpyxl) return;
    const dump = openpyxlDump(await written(internal, "dates.xlsx"));
    const reg = dump.sheets.find((s) => s.title === "Register");
    if (!reg) throw new Error("no Register sheet");
    const table = dumpedTable(reg, "File");
    const first = table.rows[0] ?? 0;
    const received = table.at(table.col("Received"), first);
    const modified = table.at(table.col("Last modified (sender)"), first);
    expect(received?.t).toBe("d");
    expect(received?.fmt).toBe("yyyy-mm-dd hh:mm");
    expect(modified?.t).toBe("d");
    expect(received?.v).toEqual({ date: expect.stringMatching(/^2026-11-\d\d$/) });
  }, 120000);

  it("names matrix items by their first words and keeps the full text on the compilation", () => {
    const coverage = internal.sheets.find((s) => s.name === "pact-2008 coverage");
    const compilation = internal.sheets.find((s) => s.name === "pact-2008 compilation");
    const first = pact.areas[0]?.items[0];
    const label = coverage?.cells.find((c) => c.col === 1 && typeof c.value === "string" && c.value.endsWith("…"))?.value;
    expect(typeof label).toBe("string");
    expect(String(label).split(" ").length).toBeLessThanOrEqual(9);
    expect(compilation?.cells.some((c) => typeof c.value === "string" && first !== undefined && c.value.split("\n")[0] === first.text)).toBe(true);
  });
});
