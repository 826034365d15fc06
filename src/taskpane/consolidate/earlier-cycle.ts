import type { Catalogue } from "../../core/catalogue/catalogue";
import type { ReadOutcome, Register } from "../../core/consolidation/register";
import { PREVIOUS_NOTHING, PREVIOUS_OTHER_FRAMEWORK, PREVIOUS_SAME_CYCLE, compareCycles, previousFromReturns, type PreviousCycle, type PreviousProblem } from "../../core/cycles/previous";
import type { WorkbookSpec } from "../../core/template/spec";
import { count } from "../../core/wording";
import type { NamedBlob } from "../files/file-bytes";
import { readPreviousFile } from "../files/read-file";

/**
 * "Compare with an earlier cycle" in the Consolidate tab: what `consolidate --previous` and
 * `--previous-dir` do, on files the user chose. Every file is accounted for: read into an earlier
 * cycle, or a problem naming it with its code. Runs inside the worker.
 */

/** One framework and cycle compared with: the parties whose answers were read. */
export interface ComparedCycle {
  readonly framework: string;
  readonly cycle: string;
  /** Party codes, in the order read. */
  readonly parties: readonly string[];
}

/** What the earlier-cycle files gave the report, for the pane to say. Survives structured cloning. */
export interface Comparison {
  /** Every earlier-cycle file chosen, in name order. */
  readonly files: readonly string[];
  /** Per framework and cycle, what the report compares with (in the Changes sheet, the trend, the status moves). */
  readonly compared: readonly ComparedCycle[];
  /** Files (or sheets of them) that gave nothing, and cycles read that cannot be compared: each with its code. */
  readonly problems: readonly PreviousProblem[];
  /** The report's Changes sheets, by name ("pact-2008 changes"). */
  readonly sheets: readonly string[];
}

/**
 * The earlier-cycle files, read as the CLI reads them: all returns merged into one earlier cycle
 * (through one previousFromReturns, as the combined report merges them), each combined report of
 * ours an earlier cycle of its own. `onFile` is told each file (and how many were read before it) before it is read.
 */
export async function readEarlierCycles(files: readonly NamedBlob[], catalogue: Catalogue, onFile: (name: string, index: number) => void): Promise<PreviousCycle[]> {
  const outcomes: ReadOutcome[] = [];
  const reports: PreviousCycle[] = [];
  for (const [index, file] of files.entries()) {
    onFile(file.name, index);
    const read = await readPreviousFile(file, catalogue);
    if (read.kind === "return") outcomes.push(read.outcome);
    else if (read.previous.responses.length > 0 || read.previous.problems.length > 0) reports.push(read.previous);
    // A report of ours in which no answer could be read (a public edition withholding every party): said, not dropped.
    else reports.push({ responses: [], problems: [{ file: read.file, code: PREVIOUS_NOTHING, message: "no party's answers could be read from this combined report" }] });
  }
  return [...(outcomes.length > 0 ? [previousFromReturns(outcomes, catalogue)] : []), ...reports];
}

/** The file of a source ("file › sheet"). */
const fileOf = (source: string): string => source.split(" › ")[0] ?? source;

/**
 * What the report compared with, and what it could not: per framework and cycle read, compared when
 * a cycle of that framework consolidated now comes after it; otherwise a problem naming the files
 * (core's PT-CYCLE-002 for a framework not consolidated, PT-CYCLE-004 for a cycle not before).
 */
export function comparisonOf(files: readonly string[], cycles: readonly PreviousCycle[], register: Register, report: WorkbookSpec): Comparison {
  const found = new Map<string, { framework: string; cycle: string; parties: Set<string>; files: Set<string> }>();
  for (const r of cycles.flatMap((c) => c.responses)) {
    const key = `${r.framework.id}\u0000${r.cycle}`;
    const entry = found.get(key) ?? { framework: r.framework.id, cycle: r.cycle, parties: new Set<string>(), files: new Set<string>() };
    entry.parties.add(r.party.code);
    for (const s of r.sources) entry.files.add(fileOf(s));
    found.set(key, entry);
  }
  const compared: ComparedCycle[] = [];
  const notCompared: PreviousProblem[] = [];
  for (const f of [...found.values()].sort((a, b) => (a.framework === b.framework ? compareCycles(a.cycle, b.cycle) : a.framework < b.framework ? -1 : 1))) {
    const now = [...new Set(register.responses.filter((r) => r.framework.id === f.framework).map((r) => r.cycle))];
    const file = [...f.files].join(", ");
    const what = `${f.framework} cycle ${f.cycle} (${count(f.parties.size, "party", "parties")})`;
    if (now.length === 0) notCompared.push({ file, code: PREVIOUS_OTHER_FRAMEWORK, message: `${what} is not compared: no return of ${f.framework} is consolidated` });
    else if (!now.some((c) => compareCycles(f.cycle, c) < 0)) notCompared.push({ file, code: PREVIOUS_SAME_CYCLE, message: `${what} is not compared: it is not before the cycle consolidated (${now.join(", ")})` });
    else compared.push({ framework: f.framework, cycle: f.cycle, parties: [...f.parties] });
  }
  return { files, compared, problems: [...cycles.flatMap((c) => c.problems), ...notCompared], sheets: changesSheets(report) };
}

/** The report's Changes sheets, known by their title ("… — changes since cycle 2025 — cycle 2026"). */
function changesSheets(report: WorkbookSpec): string[] {
  const title = (cells: WorkbookSpec["sheets"][number]["cells"]): string => {
    const v = cells.find((c) => c.row === 0 && c.col === 0)?.value;
    return typeof v === "string" ? v : "";
  };
  return report.sheets.filter((s) => / — changes since cycle .+ — cycle .+$/.test(title(s.cells))).map((s) => s.name);
}
