import { count } from "../wording";
import { PREVIOUS_OTHER_FRAMEWORK, PREVIOUS_SAME_CYCLE, compareCycles, type PreviousCycle, type PreviousProblem } from "./previous";

/**
 * What earlier-cycle inputs give a combined report: per framework and cycle read, the parties and
 * files, and whether the report compares with it (a cycle of that framework consolidated now comes
 * after it). What it cannot compare with is a problem with its code, said wherever the report is
 * made (the report's own Summary, the CLI's lines and --json, the pane) — never silently ignored.
 */

export interface EarlierCycleFound {
  readonly framework: string;
  readonly cycle: string;
  /** Party codes, in the order read. */
  readonly parties: readonly string[];
  /** The files its answers came from. */
  readonly files: readonly string[];
  readonly compared: boolean;
}

export interface EarlierCycles {
  /** Per framework and cycle read, in framework then cycle order. */
  readonly found: readonly EarlierCycleFound[];
  /** The readers' problems, then a problem per cycle read that cannot be compared. */
  readonly problems: readonly PreviousProblem[];
}

/** The file of a source ("file › sheet"). */
const fileOf = (source: string): string => source.split(" › ")[0] ?? source;

export function earlierCycles(previous: readonly PreviousCycle[], consolidated: readonly { readonly framework: string; readonly cycle: string }[]): EarlierCycles {
  const groups = new Map<string, { framework: string; cycle: string; parties: Set<string>; files: Set<string> }>();
  for (const r of previous.flatMap((c) => c.responses)) {
    const key = `${r.framework.id}\u0000${r.cycle}`;
    const g = groups.get(key) ?? { framework: r.framework.id, cycle: r.cycle, parties: new Set<string>(), files: new Set<string>() };
    g.parties.add(r.party.code);
    for (const s of r.sources) g.files.add(fileOf(s));
    groups.set(key, g);
  }
  const found: EarlierCycleFound[] = [];
  const notCompared: PreviousProblem[] = [];
  for (const g of [...groups.values()].sort((a, b) => (a.framework === b.framework ? compareCycles(a.cycle, b.cycle) : a.framework < b.framework ? -1 : 1))) {
    const now = [...new Set(consolidated.filter((c) => c.framework === g.framework).map((c) => c.cycle))];
    const compared = now.some((c) => compareCycles(g.cycle, c) < 0);
    found.push({ framework: g.framework, cycle: g.cycle, parties: [...g.parties], files: [...g.files], compared });
    if (compared) continue;
    const what = `${g.framework} cycle ${g.cycle} (${count(g.parties.size, "party", "parties")})`;
    const file = [...g.files].join(", ");
    notCompared.push(
      now.length === 0
        ? { file, code: PREVIOUS_OTHER_FRAMEWORK, message: `${what} is not compared: no return of ${g.framework} is consolidated` }
        : { file, code: PREVIOUS_SAME_CYCLE, message: `${what} is not compared: it is not before the cycle consolidated (${now.join(", ")})` },
    );
  }
  return { found, problems: [...previous.flatMap((c) => c.problems), ...notCompared] };
}
