import { STYLES } from "../core/template/styles";
import { isDateValue, type CellSpec, type CellValue, type RangeAddress, type StyleName } from "../core/template/spec";
import { isDateFormatCode } from "../core/grid/number-format";
import { dateToSerial } from "../core/grid/excel-date";

/**
 * A sheet spec's cells as the few large writes Office.js handles well: 2-D value and number-format
 * arrays per block of rows, and one format per style-uniform rectangle. Pure: no Office here.
 */

export type OfficeValue = string | number | boolean;

/** What Excel would parse as a formula (or, for "@", a Lotus-style function) when typed. */
export function looksLikeFormula(s: string): boolean {
  return /^[=+\-@]/.test(s);
}

/**
 * Text that Excel may not keep as text when it is written through Range.values, which parses a
 * string as typing does, in the user's locale: "2026", "March 2026", "1/2", "10:30", "50%", "1e3",
 * "(5)", "$5" hold a digit; "#N/A" is an error; "TRUE" (or "WAHR", "VRAI" in other locales) is one
 * word; "'Safe third country' concept" loses its apostrophe (Excel's text prefix). Text without a
 * digit, without a leading # or apostrophe and of more than one word is text in every
 * locale. Over-inclusive on purpose: what is caught here is written as a typed String, or into a
 * text-formatted cell, and the read-back checks the rest.
 */
export function excelMayParse(s: string): boolean {
  const t = s.trim();
  // A leading apostrophe is Excel's text prefix: typed, it is dropped from the value.
  return t !== "" && (s.startsWith("'") || looksLikeFormula(t) || /\d/.test(t) || t.startsWith("#") || !/\s/.test(t));
}

const DATE_FORMAT = "yyyy-mm-dd";
const DATE_TIME_FORMAT = "yyyy-mm-dd hh:mm";

/** How the open workbook takes values: whether it writes typed values, and its date system. */
export interface WriteMode {
  /** Range.valuesAsJson is there (ExcelApi 1.16, in the host and in the loaded office.js). */
  readonly typed: boolean;
  /** The workbook counts days from 1904-01-01 (Excel for Mac's old default). */
  readonly date1904: boolean;
}

/**
 * The number format a cell gets: its style's, except that a date always gets a date format and a
 * formula-looking text always gets "@" (text), so no value changes type on the way in. Where
 * typed values are not available, any text Excel may parse (excelMayParse) gets "@" too: a carried
 * "March 2026" in a date-formatted cell would otherwise become a date.
 *
 * Why "@" and not a leading apostrophe: Range.values takes a string starting with = + - as a
 * formula (documented on Range.values), while a cell formatted as Text keeps what is entered as
 * text (Excel's documented way: format first, then enter). The format is written before the
 * values, so the value arrives byte for byte, reads back unchanged, and later typing stays text
 * too; an apostrophe would become a quote prefix that a genuine leading apostrophe collides with.
 */
export function cellNumberFormat(cell: CellSpec, typed = true): string {
  const styled = STYLES[cell.style].numberFormat;
  const v = cell.value;
  if (isDateValue(v)) return isDateFormatCode(styled) ? styled : v.time === undefined ? DATE_FORMAT : DATE_TIME_FORMAT;
  if (typeof v === "string" && (looksLikeFormula(v) || (!typed && excelMayParse(v)))) return "@";
  return styled;
}

/** The value as Range.values takes it; null leaves the cell untouched (empty on a new sheet). */
export function officeValue(v: CellValue, date1904 = false): OfficeValue | null {
  if (v === null) return null;
  if (isDateValue(v)) return dateToSerial(v, date1904);
  return v;
}

/** A rectangle of cells written with two assignments: numberFormat first, then values. */
export interface WriteBlock {
  readonly range: RangeAddress;
  readonly values: (OfficeValue | null)[][];
  readonly formats: (string | null)[][];
  /** JSON size of both arrays: what this block adds to a request. */
  readonly bytes: number;
}

function rowsOf(cells: readonly CellSpec[]): CellSpec[][] {
  const byRow = new Map<number, CellSpec[]>();
  for (const c of cells) {
    const row = byRow.get(c.row);
    if (row) row.push(c);
    else byRow.set(c.row, [c]);
  }
  return [...byRow.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
}

const json = (x: unknown): number => JSON.stringify(x).length;

/**
 * Consecutive rows become one block until it reaches maxBytes, so a request can be cut between
 * blocks. Gaps inside a block are null (left as they are), never "" (which would clear).
 */
export function writeBlocks(cells: readonly CellSpec[], maxBytes: number, mode: WriteMode = { typed: true, date1904: false }): WriteBlock[] {
  const blocks: WriteBlock[] = [];
  let rows: CellSpec[][] = [];
  let bytes = 0;
  const close = (): void => {
    const first = rows[0]?.[0];
    const last = rows[rows.length - 1]?.[0];
    if (!first || !last) return;
    const all = rows.flat();
    const left = all.reduce((m, c) => Math.min(m, c.col), Infinity);
    const right = all.reduce((m, c) => Math.max(m, c.col), -Infinity);
    const width = right - left + 1;
    const values: (OfficeValue | null)[][] = [];
    const formats: (string | null)[][] = [];
    for (let r = first.row; r <= last.row; r++) {
      values.push(new Array<OfficeValue | null>(width).fill(null));
      formats.push(new Array<string | null>(width).fill(null));
    }
    for (const c of all) {
      const vr = values[c.row - first.row];
      const fr = formats[c.row - first.row];
      if (vr) vr[c.col - left] = officeValue(c.value, mode.date1904);
      if (fr) fr[c.col - left] = cellNumberFormat(c, mode.typed);
    }
    blocks.push({ range: { top: first.row, left, bottom: last.row, right }, values, formats, bytes: json(values) + json(formats) });
    rows = [];
    bytes = 0;
  };
  for (const row of rowsOf(cells)) {
    const r = row[0]?.row ?? 0;
    const prev = rows[rows.length - 1]?.[0]?.row;
    const rowBytes = json(row.map((c) => officeValue(c.value, mode.date1904))) + row.length * 12;
    if (prev !== undefined && (r !== prev + 1 || bytes + rowBytes > maxBytes)) close();
    rows.push(row);
    bytes += rowBytes;
  }
  close();
  return blocks;
}

export interface StyleRect {
  readonly style: StyleName;
  readonly range: RangeAddress;
}

/**
 * Maximal style-uniform rectangles: runs of one style along each row, stacked while the next row
 * has the same run. A template's item rows share one pattern, so each column becomes one rectangle.
 */
export function styleRects(cells: readonly CellSpec[]): StyleRect[] {
  const done: StyleRect[] = [];
  let open = new Map<string, { style: StyleName; top: number; left: number; right: number }>();
  let lastRow = -2;
  const flush = (keep: ReadonlySet<string>, bottom: number): void => {
    for (const [key, o] of open) if (!keep.has(key)) done.push({ style: o.style, range: { top: o.top, left: o.left, bottom, right: o.right } });
    open = new Map([...open].filter(([key]) => keep.has(key)));
  };
  for (const row of rowsOf(cells)) {
    const r = row[0]?.row ?? 0;
    const sorted = [...row].sort((a, b) => a.col - b.col);
    const runs: { style: StyleName; left: number; right: number }[] = [];
    for (const c of sorted) {
      const run = runs[runs.length - 1];
      if (run && run.style === c.style && run.right === c.col - 1) run.right = c.col;
      else runs.push({ style: c.style, left: c.col, right: c.col });
    }
    const keys = new Set(runs.map((x) => `${x.style}|${x.left}|${x.right}`));
    // A run continues a rectangle only from the row just above.
    flush(r === lastRow + 1 ? keys : new Set(), lastRow);
    for (const x of runs) {
      const key = `${x.style}|${x.left}|${x.right}`;
      if (!open.has(key)) open.set(key, { style: x.style, top: r, left: x.left, right: x.right });
    }
    lastRow = r;
  }
  flush(new Set(), lastRow);
  return done;
}
