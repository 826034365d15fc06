import type { Catalogue } from "../catalogue/catalogue";
import type { Framework, Party } from "../catalogue/schema";
import { CodedError } from "../errors/coded-error";
import { buildRegister, type ReadOutcome } from "../consolidation/register";
import type { CellValue, SheetRole } from "../template/spec";
import { sameCycle, type CarriedCycle, type EntryValues } from "./carried";

/**
 * Last cycle, as read from its returns (or from our own combined report, see report-reader.ts):
 * per framework, party and sheet role, what the party reported. It is what a new template starts
 * from (`generate --from`) and what the combined report compares with (`consolidate --previous`).
 */

export interface PreviousResponse {
  readonly framework: Framework;
  readonly party: Party;
  /** The cycle it reported on, e.g. "2025". */
  readonly cycle: string;
  readonly role: SheetRole;
  /** Per reference of the current catalogue, per column id (entry columns and "responsible"): the values given. */
  readonly entries: EntryValues;
  /** References it gave values for that the current catalogue no longer has. */
  readonly dropped: readonly string[];
  /** Whether that cycle's response was for wider dissemination: fails closed (false unless recognisably yes). */
  readonly publishable: boolean;
  /** Where it was read from: "file › sheet" of each return merged, or the report's sheet. */
  readonly sources: readonly string[];
}

/** An input of the previous cycle that gave nothing usable, and why: never dropped without a word. */
export interface PreviousProblem {
  readonly file: string;
  readonly sheet?: string;
  readonly code: string;
  readonly message: string;
}

export interface PreviousCycle {
  readonly responses: readonly PreviousResponse[];
  readonly problems: readonly PreviousProblem[];
  /** Parties known only as withheld then (a public edition shows the standard sentence in place of their answers). */
  readonly withheld?: readonly { readonly framework: Framework; readonly cycle: string; readonly party: Party; readonly source: string }[];
}

export const PREVIOUS_OTHER_PARTY = "PT-CYCLE-001";
export const PREVIOUS_OTHER_FRAMEWORK = "PT-CYCLE-002";
export const PREVIOUS_NOTHING = "PT-CYCLE-003";
export const PREVIOUS_SAME_CYCLE = "PT-CYCLE-004";


/**
 * Last cycle from its returns, merged per party as the combined report merges them (an update round
 * replaces entries it gives values for); rejected or unattributable inputs become problems.
 */
export function previousFromReturns(outcomes: readonly ReadOutcome[], catalogue: Catalogue): PreviousCycle {
  const register = buildRegister(outcomes, catalogue);
  const publishable = new Map(register.presence.map((p) => [`${p.framework.id}\u0000${p.cycle}\u0000${p.party.code}`, p.publishable]));
  const responses = register.responses.map((r): PreviousResponse => {
    const entries = new Map<string, Record<string, CellValue>>();
    for (const [ref, row] of r.entries) {
      const values: Record<string, CellValue> = {};
      for (const [col, e] of row) if (e.value !== null && col !== "review") values[col] = e.value;
      if (Object.keys(values).length > 0) entries.set(ref, values);
    }
    const dropped = new Set<string>();
    for (const c of r.contributions) for (const f of c.sheet.findings) if (f.code === "PT-STRUCT-008" && f.ref) dropped.add(f.ref);
    return {
      framework: r.framework,
      party: r.party,
      cycle: r.cycle,
      role: r.role,
      entries,
      dropped: [...dropped],
      publishable: publishable.get(`${r.framework.id}\u0000${r.cycle}\u0000${r.party.code}`) === true,
      sources: r.contributions.map((c) => `${c.source.file} › ${c.sheet.sheet}`),
    };
  });
  const problems = register.rows.flatMap((row): PreviousProblem[] =>
    row.status === "rejected" && row.reason ? [{ file: row.file, ...(row.sheet ? { sheet: row.sheet } : {}), code: row.reason.code, message: row.reason.message }] : [],
  );
  return { responses, problems };
}

/** Cycle labels in order: numbers as numbers ("2025" before "2026", "2025-2" before "2025-10"). */
export function compareCycles(a: string, b: string): number {
  return a.localeCompare(b, "en", { numeric: true });
}

/** What a new template starts from, and what could not come along. */
export interface CarriedStart {
  readonly carried: CarriedCycle;
  /** References of last cycle's catalogue that this one no longer has (their entries are not carried). */
  readonly dropped: readonly string[];
  readonly sources: readonly string[];
}

/**
 * The answers of `party` for `framework` to start the template of `cycle` from: the latest cycle
 * before it — or, for an update round, the same cycle's return (its initial return), which an
 * update starts from before any earlier cycle. Refused with a coded error when the previous input
 * is another party's or another framework's, holds nothing of the party, or is of a later cycle
 * (or, for an initial round, of the same cycle).
 */
export function carriedFor(previous: PreviousCycle, framework: Framework, party: Party, cycle: string, origin: string, round: "initial" | "update" = "initial"): CarriedStart {
  const ofThisCycle = (c: string): boolean => round === "update" && sameCycle(cycle, c);
  const usable = (c: string): boolean => compareCycles(c, cycle) < 0 || ofThisCycle(c);
  const ofFramework = previous.responses.filter((r) => r.framework.id === framework.id);
  const own = ofFramework.filter((r) => r.party.code === party.code);
  const withheldThen = (previous.withheld ?? []).filter((w) => w.framework.id === framework.id && w.party.code === party.code && usable(w.cycle));
  if (own.length === 0 && withheldThen.length > 0) {
    // Withheld then, its answers unknown: nothing to carry but its "no", which a new template must not turn into the default yes.
    const latest = withheldThen.map((w) => w.cycle).sort(compareCycles).at(-1) ?? "";
    return {
      carried: { cycle: latest, entries: new Map(), ...(framework.dissemination ? { dissemination: "no" as const } : {}) },
      dropped: [],
      sources: withheldThen.filter((w) => w.cycle === latest).map((w) => w.source),
    };
  }
  if (own.length === 0) {
    const problem = previous.problems[0];
    const others = [...new Set(ofFramework.map((r) => `${r.party.name} (${r.party.code})`))];
    if (others.length > 0) throw new CodedError(PREVIOUS_OTHER_PARTY, `the previous return is of ${others.join(", ")}, not of ${party.name} (${party.code})`, { file: origin });
    const frameworks = [...new Set(previous.responses.map((r) => r.framework.id))];
    if (frameworks.length > 0) throw new CodedError(PREVIOUS_OTHER_FRAMEWORK, `the previous return is of ${frameworks.join(", ")}, not ${framework.id}`, { file: origin });
    throw new CodedError(PREVIOUS_NOTHING, `no return of ${framework.id} by ${party.name} (${party.code}) could be read${problem ? `: ${problem.code} ${problem.message}` : ""}`, { file: problem?.file ?? origin, ...(problem?.sheet ? { sheet: problem.sheet } : {}) });
  }
  const earlier = own.filter((r) => usable(r.cycle));
  if (earlier.length === 0) {
    const cycles = [...new Set(own.map((r) => r.cycle))].join(", ");
    const wanted = round === "update" ? `of cycle ${cycle} (its initial return) or a cycle before` : `of a cycle before ${cycle}`;
    throw new CodedError(PREVIOUS_SAME_CYCLE, `the previous return is of cycle ${cycles}, not ${wanted}`, { file: origin });
  }
  // An update starts from its own cycle's return where there is one; otherwise from the latest earlier cycle.
  const same = earlier.filter((r) => ofThisCycle(r.cycle));
  const latest = same[0]?.cycle ?? earlier.map((r) => r.cycle).sort(compareCycles).at(-1) ?? "";
  const chosen = same.length > 0 ? same : earlier.filter((r) => r.cycle === latest);
  const entries = new Map<SheetRole, EntryValues>(chosen.map((r) => [r.role, r.entries]));
  const publishable = chosen.every((r) => r.publishable);
  return {
    carried: { cycle: latest, entries, ...(framework.dissemination ? { dissemination: publishable ? "yes" : "no" } : {}) },
    dropped: [...new Set(chosen.flatMap((r) => r.dropped))],
    sources: chosen.flatMap((r) => r.sources),
  };
}
