import type { CellSpec, PageText, PrintSpec, RangeAddress } from "./spec";
import { estimateRowHeights } from "./row-heights";

/**
 * How a sheet prints so that every page reads at 8 pt or more (the cells' 10 pt at 80 % or more):
 * one page wide where its columns fit A4 landscape at that scale; otherwise at 80 %, over as many
 * pages across as it needs, the key columns repeated on each. Widths are estimated as Excel lays
 * out its default font (Calibri 11: 7 pixels a character, 5 of padding, 96 pixels an inch).
 */

/** The smallest print scale, in percent: 10 pt text prints at 8 pt. */
export const MIN_SCALE = 80;
/** A4 landscape less the left and right margins both renderers keep (0.7 inch each), in points. */
export const PRINTABLE_WIDTH_PT = 841.89 - 2 * 0.7 * 72;
/** A4 landscape less the top and bottom margins (0.75 inch each), in points. */
export const PRINTABLE_HEIGHT_PT = 595.28 - 2 * 0.75 * 72;
/**
 * Fit to width only with some room above the smallest scale: other applications (LibreOffice with
 * a substitute font) lay the columns out a few percent wider than the estimate.
 */
const FIT_MARGIN = 1.06;
/** Repeated columns take at most this share of a page across, leaving room for the rest. */
const TITLE_COLS_SHARE = 0.4;
const DEFAULT_ROW_PT = 15;

/** A column's printed width in points, for its width in characters. */
export function columnWidthPt(width: number): number {
  return Math.trunc(width * 7 + 5) * 0.75;
}

export function sheetWidthPt(widths: readonly number[]): number {
  return widths.reduce((n, w) => n + columnWidthPt(w), 0);
}

/** The scale fit to one page wide would print at, in percent (at most 100). */
export function fitWidthScale(widths: readonly number[]): number {
  return Math.min(100, (100 * PRINTABLE_WIDTH_PT) / sheetWidthPt(widths));
}

export interface PrintRequest {
  readonly widths: readonly number[];
  readonly titleRows: { readonly first: number; readonly last: number };
  /** The columns frozen at the left: repeated on each page across when the sheet is too wide. */
  readonly keyCols: number;
  /** One page tall as well, where that still prints at 8 pt or more (needs the cells to estimate the height). */
  readonly onePage?: { readonly cells: readonly CellSpec[]; readonly merges: readonly RangeAddress[] };
  readonly header?: PageText;
  readonly footer?: PageText;
}

export function printSetup(req: PrintRequest): PrintSpec {
  const text = { ...(req.header ? { header: req.header } : {}), ...(req.footer ? { footer: req.footer } : {}) };
  const fit = fitWidthScale(req.widths);
  if (fit >= MIN_SCALE * FIT_MARGIN) {
    const onePage = req.onePage && Math.min(fit, (100 * PRINTABLE_HEIGHT_PT) / sheetHeightPt(req.onePage.cells, req.widths, req.onePage.merges)) >= MIN_SCALE * FIT_MARGIN;
    return { titleRows: req.titleRows, ...(onePage ? { onePage: true } : {}), ...text };
  }
  // Too wide: pages across at the smallest scale, the key columns (as many as leave room) on each.
  const room = (TITLE_COLS_SHARE * PRINTABLE_WIDTH_PT * 100) / MIN_SCALE;
  let keys = 0;
  while (keys < req.keyCols && sheetWidthPt(req.widths.slice(0, keys + 1)) <= room) keys++;
  return { titleRows: req.titleRows, ...(keys > 0 ? { titleCols: { first: 0, last: keys - 1 } } : {}), scale: MIN_SCALE, acrossFirst: true, ...text };
}

/** The sheet's height in points: rows of wrapped text as estimated, the others at the default height. */
function sheetHeightPt(cells: readonly CellSpec[], widths: readonly number[], merges: readonly RangeAddress[]): number {
  const heights = estimateRowHeights(cells, widths, merges);
  const rows = cells.reduce((n, c) => Math.max(n, c.row + 1), 0);
  let total = 0;
  for (let r = 0; r < rows; r++) total += heights.get(r) ?? DEFAULT_ROW_PT;
  return total;
}

/** Excel's limit for a header or footer, all three parts with their codes. */
const HEADER_LIMIT = 255;
/** A part's own text is kept short, so that three fit the limit and the page. */
const PART_LIMIT = 70;

const FIELDS: Readonly<Record<string, string>> = { page: "&P", pages: "&N", sheet: "&A", file: "&F" };

/**
 * A part within PART_LIMIT, keeping its end: titles read "<framework> — <sheet kind> — cycle <c>",
 * and the kind and cycle are what tells one printed page from another. The framework's name is
 * cut first ("European Pact on Immigration… — compilation — cycle 2026"), then, if the rest alone is
 * too long, its start.
 */
function shortened(text: string): string {
  if (text.length <= PART_LIMIT) return text;
  const cut = text.indexOf(" — ");
  const rest = cut < 0 ? "" : text.slice(cut);
  const room = PART_LIMIT - rest.length - 1;
  if (cut > 0 && room >= 12) return `${text.slice(0, Math.min(cut, room)).trimEnd()}…${rest}`;
  return `…${text.slice(text.length - (PART_LIMIT - 1))}`;
}

/** One part's text in the header/footer codes Excel and OOXML share: "&" doubled, fields as codes. */
export function pageTextCode(text: string): string {
  const short = shortened(text);
  return short.replace(/&/g, "&&").replace(/\{(page|pages|sheet|file)\}/g, (_, f: string) => FIELDS[f] ?? "");
}

/** A whole header or footer as one OOXML string (&L left, &C centre, &R right), within Excel's limit. */
export function pageTextOoxml(t: PageText): string {
  const parts = [["&L", t.left], ["&C", t.center], ["&R", t.right]] as const;
  return parts
    .filter(([, v]) => v)
    .map(([code, v]) => `${code}${pageTextCode(v ?? "")}`)
    .join("")
    .slice(0, HEADER_LIMIT)
    .replace(/(^|[^&])&$/, "$1");
}
