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
