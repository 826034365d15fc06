import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex } from "@noble/hashes/utils";
import type { Catalogue } from "../../core/catalogue/catalogue";
import type { ReadOutcome } from "../../core/consolidation/register";
import { CodedError } from "../../core/errors/coded-error";
import { validateWorkbook } from "../../core/validation/validate-workbook";
import { readWorkbook } from "../../xlsx/read/read-workbook";

/**
 * The browser twin of src/cli/read-return.ts: bytes in, ReadOutcome out, never throwing for a bad
 * file (the outcome carries the reader's code). Loaded lazily: it pulls in the reader.
 *
 * TO MOVE: this is the CLI's readReturn minus the file system. It belongs in src/xlsx/read (e.g.
 * read-return.ts, with @noble/hashes for the checksum), called by both the CLI and the pane;
 * until then keep the two in step.
 */
export function readReturnBytes(bytes: Uint8Array, file: string, catalogue: Catalogue): ReadOutcome {
  const checksum = bytesToHex(sha256(bytes));
  try {
    const wb = readWorkbook(bytes, file);
    const validation = validateWorkbook(wb.sheets.map((s) => ({ grid: s.grid, hiddenColumns: s.hiddenColumns })), catalogue);
    return { source: { file, sha256: checksum, ...(wb.properties.modified ? { modified: wb.properties.modified } : {}) }, validation };
  } catch (e) {
    if (!(e instanceof CodedError)) throw e;
    return { source: { file, sha256: checksum }, error: { code: e.code, message: e.message } };
  }
}
