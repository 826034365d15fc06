import type { SheetGrid } from "../../../src/core/grid/grid";

/** One row of a report's Changes sheet, by its headings: the earlier and this cycle's values last. */
export interface ChangeRow {
  readonly ref: string;
  readonly code: string;
  readonly change: string;
  readonly column: string;
  readonly then: string;
  readonly now: string;
}

/**
 * The body of a Changes sheet read back from a report, its columns found by their headings (Ref,
 * Code, Change, Column, then the two cycles): what a reader of the report sees, row by row.
 */
export function changeRowsOf(sheet: SheetGrid): ChangeRow[] {
  const headingRow = [...Array(sheet.rowCount).keys()].find((r) => sheet.text(r, 0) === "Ref");
  if (headingRow === undefined) throw new Error(`no heading row on ${sheet.name}`);
  const headings = [...Array(sheet.colCount).keys()].map((c) => sheet.text(headingRow, c));
  const at = (name: string): number => headings.indexOf(name);
  const cycles = headings.map((h, c) => (h.startsWith("Cycle ") ? c : -1)).filter((c) => c >= 0);
  const [thenCol = -1, nowCol = -1] = cycles;
  const rows: ChangeRow[] = [];
  for (let r = headingRow + 1; r < sheet.rowCount; r++) {
    const change = sheet.text(r, at("Change"));
    if (!change) continue;
    rows.push({ ref: sheet.text(r, at("Ref")), code: sheet.text(r, at("Code")), change, column: sheet.text(r, at("Column")), then: sheet.text(r, thenCol), now: sheet.text(r, nowCol) });
  }
  return rows;
}
