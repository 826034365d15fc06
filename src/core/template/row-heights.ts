import type { CellSpec, RangeAddress } from "./spec";
import { STYLES } from "./styles";

/**
 * Row heights for wrapped text. Neither Excel nor LibreOffice re-measures rows when opening a
 * file, so without a height a long commitment shows as one clipped line. The estimate counts
 * wrapped lines from the column width: generous rather than tight.
 */

const POINTS_PER_LINE = 13;
const PADDING = 3;
/** Excel's largest row height. */
const MAX_HEIGHT = 409;
/** Characters of 10-point text per unit of column width. */
const CHARS_PER_WIDTH = 1.15;

export function estimateRowHeights(cells: readonly CellSpec[], columnWidths: readonly number[], merges: readonly RangeAddress[]): Map<number, number> {
  const mergedWidth = new Map<string, number>();
  for (const m of merges) {
    let w = 0;
    for (let c = m.left; c <= m.right; c++) w += columnWidths[c] ?? 10;
    mergedWidth.set(`${m.top}:${m.left}`, w);
  }
  const heights = new Map<number, number>();
  for (const c of cells) {
    if (typeof c.value !== "string" || !STYLES[c.style].wrap) continue;
    const width = mergedWidth.get(`${c.row}:${c.col}`) ?? columnWidths[c.col] ?? 10;
    const perLine = Math.max(1, Math.floor(width * CHARS_PER_WIDTH));
    if (c.value.length <= perLine && !c.value.includes("\n")) continue;
    const lines = c.value.split("\n").reduce((n, seg) => n + Math.max(1, Math.ceil(seg.length / perLine)), 0);
    if (lines <= 1) continue;
    const h = Math.min(MAX_HEIGHT, lines * POINTS_PER_LINE + PADDING);
    if (h > (heights.get(c.row) ?? 0)) heights.set(c.row, h);
  }
  return heights;
}
