import { gridsFromSpec } from "../../src/core/grid/from-spec";
import type { SheetGrid } from "../../src/core/grid/grid";
import type { CellValue, WorkbookSpec } from "../../src/core/template/spec";
import type { SheetInput } from "../../src/core/validation/validate-sheet";
import { validateWorkbook } from "../../src/core/validation/validate-workbook";
import { READ_FAILED } from "../../src/excel/codes";
import { cellValue } from "../../src/excel/read-sheets";
import { applyEdits, catalogue, fillAll, locate, templateSpec, type Edit } from "../support/returns";
import { FakeOfficeError, type FakeExcel } from "./fake-excel";
import { setup } from "./fixture";

/** What a file reader would see: the spec's grids with the edits applied. */
function expectedInputs(specs: readonly WorkbookSpec[], edits: readonly Edit[], hidden: ReadonlyMap<string, ReadonlySet<number>> = new Map()): SheetInput[] {
  const grids: SheetGrid[] = applyEdits(specs.flatMap(gridsFromSpec), edits);
  return grids.map((grid) => ({ grid, hiddenColumns: hidden.get(grid.name) ?? new Set() }));
}

async function typeAll(fake: FakeExcel, edits: readonly Edit[]): Promise<void> {
  for (const e of edits) {
    const v: CellValue = e.value;
    if (v === null) continue;
    await fake.type(e.sheet, e.row, e.col, v);
  }
}

describe("readSheets", () => {
  it("reads a workbook of several template sheets in ≤ 2 syncs, hidden sheets and empty sheets included", async () => {
    const { fake, workspace } = setup();
    fake.addSheet("empty");
    await workspace.insertSpec(templateSpec("pact-2008", "BE").spec);
    await workspace.insertSpec(templateSpec("prague-ap-2023", "UA").spec);
    fake.reset();
    const sheets = await workspace.readSheets();
    expect(fake.syncCount).toBeLessThanOrEqual(2);
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

  it("reads only the named sheets when asked (live mode), still in ≤ 2 syncs", async () => {
    const { fake, workspace } = setup();
    await workspace.insertSpec(templateSpec("pact-2008", "BE").spec);
    fake.reset();
    const sheets = await workspace.readSheets(["pact-2008 BE factual", "pt_acknowledgements"]);
    expect(fake.syncCount).toBeLessThanOrEqual(2);
    expect(sheets.map((s) => s.grid.name)).toEqual(["pact-2008 BE factual"]);
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

  it("turns date serials into days only in date-formatted cells", () => {
    expect(cellValue(46112, "yyyy-mm-dd")).toEqual({ date: "2026-03-31" });
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
});
