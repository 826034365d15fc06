import type { Catalogue } from "../../core/catalogue/catalogue";
import type { Finding } from "../../core/validation/finding";
import { expandPaths, requireInput, skippedLine, type SkippedFile } from "../inputs";
import { readReturns } from "../read-pool";
import type { ReadOutcome } from "../../core/consolidation/register";
import { count } from "../wording";

export interface FileValidation {
  readonly file: string;
  /** "skipped": found in a folder but not a return (an Excel lock file, macOS metadata…); see `skipped`. */
  readonly status: "ok" | "errors" | "unreadable" | "skipped";
  readonly error?: { readonly code: string; readonly message: string };
  /** Why a file found in a folder was not read, e.g. "Excel lock file". */
  readonly skipped?: string;
  readonly contributions: readonly { sheet: string; framework: string; party: string; cycle: string; round: string }[];
  readonly findings: readonly Finding[];
}

/** One file's result from its read outcome; an unreadable file is a result, never an exception. */
function fileValidation(file: string, outcome: ReadOutcome): FileValidation {
  if ("error" in outcome) return { file, status: "unreadable", error: outcome.error, contributions: [], findings: [] };
  const result = outcome.validation;
  return {
    file,
    status: result.counts.errors > 0 ? "errors" : "ok",
    contributions: result.contributions.map((c) => ({
      sheet: c.sheet,
      framework: c.meta.framework ?? "",
      party: c.meta.partyCode ?? "",
      cycle: c.meta.cycle ?? "",
      round: c.meta.round ?? "",
    })),
    findings: result.findings,
  };
}

function skippedResult(s: SkippedFile): FileValidation {
  return { file: s.file, status: "skipped", skipped: s.reason, contributions: [], findings: [] };
}

/**
 * `pact-tracker validate`: every input, then the files skipped in folders — in `--json` as entries
 * with status "skipped" after the others, on a terminal as one line. Returns the exit code.
 */
export async function validateCommand(paths: readonly string[], catalogue: Catalogue, options: { readonly json: boolean; readonly jobs?: number }, out: (line: string) => void): Promise<number> {
  const { json } = options;
  const inputs = expandPaths(paths);
  requireInput(paths, inputs);
  const { files, skipped } = inputs;
  const outcomes = await readReturns(files, catalogue, new Map(), options.jobs !== undefined ? { jobs: options.jobs } : {});
  const results = files.map((file, i) => fileValidation(file, outcomes[i] as ReadOutcome));
  if (json) out(JSON.stringify([...results, ...skipped.map(skippedResult)], null, 2));
  else {
    for (const r of results) for (const line of describeValidation(r)) out(line);
    const line = skippedLine(skipped);
    if (line) out(line);
  }
  return validationExitCode(results);
}

const SEVERITY_LABEL = { error: "ERROR", warning: "WARNING", info: "INFO" } as const;

export function describeValidation(v: FileValidation): string[] {
  if (v.status === "skipped") return [`${v.file}: skipped — ${v.skipped}`];
  if (v.status === "unreadable") return [`${v.file}: unreadable — ${v.error?.code} ${v.error?.message}`];
  const errors = v.findings.filter((f) => f.severity === "error").length;
  const warnings = v.findings.filter((f) => f.severity === "warning" && !f.acknowledged).length;
  const lines = [`${v.file}: ${v.status === "ok" ? "ok" : "errors"} — ${count(errors, "error")}, ${count(warnings, "warning")}`];
  for (const c of v.contributions) {
    lines.push(`  sheet "${c.sheet}": ${c.framework}, party ${c.party}, cycle ${c.cycle}, round ${c.round}`);
    for (const f of v.findings.filter((x) => x.sheet === c.sheet)) lines.push(`    ${describeFinding(f)}`);
  }
  for (const f of v.findings.filter((x) => !v.contributions.some((c) => c.sheet === x.sheet))) lines.push(`  ${describeFinding(f)}`);
  return lines;
}

function describeFinding(f: Finding): string {
  const label = f.acknowledged ? "ACCEPTED" : SEVERITY_LABEL[f.severity];
  const where = f.cell ? `${f.cell} ` : "";
  const ref = f.ref ? `[${f.ref}] ` : "";
  const ack = f.acknowledged ? ` (justification: ${f.acknowledged.justification})` : "";
  return `${label} ${f.code} ${where}${ref}${f.message}${ack}`;
}

/** Exit code: 2 when any file is unreadable, 1 when any has errors, else 0. */
export function validationExitCode(results: readonly FileValidation[]): number {
  if (results.some((r) => r.status === "unreadable")) return 2;
  if (results.some((r) => r.status === "errors")) return 1;
  return 0;
}
