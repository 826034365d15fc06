import { SheetGrid } from "../../core/grid/grid";
import type { CellValue } from "../../core/template/spec";
import type { SheetInput } from "../../core/validation/validate-sheet";

/**
 * A sheet as plain data: SheetGrid is a class, and a class loses its methods when posted to a
 * worker, so the pane flattens the workbook's grids and the worker rebuilds them.
 */
export interface PlainSheet {
  readonly name: string;
  readonly hidden: boolean;
  readonly cells: readonly (readonly [row: number, col: number, value: CellValue])[];
  readonly hiddenColumns: readonly number[];
}

export function toPlainSheet(input: SheetInput): PlainSheet {
  return {
    name: input.grid.name,
    hidden: input.grid.hidden,
    cells: [...input.grid.cells()].map((c) => [c.row, c.col, c.value] as const),
    hiddenColumns: [...(input.hiddenColumns ?? [])],
  };
}

export function fromPlainSheet(sheet: PlainSheet): SheetInput {
  const grid = new SheetGrid(sheet.name, sheet.hidden);
  for (const [row, col, value] of sheet.cells) grid.set(row, col, value);
  return { grid, hiddenColumns: new Set(sheet.hiddenColumns) };
}
