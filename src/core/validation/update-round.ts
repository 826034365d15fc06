import { cellAt } from "../grid/grid";
import type { Finding } from "./finding";
import { FindingSink } from "./finding-sink";
import { UPDATE_ROUND, type EmptyRequired, type TemplateSheet } from "./validate-sheet";

/**
 * An update round gives only what changed: a required entry it leaves empty keeps the initial
 * return's answer (said on the sheet alone as one PT-CONT-020 info). Where the party's earlier
 * returns of the cycle are known — at consolidation — an entry empty in the update that none of
 * them gives (nor excuses: not taking part, answered by another item) is an error, PT-CONT-021.
 */

/** A return of the same party, framework, cycle and sheet, merged before the update. */
export interface EarlierReturn {
  readonly sheet: TemplateSheet;
  /** "file › sheet", for the message. */
  readonly label: string;
  readonly round: string;
}

export const EMPTY_IN_UPDATE_AND_INITIAL = "PT-CONT-021";

/** Whether an earlier return answers the entry, or did not need to (excused there). */
function covers(earlier: TemplateSheet, e: EmptyRequired): boolean {
  const values = earlier.entries.get(e.ref);
  if (!values) return false;
  const v = values[e.column];
  if (v !== null && v !== undefined && !(typeof v === "string" && v.trim() === "")) return true;
  return !(earlier.emptyRequired ?? []).some((x) => x.ref === e.ref && x.column === e.column);
}

function why(earlier: readonly EarlierReturn[], leftOut: readonly EarlierReturn[]): string {
  const initial = earlier.filter((x) => x.round !== UPDATE_ROUND);
  if (initial.length > 0) return `the initial return (${initial.map((x) => x.label).join(", ")}) does not give it either`;
  const out = leftOut.filter((x) => x.round !== UPDATE_ROUND);
  if (out.length > 0) return `the initial return (${out.map((x) => x.label).join(", ")}) is left out under --strict`;
  return "no initial return of this party and cycle is among the inputs";
}

/**
 * The PT-CONT-021 errors of `update` against the returns merged before it (oldest first), and
 * those of the same party, cycle and sheet left out of the report (under --strict), for the words.
 * Nothing for a sheet of another round.
 */
export function checkUpdate(update: TemplateSheet, earlier: readonly EarlierReturn[], leftOut: readonly EarlierReturn[] = []): Finding[] {
  if (update.meta.round !== UPDATE_ROUND) return [];
  const empty = (update.emptyRequired ?? []).filter((e) => !earlier.some((x) => covers(x.sheet, e)));
  if (empty.length === 0) return [];
  const sink = new FindingSink(update.sheet);
  const because = why(earlier, leftOut);
  for (const e of empty) {
    const { row, col } = cellAt(e.cell);
    sink.add(EMPTY_IN_UPDATE_AND_INITIAL, { column: e.header, ref: e.ref, why: because }, { row, col, ref: e.ref });
  }
  return sink.list;
}
