import { cellAddress, cellAt, type SheetGrid } from "../grid/grid";
import type { SheetDetails } from "../grid/sheet-details";
import { valueText } from "./entry-values";
import type { FindingSink } from "./finding-sink";

/*
 * Rules on what the values alone do not show: formulas, links and comments outside entry cells,
 * cells the file gives twice, merged ranges.
 */

const NOTE_WHAT: Readonly<Record<"formulas" | "links" | "comments", string>> = { formulas: "formula", links: "link", comments: "comment" };

/**
 * A formula, link or comment anywhere but an entry cell is not carried into the report: say so,
 * so that nothing a party wrote vanishes without a word. (Cached errors outside entry cells are
 * values, and the value rules already name them.)
 */
export function checkDetailsElsewhere(details: SheetDetails, accounted: ReadonlySet<string>, sink: FindingSink): void {
  for (const kind of ["formulas", "links", "comments"] as const) {
    for (const [a1, text] of details[kind]) {
      if (accounted.has(a1)) continue;
      const { row, col } = cellAt(a1);
      sink.add("PT-CONT-016", { what: NOTE_WHAT[kind], cell: a1, text: text.slice(0, 80) }, { row, col });
    }
  }
}

/** A cell the file gives more than once: which value a reader shows differs between programs, so it is named. */
export function checkDuplicates(grid: SheetGrid, details: SheetDetails, sink: FindingSink): void {
  for (const [a1, earlier] of details.duplicates ?? []) {
    const { row, col } = cellAt(a1);
    const last = grid.text(row, col);
    sink.add("PT-STRUCT-021", { cell: a1, values: [...earlier, last].map((v) => `'${v.slice(0, 40)}'`).join(", then "), value: last.slice(0, 60) }, { row, col });
  }
}

/** Excel shows only the top-left cell of a merged range: any other value in it is hidden from the reader. */
export function checkMerges(grid: SheetGrid, details: SheetDetails, sink: FindingSink): void {
  for (const m of details.merges) {
    const range = `${cellAddress(m.top, m.left)}:${cellAddress(m.bottom, m.right)}`;
    const hidden = [...grid.cellsIn(m)].filter((c) => c.row !== m.top || c.col !== m.left).sort((a, b) => a.row - b.row || a.col - b.col);
    for (const c of hidden) sink.add("PT-STRUCT-016", { range, cell: cellAddress(c.row, c.col), value: valueText(c.value).slice(0, 60) }, { row: c.row, col: c.col });
  }
}
