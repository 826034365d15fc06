import type { RangeAddress } from "../template/spec";

/**
 * What a sheet holds beyond its cells' values — what a grid of values alone would lose without a
 * word: formulas, cached errors, hyperlink addresses, comments and merged ranges. Both readers
 * (the file reader and the Office.js adapter) fill it; validation accounts for every piece that
 * touches an entry cell, and consolidation carries it into the report as text.
 * Maps are keyed by A1 address (upper case, no `$`, no sheet name).
 */
export interface SheetDetails {
  /** The formula as written, with its leading "=" (e.g. `=CONCAT(A1,"x")`). The grid holds the cached value, if any. */
  readonly formulas: ReadonlyMap<string, string>;
  /** Cells whose (cached) value is an error, e.g. "#DIV/0!", "#REF!". The grid holds the same text. */
  readonly errors: ReadonlyMap<string, string>;
  /** A hyperlink's address: a URL, a mail address, or a location inside the workbook ("#'Sheet'!A1"). */
  readonly links: ReadonlyMap<string, string>;
  /** A note or comment on the cell, as "Author: text" where the author is known. */
  readonly comments: ReadonlyMap<string, string>;
  /** Merged ranges (zero-based, inclusive): cells of a range other than its top-left are hidden by Excel. */
  readonly merges: readonly RangeAddress[];
  /**
   * Cells the file gives more than once (a file written by a script, or damaged): the values given
   * before the one the grid holds, as text, oldest first. Excel itself never writes them; programs
   * differ in which they show, so each is named. Absent where the reader cannot meet them (Office.js).
   */
  readonly duplicates?: ReadonlyMap<string, readonly string[]>;
}

export const NO_DETAILS: SheetDetails = {
  formulas: new Map(),
  errors: new Map(),
  links: new Map(),
  comments: new Map(),
  merges: [],
};

/**
 * A part of the details a reader could not read, and why (an older Excel lacks the API for
 * comments or merged cells): validation says so, rather than let the check pass in silence.
 */
export interface UnreadDetail {
  readonly detail: "comments" | "notes" | "merges" | "dateSystem";
  /** For the user, e.g. "merged cells need ExcelApi 1.13, which this Excel does not support". */
  readonly reason: string;
}
