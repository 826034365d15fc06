import type { CellValue } from "../template/spec";
import { asDay, listKey, valueText } from "./entry-values";
import { isNothingToReport } from "./rules";
import type { SheetContext } from "./sheet-context";

/**
 * Rules across the columns of one item row (action matrices), on the values as the entry rules read
 * them: dates in order, a completed action with its end date, no activities where the party does
 * not take part.
 */
export function checkAcrossColumns(row: number, ref: string, values: Readonly<Record<string, CellValue>>, notParticipating: boolean, ctx: SheetContext): void {
  const { sink } = ctx;
  const at = (col: number) => ({ row, col, ref });
  const entryCol = (id: string): number | undefined => ctx.entryCols.get(id);
  const start = asDay(values["start"] ?? null, ctx.date1904);
  const end = asDay(values["end"] ?? null, ctx.date1904);
  const startCol = entryCol("start");
  const endCol = entryCol("end");
  if (start && end && start > end && startCol !== undefined) sink.add("PT-CONT-005", { ref, start, end }, at(startCol));
  if (listKey(valueText(values["status"] ?? null)) === "completed" && !end && endCol !== undefined) sink.add("PT-CONT-007", { ref }, at(endCol));
  const actions = valueText(values["actions"] ?? null);
  const actionsCol = entryCol("actions");
  if (notParticipating && actions && !isNothingToReport(actions) && actionsCol !== undefined) sink.add("PT-CONT-008", { ref }, at(actionsCol));
}
