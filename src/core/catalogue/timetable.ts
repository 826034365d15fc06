import type { Framework } from "./schema";

/**
 * The timetable as data: a round's due day in a reporting cycle. A cycle is named by the year its
 * contributions are due in (`2009`, or `2009-2010`, `2009/10`: the first year written); a round due
 * in the following year (the Pact's January update) says so with `yearAfterCycle: 1`. A cycle label
 * without a year ("H1") has no due date.
 */

export type RoundId = "initial" | "update";

const MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];

/** The first year a cycle label names, or undefined. */
export function cycleYear(cycle: string): number | undefined {
  const m = /(?:^|[^0-9])((?:19|20|21)\d\d)(?![0-9])/.exec(cycle);
  return m?.[1] ? Number(m[1]) : undefined;
}

/** The round's due day in the cycle as an ISO date, where the framework's timetable has one. */
export function dueDate(framework: Framework, cycle: string, round: string): string | undefined {
  const due = framework.rounds.find((r) => r.id === round)?.due;
  const year = cycleYear(cycle);
  if (!due || year === undefined) return undefined;
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${year + due.yearAfterCycle}-${pad(due.month)}-${pad(due.day)}`;
}

/** An ISO day as "15 November 2009". */
export function longDate(iso: string): string {
  return `${Number(iso.slice(8, 10))} ${MONTHS[Number(iso.slice(5, 7)) - 1] ?? "?"} ${iso.slice(0, 4)}`;
}

/** "15 November 2009 (timetable: mid-November)", or the timetable's words alone when the cycle names no year. */
export function dueText(framework: Framework, cycle: string, round: string): string | undefined {
  const due = framework.rounds.find((r) => r.id === round)?.due;
  if (!due) return undefined;
  const iso = dueDate(framework, cycle, round);
  if (!iso) return due.text;
  return `${longDate(iso)} (timetable: ${due.text})`;
}
