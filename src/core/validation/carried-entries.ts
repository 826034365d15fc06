import { meaningOf } from "../catalogue/roles";
import type { Framework, Party, ValueMeaning } from "../catalogue/schema";
import { columnLetters, type SheetGrid } from "../grid/grid";
import type { CellValue, SheetRole } from "../template/spec";
import { carriedKey, sameCycle, type CarriedMark } from "../cycles/carried";
import { valueText } from "./entry-values";
import type { SheetContext } from "./sheet-context";
import { squash } from "./typed-text";

/** The sheet whose rows are compared with what was carried into them. */
export interface CarriedSheet {
  readonly framework: Framework;
  readonly party: Party;
  readonly role: SheetRole;
  readonly grid: SheetGrid;
  readonly cycle: string | undefined;
}

/** What a status, after "completed" last cycle, means when it says the action went back to not being done. */
const BACKWARDS_FROM_COMPLETED: ReadonlySet<ValueMeaning> = new Set<ValueMeaning>(["not-started", "planned"]);
const isBackwards = (m: ValueMeaning | undefined): boolean => m !== undefined && BACKWARDS_FROM_COMPLETED.has(m);

/**
 * Year after year (src/core/cycles): a text entry still exactly as carried from last cycle asks to
 * be confirmed or updated; an action completed last cycle and now not started (or only planned)
 * asks for its status to be checked. Last cycle's read-only column must still show what was carried.
 */
export function checkCarried(row: number, ref: string, values: Readonly<Record<string, CellValue>>, carried: ReadonlyMap<string, CarriedMark>, sheet: CarriedSheet, ctx: SheetContext): void {
  if (carried.size === 0) return;
  const mark = (column: string): CarriedMark | undefined => carried.get(carriedKey(sheet.framework.id, sheet.party.code, sheet.role, ref, column));
  for (const { column: c, col } of ctx.columns) {
    if (col === undefined) continue;
    if (c.kind === "previous") {
      const was = mark(c.shows);
      if (was && squash(sheet.grid.text(row, col)) !== squash(valueText(was.value))) {
        ctx.sink.add("PT-STRUCT-009", { area: `locked column ${c.header}`, column: columnLetters(col), value: sheet.grid.text(row, col).slice(0, 60) }, { row, col, ref });
      }
      continue;
    }
    if (c.kind !== "entry") continue;
    const was = mark(c.entry.id);
    if (!was) continue;
    const now = valueText(values[c.entry.id] ?? null);
    // Carried from this cycle's initial return into its update, an entry left as it is simply did not change.
    if (c.entry.type === "text" && now !== "" && now === valueText(was.value) && !sameCycle(sheet.cycle, was.cycle)) ctx.sink.add("PT-CONT-017", { column: c.header, ref, cycle: was.cycle }, { row, col, ref });
    if (c.entry.role === "status" && meaningOf(sheet.framework, c.entry, valueText(was.value)) === "completed" && isBackwards(meaningOf(sheet.framework, c.entry, now))) {
      ctx.sink.add("PT-CONT-018", { ref, cycle: was.cycle, status: now }, { row, col, ref });
    }
  }
}
