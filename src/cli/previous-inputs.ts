import { statSync } from "node:fs";
import type { Catalogue } from "../core/catalogue/catalogue";
import type { ReadOutcome } from "../core/consolidation/register";
import { previousFromReturns, type PreviousCycle, type PreviousProblem, type PreviousResponse } from "../core/cycles/previous";
import { expandPaths, requireInput, skippedLine, type SkippedFile } from "./inputs";
import { readPreviousInput } from "./read-return";
import { usageError } from "./usage-error";
import { describeOsError } from "./wording";

/**
 * Last cycle's inputs of `generate --from/--from-dir` and `consolidate --previous/--previous-dir`:
 * returns (merged per party as the combined report merges them) and our own combined reports, read
 * with the returns' hardened reader. Every file is accounted for: read, or a problem with its code.
 */

export interface PreviousInputs {
  /** What was read, grouped as read: the returns together, each combined report on its own. */
  readonly cycles: readonly PreviousCycle[];
  /** Every file read, in name order. */
  readonly files: readonly string[];
  /** Files in the folders that are not inputs (Excel lock files, system metadata), named. */
  readonly skipped: readonly SkippedFile[];
  /** Inputs that gave nothing usable (unreadable, rejected), with their codes. */
  readonly problems: readonly PreviousProblem[];
}

/** The option names, for messages: `--from`/`--from-dir` or `--previous`/`--previous-dir`. */
export interface PreviousFlags {
  readonly file: string;
  readonly dir: string;
}

function isFolder(path: string): boolean | NodeJS.ErrnoException {
  try {
    return statSync(path).isDirectory();
  } catch (e) {
    return e as NodeJS.ErrnoException;
  }
}

/** Reads the files (given with `flags.file`) and folders (`flags.dir`) of the previous cycle. */
export function readPreviousInputs(files: readonly string[], dirs: readonly string[], catalogue: Catalogue, flags: PreviousFlags): PreviousInputs {
  for (const f of files) if (isFolder(f) === true) throw usageError(`${flags.file} takes a file; '${f}' is a folder (give it with ${flags.dir})`);
  for (const d of dirs) {
    const folder = isFolder(d);
    if (folder === false) throw usageError(`${flags.dir} takes a folder; '${d}' is a file (give it with ${flags.file})`);
    if (folder !== true) throw usageError(`${flags.dir} '${d}': ${describeOsError(folder)}`);
  }
  const paths = [...files, ...dirs];
  const inputs = expandPaths(paths);
  requireInput(paths, inputs);
  const read = [...inputs.files].sort();
  const outcomes: ReadOutcome[] = [];
  const reports: PreviousCycle[] = [];
  for (const file of read) {
    const input = readPreviousInput(file, catalogue);
    if (input.kind === "report") reports.push(input.previous);
    else outcomes.push(input.outcome);
  }
  const cycles = [...(outcomes.length > 0 ? [previousFromReturns(outcomes, catalogue)] : []), ...reports];
  return { cycles, files: read, skipped: inputs.skipped, problems: cycles.flatMap((c) => c.problems) };
}

/** Everything read as one previous cycle, for starting templates from. */
export function mergedPrevious(inputs: PreviousInputs): PreviousCycle {
  const withheld = inputs.cycles.flatMap((c) => c.withheld ?? []);
  return { responses: inputs.cycles.flatMap((c) => c.responses), problems: inputs.problems, ...(withheld.length ? { withheld } : {}) };
}

/** "file › sheet — CODE message": one problem of a previous input. */
export function problemLine(p: PreviousProblem): string {
  return `${p.file}${p.sheet ? ` › ${p.sheet}` : ""} — ${p.code} ${p.message}`;
}

/** Lines naming every previous input that gave nothing, and the files skipped in its folders. */
export function previousProblemLines(inputs: PreviousInputs, label: string): string[] {
  const skipped = skippedLine(inputs.skipped);
  return [...inputs.problems.map((p) => `${label}: ${problemLine(p)}`), ...(skipped ? [`${label}: ${skipped}`] : [])];
}

/** Values carried, counted entry by entry (an item's cell), over every sheet role. */
export function entriesIn(entries: Iterable<ReadonlyMap<string, Readonly<Record<string, unknown>>>>): number {
  let n = 0;
  for (const byRef of entries) for (const values of byRef.values()) n += Object.values(values).filter((v) => v !== null && v !== undefined).length;
  return n;
}

/** "file › sheet" of a response, for lines naming what was not used. */
export function sourcesOf(responses: readonly PreviousResponse[]): string {
  return [...new Set(responses.flatMap((r) => r.sources))].join(", ");
}
