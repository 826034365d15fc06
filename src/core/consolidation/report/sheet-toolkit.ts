import type { CellSpec, CellValue, ConditionalFillSpec, RangeAddress, SheetSpec, StyleName } from "../../template/spec";
import { printSetup } from "../../template/print";
import { EXCEL_CELL_LIMIT } from "../../validation/rules";

/**
 * What every report sheet is made with: a sheet under construction, line by line, and its columns,
 * each described once — heading, width, style and where its value comes from.
 */

/** One column of a table: its heading, its width, its cells' style (by default, by what the value is), its value in a row. */
export interface Column<R> {
  readonly header: string;
  readonly width: number;
  readonly style?: StyleName | ((value: CellValue) => StyleName);
  readonly value: (row: R) => CellValue;
}

/** How a report sheet is viewed and printed: every sheet A4 landscape, one page wide, headings frozen and repeated. */
export interface SheetLayout {
  readonly headerRow: number;
  readonly freeze: { readonly rows: number; readonly cols: number };
  /** Filter buttons on the headings, down to filterBottom (default: the last row). */
  readonly filter?: boolean;
  readonly filterBottom?: number;
  readonly onePage?: boolean;
}

export class Sheet {
  readonly cells: CellSpec[] = [];
  readonly merges: RangeAddress[] = [];
  readonly fills: ConditionalFillSpec[] = [];
  row = 0;
  put(row: number, col: number, value: CellValue, style: StyleName): void {
    if (value !== null || style !== "reportText") this.cells.push({ row, col, value, style });
  }
  line(values: readonly CellValue[], style: StyleName | readonly StyleName[]): void {
    values.forEach((v, col) => this.put(this.row, col, v, typeof style === "string" ? style : (style[col] ?? "reportText")));
    this.row++;
  }
  /** A line of explanation above a table, spanning its columns so it reads as a sentence, not a column. */
  legend(text: string, width: number): void {
    this.put(this.row, 0, text, "instructions");
    if (width > 1) this.merges.push({ top: this.row, left: 0, bottom: this.row, right: width - 1 });
    this.row++;
  }
  /** A heading spanning columns `left` to `right` of its line. */
  spanned(values: readonly CellValue[], style: StyleName, left: number, right: number): void {
    this.line(values, style);
    this.merges.push({ top: this.row - 1, left, bottom: this.row - 1, right });
  }
  /** The columns' headings, as a line; returns the row they are on. */
  headings(columns: readonly Column<never>[]): number {
    this.line(columns.map((c) => c.header), "columnHeader");
    return this.row - 1;
  }
  /** One row of a table, each column's value in its style. */
  tableRow<R>(columns: readonly Column<R>[], row: R): void {
    const values = columns.map((c) => c.value(row));
    this.line(values, values.map((v, i) => styleIn(columns[i]?.style, v)));
  }
  spec(name: string, widths: readonly number[], layout: SheetLayout): SheetSpec {
    const last = this.row - 1;
    return {
      name,
      role: "report",
      hidden: false,
      columnWidths: widths,
      cells: this.cells,
      merges: this.merges,
      validations: [],
      freeze: layout.freeze,
      print: printSetup({ widths, titleRows: { first: layout.headerRow, last: layout.headerRow }, keyCols: layout.freeze.cols, ...(layout.onePage ? { onePage: this } : {}) }),
      ...(layout.filter && last > layout.headerRow ? { autoFilter: { top: layout.headerRow, left: 0, bottom: layout.filterBottom ?? last, right: widths.length - 1 } } : {}),
      protect: false,
      ...(this.fills.length ? { conditionalFills: this.fills } : {}),
    };
  }
}

/** The columns' widths, in order. */
export const widthsOf = (columns: readonly Column<never>[]): number[] => columns.map((c) => c.width);

function styleIn(style: Column<never>["style"], v: CellValue): StyleName {
  return style === undefined ? styleOf(v) : typeof style === "string" ? style : style(v);
}

/** Excel refuses a file with a longer cell; the report says where it cut. */
export function cutToExcel(text: string): string {
  if (text.length <= EXCEL_CELL_LIMIT) return text;
  const marker = `\n[cut: ${text.length} characters in the return; Excel keeps at most ${EXCEL_CELL_LIMIT} in a cell]`;
  let end = EXCEL_CELL_LIMIT - marker.length;
  // Never split a surrogate pair.
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end) + marker;
}

/** A contributed value, verbatim (text cut only at Excel's limit). */
export function shown(v: CellValue | undefined): CellValue {
  if (v === undefined || v === null) return null;
  return typeof v === "string" ? cutToExcel(v) : v;
}

export function styleOf(v: CellValue): StyleName {
  if (v !== null && typeof v === "object") return v.time ? "reportDateTime" : "reportDate";
  return "reportText";
}

/** A count as a number, a date as a date, anything else as text. */
export function valueStyle(v: CellValue): StyleName {
  return typeof v === "number" ? "reportNumber" : styleOf(v);
}
