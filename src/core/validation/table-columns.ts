import { columnLetters, type SheetGrid } from "../grid/grid";
import { TABLE_HEADER_ROW, type TableColumn } from "../template/layout";
import type { FindingSink } from "./finding-sink";
import { foldKey as fold } from "./typed-text";

/**
 * Finds the template's table columns by their headings, not their position: a column a user
 * inserted, deleted or moved never shifts values under the wrong heading. The reference column
 * stays column A (the header block's labels live there too).
 */

export interface LocatedColumn {
  readonly column: TableColumn;
  /** Where it is on this sheet; undefined when no heading matches (its values are not read). */
  readonly col: number | undefined;
}


export function locateColumns(grid: SheetGrid, columns: readonly TableColumn[], sink: FindingSink, headingRow = TABLE_HEADER_ROW): LocatedColumn[] {
  const headings = new Map<string, number[]>();
  for (let col = 0; col < Math.max(grid.colCount, columns.length); col++) {
    const h = fold(grid.text(headingRow, col));
    if (h) headings.set(h, [...(headings.get(h) ?? []), col]);
  }
  const taken = new Set<number>();
  const take = (col: number): number => {
    taken.add(col);
    return col;
  };
  let furthest = -1;
  const located = columns.map((column, expected): LocatedColumn => {
    const wanted = fold(column.header);
    if (column.kind === "ref") {
      if (fold(grid.text(headingRow, 0)) !== wanted) mismatch(grid, column, expected, sink, headingRow);
      return { column, col: take(0) };
    }
    const candidates = (headings.get(wanted) ?? []).filter((c) => !taken.has(c));
    const col = candidates.includes(expected) ? expected : candidates[0];
    if (col === undefined) {
      mismatch(grid, column, expected, sink, headingRow);
      return { column, col: undefined };
    }
    // Out of the template's order is a move; shifted along by an inserted or deleted column is not.
    if (col < furthest) sink.add("PT-STRUCT-017", { header: column.header, column: columnLetters(col), expected: columnLetters(expected) }, { row: headingRow, col });
    furthest = Math.max(furthest, col);
    return { column, col: take(col) };
  });
  for (let col = 0; col < grid.colCount; col++) {
    const heading = grid.text(headingRow, col);
    if (!taken.has(col) && heading.trim() !== "") sink.add("PT-STRUCT-020", { column: columnLetters(col), value: heading.slice(0, 60) }, { row: headingRow, col });
  }
  return located;
}

function mismatch(grid: SheetGrid, column: TableColumn, expected: number, sink: FindingSink, headingRow: number): void {
  sink.add("PT-STRUCT-013", { column: columnLetters(expected), expected: column.header, value: grid.text(headingRow, expected) }, { row: headingRow, col: expected });
}
