import { cellAddress, columnIndex, columnLetters } from "../core/grid/grid";
import type { CellAddress, RangeAddress } from "../core/template/spec";
import { CodedError } from "../core/errors/coded-error";
import { BAD_ADDRESS } from "./codes";

/** A1 addresses for Office.js ranges, from the spec's zero-based coordinates. */

export { columnLetters };

/** "B3" for one cell, "B3:D9" for a rectangle. */
export function rangeA1(r: RangeAddress): string {
  const a = cellAddress(r.top, r.left);
  const b = cellAddress(r.bottom, r.right);
  return a === b ? a : `${a}:${b}`;
}

/** "C:E": whole columns, for widths. */
export function columnsA1(left: number, right: number): string {
  return `${columnLetters(left)}:${columnLetters(right)}`;
}

/** "$14:$15": whole rows, for print titles. */
export function rowsA1(first: number, last: number): string {
  return `$${first + 1}:$${last + 1}`;
}

/** Zero-based row and column of an A1 cell address ("$B$3" too); throws a coded error otherwise. */
export function parseCell(cell: string, sheet?: string): CellAddress {
  const m = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(cell.trim());
  if (!m?.[1] || !m[2]) throw new CodedError(BAD_ADDRESS, `'${cell}' is not a cell address such as B3`, { ...(sheet ? { sheet } : {}), cell });
  return { row: Number(m[2]) - 1, col: columnIndex(m[1]) };
}
