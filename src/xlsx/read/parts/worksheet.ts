import { CodedError, type Place } from "../../../core/errors/coded-error";
import { SheetGrid, cellAddress } from "../../../core/grid/grid";
import type { RangeAddress } from "../../../core/template/spec";
import { MAX_COLS, MAX_ROWS, parseCellRef, parseRangeRef, parseRowNumber } from "../cell-ref";
import { READ_OUT_OF_GRID, READ_TOO_MANY_ITEMS, READ_WORKBOOK_INVALID } from "../codes";
import { xmlTrue, type Attrs, type XmlHandler } from "../xml-stream";
import { appendBounded } from "./bounds";
import { cellValue, type CellContext, type Fail } from "./cell-value";
import { SheetFormulas } from "./formula";
import { hyperlinkAddress } from "./hyperlink";
import type { Relationships } from "./relationships";
import type { SheetDetailsCollector } from "./sheet-details";

/** Non-empty cells read so far across all sheets, against the workbook's cap. */
export class CellCounter {
  private count = 0;

  constructor(private readonly max: number) {}

  add(): void {
    if (++this.count > this.max) throw new CodedError(READ_TOO_MANY_ITEMS, `the workbook holds more than ${this.max} cell values`);
  }
}

/** Which text the parser is inside: a cell's `<v>`, an inline string's `<t>`, its `<f>`, or none. */
type Collect = "none" | "value" | "inline" | "formula";

/**
 * One worksheet part: cell values into the grid, hidden rows and columns, and the sheet's details
 * (formulas, cached errors, merged ranges, hyperlinks). Read in one pass: the schema orders
 * `sheetData` before `mergeCells` before `hyperlinks`. Ranges are kept as ranges, never expanded
 * (merges, validations, conditional formats; a hyperlink only over a small range, see
 * LINK_RANGE_CELLS). Rows and cells may omit `r` (ECMA-376 allows it): they then follow the previous one.
 */
export class WorksheetPart implements XmlHandler {
  readonly hiddenRows = new Set<number>();
  private hiddenColRanges: [number, number][] = [];
  private row = -1;
  private col = -1;
  /** The last cell read, row-major: a cell at or before it may be one given twice. */
  private lastRow = -1;
  private lastCol = -1;
  /** The cell being read; one object reused for every cell (a sheet has thousands). */
  private readonly cell: { row: number; col: number; type: string; style: number; v: string | undefined; inline: string | undefined } = { row: 0, col: 0, type: "n", style: 0, v: undefined, inline: undefined };
  private inCell = false;
  private formula: { attrs: Attrs; text: string } | undefined;
  private readonly formulas = new SheetFormulas();
  private collect: Collect = "none";
  private readonly placeOf = (): Place => this.place();
  private readonly fail: Fail = (code, message) => {
    throw new CodedError(code, this.inCell ? `cell ${message}` : message, this.place());
  };

  constructor(
    readonly grid: SheetGrid,
    private readonly ctx: CellContext,
    private readonly cells: CellCounter,
    private readonly details: SheetDetailsCollector,
    /** The sheet's own relationships, where its hyperlinks' external targets are. */
    private readonly rels: Relationships | undefined,
    private readonly maxText: number,
  ) {}

  open(name: string, attrs: Attrs, path: readonly string[]): void {
    const parent = path[path.length - 2];
    if (this.inCell) {
      if (name === "v" && parent === "c") {
        this.collect = "value";
        this.cell.v ??= "";
      } else if (name === "t" && (parent === "is" || (parent === "r" && path[path.length - 3] === "is"))) {
        this.collect = "inline";
        this.cell.inline ??= "";
      } else if (name === "f" && parent === "c") {
        this.collect = "formula";
        this.formula = { attrs, text: "" };
      }
      return;
    }
    if (name === "c" && parent === "row") this.openCell(attrs);
    else if (name === "row" && parent === "sheetData") this.openRow(attrs);
    else if (name === "col" && parent === "cols") this.openCol(attrs);
    else if (name === "mergeCell" && parent === "mergeCells") this.details.merge(this.range(attrs.ref, "a merged range"));
    else if (name === "hyperlink" && parent === "hyperlinks") this.openHyperlink(attrs);
  }

  text(text: string): void {
    if (this.collect === "value") this.cell.v = appendBounded(this.cell.v ?? "", text, this.maxText, "the cell's value", this.placeOf);
    else if (this.collect === "inline") this.cell.inline = appendBounded(this.cell.inline ?? "", text, this.maxText, "the cell's text", this.placeOf);
    else if (this.collect === "formula" && this.formula) this.formula.text = appendBounded(this.formula.text, text, this.maxText, "the cell's formula", this.placeOf);
  }

  close(name: string): void {
    if (name === "v" || name === "t" || name === "f") this.collect = "none";
    else if (name === "c" && this.inCell) this.closeCell(this.cell);
  }

  /** Hidden columns as zero-based indices; ranges are merged first, so no column is walked twice. */
  hiddenColumns(): Set<number> {
    const out = new Set<number>();
    for (const [min, max] of mergeRanges(this.hiddenColRanges)) for (let c = min; c <= max; c++) out.add(c);
    return out;
  }

  private openRow(attrs: Attrs): void {
    const r = attrs.r;
    if (r === undefined) {
      this.row++;
      if (this.row >= MAX_ROWS) this.outside(`row ${this.row + 1}`);
    } else {
      const row = parseRowNumber(r);
      if (row === "malformed") this.invalid(`a row has a bad number '${r.slice(0, 20)}'`);
      if (row === "outside") this.outside(`row ${r.slice(0, 20)}`);
      this.row = row;
    }
    this.col = -1;
    if (xmlTrue(attrs.hidden)) this.hiddenRows.add(this.row);
  }

  private openCell(attrs: Attrs): void {
    let row = Math.max(this.row, 0);
    let col: number;
    const r = attrs.r;
    if (r === undefined) {
      col = this.col + 1;
      if (col >= MAX_COLS) this.outside(`the cell after ${cellAddress(row, col - 1)}`);
    } else {
      const ref = parseCellRef(r);
      if (ref === "malformed") this.invalid(`a cell has a bad reference '${r.slice(0, 20)}'`);
      if (ref === "outside") this.outside(`cell ${r.slice(0, 20)}`);
      ({ row, col } = ref);
    }
    this.col = col;
    const cell = this.cell;
    cell.row = row;
    cell.col = col;
    cell.type = attrs.t ?? "n";
    cell.style = styleIndex(attrs.s);
    cell.v = undefined;
    cell.inline = undefined;
    this.inCell = true;
    this.formula = undefined;
  }

  private closeCell(cell: WorksheetPart["cell"]): void {
    const value = cellValue(cell, this.ctx, this.fail);
    // Cells come in order: one at or before the last is out of order, or given twice, which costs a lookup only then.
    if (cell.row < this.lastRow || (cell.row === this.lastRow && cell.col <= this.lastCol)) {
      const earlier = this.grid.get(cell.row, cell.col);
      if (earlier !== null) {
        this.details.duplicate(cell.row, cell.col, typeof earlier === "object" ? earlier.date : String(earlier));
        // The last one given is the one read (as openpyxl reads it), even where it is empty.
        if (value === null || value === "") this.grid.set(cell.row, cell.col, null);
      }
    } else {
      this.lastRow = cell.row;
      this.lastCol = cell.col;
    }
    if (value !== null && value !== "") {
      this.cells.add();
      this.grid.set(cell.row, cell.col, value);
      if (cell.type === "e" && typeof value === "string") this.details.error(cell.row, cell.col, value);
    }
    // A formula is recorded whether or not a value was cached: writers such as openpyxl cache none.
    const formula = this.formula && this.formulas.textOf(this.formula, this.fail);
    if (formula !== undefined) this.details.formula(cell.row, cell.col, formula);
    this.inCell = false;
    this.formula = undefined;
    this.collect = "none";
  }

  private openHyperlink(attrs: Attrs): void {
    const range = this.range(attrs.ref, "a hyperlink");
    const place = { sheet: this.grid.name, cell: cellAddress(range.top, range.left) };
    const fail: Fail = (code, message) => {
      throw new CodedError(code, `the hyperlink ${message}`, place);
    };
    const address = hyperlinkAddress(attrs, this.rels, this.maxText, fail);
    if (address !== undefined) this.details.link(range, address);
  }

  /** A range attribute ("B2:D5", or one cell) of a merge or hyperlink. */
  private range(ref: string | undefined, what: string): RangeAddress {
    const range = parseRangeRef(ref ?? "");
    if (range === "malformed") this.invalid(`${what} has a bad reference '${(ref ?? "").slice(0, 40)}'`);
    if (range === "outside") this.outside(`${what} '${(ref ?? "").slice(0, 40)}'`);
    return range;
  }

  private openCol(attrs: Attrs): void {
    if (!xmlTrue(attrs.hidden)) return;
    const min = columnNumber(attrs.min);
    const max = columnNumber(attrs.max ?? attrs.min);
    if (min === undefined || max === undefined || min > max) this.invalid("a hidden column range has bad bounds");
    if (max > MAX_COLS) this.outside(`column ${max}`);
    this.hiddenColRanges.push([min - 1, max - 1]);
    // Many small <col> elements must not cost a tuple each: fold them into disjoint ranges.
    if (this.hiddenColRanges.length > COMPACT_AT) this.hiddenColRanges = mergeRanges(this.hiddenColRanges);
  }

  private place(): { sheet: string; cell?: string } {
    return this.inCell ? { sheet: this.grid.name, cell: cellAddress(this.cell.row, this.cell.col) } : { sheet: this.grid.name };
  }

  private invalid(message: string): never {
    throw new CodedError(READ_WORKBOOK_INVALID, message, this.place());
  }

  private outside(what: string): never {
    throw new CodedError(READ_OUT_OF_GRID, `${what} lies outside Excel's grid (A1:XFD1048576)`, this.place());
  }
}

/** Disjoint ranges fit in the grid's 16,384 columns; compacting at twice that bounds the list. */
const COMPACT_AT = 2 * MAX_COLS;

/** Sorted, disjoint, merged ranges (touching ranges join). */
function mergeRanges(ranges: readonly [number, number][]): [number, number][] {
  const sorted = [...ranges].sort((a, b) => a[0] - b[0]);
  const out: [number, number][] = [];
  for (const [min, max] of sorted) {
    const last = out[out.length - 1];
    if (last && min <= last[1] + 1) last[1] = Math.max(last[1], max);
    else out.push([min, max]);
  }
  return out;
}

/** A cell's format index (`s`): up to six digits, anything else is format 0, as before. */
function styleIndex(s: string | undefined): number {
  if (s === undefined || s.length === 0 || s.length > 6) return 0;
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const d = s.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return 0;
    n = n * 10 + d;
  }
  return n;
}

function columnNumber(v: string | undefined): number | undefined {
  return v !== undefined && /^\d{1,9}$/.test(v) && Number(v) >= 1 ? Number(v) : undefined;
}
