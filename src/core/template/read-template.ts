import type { SheetGrid } from "../grid/grid";
import type { CellValue, SheetRole } from "./spec";
import { META, META_SCAN_ROWS, TABLE_HEADER_ROW, TEMPLATE_MARKER, type MetaKey } from "./layout";

/**
 * Finds a template sheet's self-description in a grid. It looks for the labels, not fixed cells,
 * so a sheet copied into another workbook, or with a row inserted above, still identifies itself.
 */

export type TemplateMeta = Partial<Record<MetaKey, string>>;

const LABEL_TO_KEY = new Map<string, MetaKey>(Object.entries(META).map(([k, label]) => [label.toLowerCase(), k as MetaKey]));
const TEMPLATE_PREFIX = TEMPLATE_MARKER.split("/")[0] ?? "pact-tracker";

/** The metadata key a label in column A stands for, if it is one. */
export function metaKeyOf(label: string): MetaKey | undefined {
  return LABEL_TO_KEY.get(label.trim().toLowerCase());
}

/** The row holding a metadata label (where the template put it, or where it moved to), if any. */
export function metaRow(grid: SheetGrid, key: MetaKey): number | undefined {
  for (let row = 0; row < META_SCAN_ROWS + 4; row++) if (LABEL_TO_KEY.get(grid.text(row, 0).trim().toLowerCase()) === key) return row;
  return undefined;
}

/** The metadata of a template sheet, or undefined when the grid is not one of ours. */
export function readTemplateMeta(grid: SheetGrid): TemplateMeta | undefined {
  const meta: TemplateMeta = {};
  for (let row = 0; row < META_SCAN_ROWS + 4; row++) {
    const key = LABEL_TO_KEY.get(grid.text(row, 0).trim().toLowerCase());
    if (key && meta[key] === undefined) meta[key] = grid.text(row, 1).trim();
  }
  if (!meta.template?.startsWith(`${TEMPLATE_PREFIX}/`)) return undefined;
  return meta;
}

export const SHEET_ROLES: readonly SheetRole[] = ["political", "factual", "matrix", "questionnaire"];

export function isSheetRole(s: string | undefined): s is SheetRole {
  return SHEET_ROLES.includes(s as SheetRole);
}

/** A body row of the table: its reference in column A and every cell it holds. */
export interface BodyRow {
  readonly row: number;
  readonly ref: string;
  readonly values: ReadonlyMap<number, CellValue>;
}

/** Every non-empty row below the table's heading row, in order. */
export function bodyRows(grid: SheetGrid, headingRow = TABLE_HEADER_ROW): BodyRow[] {
  return grid.rowsFrom(headingRow + 1).map(({ row, cells }) => ({ row, ref: grid.text(row, 0).trim(), values: cells }));
}

/** How far down a table's heading row is looked for: rows inserted above the table move it. */
const HEADING_SEARCH_ROWS = 60;
const REF_HEADINGS = new Set(["ref", "area"]);

/**
 * The table's heading row, found by its headings rather than its position: where the template put
 * it, or — rows inserted above it — the first row below the header block whose column A is the
 * reference heading ("Ref", "Area") and that holds `another` heading of the table too.
 */
export function tableHeadingRow(grid: SheetGrid, another: (heading: string) => boolean): number {
  const isHeading = (row: number): boolean => {
    if (!REF_HEADINGS.has(grid.text(row, 0).trim().toLowerCase())) return false;
    for (let col = 1; col < Math.min(grid.colCount, 64); col++) if (another(grid.text(row, col).trim().toLowerCase())) return true;
    return false;
  };
  if (isHeading(TABLE_HEADER_ROW)) return TABLE_HEADER_ROW;
  for (let row = 1; row < HEADING_SEARCH_ROWS; row++) if (isHeading(row)) return row;
  return TABLE_HEADER_ROW;
}

/**
 * The words of a sheet's title that name its party: what follows one of the template's title
 * `prefixes` ("EMN Ad-Hoc Query … — "), else what follows the last " — "; "" where neither.
 */
export function titleParty(title: string, prefixes: readonly string[] = []): string {
  const t = title.replace(/\s+/g, " ").trim();
  for (const p of prefixes) {
    const prefix = p.replace(/\s+/g, " ").trim();
    if (t.startsWith(prefix)) return t.slice(prefix.length).trim();
  }
  return t.includes(" — ") ? (t.split(" — ").pop() ?? "").trim() : "";
}
