import { serialToIsoDay } from "../grid/excel-date";
import type { CellValue } from "../template/spec";
import { parseIsoDay } from "./dates";
import { foldKey } from "./typed-text";

/** What a cell holds, as text: how every rule reads and quotes a value. */
export function valueText(v: CellValue): string {
  if (v === null) return "";
  if (typeof v === "object") return v.date;
  return String(v);
}

/** A day as ISO text from what a date cell holds, or undefined when it is not a date. */
export function asDay(v: CellValue, date1904: boolean): string | undefined {
  if (v === null) return undefined;
  if (typeof v === "object") return v.date;
  // A bare number in a date column: a serial whose date format another program dropped.
  if (typeof v === "number") return serialToIsoDay(v, date1904);
  if (typeof v === "string") return parseIsoDay(v.trim());
  return undefined;
}

/** A list value as a slip would differ from it: case and white space. */
export const listKey = foldKey;
