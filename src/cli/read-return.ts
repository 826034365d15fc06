import { readFileSync, statSync, type Stats } from "node:fs";
import type { Catalogue } from "../core/catalogue/catalogue";
import type { ReadOutcome, ReturnedFile } from "../core/consolidation/register";
import { READ_TOO_LARGE } from "../xlsx/read/codes";
import { DEFAULT_LIMITS } from "../xlsx/read/limits";
import { readPreviousBytes, readReturnBytes, type PreviousInput } from "../xlsx/read-return";

export type { PreviousInput } from "../xlsx/read-return";
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
    return cannotRead({ file, sha256: "", ...(received ? { received, receivedFrom: "received list" as const } : {}) }, describeOsError(e));
  }
  // The register says where the date came from: the --received list, else the file's time on disk.
  const source: ReturnedFile = { file, sha256: "", ...(received !== undefined ? { received, receivedFrom: "received list" } : { received: isoSeconds(st.mtime), receivedFrom: "file time" }) };
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
  return stamped(readReturnBytes(read.bytes, file, catalogue), read.source);
}

/** The outcome dated when the file was received, and where that date came from. */
function stamped(outcome: ReadOutcome, from: ReturnedFile): ReadOutcome {
  const source: ReturnedFile = { ...outcome.source, ...(from.received !== undefined ? { received: from.received, ...(from.receivedFrom ? { receivedFrom: from.receivedFrom } : {}) } : {}) };
  return "error" in outcome ? { source, error: outcome.error } : { source, validation: outcome.validation };
}

/**
 * Reads a file given as last cycle's (`generate --from`, `consolidate --previous`) with the same
 * hardened reader as the returns (see readPreviousBytes): a return, or our own combined report.
 */
export function readPreviousInput(file: string, catalogue: Catalogue): PreviousInput {
  const read = fileBytes(file);
  if (!("bytes" in read)) return { kind: "return", outcome: read };
  const input = readPreviousBytes(read.bytes, file, catalogue);
  return input.kind === "return" ? { kind: "return", outcome: stamped(input.outcome, read.source) } : input;
}

function cannotRead(source: ReturnedFile, why: string): ReadOutcome {
  return { source, error: { code: READ_FAILED, message: `cannot read: ${why}` } };
}
