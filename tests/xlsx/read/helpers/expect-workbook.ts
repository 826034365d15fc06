import { cellAddress, type SheetGrid } from "../../../../src/core/grid/grid";
import type { CellValue } from "../../../../src/core/template/spec";
import type { ReadWorkbook } from "../../../../src/xlsx/read/read-workbook";
import type { ExpectedSheet } from "./returns";

/** The grid as "A1" → value, for whole-sheet comparisons with readable diffs. */
export function cellsOf(grid: SheetGrid): Map<string, CellValue> {
  const out = new Map<string, CellValue>();
  for (const { row, col, value } of grid.cells()) out.set(cellAddress(row, col), value);
  return out;
}

export function expectSheets(wb: ReadWorkbook, expected: readonly ExpectedSheet[]): void {
  expect(wb.sheets.map((s) => [s.grid.name, s.state, s.grid.hidden])).toEqual(expected.map((e) => [e.name, e.state, e.state !== "visible"]));
  expected.forEach((e, i) => {
    const sheet = wb.sheets[i];
    if (!sheet) throw new Error(`sheet ${i} missing`);
    expect(Object.fromEntries(cellsOf(sheet.grid))).toEqual(Object.fromEntries(e.cells));
    expect([...sheet.hiddenColumns].sort((a, b) => a - b)).toEqual(e.hiddenColumns);
    expect([...sheet.hiddenRows].sort((a, b) => a - b)).toEqual(e.hiddenRows);
  });
}
