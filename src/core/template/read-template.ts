import type { SheetGrid } from "../grid/grid";
import type { CellValue, SheetRole } from "./spec";
import { FIRST_BODY_ROW, META, META_SCAN_ROWS, TEMPLATE_MARKER, type MetaKey } from "./layout";

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

/** Every non-empty row from the first body row down, in order. */
export function bodyRows(grid: SheetGrid): BodyRow[] {
  return grid.rowsFrom(FIRST_BODY_ROW).map(({ row, cells }) => ({ row, ref: grid.text(row, 0).trim(), values: cells }));
}
