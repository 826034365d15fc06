import { readFileSync } from "node:fs";
import type { Catalogue } from "../core/catalogue/catalogue";
import type { ReadOutcome } from "../core/consolidation/register";
import { readReturnBytes } from "../xlsx/read-return";
import { READ_FAILED } from "./usage-error";

/** Reads one returned file from disk; a file that cannot be read is an outcome, not an exception. */
export function readReturn(file: string, catalogue: Catalogue): ReadOutcome {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return { source: { file, sha256: "" }, error: { code: READ_FAILED, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` } };
  }
  return readReturnBytes(bytes, file, catalogue);
}
