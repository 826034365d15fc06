/**
 * A declarative model of a workbook: what the template is, independent of how it is written.
 * The same spec is rendered to a file (src/xlsx) and into the open workbook (src/excel).
 */

/** A date is carried as an ISO day so the spec stays plain data. */
export interface DateValue {
  readonly date: string;
  /** A time of day (UTC, "HH:MM:SS"), for moments such as when a return was received. */
  readonly time?: string;
}

export type CellValue = string | number | boolean | DateValue | null;

export function isDateValue(v: CellValue): v is DateValue {
  return typeof v === "object" && v !== null && "date" in v;
}

/** Zero-based row and column. */
export interface CellAddress {
  readonly row: number;
  readonly col: number;
}

export interface RangeAddress {
  readonly top: number;
  readonly left: number;
  readonly bottom: number;
  readonly right: number;
}

export type StyleName =
  | "title"
  | "metaLabel"
  | "metaValue"
  | "metaEntry"
  | "instructions"
  | "columnHeader"
  | "areaHeading"
  | "ref"
  | "catalogueText"
  | "guidance"
  | "entryText"
  | "entryList"
  | "entryDate"
  | "listValue"
  | "previousText"
  | "previousCompleted"
  | "reportText"
  | "reportDate"
  | "reportDateTime"
  | "reportNumber"
  | "reportTotal"
  | "matrixCell";

export interface CellSpec extends CellAddress {
  readonly value: CellValue;
  readonly style: StyleName;
}

export type ValidationSpec =
  | {
      readonly kind: "list";
      readonly range: RangeAddress;
      /** A workbook-level defined name that holds the list values. */
      readonly listName: string;
      readonly prompt?: string;
    }
  | {
      readonly kind: "date";
      readonly range: RangeAddress;
      readonly min: string;
      readonly max: string;
      readonly prompt?: string;
    };

export type SheetRole = "political" | "factual" | "matrix" | "questionnaire" | "lists" | "report";

/** When a conditional fill shows. */
export type FillCondition =
  /** The cell's value equals the text (a heat map by state). */
  | { readonly kind: "equals"; readonly text: string }
  /** The cell's text ends with the text ("planned → ongoing" coloured as ongoing). */
  | { readonly kind: "endsWith"; readonly text: string }
  /**
   * The cell still holds exactly what another cell holds: an entry carried from the previous
   * cycle, compared with the hidden copy of what was carried into it, so the mark goes away as
   * soon as someone edits the entry. For a range, the cell is the copy of the range's top-left cell,
   * and the other cells compare with the cells at the same offset from it.
   */
  | { readonly kind: "sameAs"; readonly sheet: string; readonly cell: CellAddress };

/** A fill for the range's cells while the condition holds. */
export interface ConditionalFillSpec {
  readonly range: RangeAddress;
  readonly when: FillCondition;
  readonly fill: string;
}

export interface SheetSpec {
  readonly name: string;
  readonly role: SheetRole;
  readonly hidden: boolean;
  /** Column widths in characters, index = column. */
  readonly columnWidths: readonly number[];
  readonly cells: readonly CellSpec[];
  readonly merges: readonly RangeAddress[];
  readonly validations: readonly ValidationSpec[];
  /** Rows and columns frozen at the top left. */
  readonly freeze?: { readonly rows: number; readonly cols: number };
  /** How the sheet prints: A4 landscape, headings repeated, a header and footer on every page (see print.ts). */
  readonly print?: PrintSpec;
  /** A filter button on each heading of this table (headings on the range's top row). */
  readonly autoFilter?: RangeAddress;
  /** Sheet protection without a password: entry cells are the only unlocked cells. */
  readonly protect: boolean;
  readonly conditionalFills?: readonly ConditionalFillSpec[];
}

/**
 * Text of a header or footer, left, centre and right. Plain text with fields: {page}, {pages} (the
 * sheet's page count), {sheet} (its name) and {file}; each renderer turns them into its codes.
 */
export interface PageText {
  readonly left?: string;
  readonly center?: string;
  readonly right?: string;
}

/**
 * A4 landscape. Without `scale`: one page wide and as many tall as needed (one page tall too with
 * `onePage`), which print.ts chooses only where the text still prints at 8 pt or more. With `scale`
 * (percent): a sheet too wide for that prints over several pages across, the `titleCols` repeated
 * on each as `titleRows` are on every page.
 */
export interface PrintSpec {
  readonly titleRows: { readonly first: number; readonly last: number };
  readonly titleCols?: { readonly first: number; readonly last: number };
  readonly scale?: number;
  readonly onePage?: boolean;
  /**
   * Pages across before pages down, for a sheet too wide for one page: a band of rows is read on
   * consecutive sheets of paper (the rest of its columns next), not after the whole first column of pages.
   */
  readonly acrossFirst?: boolean;
  readonly header?: PageText;
  readonly footer?: PageText;
}

export interface DefinedNameSpec {
  readonly name: string;
  readonly sheet: string;
  readonly range: RangeAddress;
}

export interface WorkbookSpec {
  readonly title: string;
  readonly subject: string;
  readonly sheets: readonly SheetSpec[];
  readonly definedNames: readonly DefinedNameSpec[];
}
