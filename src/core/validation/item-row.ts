import { saysNotParticipating } from "../catalogue/roles";
import { columnLetters } from "../grid/grid";
import { REVIEW_LIST_ID } from "../template/layout";
import type { CellValue } from "../template/spec";
import { checkAcrossColumns } from "./cross-column-rules";
import type { EntryNote } from "./entry-notes";
import { checkEntry, checkList } from "./entry-rules";
import { valueText } from "./entry-values";
import { cellDetails, type SheetContext } from "./sheet-context";

/** One item row as read: entry values and the notes on its cells, by entry column id (plus "responsible" and "review"). */
export interface ItemRow {
  readonly values: Record<string, CellValue>;
  readonly notes: Record<string, EntryNote[]>;
}

/**
 * The entry cells of one item row, column by column (a cached error, a formula, a value in a
 * hidden column, then the column's own rule), and after them the rules across the row's columns.
 */
export function checkItemRow(row: number, ref: string, values: ReadonlyMap<number, CellValue>, ctx: SheetContext): ItemRow {
  const { columns, lists, hidden, sink } = ctx;
  const out: Record<string, CellValue> = {};
  const notes: Record<string, EntryNote[]> = {};
  const at = (col: number) => ({ row, col, ref });
  const participationId = ctx.roles.participation;
  const participationCol = participationId === undefined ? undefined : ctx.entryCols.get(participationId);
  const notParticipating = participationCol !== undefined && saysNotParticipating(ctx.framework, valueText(values.get(participationCol) ?? null));

  for (const { column: c, col } of columns) {
    if (col === undefined || c.kind === "guidance" || c.kind === "mainCommitment" || c.kind === "ref" || c.kind === "item" || c.kind === "previous") continue;
    const key = c.kind === "entry" ? c.entry.id : c.kind;
    const { notes: cellNotes, formula, error } = cellDetails(ctx, row, col);
    if (cellNotes.length > 0) notes[key] = cellNotes;
    let v = values.get(col) ?? null;
    if (valueText(v) !== "" && hidden.has(col)) sink.add("PT-STRUCT-010", { column: columnLetters(col), value: valueText(v).slice(0, 60) }, at(col));
    if (error !== undefined) {
      // A cached error is never an answer: it counts as not reported, and the finding says why.
      sink.add("PT-CONT-015", { column: c.header, ref, error, formula: formula ? ` (formula ${formula})` : "" }, at(col));
      out[key] = null;
      continue;
    }
    if (formula !== undefined) {
      const required = c.kind === "entry" && c.entry.required;
      const cached = valueText(v);
      sink.add(required ? "PT-CONT-013" : "PT-CONT-014", { column: c.header, ref, formula, cached: cached ? `'${cached.slice(0, 60)}'` : "no value (it was never calculated)" }, at(col));
      // The formula's own finding says why the cell reads as empty; "is empty" would mislead.
      if (cached === "") {
        out[key] = null;
        continue;
      }
    }
    if (c.kind === "responsible") {
      out[key] = v;
      continue;
    }
    // The co-authors' review state is a list of its own, checked as any list value.
    if (c.kind === "review") {
      out[key] = checkList(v, lists.get(REVIEW_LIST_ID) ?? [], c.header, at(col), sink);
      continue;
    }
    v = checkEntry(v, c.entry, c.header, ctx, notParticipating && c.entry.id !== participationId, at(col));
    out[key] = v;
  }

  checkAcrossColumns(row, ref, out, notParticipating, ctx);
  return { values: out, notes };
}
