import { readFileSync, statSync, type Stats } from "node:fs";
import type { Catalogue } from "../core/catalogue/catalogue";
import type { ReadOutcome, ReturnedFile } from "../core/consolidation/register";
import type { PreviousCycle } from "../core/cycles/previous";
import { previousFromReport } from "../core/cycles/report-reader";
import { CodedError } from "../core/errors/coded-error";
import { READ_TOO_LARGE } from "../xlsx/read/codes";
import { DEFAULT_LIMITS } from "../xlsx/read/limits";
import { readWorkbook } from "../xlsx/read/read-workbook";
import { readReturnBytes } from "../xlsx/read-return";
import { isoSeconds } from "../core/consolidation/received";
import { kindOf } from "./inputs";
import { READ_FAILED } from "./usage-error";
import { describeOsError } from "./wording";

/** A file's bytes, checked against the reader's caps first; or the outcome saying why it cannot be read. */
function fileBytes(file: string, received?: string): { source: ReturnedFile; bytes: Uint8Array } | ReadOutcome {
  let st: Stats;
  try {
    st = statSync(file);
  } catch (e) {
    return cannotRead({ file, sha256: "", ...(received ? { received } : {}) }, describeOsError(e));
  }
  const at = received ?? isoSeconds(st.mtime);
  const source: ReturnedFile = { file, sha256: "", received: at };
  // Checked before reading: a named pipe would block, and any file in a folder is an input now.
  if (!st.isFile()) return cannotRead(source, `not a regular file (${kindOf(st)})`);
  if (st.size > DEFAULT_LIMITS.maxFileBytes) return { source, error: { code: READ_TOO_LARGE, message: `the file is ${st.size} bytes; the cap is ${DEFAULT_LIMITS.maxFileBytes}` } };
  try {
    return { source, bytes: readFileSync(file) };
  } catch (e) {
    return cannotRead(source, describeOsError(e));
  }
}

/**
 * Reads one returned file from disk; a file that cannot be read is an outcome, not an exception.
 * `received` is when the secretariat got it (from `--received`); by default the file's
 * modification time on disk, in UTC.
 */
export function readReturn(file: string, catalogue: Catalogue, received?: string): ReadOutcome {
  return returnFrom(fileBytes(file, received), file, catalogue);
}

function returnFrom(read: ReturnType<typeof fileBytes>, file: string, catalogue: Catalogue): ReadOutcome {
  if (!("bytes" in read)) return read;
  const outcome = readReturnBytes(read.bytes, file, catalogue);
  const stamped: ReturnedFile = { ...outcome.source, ...(read.source.received !== undefined ? { received: read.source.received } : {}) };
  return "error" in outcome ? { source: stamped, error: outcome.error } : { source: stamped, validation: outcome.validation };
}

/** A previous cycle's input: a return (for previousFromReturns), or our own combined report, already read. */
export type PreviousInput = { readonly kind: "return"; readonly outcome: ReadOutcome } | { readonly kind: "report"; readonly file: string; readonly previous: PreviousCycle };

/**
 * Reads a file given as last cycle's (`generate --from`, `consolidate --previous`) with the same
 * hardened reader as the returns: a return, or — a workbook without template sheets — our own
 * combined report. Anything else is a return the register rejects with its code.
 */
export function readPreviousInput(file: string, catalogue: Catalogue): PreviousInput {
  const read = fileBytes(file);
  const outcome = returnFrom(read, file, catalogue);
  if (!("bytes" in read) || !("validation" in outcome) || outcome.validation.contributions.length > 0) return { kind: "return", outcome };
  let previous: PreviousCycle | undefined;
  try {
    previous = previousFromReport(readWorkbook(read.bytes, file).sheets.map((s) => s.grid), catalogue, file);
  } catch (e) {
    if (!(e instanceof CodedError)) throw e;
    return { kind: "return", outcome: { source: outcome.source, error: { code: e.code, message: e.message } } };
  }
  return previous ? { kind: "report", file, previous } : { kind: "return", outcome };
}

function cannotRead(source: ReturnedFile, why: string): ReadOutcome {
  return { source, error: { code: READ_FAILED, message: `cannot read: ${why}` } };
}
