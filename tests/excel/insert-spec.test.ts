import { cellAddress, columnLetters } from "../../src/core/grid/grid";
import { estimateRowHeights } from "../../src/core/template/row-heights";
import { buildCombinedReport } from "../../src/core/consolidation/report";
import { CodedError } from "../../src/core/errors/coded-error";
import { gridsFromSpec } from "../../src/core/grid/from-spec";
import { SheetGrid } from "../../src/core/grid/grid";
import { cellValue } from "../../src/excel/read-sheets";
import { LISTS_SHEET, listRangeName } from "../../src/core/template/layout";
import type { CellSpec, PageText, SheetSpec, WorkbookSpec } from "../../src/core/template/spec";
import { pageTextCode } from "../../src/core/template/print";
import { STYLES } from "../../src/core/template/styles";
import { INSERT_FAILED, TEXT_NOT_KEPT } from "../../src/excel/codes";
import { columnWidthPoints } from "../../src/excel/cell-format";
import { createExcelWorkspace } from "../../src/excel/excel-workspace";
import { catalogue, templateSpec } from "../support/returns";
import { generatedReturn, registerOf, seeded } from "../support/consolidation";
import { addressOf, FakeOfficeError, parseAddress, type FakeExcel, type Operation } from "./fake-excel";
import { FOUR_MB, FRAMEWORKS, firstAndLast, setup } from "./fixture";

const stats: string[] = [];
afterAll(() => {
  if (process.env.PT_EXCEL_STATS) console.log(stats.join("\n"));
});

function snapshot(fake: FakeExcel, sheet: string): string {
  const s = fake.sheet(sheet);
  return JSON.stringify({ name: s.name, cells: [...s.cells], visibility: s.visibility, protection: s.protection });
}

describe("insertSpec: every framework's template", () => {
  const cases = FRAMEWORKS.flatMap((id) => firstAndLast(id).map((party) => [id, party] as const));

  it.each(cases)("%s %s: ≤ 3 syncs, requests < 4 MB, existing sheet untouched", async (id, party) => {
    const { fake, workspace } = setup();
    const before = snapshot(fake, "Sheet1");
    const { spec } = templateSpec(id, party);
    fake.reset();
    const result = await workspace.insertSpec(spec);
    expect(fake.syncCount).toBeLessThanOrEqual(3);
    expect(fake.maxRequestBytes).toBeLessThan(FOUR_MB);
    stats.push(`${id} ${party}: ${fake.syncCount} syncs, largest request ${fake.maxRequestBytes} bytes, ${fake.operations.length} operations`);
    expect(snapshot(fake, "Sheet1")).toBe(before);
    expect(result.sheets).toEqual(spec.sheets.map((s) => ({ wanted: s.name, actual: s.name })));
    expect(result.notes).toEqual([]);
    expect(fake.workbook.sheets.map((s) => s.name)).toEqual(["Sheet1", ...spec.sheets.map((s) => s.name)]);
    expect(fake.operations.some((op) => op.name === "formulas")).toBe(false);
  });
});

/** The value Excel holds for a spec cell after the write, as the fake stores it. */
function expectedValue(c: CellSpec): string | number | boolean {
  if (c.value === null) return "";
  if (typeof c.value === "object") return Math.round((Date.parse(`${c.value.date}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000);
  return c.value;
}

function expectSheetRendered(fake: FakeExcel, spec: SheetSpec): void {
  const s = fake.sheet(spec.name);
  for (const c of spec.cells) {
    const at = addressOf({ top: c.row, left: c.col, bottom: c.row, right: c.col });
    const cell = fake.cell(spec.name, at);
    const style = STYLES[c.style];
    expect({ at, value: cell?.value, formula: cell?.formula }).toEqual({ at, value: expectedValue(c), formula: undefined });
    if (typeof c.value !== "object" || c.value === null) expect({ at, format: cell?.numberFormat }).toEqual({ at, format: style.numberFormat });
    expect({ at, locked: cell?.locked, bold: cell?.font.bold ?? false, size: cell?.font.size, wrap: cell?.wrapText }).toEqual({ at, locked: style.locked, bold: style.bold ?? false, size: style.size ?? 10, wrap: style.wrap });
    expect({ at, fill: cell?.fill.pattern === "Solid" ? cell.fill.color : null }).toEqual({ at, fill: style.fill ? `#${style.fill}` : null });
  }
  spec.columnWidths.forEach((w, col) => expect(s.columnWidths.get(col)).toBe(columnWidthPoints(w)));
  expect(Object.fromEntries(s.rowHeights)).toEqual(Object.fromEntries(estimateRowHeights(spec.cells, spec.columnWidths, spec.merges)));
  expect(s.merges).toEqual(spec.merges);
  expect(s.visibility).toBe(spec.hidden ? "Hidden" : "Visible");
  expect(s.protection.protected).toBe(spec.protect);
  if (spec.protect) expect(s.protection.options).toEqual({ allowFormatColumns: true, allowFormatRows: true, selectionMode: "Normal" });
  if (spec.freeze) expect(s.freeze).toEqual(spec.freeze);
  if (spec.print) {
    const p = spec.print;
    const t = p.titleRows;
    const code = (part: PageText | undefined, side: "left" | "center" | "right", name: string): Record<string, string> => (part?.[side] ? { [name]: pageTextCode(part[side] ?? "") } : {});
    const sides = ["left", "center", "right"] as const;
    const headersFooters = Object.assign({}, ...sides.map((side) => code(p.header, side, `${side}Header`)), ...sides.map((side) => code(p.footer, side, `${side}Footer`))) as Record<string, string>;
    expect(s.pageLayout).toEqual({
      orientation: "Landscape",
      paperSize: "A4",
      zoom: p.scale === undefined ? { horizontalFitToPages: 1, verticalFitToPages: p.onePage ? 1 : 0 } : { scale: p.scale },
      printTitleRows: `$${t.first + 1}:$${t.last + 1}`,
      ...(p.titleCols ? { printTitleColumns: `$${columnLetters(p.titleCols.first)}:$${columnLetters(p.titleCols.last)}` } : {}),
      ...(p.acrossFirst ? { printOrder: "OverThenDown" } : {}),
      ...(Object.keys(headersFooters).length ? { headersFooters } : {}),
    });
  }
}

describe("insertSpec renders what the file writer writes", () => {
  it("values, number formats, styles, widths, merges, protection, freeze, print, hidden lists", async () => {
    const { fake, workspace } = setup();
    const { spec } = templateSpec("prague-ap-2023", "AL");
    await workspace.insertSpec(spec);
    for (const sheet of spec.sheets) expectSheetRendered(fake, sheet);
  });

  it("list validations refer to workbook names on the hidden lists sheet; dates are bounded", async () => {
    const { fake, workspace } = setup();
    const { spec, framework } = templateSpec("emn-ahq-2010", "BE");
    await workspace.insertSpec(spec);
    for (const n of spec.definedNames) {
      const name = fake.workbook.names.get(n.name.toLowerCase());
      expect(name?.sheet.name).toBe(LISTS_SHEET);
      expect(name?.range).toEqual(n.range);
    }
    const sheet = spec.sheets[0];
    if (!sheet) throw new Error("no sheet");
    const validations = fake.sheet(sheet.name).validations;
    expect(validations).toHaveLength(sheet.validations.length);
    const dissemination = validations.find((v) => (v.rule as { list?: { source: string } }).list?.source === `=${listRangeName(framework.id, "dissemination")}`);
    expect(dissemination?.prompt).toMatchObject({ showPrompt: true });
    expect(dissemination?.errorAlert).toMatchObject({ showAlert: true, style: "Stop" });

    const prague = setup();
    const { spec: p } = templateSpec("prague-ap-2012", "AT");
    await prague.workspace.insertSpec(p);
    const dates = prague.fake.sheet(p.sheets[0]?.name ?? "").validations.filter((v) => "date" in (v.rule as object));
    expect(dates.length).toBe(2);
    expect(dates[0]?.rule).toEqual({ date: { formula1: "1990-01-01", formula2: "2100-12-31", operator: "Between" } });
  });
});

/** Index of the first operation setting `name` on a range that covers the cell, from `from` on. */
function firstWrite(ops: readonly Operation[], name: string, sheet: string, row: number, col: number): number {
  return ops.findIndex((op) => {
    if (op.kind !== "set" || op.name !== name || !op.path.includes(JSON.stringify(sheet))) return false;
    const m = /getRange\("([^"]+)"\)$/.exec(op.path);
    if (!m?.[1]) return false;
    const r = parseAddress(m[1]);
    if (row < r.top || row > r.bottom || col < r.left || col > r.right) return false;
    const arg = op.args[0];
    return !Array.isArray(arg) || (arg as unknown[][])[row - r.top]?.[col - r.left] !== null;
  });
}

describe("text that looks like a formula stays text", () => {
  const risky = ["=SUM(A1:A9)", "+cmd", "-2", "@risk", "=1+1", "-", "+"];
  const sheet = (cells: CellSpec[]): WorkbookSpec => ({
    title: "risky",
    subject: "",
    definedNames: [],
    sheets: [{ name: "risky", role: "report", hidden: false, columnWidths: [10, 10, 10], cells, merges: [], validations: [], protect: false }],
  });

  // Text styles, a General style (entryList) and a number style (reportNumber).
  const cells: CellSpec[] = risky.flatMap((v, row) => [
    { row, col: 0, value: v, style: "reportText" as const },
    { row, col: 1, value: v, style: "entryList" as const },
    { row, col: 2, value: v, style: "reportNumber" as const },
  ]);

  /** A workspace over a fake Excel of this API level (its requirements, not the fixture's "yes to all"). */
  function atLevel(excelApi: string) {
    const { fake } = setup();
    fake.excelApi = excelApi;
    return { fake, workspace: createExcelWorkspace({ run: fake.run, requirements: fake.requirements }) };
  }

  it("below ExcelApi 1.16: the text format before the value, in the same or an earlier request, never through formulas", async () => {
    const { fake, workspace } = atLevel("1.15");
    await workspace.insertSpec(sheet(cells));
    for (const c of cells) {
      const at = addressOf({ top: c.row, left: c.col, bottom: c.row, right: c.col });
      expect({ at, value: fake.cell("risky", at)?.value, formula: fake.cell("risky", at)?.formula, format: fake.cell("risky", at)?.numberFormat }).toEqual({ at, value: c.value, formula: undefined, format: "@" });
      const format = firstWrite(fake.operations, "numberFormat", "risky", c.row, c.col);
      const value = firstWrite(fake.operations, "values", "risky", c.row, c.col);
      expect(format).toBeGreaterThanOrEqual(0);
      expect(value).toBeGreaterThan(format);
      expect(fake.operations[format]?.request).toBeLessThanOrEqual(fake.operations[value]?.request ?? -1);
      expect((fake.operations[format]?.args[0] as string[][])[c.row - parseAddress(/getRange\("([^"]+)"\)$/.exec(fake.operations[format]?.path ?? "")?.[1] ?? "A1").top]?.[c.col]).toBe("@");
    }
    expect(fake.operations.some((op) => op.name === "formulas" || op.name === "valuesAsJson")).toBe(false);
  });

  it("from ExcelApi 1.16: formula-looking text goes in as typed String values (a run of adjacent cells per write), after the text format", async () => {
    const { fake, workspace } = atLevel("1.16");
    fake.workbook.textFormatKeepsText = false;
    await workspace.insertSpec(sheet(cells));
    const typed = fake.operations.filter((op) => op.name === "valuesAsJson");
    // One write per row of adjacent risky cells.
    expect(typed).toHaveLength(new Set(cells.map((c) => c.row)).size);
    const formatAt = fake.operations.findIndex((op) => op.name === "numberFormat");
    for (const c of cells) {
      const at = addressOf({ top: c.row, left: c.col, bottom: c.row, right: c.col });
      expect({ at, value: fake.cell("risky", at)?.value, formula: fake.cell("risky", at)?.formula, format: fake.cell("risky", at)?.numberFormat }).toEqual({ at, value: c.value, formula: undefined, format: "@" });
      const op = typed.find((o) => {
        const m = /getRangeByIndexes\((\d+),(\d+),1,(\d+)\)$/.exec(o.path);
        return m !== null && Number(m[1]) === c.row && Number(m[2]) <= c.col && c.col < Number(m[2]) + Number(m[3]);
      });
      const m = /getRangeByIndexes\(\d+,(\d+),/.exec(op?.path ?? "");
      expect((op?.args[0] as Excel.CellValue[][])[0]?.[c.col - Number(m?.[1])]).toEqual({ type: "String", basicValue: c.value });
      expect(fake.operations.indexOf(op as Operation)).toBeGreaterThan(formatAt);
    }
    // Range.values never carries them.
    for (const op of fake.operations.filter((o) => o.name === "values")) expect((op.args[0] as unknown[][]).flat().filter((v) => risky.includes(v as string))).toEqual([]);
  });

  it("an Excel where '@' does not keep text: the read-back in the same request catches it, the insert is undone, coded", async () => {
    const { fake, workspace } = atLevel("1.15");
    fake.workbook.textFormatKeepsText = false;
    const before = fake.workbook.sheets.map((s) => s.name);
    const err = (await workspace.insertSpec(sheet(cells)).catch((e: unknown) => e)) as CodedError;
    expect(err.code).toBe(TEXT_NOT_KEPT);
    expect(err.message).toContain("Excel took the text written to 'risky'!A1 as the formula =SUM(A1:A9)");
    expect(err.message).toContain("Nothing was left behind");
    expect(err.place).toEqual({ sheet: "risky", cell: "A1" });
    expect(fake.workbook.sheets.map((s) => s.name)).toEqual(before);
    // The read-back went in the request that wrote the values.
    const write = fake.operations.find((op) => op.name === "values");
    const readBack = fake.operations.find((op) => op.kind === "load" && op.args[0] === "valueTypes,formulas");
    expect(readBack?.request).toBe(write?.request);
  });

  it("the fake would have turned them into formulas without the text format (the test can fail)", async () => {
    const { fake } = setup();
    await fake.run(async (context) => {
      const ws = context.workbook.worksheets.add("plain");
      ws.getRange("A1:A4").values = [["=SUM(A1:A9)"], ["+cmd"], ["@risk"], ["-2"]];
      await context.sync();
    });
    expect(fake.cell("plain", "A1")?.formula).toBe("=SUM(A1:A9)");
    expect(fake.cell("plain", "A3")?.formula).toBe("@risk");
    expect(fake.cell("plain", "A4")?.value).toBe(-2);
  });
});

describe("never touching existing sheets", () => {
  it("gives colliding sheets a free name within 31 characters and says so", async () => {
    const { fake, workspace } = setup();
    const { spec } = templateSpec("prague-ap-2023", "AL");
    const long = spec.sheets[0]?.name ?? "";
    fake.addSheet(long, { A1: "someone else's" });
    fake.addSheet(`${long.slice(0, 27)} (2)`, { A1: "and another" });
    fake.addSheet(LISTS_SHEET, { A1: "a user's lists" });
    const before = [long, `${long.slice(0, 27)} (2)`, LISTS_SHEET, "Sheet1"].map((n) => snapshot(fake, n));
    const result = await workspace.insertSpec(spec);
    const actual = result.sheets.map((s) => s.actual);
    expect(actual[0]).toBe(`${long.slice(0, 27)} (3)`);
    expect(actual[0]?.length).toBeLessThanOrEqual(31);
    expect(actual[1]).toBe(`${LISTS_SHEET} (2)`);
    expect(result.notes).toContain(`'${long}' existed; inserted as '${actual[0]}'.`);
    expect(result.notes).toContain(`'${LISTS_SHEET}' existed; inserted as '${LISTS_SHEET} (2)'.`);
    expect([long, `${long.slice(0, 27)} (2)`, LISTS_SHEET, "Sheet1"].map((n) => snapshot(fake, n))).toEqual(before);
    // The names point into the new lists sheet.
    for (const n of spec.definedNames) expect(fake.workbook.names.get(n.name.toLowerCase())?.sheet.name).toBe(`${LISTS_SHEET} (2)`);
  });

  it("reuses list names that hold the same values, and does not add a second lists sheet", async () => {
    const { fake, workspace } = setup();
    await workspace.insertSpec(templateSpec("pact-2008", "BE").spec);
    const lists = snapshot(fake, LISTS_SHEET);
    fake.reset();
    const { spec } = templateSpec("pact-2008", "FR");
    const result = await workspace.insertSpec(spec);
    expect(fake.syncCount).toBeLessThanOrEqual(3);
    expect(result.sheets.map((s) => s.actual)).toEqual(spec.sheets.filter((s) => s.role !== "lists").map((s) => s.name));
    expect(result.notes.some((n) => n.includes("reused"))).toBe(true);
    expect(fake.workbook.sheets.filter((s) => s.name.startsWith(LISTS_SHEET))).toHaveLength(1);
    expect(snapshot(fake, LISTS_SHEET)).toBe(lists);
    const review = listRangeName("pact-2008", "reviewState");
    const sources = fake.sheet(spec.sheets[1]?.name ?? "").validations.map((v) => (v.rule as { list?: { source: string } }).list?.source);
    expect(sources).toContain(`=${review}`);
  });

  it("gives the new sheets a fresh list name when the existing one holds other values", async () => {
    const { fake, workspace } = setup();
    const review = listRangeName("pact-2008", "reviewState");
    // An older catalogue's list under the same name.
    const old = fake.addSheet("old lists", { A1: "draft", A2: "final" });
    fake.workbook.names.set(review.toLowerCase(), { name: review, sheet: old, range: parseAddress("A1:A2") });
    const { spec } = templateSpec("pact-2008", "BE");
    const result = await workspace.insertSpec(spec);
    expect(fake.syncCount).toBeLessThanOrEqual(3);
    expect(result.notes).toContain(`The list name '${review}' already exists with other values; the new sheets use '${review}_2'.`);
    expect(fake.workbook.names.get(review.toLowerCase())?.sheet.name).toBe("old lists");
    expect(fake.workbook.names.get(`${review}_2`.toLowerCase())?.sheet.name).toBe(LISTS_SHEET);
    const sources = spec.sheets.flatMap((s) => fake.sheet(s.name).validations.map((v) => (v.rule as { list?: { source: string } }).list?.source));
    expect(sources).toContain(`=${review}_2`);
    expect(sources).not.toContain(`=${review}`);
  });
});

describe("a large combined report", () => {
  const rand = seeded(2023);
  const framework = catalogue.framework("prague-ap-2023");
  const returns = catalogue.partiesOf(framework).map((p) => generatedReturn(`${p.code}.xlsx`, framework.id, p.code, { rand }));
  const spec = buildCombinedReport(registerOf(returns), catalogue, { edition: "internal" });
  const cellCount = spec.sheets.reduce((n, s) => n + s.cells.length, 0);

  it("is chunked into several requests, each under 4 MB, and every value arrives as written", async () => {
    expect(returns).toHaveLength(52);
    const { fake, workspace } = setup();
    fake.reset();
    await workspace.insertSpec(spec);
    stats.push(`combined report (${cellCount} cells, ${spec.sheets.length} sheets): ${fake.syncCount} syncs, largest request ${fake.maxRequestBytes} bytes`);
    expect(fake.syncCount).toBeGreaterThan(2);
    expect(fake.requests.every((r) => r.bytes < FOUR_MB)).toBe(true);
    expect(fake.maxRequestBytes).toBeLessThan(1_500_000);
    // The report's sheets are no template sheets (readSheets gives their header block only): read the fake's cells.
    for (const grid of gridsFromSpec(spec)) {
      const got = new SheetGrid(grid.name);
      for (const [at, c] of fake.sheet(grid.name).cells) {
        const [row, col] = at.split(",").map(Number) as [number, number];
        got.set(row, col, cellValue(c.value, c.numberFormat));
      }
      expect([...got.cells()]).toEqual([...grid.cells()]);
    }
    for (const sheet of spec.sheets) {
      const s = fake.sheet(sheet.name);
      expect([...s.cells.values()].filter((c) => c.formula !== undefined)).toEqual([]);
      expect(s.conditionalFormats.map((f) => ({ range: f.range, fill: f.fill }))).toEqual((sheet.conditionalFills ?? []).map((f) => ({ range: f.range, fill: `#${f.fill}` })));
    }
  });

  it("prints and filters as the file does: the Summary one page wide, the edition on every page, filter buttons on the tables", async () => {
    const { fake, workspace } = setup();
    await workspace.insertSpec(spec);
    // One page tall only where that still prints at 8 pt: this Summary is too long for it.
    expect(fake.sheet("Summary").pageLayout.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: spec.sheets[0]?.print?.onePage ? 1 : 0 });
    expect(fake.sheet("Summary").pageLayout.headersFooters?.rightHeader).toBe("INTERNAL — not for circulation");
    for (const sheet of spec.sheets) {
      const s = fake.sheet(sheet.name);
      expect([sheet.name, s.pageLayout.paperSize, s.pageLayout.orientation]).toEqual([sheet.name, "A4", "Landscape"]);
      const f = sheet.autoFilter;
      expect([sheet.name, s.autoFilter]).toEqual([sheet.name, f ? `${cellAddress(f.top, f.left)}:${cellAddress(f.bottom, f.right)}` : undefined]);
    }
    expect(spec.sheets.filter((x) => x.autoFilter).map((x) => x.name)).toEqual(["prague-ap-2023 compilation", "prague-ap-2023 coverage", "prague-ap-2023 status", "Register"]);
  });

  it("keeps every request within a smaller budget too", async () => {
    const { fake, workspace } = setup({ requestBytes: 200_000 });
    fake.reset();
    await workspace.insertSpec(spec);
    expect(fake.syncCount).toBeGreaterThan(8);
    expect(fake.maxRequestBytes).toBeLessThan(300_000);
  });
});

describe("Office errors reach the caller", () => {
  it("a failing sync rejects with the Office message, coded", async () => {
    const { fake, workspace } = setup();
    fake.failSync(new FakeOfficeError("GeneralException", "An internal error has occurred.", "Range.values"), 1);
    const err = await workspace.insertSpec(templateSpec("pact-2008", "BE").spec).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(CodedError);
    expect((err as CodedError).code).toBe(INSERT_FAILED);
    expect((err as CodedError).message).toContain("An internal error has occurred.");
    expect((err as CodedError).message).toContain("GeneralException");
    expect((err as CodedError).cause).toBeInstanceOf(FakeOfficeError);
  });

  it("an operation Office refuses fails its request (a sheet name Excel does not allow)", async () => {
    const { workspace } = setup();
    const spec: WorkbookSpec = { title: "bad", subject: "", definedNames: [], sheets: [{ name: "a:b", role: "report", hidden: false, columnWidths: [], cells: [], merges: [], validations: [], protect: false }] };
    await expect(workspace.insertSpec(spec)).rejects.toThrow(/Could not insert 'bad': The sheet name 'a:b' is not valid/);
  });
});

describe("all or nothing: a failed insert leaves the workbook as it was", () => {
  /** Everything an insert can change: sheets (in order, with their content) and defined names. */
  function workbookState(fake: FakeExcel): string {
    const sheets = fake.workbook.sheets.map((s) => ({
      name: s.name,
      visibility: s.visibility,
      protection: s.protection,
      cells: [...s.cells].sort(([a], [b]) => (a < b ? -1 : 1)),
      merges: s.merges,
      validations: s.validations,
      widths: [...s.columnWidths],
    }));
    const names = [...fake.workbook.names.values()].map((n) => ({ name: n.name, sheet: n.sheet.name, range: n.range }));
    return JSON.stringify({ sheets, names });
  }

  /** A workbook that already holds one insert of the same framework, so names and lists are reused or renamed. */
  async function prepared() {
    const s = setup();
    await s.workspace.insertSpec(templateSpec("pact-2008", "BE").spec);
    const review = listRangeName("emn-ahq-2010", "dissemination");
    const old = s.fake.addSheet("old lists", { A1: "a", A2: "b" });
    s.fake.workbook.names.set(review.toLowerCase(), { name: review, sheet: old, range: parseAddress("A1:A2") });
    s.fake.reset();
    return s;
  }

  const spec = templateSpec("emn-ahq-2010", "FR").spec;

  it("the operations of a successful insert, for the failures below", async () => {
    const { fake, workspace } = await prepared();
    const result = await workspace.insertSpec(spec);
    expect(result.notes.some((n) => n.includes("_2"))).toBe(true);
    expect(fake.operations.length).toBeGreaterThan(20);
  });

  // A failure before the first operation of each kind, and before the last operation: each step in turn.
  const steps = (() => {
    const picked = new Map<string, number>();
    return (ops: readonly Operation[]): [string, number][] => {
      ops.forEach((op, i) => {
        const k = `${op.kind} ${op.name}`;
        if (!picked.has(k)) picked.set(k, i);
      });
      picked.set("the last operation", ops.length - 1);
      return [...picked];
    };
  })();

  it("fails at each step in turn: the workbook is exactly as before, the error says so, a retry gets the first try's names", async () => {
    const probe = await prepared();
    await probe.workspace.insertSpec(spec);
    const wanted = workbookState(probe.fake);
    const at = steps(probe.fake.operations);
    expect(at.length).toBeGreaterThan(10);
    for (const [step, index] of at) {
      const { fake, workspace } = await prepared();
      const before = workbookState(fake);
      fake.failOperation(new FakeOfficeError("Conflict", "Request could not be processed because of a conflict.", "step"), (_, i) => i === index);
      const err = (await workspace.insertSpec(spec).catch((e: unknown) => e)) as CodedError;
      expect({ step, code: err.code }).toEqual({ step, code: INSERT_FAILED });
      expect(err.message).toContain("Request could not be processed because of a conflict.");
      // Before the plan (the first reads) nothing was added and nothing needs saying.
      if (!step.startsWith("load") && step !== "call date") expect({ step, message: err.message }).toEqual({ step, message: expect.stringContaining("Nothing was left behind") });
      expect({ step, state: workbookState(fake) }).toEqual({ step, state: before });
      await workspace.insertSpec(spec);
      expect({ step, state: workbookState(fake) }).toEqual({ step, state: wanted });
    }
  });

  it("a protected workbook structure: nothing added, Office's AccessDenied kept", async () => {
    const { fake, workspace } = await prepared();
    const before = workbookState(fake);
    fake.workbook.structureProtected = true;
    const err = (await workspace.insertSpec(spec).catch((e: unknown) => e)) as CodedError;
    expect(err.code).toBe(INSERT_FAILED);
    expect(err.message).toContain("AccessDenied");
    expect(workbookState(fake)).toBe(before);
  });

  it("if removing fails too, the error says which sheets to delete by hand", async () => {
    const { fake } = await prepared();
    let failures = 0;
    fake.failOperation(new FakeOfficeError("Conflict", "A conflict."), (op) => op.name === "protect" && ++failures === 1);
    const original = fake.run;
    let runs = 0;
    const flaky = createExcelWorkspace({ run: (batch, previous) => (++runs === 2 ? Promise.reject(new FakeOfficeError("GeneralException", "Excel is busy.")) : original(batch, previous)), requirements: fake.requirements });
    const err = (await flaky.insertSpec(spec).catch((e: unknown) => e)) as CodedError;
    expect(err.code).toBe(INSERT_FAILED);
    expect(err.message).toContain("Removing what it had added failed too");
    expect(err.message).toContain("Excel is busy.");
    expect(err.message).toContain(`'${spec.sheets[0]?.name ?? ""}'`);
  });
});
