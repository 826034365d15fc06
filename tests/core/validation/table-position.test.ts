import { SheetGrid } from "../../../src/core/grid/grid";
import { validateWorkbook } from "../../../src/core/validation/validate-workbook";
import { TABLE_HEADER_ROW } from "../../../src/core/template/layout";
import { catalogue, fillAll, gridsWith, templateSpec } from "../../support/returns";

/** Every cell at or below `at` one row down, as Excel's "Insert row" does. */
function insertRow(grid: SheetGrid, at: number): SheetGrid {
  const out = new SheetGrid(grid.name, grid.hidden);
  for (const c of grid.cells()) out.set(c.row >= at ? c.row + 1 : c.row, c.col, c.value);
  return out;
}

const entriesOf = (v: ReturnType<typeof validateWorkbook>): number => v.contributions.reduce((n, c) => n + [...c.entries.values()].reduce((m, e) => m + Object.values(e).filter((x) => x !== null).length, 0), 0);

describe.each(catalogue.frameworks.map((f) => [f.id] as const))("a %s return with rows inserted", (id) => {
  const party = catalogue.partiesOf(catalogue.framework(id))[0]?.code ?? "";
  const { spec, framework, party: p } = templateSpec(id, party);
  const grids = gridsWith(spec, fillAll(spec, framework, p));
  const whole = validateWorkbook(grids.map((grid) => ({ grid })), catalogue);

  it.each([
    ["above the table", TABLE_HEADER_ROW],
    ["above everything", 0],
    ["two, above the table", -1],
  ])("%s: the table is found by its headings and every entry is read, with no finding", (_what, at) => {
    const moved = grids.map((g) => (g.name === "pt_lists" ? g : at === -1 ? insertRow(insertRow(g, TABLE_HEADER_ROW), TABLE_HEADER_ROW) : insertRow(g, at)));
    const v = validateWorkbook(moved.map((grid) => ({ grid })), catalogue);
    expect(v.findings).toEqual([]);
    expect(entriesOf(v)).toBe(entriesOf(whole));
    expect(entriesOf(v)).toBeGreaterThan(0);
  });

  it("names what is typed in a row inserted above the table, and still reads every entry", () => {
    const moved = grids.map((g) => {
      if (g.name === "pt_lists") return g;
      const m = insertRow(g, TABLE_HEADER_ROW);
      m.set(TABLE_HEADER_ROW, 1, "see the annex for figures");
      return m;
    });
    const v = validateWorkbook(moved.map((grid) => ({ grid })), catalogue);
    expect(v.findings.filter((f) => f.code === "PT-STRUCT-009" && f.cell === `B${TABLE_HEADER_ROW + 1}`).length).toBe(moved.length - 1);
    expect(entriesOf(v)).toBe(entriesOf(whole));
  });
});
