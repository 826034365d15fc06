import type { CellValue } from "../template/spec";

/**
 * The neutral model of one sheet's values, shared by the file reader, the Office.js reader,
 * validation and consolidation. Rows and columns are zero-based; empty cells are absent.
 */
export class SheetGrid {
  private readonly rows = new Map<number, Map<number, CellValue>>();
  private maxRow = -1;
  private maxCol = -1;

  constructor(
    readonly name: string,
    readonly hidden = false,
  ) {}

  set(row: number, col: number, value: CellValue): void {
    if (value === null || value === "") {
      this.rows.get(row)?.delete(col);
      return;
    }
    let r = this.rows.get(row);
    if (!r) {
      r = new Map();
      this.rows.set(row, r);
    }
    r.set(col, value);
    if (row > this.maxRow) this.maxRow = row;
    if (col > this.maxCol) this.maxCol = col;
  }

  get(row: number, col: number): CellValue {
    return this.rows.get(row)?.get(col) ?? null;
  }

  /** The cell as text: what a user sees, for comparisons and messages. */
  text(row: number, col: number): string {
    const v = this.get(row, col);
    if (v === null) return "";
    if (typeof v === "object") return v.date;
    return String(v);
  }

  /** One past the last row/column holding a value. */
  get rowCount(): number {
    return this.maxRow + 1;
  }

  get colCount(): number {
    return this.maxCol + 1;
  }

  /** Non-empty cells inside a range, in no particular order: visits only the rows that hold values. */
  *cellsIn(range: { top: number; left: number; bottom: number; right: number }): Generator<{ row: number; col: number; value: CellValue }> {
    // A range of a few rows (a merged heading) is looked up row by row, not by visiting every row.
    if (range.bottom - range.top < this.rows.size) {
      for (let row = range.top; row <= range.bottom; row++) {
        const r = this.rows.get(row);
        if (r) for (const [col, value] of r) if (col >= range.left && col <= range.right) yield { row, col, value };
      }
      return;
    }
    for (const [row, r] of this.rows) {
      if (row < range.top || row > range.bottom) continue;
      for (const [col, value] of r) if (col >= range.left && col <= range.right) yield { row, col, value };
    }
  }

  /**
   * The rows from `first` down that hold values, in order, each with its cells in column order:
   * the grid's own rows where they are in order already (as readers add them), no copy per cell.
   */
  rowsFrom(first: number): { readonly row: number; readonly cells: ReadonlyMap<number, CellValue> }[] {
    const out: { row: number; cells: ReadonlyMap<number, CellValue> }[] = [];
    for (const [row, r] of this.rows) if (row >= first && r.size > 0) out.push({ row, cells: inColumnOrder(r) });
    return out.sort((a, b) => a.row - b.row);
  }

  /** Non-empty cells in row-major order. */
  *cells(): Generator<{ row: number; col: number; value: CellValue }> {
    const rowIdx = [...this.rows.keys()].sort((a, b) => a - b);
    for (const row of rowIdx) {
      const r = this.rows.get(row);
      if (!r) continue;
      for (const col of [...r.keys()].sort((a, b) => a - b)) {
        const value = r.get(col);
        if (value !== undefined) yield { row, col, value };
      }
    }
  }
}

function inColumnOrder(r: ReadonlyMap<number, CellValue>): ReadonlyMap<number, CellValue> {
  let last = -1;
  for (const col of r.keys()) {
    if (col < last) return new Map([...r].sort(([a], [b]) => a - b));
    last = col;
  }
  return r;
}

/** Column letters from a zero-based index (0 → "A", 26 → "AA"). */
export function columnLetters(col: number): string {
  let letters = "";
  let c = col + 1;
  while (c > 0) {
    const rem = (c - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    c = Math.floor((c - 1) / 26);
  }
  return letters;
}

/** "A1" from zero-based row and column. */
export function cellAddress(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** Zero-based column index from letters ("A" → 0, "AA" → 26). */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** Zero-based row and column of an A1 address as the details maps key them ("B11"); A1 where it is not one. */
export function cellAt(a1: string): { row: number; col: number } {
  const m = /^([A-Z]+)(\d+)$/.exec(a1);
  return m?.[1] && m[2] ? { row: Number(m[2]) - 1, col: columnIndex(m[1]) } : { row: 0, col: 0 };
}
