import { columnWithRole, decidingColumns, roleMeaning } from "../catalogue/roles";
import type { CellValue } from "../template/spec";
import { asDay, valueText } from "./entry-values";
import { isNothingToReport } from "./rules";
import type { SheetContext } from "./sheet-context";

/**
 * Rules across the columns of one item row (action matrices), on the values as the entry rules read
 * them: dates in order, a completed action with its end date, no activities where the party does
 * not take part. The columns are found by their roles, the values by their meanings (the catalogue's).
 */
export function checkAcrossColumns(row: number, ref: string, values: Readonly<Record<string, CellValue>>, notParticipating: boolean, ctx: SheetContext): void {
  const { sink, framework, roles } = ctx;
  const at = (col: number) => ({ row, col, ref });
  const entryCol = (id: string | undefined): number | undefined => (id === undefined ? undefined : ctx.entryCols.get(id));
  const valueOf = (id: string | undefined): CellValue => (id === undefined ? null : values[id] ?? null);
  const start = asDay(valueOf(roles["start-date"]), ctx.date1904);
  const end = asDay(valueOf(roles["end-date"]), ctx.date1904);
  const startCol = entryCol(roles["start-date"]);
  const endCol = entryCol(roles["end-date"]);
  if (start && end && start > end && startCol !== undefined) sink.add("PT-CONT-005", { ref, start, end }, at(startCol));
  if (roleMeaning(framework, "status", valueText(valueOf(roles.status))) === "completed" && !end && endCol !== undefined) sink.add("PT-CONT-007", { ref }, at(endCol));
  if (!notParticipating || !columnWithRole(framework, "participation")) return;
  // What the item asks of a party that takes part: its deciding entries (the primary one, else the required texts).
  for (const c of decidingColumns(framework)) {
    const given = valueText(values[c.id] ?? null);
    const col = entryCol(c.id);
    if (given && !isNothingToReport(given) && col !== undefined) sink.add("PT-CONT-008", { ref }, at(col));
  }
}
