import type { CellStyle } from "../core/template/styles";

/**
 * A style from STYLES applied to an Office.js range, as the package writer (src/xlsx/write) writes it:
 * font (size 10), fill, wrap, vertical alignment, thin grey borders, locked/unlocked.
 */

const BORDER = "#BFBFBF";
export const DEFAULT_FONT_SIZE = 10;

/** Queued property sets per rectangle, for the request-size estimate. */
export function styleOperationCount(style: CellStyle, rows: number, cols: number): number {
  const borders = style.border ? 4 + (rows > 1 ? 1 : 0) + (cols > 1 ? 1 : 0) : 0;
  return 6 + (style.color ? 1 : 0) + (style.fill ? 1 : 0) + borders * 3;
}

/** Border names as strings: the Excel enums exist only where office.js has loaded. */
const EDGES = {
  top: "EdgeTop",
  bottom: "EdgeBottom",
  left: "EdgeLeft",
  right: "EdgeRight",
  insideHorizontal: "InsideHorizontal",
  insideVertical: "InsideVertical",
} as const satisfies Record<string, `${Excel.BorderIndex}`>;

export function applyStyle(range: Excel.Range, style: CellStyle, rows: number, cols: number): void {
  const f = range.format;
  f.font.size = style.size ?? DEFAULT_FONT_SIZE;
  f.font.bold = style.bold ?? false;
  f.font.italic = style.italic ?? false;
  if (style.color) f.font.color = `#${style.color}`;
  if (style.fill) f.fill.color = `#${style.fill}`;
  f.wrapText = style.wrap;
  f.verticalAlignment = style.vertical === "middle" ? "Center" : "Top";
  f.protection.locked = style.locked;
  if (style.border) {
    const edges: `${Excel.BorderIndex}`[] = [EDGES.top, EDGES.bottom, EDGES.left, EDGES.right];
    // Inside lines exist only where the range has more than one row or column.
    if (rows > 1) edges.push(EDGES.insideHorizontal);
    if (cols > 1) edges.push(EDGES.insideVertical);
    for (const edge of edges) {
      const b = f.borders.getItem(edge);
      b.style = "Continuous";
      b.weight = "Thin";
      b.color = BORDER;
    }
  }
}

/**
 * Column width in points from a width in characters (the file's unit). ECMA-376 §18.3.1.13:
 * characters × maximum digit width (7 px in the default Calibri/Aptos 11) + 5 px padding; 0.75 pt/px.
 */
export function columnWidthPoints(chars: number): number {
  return Math.round((Math.trunc(chars * 7 + 5) * 0.75) * 100) / 100;
}
