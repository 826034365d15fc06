import type { WorkbookSpec } from "../template/spec";
import { SheetGrid } from "./grid";

/** The values a spec puts in each sheet, as grids: what a reader of the written file would see. */
export function gridsFromSpec(spec: WorkbookSpec): SheetGrid[] {
  return spec.sheets.map((sheet) => {
    const grid = new SheetGrid(sheet.name, sheet.hidden);
    for (const c of sheet.cells) grid.set(c.row, c.col, c.value);
    return grid;
  });
}
