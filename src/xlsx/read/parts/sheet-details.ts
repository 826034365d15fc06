import { CodedError } from "../../../core/errors/coded-error";
import { cellAddress } from "../../../core/grid/grid";
import type { SheetDetails } from "../../../core/grid/sheet-details";
import type { RangeAddress } from "../../../core/template/spec";
import { READ_TOO_MANY_ITEMS } from "../codes";

/**
 * A hyperlink over at most this many cells is recorded on each of them; a larger one on its
 * top-left cell only, so a range such as A1:XFD1048576 costs one entry and is never expanded.
 */
export const LINK_RANGE_CELLS = 1000;

/** Details recorded so far across all sheets, against the workbook's caps. */
export class DetailCounter {
  private details = 0;
  private merges = 0;

  constructor(
    private readonly maxDetails: number,
    private readonly maxMerges: number,
  ) {}

  add(count: number, sheet: string): void {
    this.details += count;
    if (this.details > this.maxDetails) {
      throw new CodedError(READ_TOO_MANY_ITEMS, `the workbook holds more than ${this.maxDetails} formulas, cached errors, linked cells and comments`, { sheet });
    }
  }

  addMerge(sheet: string): void {
    if (++this.merges > this.maxMerges) throw new CodedError(READ_TOO_MANY_ITEMS, `the workbook holds more than ${this.maxMerges} merged ranges`, { sheet });
  }
}

/** One sheet's details as its parts are read, each piece counted before it is kept. */
export class SheetDetailsCollector {
  private readonly formulas = new Map<string, string>();
  private readonly errors = new Map<string, string>();
  private readonly links = new Map<string, string>();
  private readonly comments = new Map<string, string>();
  private readonly merges: RangeAddress[] = [];
  private readonly duplicates = new Map<string, string[]>();

  constructor(
    private readonly sheet: string,
    private readonly counter: DetailCounter,
  ) {}

  formula(row: number, col: number, text: string): void {
    this.counter.add(1, this.sheet);
    this.formulas.set(cellAddress(row, col), text);
  }

  error(row: number, col: number, text: string): void {
    this.counter.add(1, this.sheet);
    this.errors.set(cellAddress(row, col), text);
  }

  comment(row: number, col: number, text: string): void {
    this.counter.add(1, this.sheet);
    this.comments.set(cellAddress(row, col), text);
  }

  link(range: RangeAddress, address: string): void {
    const cells = (range.bottom - range.top + 1) * (range.right - range.left + 1);
    if (cells > LINK_RANGE_CELLS) {
      this.counter.add(1, this.sheet);
      this.links.set(cellAddress(range.top, range.left), address);
      return;
    }
    this.counter.add(cells, this.sheet);
    for (let row = range.top; row <= range.bottom; row++) {
      for (let col = range.left; col <= range.right; col++) this.links.set(cellAddress(row, col), address);
    }
  }

  /** A cell given again: `earlier` is what the file gave it before (the grid keeps the last). */
  duplicate(row: number, col: number, earlier: string): void {
    this.counter.add(1, this.sheet);
    const a1 = cellAddress(row, col);
    const list = this.duplicates.get(a1);
    if (list) list.push(earlier);
    else this.duplicates.set(a1, [earlier]);
  }

  merge(range: RangeAddress): void {
    this.counter.addMerge(this.sheet);
    this.merges.push(range);
  }

  details(): SheetDetails {
    return { formulas: this.formulas, errors: this.errors, links: this.links, comments: this.comments, merges: this.merges, ...(this.duplicates.size ? { duplicates: this.duplicates } : {}) };
  }
}
