import type { Framework } from "../catalogue/schema";
import { META_ROWS } from "../template/layout";
import type { CellValue } from "../template/spec";
import { count } from "../wording";
import { valueText } from "./entry-values";
import type { FindingSink } from "./finding-sink";

/** One required entry a sheet leaves empty: the item, the entry column's id and heading, the cell. */
export interface EmptyRequired {
  readonly ref: string;
  readonly column: string;
  readonly header: string;
  readonly cell: string;
}

/** The round whose empty entries keep the earlier return's: an update gives only what changed. */
export const UPDATE_ROUND = "update";
/** An update's required entries left empty, at most this many named in its PT-CONT-020 finding. */
const NAMED_EMPTY = 8;

/**
 * The required entries a sheet really leaves open, once items answered elsewhere are excused; an
 * update names them once for the sheet (PT-CONT-020): there they keep the initial return's.
 */
export function settleRequired(framework: Framework, entries: ReadonlyMap<string, Readonly<Record<string, CellValue>>>, found: readonly EmptyRequired[], update: boolean, sink: FindingSink): EmptyRequired[] {
  const excused = excuseAlternatives(framework, entries, sink);
  const emptyRequired = found.filter((e) => !excused.has(e.ref));
  if (update && emptyRequired.length > 0) {
    const refs = [...new Set(emptyRequired.map((e) => e.ref))];
    const named = refs.length > NAMED_EMPTY ? `${refs.slice(0, NAMED_EMPTY).join(", ")} and ${count(refs.length - NAMED_EMPTY, "more item")}` : refs.join(", ");
    sink.add("PT-CONT-020", { entries: count(emptyRequired.length, "required entry", "required entries"), refs: named }, { row: META_ROWS.round, col: 1 });
  }
  return emptyRequired;
}

/**
 * An item that answers others in one go (the EMN query's single response for 1.–4.): a party
 * answers each question, and then needs no single response, or none of them on its own and gives
 * the single response, which then stands for each.
 */
function excuseAlternatives(framework: Framework, entries: ReadonlyMap<string, Readonly<Record<string, CellValue>>>, sink: FindingSink): Set<string> {
  const all = new Set<string>();
  const answered = (ref: string): boolean => framework.entryColumns.every((c) => !c.required || valueText(entries.get(ref)?.[c.id] ?? null).trim() !== "");
  for (const area of framework.areas) {
    for (const item of area.items) {
      const covered = item.covers ?? [];
      if (covered.length === 0) continue;
      const oneByOne = covered.some(answered);
      const excused = new Set(oneByOne ? [item.ref] : answered(item.ref) ? covered : []);
      if (excused.size > 0) sink.withdraw((f) => f.code === "PT-CONT-001" && f.ref !== undefined && excused.has(f.ref));
      for (const ref of excused) all.add(ref);
    }
  }
  return all;
}
