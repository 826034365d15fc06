import { readFileSync, statSync, type Stats } from "node:fs";
import type { Catalogue } from "../core/catalogue/catalogue";
import type { ReadOutcome, ReturnedFile } from "../core/consolidation/register";
import { READ_TOO_LARGE } from "../xlsx/read/codes";
import { DEFAULT_LIMITS } from "../xlsx/read/limits";
import { readReturnBytes } from "../xlsx/read-return";
import { isoSeconds } from "../core/consolidation/received";
import { kindOf } from "./inputs";
import { READ_FAILED } from "./usage-error";
import { describeOsError } from "./wording";

/**
 * Reads one returned file from disk; a file that cannot be read is an outcome, not an exception.
 * `received` is when the secretariat got it (from `--received`); by default the file's
 * modification time on disk, in UTC.
 */
export function readReturn(file: string, catalogue: Catalogue, received?: string): ReadOutcome {
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
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return cannotRead(source, describeOsError(e));
  }
  const outcome = readReturnBytes(bytes, file, catalogue);
  const stamped = { ...outcome.source, received: at };
  return "error" in outcome ? { source: stamped, error: outcome.error } : { source: stamped, validation: outcome.validation };
}

function cannotRead(source: ReturnedFile, why: string): ReadOutcome {
  return { source, error: { code: READ_FAILED, message: `cannot read: ${why}` } };
}
