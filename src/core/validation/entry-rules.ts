import type { EntryColumn } from "../catalogue/schema";
import { cellAddress } from "../grid/grid";
import type { CellValue } from "../template/spec";
import { asDay, listKey, valueText } from "./entry-values";
import type { FindingSink } from "./finding-sink";
import { EXCEL_CELL_LIMIT, isNothingToReport, validationConfig } from "./rules";
import type { SheetContext } from "./sheet-context";

/** An entry cell and the item it belongs to: where an entry rule's finding points. */
export interface EntryPlace {
  readonly row: number;
  readonly col: number;
  readonly ref: string;
}

/** A value from a drop-down list: a case or spacing slip is read as the list's value (and named), anything else is refused. */
export function checkList(v: CellValue, allowed: readonly string[], column: string, place: EntryPlace, sink: FindingSink): CellValue {
  const text = valueText(v).trim();
  if (text === "") return null;
  if (allowed.includes(text)) return text;
  const match = allowed.find((a) => listKey(a) === listKey(text));
  if (match) {
    sink.add("PT-CONT-003", { value: text, column, suggestion: match }, { ...place, suggestion: match });
    return match;
  }
  sink.add("PT-CONT-002", { value: text, column, allowed: allowed.join(", ") }, place);
  return text;
}

/** One entry by its column's type (list, date, text), or its absence where it is required; returns the value as read. */
export function checkEntry(v: CellValue, entry: EntryColumn, column: string, ctx: SheetContext, excused: boolean, place: EntryPlace): CellValue {
  const { sink, framework } = ctx;
  const text = valueText(v);
  const { ref } = place;
  if (text.trim() === "") {
    if (entry.required && !excused) {
      ctx.emptyRequired.push({ ref, column: entry.id, header: column, cell: cellAddress(place.row, place.col) });
      // In an update an empty entry is "unchanged since the initial return": said once for the sheet (PT-CONT-020).
      if (!ctx.update) sink.add("PT-CONT-001", { column, ref }, { ...place, columnType: entry.type });
    }
    return null;
  }
  if (entry.type === "list") return checkList(v, ctx.lists.get(entry.list ?? "") ?? [], column, place, sink);
  if (entry.type === "date") {
    if (isNothingToReport(text)) return text;
    const day = asDay(v, ctx.date1904);
    if (!day) {
      sink.add("PT-CONT-004", { column, ref, value: text.slice(0, 40) }, place);
      return v;
    }
    const tf = framework.timeframe;
    if (tf && (day < tf.start || day > tf.end)) sink.add("PT-CONT-006", { column, ref, value: day, start: tf.start, end: tf.end }, place);
    return { date: day };
  }
  if (text.length > EXCEL_CELL_LIMIT) sink.add("PT-CONT-010", { column, ref, length: text.length }, place);
  else if (text.length > validationConfig.advisoryLength) sink.add("PT-CONT-011", { column, ref, length: text.length, limit: validationConfig.advisoryLength }, place);
  return typeof v === "string" ? v : text;
}
