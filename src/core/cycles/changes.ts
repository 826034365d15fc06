import type { Framework } from "../catalogue/schema";
import { POLITICAL_ENTRY } from "../template/layout";
import type { CellValue, SheetRole } from "../template/spec";
import { squash } from "../validation/typed-text";

/**
 * What changed for one party and item between two cycles, as the Commission's annual report asks
 * ("progress since the last one"). Entry columns only: who wrote it (responsible unit) and its
 * review state are not the party's answer.
 */

export const CHANGE_STATES = ["new", "changed", "unchanged", "no longer reported", "no return this cycle"] as const;
export type ChangeState = (typeof CHANGE_STATES)[number];

/** Heat-map fills of the Changes sheet's state column. */
export const CHANGE_FILLS: Readonly<Record<ChangeState, string>> = {
  new: "C6EFCE",
  changed: "FFEB9C",
  unchanged: "F2F2F2",
  "no longer reported": "FFC7CE",
  "no return this cycle": "D9D9D9",
};

export interface ColumnChange {
  readonly id: string;
  readonly header: string;
  readonly previous: CellValue;
  readonly current: CellValue;
}

export interface ItemChange {
  readonly state: ChangeState;
  /** The entry columns to show: those that differ for "changed", those with a value for the others (none for "unchanged"). */
  readonly columns: readonly ColumnChange[];
}

type Values = Readonly<Record<string, CellValue>> | undefined;

/** The entry columns of a sheet role, by id and header. */
export function entryColumnsOf(framework: Framework, role: SheetRole): { id: string; header: string }[] {
  return role === "political" ? [{ id: POLITICAL_ENTRY.id, header: POLITICAL_ENTRY.header }] : framework.entryColumns.map((c) => ({ id: c.id, header: c.header }));
}

const textOf = (v: CellValue | undefined): string => (v === undefined || v === null ? "" : typeof v === "object" ? v.date : squash(String(v)));

/**
 * How one item moved from the previous cycle to this one, or undefined when neither cycle has
 * anything for it. `returned`: the party sent a return this cycle (otherwise its items previously
 * reported are "no return this cycle", not "no longer reported").
 */
export function itemChange(columns: readonly { id: string; header: string }[], previous: Values, current: Values, returned: boolean): ItemChange | undefined {
  const pairs = columns.map((c): ColumnChange => ({ ...c, previous: previous?.[c.id] ?? null, current: current?.[c.id] ?? null }));
  const had = pairs.some((p) => textOf(p.previous) !== "");
  const has = pairs.some((p) => textOf(p.current) !== "");
  if (!had && !has) return undefined;
  if (!had) return { state: "new", columns: pairs.filter((p) => textOf(p.current) !== "") };
  if (!has) return { state: returned ? "no longer reported" : "no return this cycle", columns: pairs.filter((p) => textOf(p.previous) !== "") };
  const differing = pairs.filter((p) => textOf(p.previous) !== textOf(p.current));
  return differing.length ? { state: "changed", columns: differing } : { state: "unchanged", columns: [] };
}
