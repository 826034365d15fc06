import type { Catalogue } from "../../core/catalogue/catalogue";
import type { ReadOutcome } from "../../core/consolidation/register";
import { previousFromReturns, type PreviousCycle, type PreviousProblem } from "../../core/cycles/previous";
import type { EarlierCycles } from "../../core/cycles/comparison";
import type { WorkbookSpec } from "../../core/template/spec";
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
    // A report of ours in which no answer could be read says so itself (PT-CYCLE-003, see report-reader.ts).
    else reports.push(read.previous);
  }
  return [...(outcomes.length > 0 ? [previousFromReturns(outcomes, catalogue)] : []), ...reports];
}

/**
 * What the report compared with, and what it could not (core's earlierCycles: PT-CYCLE-002 for a
 * framework not consolidated, PT-CYCLE-004 for a cycle not before), with the report's Changes sheets.
 */
export function comparisonOf(files: readonly string[], earlier: EarlierCycles, report: WorkbookSpec): Comparison {
  const compared = earlier.found.filter((f) => f.compared).map((f) => ({ framework: f.framework, cycle: f.cycle, parties: f.parties }));
  return { files, compared, problems: earlier.problems, sheets: changesSheets(report) };
}

/** The report's Changes sheets, known by their title ("… — changes since cycle 2025 — cycle 2026"). */
function changesSheets(report: WorkbookSpec): string[] {
  const title = (cells: WorkbookSpec["sheets"][number]["cells"]): string => {
    const v = cells.find((c) => c.row === 0 && c.col === 0)?.value;
    return typeof v === "string" ? v : "";
  };
  return report.sheets.filter((s) => / — changes since cycle .+ — cycle .+$/.test(title(s.cells))).map((s) => s.name);
}
