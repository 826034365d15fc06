import type { SheetGrid } from "../grid/grid";
import type { CellValue, SheetRole } from "../template/spec";
import { cycleKey } from "./cycle-label";

/**
 * Year after year: what a party reported last cycle, carried into this cycle's template. The
 * template shows it in the entry cells (marked until edited) and keeps a hidden copy on a
 * `pt_carried` sheet, so the validator can tell an entry still as carried ("unchanged since cycle
 * 2025 — confirm or update") from one the party confirmed by editing it.
 */

/** Entry values per item (or area) reference, per column id (entry columns and "responsible"). */
export type EntryValues = ReadonlyMap<string, Readonly<Record<string, CellValue>>>;

/**
 * What a new template starts from: one party's answers of one previous cycle, mapped to this
 * catalogue — or, for an update round, the same cycle's initial return (its cycle is then the
 * template's own: see sameCycle).
 */
export interface CarriedCycle {
  /** The previous cycle's label, e.g. "2025" (the template's own cycle when an update starts from its initial return). */
  readonly cycle: string;
  /** Per sheet role, the entries carried (only references this catalogue has). */
  readonly entries: ReadonlyMap<SheetRole, EntryValues>;
  /** The wider-dissemination choice of last cycle, where it was recognisably yes or no. */
  readonly dissemination?: "yes" | "no";
}

/**
 * Whether what was carried is of the template's own cycle: an update round started from the
 * same cycle's initial return. Such a template shows no "last cycle" column (there is no last
 * cycle in it), and an entry still as carried is simply unchanged since the initial return.
 */
export function sameCycle(cycle: string | undefined, carriedCycle: string | undefined): boolean {
  return cycle !== undefined && carriedCycle !== undefined && cycle !== "" && cycleKey(cycle) === cycleKey(carriedCycle);
}

/** The cycle whose read-only column a template shows: the carried cycle, unless it is the template's own. */
export function lastCycleShown(cycle: string | undefined, carriedCycle: string | undefined): string | undefined {
  return carriedCycle && !sameCycle(cycle, carriedCycle) ? carriedCycle : undefined;
}

/** The hidden sheet holding what was carried; more than one ("pt_carried (2)") when templates were inserted one by one. */
export const CARRIED_SHEET = "pt_carried";

/** The carried sheet as the builder names it, or as Office.js renamed it beside another ("pt_carried (2)"); not a user's "pt_carried notes". */
export function isCarriedSheet(name: string): boolean {
  return /^pt_carried(?: \(\d+\))?$/i.test(name);
}

/** The block header on the carried sheet: these labels, then the carried column ids. */
export const CARRIED_HEADERS = ["Framework", "Party code", "Sheet", "Ref", "Previous cycle"] as const;
/** The first column holding carried values. */
export const CARRIED_FIRST_VALUE_COL = CARRIED_HEADERS.length;

/** One carried value as the validator reads it back. */
export interface CarriedMark {
  readonly framework: string;
  readonly party: string;
  readonly role: string;
  readonly ref: string;
  readonly column: string;
  readonly cycle: string;
  readonly value: CellValue;
}

/** Where the carried sheet keeps last cycle's wider-dissemination choice: a row of its own, under this reference and column. */
export const CARRIED_CHOICE = { role: "questionnaire", ref: "(wider dissemination)", column: "dissemination" } as const;

export function carriedKey(framework: string, party: string, role: string, ref: string, column: string): string {
  return [framework, party.toUpperCase(), role, ref, column].join("\u0000");
}

/** Every value of a carried sheet, keyed by framework, party, sheet role, reference and column (see carriedKey). */
export function readCarriedMarks(grid: SheetGrid): Map<string, CarriedMark> {
  const marks = new Map<string, CarriedMark>();
  let columns: string[] = [];
  for (let row = 0; row < grid.rowCount; row++) {
    if (CARRIED_HEADERS.every((h, col) => grid.text(row, col).trim() === h)) {
      columns = [];
      for (let col = CARRIED_FIRST_VALUE_COL; col < grid.colCount; col++) columns[col] = grid.text(row, col).trim();
      continue;
    }
    const [framework, party, role, ref, cycle] = CARRIED_HEADERS.map((_, col) => grid.text(row, col).trim());
    if (!framework || !party || !role || !ref) continue;
    for (let col = CARRIED_FIRST_VALUE_COL; col < columns.length; col++) {
      const column = columns[col];
      const value = grid.get(row, col);
      if (!column || value === null) continue;
      marks.set(carriedKey(framework, party, role, ref, column), { framework, party, role, ref, column, cycle: cycle ?? "", value });
    }
  }
  return marks;
}
