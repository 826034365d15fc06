import { RETURNED_EMPTY_NOTE, type RegisterRow, type RegisterStatus } from "./register";

/**
 * The one counting of what was received, for the CLI's summary and --json and the pane's register
 * alike. Two units, always named:
 *
 * - a **return**: one party's workbook for one framework, cycle and round — the register's rows
 *   grouped by file, framework, party, cycle and round (a Pact return's political report and
 *   factual table are one return; a file refused as a whole is one return);
 * - a **sheet**: one register row — a template sheet read, or a file refused as a whole.
 *
 * At both, every input has exactly one status, and the statuses add up to `received`:
 * - accepted: in the report, no errors;
 * - accepted with errors: in the report, its errors flagged;
 * - returned empty: in the report but fills no entry (a blank template sent back: not reporting);
 *   a return is returned empty when every sheet of it that counts is;
 * - superseded: nothing of it is in the report (later returns replaced every entry);
 * - rejected: not read into the report (unreadable, no template sheet, a header that does not say
 *   whose it is, or left out for its errors); a return is rejected when any sheet of it is.
 * And two marks, counted apart from the statuses:
 * - late: received after its round's deadline (only said of inputs in the report);
 * - withheld: in the report, but kept out of the public edition (wider dissemination not agreed).
 */

export type ReturnStatus = RegisterStatus | "returned empty";

/** The statuses, in the order they are shown. */
export const RETURN_STATUSES: readonly ReturnStatus[] = ["accepted", "accepted with errors", "returned empty", "superseded", "rejected"];

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
  readonly withheld: boolean;
  /** The register's rows: one per template sheet (or one for a file refused as a whole). */
  readonly rows: readonly RegisterRow[];
}

/** Counts at one unit (returns, or sheets): `received` is every input; the statuses add up to it. */
export type Tally = { readonly received: number; readonly late: number; readonly withheld: number } & Readonly<Record<ReturnStatus, number>>;

export interface RegisterCounts {
  /** Per party's return (file, framework, party, cycle, round). */
  readonly returns: Tally;
  /** Per register row (template sheet, or file refused as a whole). */
  readonly sheets: Tally;
}

const isReturnedEmpty = (r: RegisterRow): boolean => r.note.startsWith(RETURNED_EMPTY_NOTE);

/** A sheet's status: the register's, with a blank template in the report as "returned empty". */
export function sheetStatus(r: RegisterRow): ReturnStatus {
  return (r.status === "accepted" || r.status === "accepted with errors") && isReturnedEmpty(r) ? "returned empty" : r.status;
}

/** A return's status from its sheets': rejected, returned empty, with errors, accepted, superseded. */
function returnStatus(rows: readonly RegisterRow[]): ReturnStatus {
  const has = (s: RegisterStatus): boolean => rows.some((r) => r.status === s);
  if (has("rejected")) return "rejected";
  // Blank in every sheet that counts: not reporting, whatever errors "nothing filled" draws.
  const counted = rows.filter((r) => r.status !== "superseded");
  if (counted.length > 0 && counted.every(isReturnedEmpty)) return "returned empty";
  if (has("accepted with errors")) return "accepted with errors";
  if (has("accepted")) return "accepted";
  return "superseded";
}

/** The register's rows as returns, in the register's order (see the module's comment). */
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
      status: returnStatus(list),
      // Only what is in the report can be late or withheld: the register never marks superseded or rejected rows so.
      late: list.some((r) => r.late),
      withheld: list.some((r) => r.withheld),
      rows: list,
    };
  });
}

function tally(items: readonly { readonly status: ReturnStatus; readonly late: boolean; readonly withheld: boolean }[]): Tally {
  const t = { received: items.length, late: 0, withheld: 0, accepted: 0, "accepted with errors": 0, "returned empty": 0, superseded: 0, rejected: 0 };
  for (const i of items) {
    t[i.status]++;
    if (i.late) t.late++;
    if (i.withheld) t.withheld++;
  }
  return t;
}

/** The register counted by return and by sheet. */
export function countRegister(rows: readonly RegisterRow[]): RegisterCounts {
  return {
    returns: tally(groupReturns(rows)),
    sheets: tally(rows.map((r) => ({ status: sheetStatus(r), late: r.late, withheld: r.withheld }))),
  };
}

/** The definitions in one sentence, shown with the counts (the CLI's summary, the pane's register). */
export const COUNTING_NOTE = "a return is one party's workbook for a framework, cycle and round, of one or more template sheets (a Pact return has two); a file that cannot be read counts as one return and one sheet";
