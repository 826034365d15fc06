import { capabilities } from "../../src/excel/capabilities";
import { gridsFromSpec } from "../../src/core/grid/from-spec";
import { cellAddress, SheetGrid as SheetGridClass, type SheetGrid } from "../../src/core/grid/grid";
import { readTemplateMeta } from "../../src/core/template/read-template";
import { serialToIsoDay } from "../../src/core/grid/excel-date";
import type { CellValue, WorkbookSpec } from "../../src/core/template/spec";
import type { SheetInput } from "../../src/core/validation/validate-sheet";
import { validateWorkbook } from "../../src/core/validation/validate-workbook";
import { READ_FAILED } from "../../src/excel/codes";
import { cellValue, HEADER_BLOCK, readSheets, type ExcelSheetInput } from "../../src/excel/read-sheets";
import { applyEdits, carriedCycle, catalogue, fillAll, locate, templateSpec, type Edit } from "../support/returns";
import { CARRIED_SHEET, isCarriedSheet } from "../../src/core/cycles/carried";
import { LISTS_SHEET } from "../../src/core/template/layout";
import { createExcelWorkspace } from "../../src/excel/excel-workspace";
import { FakeExcel, FakeOfficeError, isoToSerial } from "./fake-excel";
import { setup } from "./fixture";

/**
 * What a file reader would see: the spec's grids with the edits applied, and the details of a
 * freshly written template (its own merged cells, nothing else).
 */
function expectedInputs(specs: readonly WorkbookSpec[], edits: readonly Edit[], hidden: ReadonlyMap<string, ReadonlySet<number>> = new Map()): SheetInput[] {
  const grids: SheetGrid[] = applyEdits(specs.flatMap(gridsFromSpec), edits);
  const merges = new Map(specs.flatMap((s) => s.sheets.map((sheet) => [sheet.name, sheet.merges] as const)));
  return grids.map((grid) => ({
    grid,
    hiddenColumns: hidden.get(grid.name) ?? new Set(),
    details: { formulas: new Map(), errors: new Map(), links: new Map(), comments: new Map(), merges: [...(merges.get(grid.name) ?? [])] },
    date1904: false,
  }));
}

/** The sheet named, or a failing test. */
function sheetNamed(sheets: readonly SheetInput[], name: string): ExcelSheetInput {
  const s = sheets.find((x) => x.grid.name === name);
  if (!s) throw new Error(`no sheet '${name}' read`);
  return s as ExcelSheetInput;
}

/** A fresh fake workbook holding one Prague 2012 template for Austria, read through readSheets itself. */
async function pragueWorkbook(excelApi = "1.19"): Promise<{ fake: FakeExcel; name: string; at: (ref: string, header: string) => { sheet: string; row: number; col: number } }> {
  const { fake, workspace } = setup();
  fake.excelApi = excelApi;
  const prague = templateSpec("prague-ap-2012", "AT");
  // Inserting needs no API above 1.9, so the template goes in on any level.
  await workspace.insertSpec(prague.spec);
  const name = prague.spec.sheets[0]?.name ?? "";
  fake.reset();
  return { fake, name, at: (ref, header) => locate(prague.spec, prague.framework, 0, ref, header) };
}

async function typeAll(fake: FakeExcel, edits: readonly Edit[]): Promise<void> {
  for (const e of edits) {
    const v: CellValue = e.value;
    if (v === null) continue;
    await fake.type(e.sheet, e.row, e.col, v);
  }
}

describe("readSheets", () => {
  it("reads a workbook of several template sheets in ≤ 3 syncs, hidden sheets and empty sheets included; cell properties only of template sheets", async () => {
    const { fake, workspace } = setup();
    fake.addSheet("empty");
    await workspace.insertSpec(templateSpec("pact-2008", "BE").spec);
    await workspace.insertSpec(templateSpec("prague-ap-2023", "UA").spec);
    fake.reset();
    const sheets = await workspace.readSheets();
    expect(fake.syncCount).toBeLessThanOrEqual(3);
    const asked = (name: string): string[] => fake.operations.filter((op) => op.name === name).map((op) => op.path);
    // Three template sheets: the user's sheets and the list sheets cost no cell properties.
    expect(asked("getCellProperties")).toHaveLength(3);
    expect(asked("getMergedAreasOrNullObject")).toHaveLength(3);
    expect(asked("getCellProperties").some((path) => path.includes(JSON.stringify(fake.sheet("Sheet1").id)))).toBe(false);
    expect(sheets.map((s) => [s.grid.name, s.grid.hidden])).toEqual([
      ["Sheet1", false],
      ["empty", false],
      ["pact-2008 BE report", false],
      ["pact-2008 BE factual", false],
      ["pt_lists", true],
      ["prague-ap-2023 UA actions", false],
      ["pt_lists (2)", true],
    ]);
    expect(sheets[1]?.grid.rowCount).toBe(0);
    expect(sheets[0]?.grid.get(1, 1)).toBe(42);
  });

  it("reads only the named sheets when asked (live mode), still in ≤ 3 syncs", async () => {
    const { fake, workspace } = setup();
    await workspace.insertSpec(templateSpec("pact-2008", "BE").spec);
    fake.reset();
    const sheets = await workspace.readSheets(["pact-2008 BE factual", "pt_acknowledgements"]);
    expect(fake.syncCount).toBeLessThanOrEqual(3);
    expect(sheets.map((s) => s.grid.name)).toEqual(["pact-2008 BE factual"]);
    expect(fake.operations.filter((op) => op.name === "getCellProperties")).toHaveLength(1);
  });

  it("reads each carried sheet whole, as the acknowledgements (the validator needs every row of what was carried), without cell properties", async () => {
    const { fake, workspace } = setup();
    const be = catalogue.party(catalogue.framework("pact-2008"), "BE");
    const { spec } = templateSpec("pact-2008", "BE", "initial", "2026", carriedCycle(catalogue.framework("pact-2008"), be));
    await workspace.insertSpec(spec);
    fake.addSheet("pt_carried notes", { A1: "ours" });
    fake.addBulkSheet("Data", 400, 3, (row, col) => row * 10 + col);
    fake.reset();
    const sheets = await workspace.readSheets();
    const carried = gridsFromSpec(spec).find((g) => g.name === CARRIED_SHEET);
    if (!carried) throw new Error("no carried sheet in the spec");
    expect(carried.rowCount).toBeGreaterThan(HEADER_BLOCK.rows);
    const read = sheetNamed(sheets, CARRIED_SHEET);
    expect([read.extent, read.grid.hidden, [...read.grid.cells()]]).toEqual([undefined, true, [...carried.cells()]]);
    // Told by name as the validator tells them (isCarriedSheet); the user's other sheets and the lists by their header block.
    expect(sheetNamed(sheets, "pt_carried notes").extent).toBe(isCarriedSheet("pt_carried notes") ? undefined : "header");
    expect([sheetNamed(sheets, "Data").extent, sheetNamed(sheets, LISTS_SHEET).extent]).toEqual(["header", "header"]);
    // Cell properties, merges and comments are asked of the two template sheets only.
    expect(fake.operations.filter((op) => op.name === "getCellProperties")).toHaveLength(2);
    expect(fake.operations.filter((op) => op.name === "getMergedAreasOrNullObject")).toHaveLength(2);
  });

  it("a workbook without template sheets takes two syncs and no cell properties", async () => {
    const { fake, workspace } = setup();
    fake.reset();
    const [own] = await workspace.readSheets();
    expect(fake.syncCount).toBe(2);
    expect(fake.operations.some((op) => op.name === "getCellProperties" || op.name === "getMergedAreasOrNullObject")).toBe(false);
    // Values, formulas and errors are read on every sheet; the rest is asked of template sheets only.
    expect((own as ExcelSheetInput).details).toEqual({ formulas: new Map(), errors: new Map(), links: new Map(), comments: new Map(), merges: [] });
  });

  it("round trip: a filled template validates exactly as the same values from the spec's grids", async () => {
    const { fake, workspace } = setup();
    const pact = templateSpec("pact-2008", "BE");
    const prague = templateSpec("prague-ap-2012", "AT");
    await workspace.insertSpec(pact.spec);
    await workspace.insertSpec(prague.spec);
    const edits = [...fillAll(pact.spec, pact.framework, pact.party), ...fillAll(prague.spec, prague.framework, prague.party)];
    // Slips the validator reports, so the comparison has findings to compare.
    const at = (ref: string, header: string) => locate(prague.spec, prague.framework, 0, ref, header);
    const slips: Edit[] = [
      { ...at("I.1", "Status"), value: "Ongoing " },
      { ...at("I.2", "Status"), value: "started" },
      { ...at("I.1", "Start date"), value: "31/02/2013" },
      { ...at("I.2", "End date"), value: { date: "2030-01-01" } },
      { ...at("I.3", "Start date"), value: { date: "2016-06-01" } },
      { ...at("I.3", "End date"), value: { date: "2013-01-31" } },
      { ...at("II.1", "Activities undertaken"), value: "=this stays text" },
      { ...at("II.1", "Participation"), value: "no" },
    ];
    const all = [...edits.filter((e) => !slips.some((s) => s.sheet === e.sheet && s.row === e.row && s.col === e.col)), ...slips];
    await typeAll(fake, all);
    const read = await workspace.readSheets();
    const got = validateWorkbook(read, catalogue);
    const want = validateWorkbook(expectedInputs([pact.spec, prague.spec], all), catalogue);
    expect(got.findings.map((f) => f.code).sort()).toEqual(["PT-CONT-002", "PT-CONT-003", "PT-CONT-004", "PT-CONT-005", "PT-CONT-006", "PT-CONT-008"]);
    expect(got.findings).toEqual(want.findings);
    expect(got.contributions.map((c) => [...c.entries])).toEqual(want.contributions.map((c) => [...c.entries]));
    // The details too: the template's own merges, and "=this stays text" (a text cell) is no formula.
    for (const w of expectedInputs([pact.spec, prague.spec], all)) {
      const r = sheetNamed(read, w.grid.name);
      expect({ sheet: w.grid.name, details: r.details, date1904: r.date1904, unread: r.unread }).toEqual({ sheet: w.grid.name, details: w.details, date1904: false, unread: undefined });
    }
  });

  it("a formula: its cached value in the grid, its text in the details", async () => {
    const { fake, name, at } = await pragueWorkbook();
    const cell = at("II.1", "Activities undertaken");
    const address = cellAddress(cell.row, cell.col);
    fake.setFormula(name, address, '=CONCAT("Joint"," training")', "Joint training");
    const s = sheetNamed(await readSheets(fake.run, fake.capabilities), name);
    expect(s.grid.get(cell.row, cell.col)).toBe("Joint training");
    expect([...s.details.formulas]).toEqual([[address, '=CONCAT("Joint"," training")']]);
    expect([...s.details.errors]).toEqual([]);
  });

  it("a formula whose cached value is an error: the error text in the grid and in the errors; a typed error too", async () => {
    const { fake, name, at } = await pragueWorkbook();
    const start = at("I.1", "Start date");
    const startAt = cellAddress(start.row, start.col);
    fake.setFormula(name, startAt, "=1/0", "#DIV/0!");
    const status = at("I.2", "Status");
    const statusAt = cellAddress(status.row, status.col);
    // A list cell is not text-formatted: Excel takes a typed "#N/A" as the error value.
    await fake.type(name, status.row, status.col, "#N/A");
    const s = sheetNamed(await readSheets(fake.run, fake.capabilities), name);
    expect(s.grid.get(start.row, start.col)).toBe("#DIV/0!");
    expect(s.grid.get(status.row, status.col)).toBe("#N/A");
    expect(Object.fromEntries(s.details.errors)).toEqual({ [startAt]: "#DIV/0!", [statusAt]: "#N/A" });
    expect(Object.fromEntries(s.details.formulas)).toEqual({ [startAt]: "=1/0" });
  });

  it("hyperlinks: a web address as is, a place in the workbook as '#' and the reference", async () => {
    const { fake, name, at } = await pragueWorkbook();
    const web = at("II.1", "Activities undertaken");
    const inside = at("II.2", "Activities undertaken");
    const webAt = cellAddress(web.row, web.col);
    const insideAt = cellAddress(inside.row, inside.col);
    await fake.type(name, web.row, web.col, "See the report");
    await fake.type(name, inside.row, inside.col, "See my notes");
    fake.setHyperlink(name, webAt, { address: "https://example.org/report", textToDisplay: "See the report" });
    fake.setHyperlink(name, insideAt, { documentReference: "'Sheet1'!A1", textToDisplay: "See my notes" });
    const s = sheetNamed(await readSheets(fake.run, fake.capabilities), name);
    expect(Object.fromEntries(s.details.links)).toEqual({ [webAt]: "https://example.org/report", [insideAt]: "#'Sheet1'!A1" });
    expect(s.grid.get(web.row, web.col)).toBe("See the report");
  });

  it("comments with their replies, and notes, as 'Author: text' by cell", async () => {
    const { fake, name, at } = await pragueWorkbook();
    const a = at("II.1", "Activities undertaken");
    const b = at("II.2", "Activities undertaken");
    const aAt = cellAddress(a.row, a.col);
    const bAt = cellAddress(b.row, b.col);
    fake.addComment(name, aAt, "Anna Berger", "Figures to be confirmed by the ministry", [{ author: "Jan Novak", content: "Confirmed on 3 May" }]);
    // Excel starts a note with its author's name (not repeated); an empty note still says who left it.
    fake.addNote(name, bAt, "Carl Meyer", "Carl Meyer:\nDraft — do not send");
    fake.addNote(name, "J30", "Carl Meyer", "");
    fake.addNote(name, "J31", "", "");
    const s = sheetNamed(await readSheets(fake.run, fake.capabilities), name);
    expect(Object.fromEntries(s.details.comments)).toEqual({
      [aAt]: "Anna Berger: Figures to be confirmed by the ministry\nJan Novak: Confirmed on 3 May",
      [bAt]: "Carl Meyer: Draft — do not send",
      J30: "Carl Meyer:",
    });
    expect(s.unread).toBeUndefined();
  });

  it("merged cells: the template's own and the user's, zero-based and inclusive", async () => {
    const { fake, name } = await pragueWorkbook();
    const own = [...fake.sheet(name).merges];
    fake.mergeCells(name, "E20:F21");
    const s = sheetNamed(await readSheets(fake.run, fake.capabilities), name);
    expect(own.length).toBeGreaterThan(0);
    expect(s.details.merges).toEqual([...own, { top: 19, left: 4, bottom: 20, right: 5 }]);
  });

  it("a 1904 workbook: date-formatted serials are days of the 1904 system, and the sheet says so", async () => {
    const { fake, workspace } = setup();
    fake.workbook.date1904 = true;
    const prague = templateSpec("prague-ap-2012", "AT");
    await workspace.insertSpec(prague.spec);
    const start = locate(prague.spec, prague.framework, 0, "I.3", "Start date");
    const end = locate(prague.spec, prague.framework, 0, "I.3", "End date");
    await fake.type(start.sheet, start.row, start.col, { date: "2016-06-01" });
    await fake.type(end.sheet, end.row, end.col, { date: "2013-01-31" });
    const address = cellAddress(start.row, start.col);
    // Excel keeps the serial of the 1904 system: read as a 1900 date it would be four years early.
    const serial = fake.cell(start.sheet, address)?.value;
    expect(serial).toBe(isoToSerial("2016-06-01", true));
    expect(serialToIsoDay(serial as number, false)).toBe("2012-05-31");
    const read = await workspace.readSheets();
    const s = sheetNamed(read, start.sheet);
    expect(s.date1904).toBe(true);
    expect(s.grid.get(start.row, start.col)).toEqual({ date: "2016-06-01" });
    const edits: Edit[] = [
      { ...start, value: { date: "2016-06-01" } },
      { ...end, value: { date: "2013-01-31" } },
    ];
    expect(validateWorkbook(read, catalogue).findings).toEqual(validateWorkbook(expectedInputs([prague.spec], edits), catalogue).findings);
  });

  it("below ExcelApi 1.13 the reader still reads, and names what it could not (merges, comments, notes)", async () => {
    const { fake, name, at } = await pragueWorkbook("1.9");
    const a = at("II.1", "Activities undertaken");
    const aAt = cellAddress(a.row, a.col);
    fake.addComment(name, aAt, "Anna Berger", "A comment this Excel cannot show");
    await fake.type(name, a.row, a.col, "Linked");
    fake.setHyperlink(name, aAt, { address: "https://example.org" });
    const sheets = await readSheets(fake.run, fake.capabilities);
    const s = sheetNamed(sheets, name);
    expect(s.unread?.map((u) => u.detail)).toEqual(["comments", "notes", "merges"]);
    expect(s.unread?.[2]?.reason).toBe("merged cells need ExcelApi 1.13, which this Excel does not support");
    // ExcelApi 1.9 brings hyperlinks; the rest stays empty, and says so above.
    expect(Object.fromEntries(s.details.links)).toEqual({ [aAt]: "https://example.org" });
    expect(s.details.comments.size).toBe(0);
    expect(s.details.merges).toEqual([]);
    // Non-template sheets carry no marker: nothing beyond values, formulas and errors is read there.
    expect(sheetNamed(sheets, "Sheet1").unread).toBeUndefined();
  });

  it("the workspace passes Office's requirements to the reader", async () => {
    const { fake, name } = await pragueWorkbook("1.9");
    const workspace = createExcelWorkspace({ run: fake.run, requirements: fake.requirements });
    const s = sheetNamed(await workspace.readSheets(), name);
    expect(s.unread?.map((u) => u.detail)).toEqual(["comments", "notes", "merges"]);
  });

    it("at ExcelApi 1.13 merges and comments are read, notes (1.18) are named as unread", async () => {
    const { fake, name } = await pragueWorkbook("1.13");
    fake.mergeCells(name, "E20:F20");
    const s = sheetNamed(await readSheets(fake.run, fake.capabilities), name);
    expect(s.unread?.map((u) => u.detail)).toEqual(["notes"]);
    expect(s.details.merges).toContainEqual({ top: 19, left: 4, bottom: 19, right: 5 });
  });

  it("an Excel that lacks an API fails the read with its own message when asked for it anyway (the fake is as strict as Excel)", async () => {
    const { fake } = await pragueWorkbook("1.12");
    const claimsAll = capabilities({ isSetSupported: () => true });
    await expect(readSheets(fake.run, claimsAll)).rejects.toMatchObject({ code: READ_FAILED, message: expect.stringContaining("ApiNotFound") });
  });

  it("reports hidden columns, so text typed there is found as hidden", async () => {
    const { fake, workspace } = setup();
    const { spec } = templateSpec("emn-ahq-2010", "BE");
    await workspace.insertSpec(spec);
    const name = spec.sheets[0]?.name ?? "";
    // A user lifts the (password-less) protection, types beside the table and hides the column.
    fake.sheet(name).protection = { protected: false, options: {} };
    fake.sheet(name).hiddenColumns.add(9);
    await fake.type(name, 20, 9, "tucked away");
    const read = await workspace.readSheets();
    expect([...(read.find((s) => s.grid.name === name)?.hiddenColumns ?? [])]).toEqual([9]);
    const got = validateWorkbook(read, catalogue);
    const want = validateWorkbook(expectedInputs([spec], [{ sheet: name, row: 20, col: 9, value: "tucked away" }], new Map([[name, new Set([9])]])), catalogue);
    expect(got.findings).toEqual(want.findings);
    expect(got.findings.some((f) => f.code === "PT-STRUCT-010")).toBe(true);
  });

  it("turns date serials into days only in date-formatted cells, in the workbook's date system", () => {
    expect(cellValue(46112, "yyyy-mm-dd")).toEqual({ date: "2026-03-31" });
    expect(cellValue(46112, "yyyy-mm-dd", true)).toEqual({ date: "2030-04-01" });
    expect(cellValue(0, "yyyy-mm-dd", true)).toEqual({ date: "1904-01-01" });
    expect(cellValue(46112, "General")).toBe(46112);
    expect(cellValue(46112, "0")).toBe(46112);
    expect(cellValue("", "@")).toBeNull();
    expect(cellValue("=SUM(1)", "@")).toBe("=SUM(1)");
    expect(cellValue(true, "General")).toBe(true);
  });

  it("a failing read rejects with the Office message, coded", async () => {
    const { fake, workspace } = setup();
    fake.failSync(new FakeOfficeError("GeneralException", "The request payload size has exceeded the limit."), 1);
    await expect(workspace.readSheets()).rejects.toMatchObject({ code: READ_FAILED, message: expect.stringContaining("payload size has exceeded") });
  });

  it("the header block covers every row the validator looks at for a template's labels, and no more", () => {
    const [grid] = gridsFromSpec(templateSpec("emn-ahq-2010", "BE").spec);
    if (!grid) throw new Error("no grid");
    const shifted = (by: number): SheetGrid => {
      const g = new SheetGridClass(grid.name);
      for (const c of grid.cells()) if (c.col < HEADER_BLOCK.cols) g.set(c.row + by, c.col, c.value);
      return g;
    };
    // The "Template" label sits in row 1; moved down until it sits in the block's last row, it is still found.
    expect(readTemplateMeta(shifted(HEADER_BLOCK.rows - 2))).toBeDefined();
    expect(readTemplateMeta(shifted(HEADER_BLOCK.rows - 1))).toBeUndefined();
  });
});
