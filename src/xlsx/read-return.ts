import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex } from "@noble/hashes/utils";
import type { Catalogue } from "../core/catalogue/catalogue";
import type { ReadOutcome } from "../core/consolidation/register";
import { CodedError } from "../core/errors/coded-error";
import { validateWorkbook } from "../core/validation/validate-workbook";
import { readWorkbook } from "./read/read-workbook";
import { nodeCrypto } from "./native";

/** SHA-256 in hex: Node's own where there is one (many times faster), @noble/hashes in the browser. */
export function sha256Hex(bytes: Uint8Array): string {
  const crypto = nodeCrypto();
  return crypto ? crypto.createHash("sha256").update(bytes).digest("hex") : bytesToHex(sha256(bytes));
}

/**
 * One returned workbook, bytes in, ReadOutcome out: read with the hardened reader, validated,
 * checksummed. Never throws for a bad file (the outcome carries the reader's code), so one bad
 * file never stops a batch. Shared by the CLI and the task pane's worker; only the validation is
 * kept, which bounds memory when a thousand returns are consolidated.
 */
export function readReturnBytes(bytes: Uint8Array, file: string, catalogue: Catalogue): ReadOutcome {
  const checksum = sha256Hex(bytes);
  try {
    const wb = readWorkbook(bytes, file);
    const validation = validateWorkbook(wb.sheets.map((s) => ({ grid: s.grid, hiddenColumns: s.hiddenColumns, details: s.details, date1904: wb.date1904 })), catalogue);
    return { source: { file, sha256: checksum, ...(wb.properties.modified ? { modified: wb.properties.modified } : {}) }, validation };
  } catch (e) {
    if (!(e instanceof CodedError)) throw e;
    return { source: { file, sha256: checksum }, error: { code: e.code, message: e.message } };
  }
}
