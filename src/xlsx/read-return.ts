import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex } from "@noble/hashes/utils";
import type { Catalogue } from "../core/catalogue/catalogue";
import type { ReadOutcome } from "../core/consolidation/register";
import { CodedError } from "../core/errors/coded-error";
import { validateWorkbook, type WorkbookValidation } from "../core/validation/validate-workbook";
import type { PreviousCycle } from "../core/cycles/previous";
import { previousFromReport } from "../core/cycles/report-reader";
import { READ_NOT_CHECKED } from "./read/codes";
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
  return readChecked(bytes, file, catalogue, (_wb, outcome) => outcome);
}

/** A previous cycle's input: a return (for previousFromReturns), or our own combined report, already read. */
export type PreviousInput = { readonly kind: "return"; readonly outcome: ReadOutcome } | { readonly kind: "report"; readonly file: string; readonly previous: PreviousCycle };

/**
 * A file given as last cycle's (`generate --from`, `consolidate --previous`, the pane's previous
 * return and earlier-cycle files), read once with the same hardened reader: a return, or — a
 * workbook without template sheets — our own combined report (core's report reader). Anything
 * else is a return outcome the register rejects with its code.
 */
export function readPreviousBytes(bytes: Uint8Array, file: string, catalogue: Catalogue): PreviousInput {
  const read = readChecked(bytes, file, catalogue, (wb, outcome): PreviousInput => {
    if (outcome.validation.contributions.length > 0) return { kind: "return", outcome };
    const previous = previousFromReport(wb.sheets.map((s) => s.grid), catalogue, file);
    return previous ? { kind: "report", file, previous } : { kind: "return", outcome };
  });
  return "kind" in read ? read : { kind: "return", outcome: read };
}

/**
 * Reads and validates; a reader's coded refusal (also from `then`) becomes the outcome naming it.
 * Anything else (a bug, a stack or memory limit met on a hostile file) becomes the outcome
 * PT-READ-017 with what failed: one file that breaks us never stops a batch of a thousand.
 */
function readChecked<T>(bytes: Uint8Array, file: string, catalogue: Catalogue, then: (wb: ReturnType<typeof readWorkbook>, outcome: ReadOutcome & { validation: WorkbookValidation }) => T): T | ReadOutcome {
  const checksum = sha256Hex(bytes);
  try {
    const wb = readWorkbook(bytes, file);
    const validation = validateWorkbook(wb.sheets.map((s) => ({ grid: s.grid, hiddenColumns: s.hiddenColumns, details: s.details, date1904: wb.date1904, state: s.state })), catalogue);
    return then(wb, { source: { file, sha256: checksum, ...(wb.properties.modified ? { modified: wb.properties.modified } : {}) }, validation });
  } catch (e) {
    if (e instanceof CodedError) return { source: { file, sha256: checksum }, error: { code: e.code, message: e.message } };
    const what = e instanceof Error ? `${e.name}: ${e.message}` : String(e);
    return { source: { file, sha256: checksum }, error: { code: READ_NOT_CHECKED, message: `the workbook was read but could not be checked (${what.slice(0, 200)}); nothing else is affected — please report this file` } };
  }
}
