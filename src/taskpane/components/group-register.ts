import type { RegisterRow, RegisterStatus } from "../../core/consolidation/register";

/** What the pane counts: a party's return for a framework (its sheets listed underneath), not each sheet. */
export type ReturnStatus = RegisterStatus | "returned empty";

export interface ReturnGroup {
  readonly key: string;
  readonly file: string;
  readonly framework: string;
  readonly party: string;
  readonly partyName: string;
  readonly cycle: string;
  readonly round: string;
  readonly status: ReturnStatus;
  readonly late: boolean;
  /** The register's rows: one per template sheet (or one for a file refused as a whole). */
  readonly rows: readonly RegisterRow[];
}

export const RETURN_STATUSES: readonly ReturnStatus[] = ["accepted", "accepted with errors", "returned empty", "superseded", "rejected"];

/** A blank template sent back: the register notes it on the return that counts. */
const isReturnedEmpty = (r: RegisterRow): boolean => r.note.startsWith("returned empty");

/** The return's status from its sheets': refused, returned empty, with errors, accepted, superseded. */
function statusOf(rows: readonly RegisterRow[]): ReturnStatus {
  const has = (s: RegisterStatus): boolean => rows.some((r) => r.status === s);
  if (has("rejected")) return "rejected";
  // Blank in every sheet that counts: not reporting, whatever errors "nothing filled" draws.
  const counted = rows.filter((r) => r.status !== "superseded");
  if (counted.length > 0 && counted.every(isReturnedEmpty)) return "returned empty";
  if (has("accepted with errors")) return "accepted with errors";
  if (has("accepted")) return "accepted";
  return "superseded";
}

/**
 * The register's rows as returns: one per file, framework, party, cycle and round (a Pact return's
 * political report and factual table are one return), in the register's order.
 */
export function groupReturns(rows: readonly RegisterRow[]): ReturnGroup[] {
  const groups = new Map<string, RegisterRow[]>();
  for (const r of rows) {
    const key = [r.file, r.framework, r.party, r.cycle, r.round].join("\u0000");
    const list = groups.get(key) ?? [];
    list.push(r);
    groups.set(key, list);
  }
  return [...groups.entries()].map(([key, list]) => {
    const first = list[0] as RegisterRow;
    return {
      key,
      file: first.file,
      framework: first.framework,
      party: first.party,
      partyName: first.partyName,
      cycle: first.cycle,
      round: first.round,
      status: statusOf(list),
      // Only what is in the report can be late: core never marks superseded or rejected rows late.
      late: list.some((r) => r.late),
      rows: list,
    };
  });
}

export function countReturns(groups: readonly ReturnGroup[]): Readonly<Record<ReturnStatus, number>> {
  const counts: Record<ReturnStatus, number> = { accepted: 0, "accepted with errors": 0, "returned empty": 0, superseded: 0, rejected: 0 };
  for (const g of groups) counts[g.status]++;
  return counts;
}

/** A return that needs a decision: anything but a clean acceptance, or late, or not for publication. */
export function needsAttention(g: ReturnGroup): boolean {
  return g.status !== "accepted" || g.late || g.rows.some((r) => r.dissemination !== "" && !r.dissemination.startsWith("yes"));
}
