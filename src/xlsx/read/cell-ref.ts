/**
 * A1-style references to zero-based positions, checked against Excel's grid. Parsed by hand:
 * this runs once per cell of every sheet.
 */

/** Excel's grid: 1,048,576 rows × 16,384 columns (A1:XFD1048576). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLS = 16_384;

export type RefResult = { readonly row: number; readonly col: number } | "malformed" | "outside";

export function parseCellRef(ref: string): RefResult {
  let i = 0;
  let col = 0;
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) & ~0x20; // fold a–z to A–Z
    if (c < 65 || c > 90) break;
    if (i < 4) col = col * 26 + (c - 64);
  }
  if (i === 0) return "malformed";
  const row = parseRowNumber(ref, i);
  if (row === "malformed") return row;
  if (row === "outside" || i > 3 || col > MAX_COLS) return "outside";
  return { row, col: col - 1 };
}

/** A 1-based row number in `s` from `from` to the end, as a zero-based row. */
export function parseRowNumber(s: string, from = 0): number | "malformed" | "outside" {
  if (from >= s.length) return "malformed";
  let row = 0;
  for (let i = from; i < s.length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return "malformed";
    if (row <= MAX_ROWS) row = row * 10 + d; // stop growing once outside: no overflow on long input
  }
  if (row === 0) return "malformed";
  if (row > MAX_ROWS) return "outside";
  return row - 1;
}

export type RangeResult = { readonly top: number; readonly left: number; readonly bottom: number; readonly right: number } | "malformed" | "outside";

/**
 * "B2:D5" (or one cell, "B2") as a zero-based inclusive range. Corners given the other way
 * round are put in order, as Excel does. Whole rows or columns ("A:A") are never written in the
 * places this reads (merges, hyperlinks), so they are malformed here.
 */
export function parseRangeRef(ref: string): RangeResult {
  const colon = ref.indexOf(":");
  if (colon !== ref.lastIndexOf(":")) return "malformed";
  const first = parseCellRef(colon < 0 ? ref : ref.slice(0, colon));
  const last = colon < 0 ? first : parseCellRef(ref.slice(colon + 1));
  if (first === "malformed" || last === "malformed") return "malformed";
  if (first === "outside" || last === "outside") return "outside";
  return {
    top: Math.min(first.row, last.row),
    left: Math.min(first.col, last.col),
    bottom: Math.max(first.row, last.row),
    right: Math.max(first.col, last.col),
  };
}
