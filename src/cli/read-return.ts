import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import type { Catalogue } from "../core/catalogue/catalogue";
import type { ReadOutcome } from "../core/consolidation/register";
import { CodedError } from "../core/errors/coded-error";
import { validateWorkbook } from "../core/validation/validate-workbook";
import { readWorkbook } from "../xlsx/read/read-workbook";
import { READ_FAILED } from "./usage-error";

/**
 * Reads one returned file and validates it. Never throws for a bad file: the outcome carries the
 * coded reason, so one bad file never stops a batch. Only the validation (not the workbook) is
 * kept, which bounds memory when a thousand returns are consolidated.
 */
export function readReturn(file: string, catalogue: Catalogue): ReadOutcome {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch (e) {
    return { source: { file, sha256: "" }, error: { code: READ_FAILED, message: `cannot read: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` } };
  }
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  try {
    const wb = readWorkbook(bytes, file);
    const validation = validateWorkbook(wb.sheets.map((s) => ({ grid: s.grid, hiddenColumns: s.hiddenColumns })), catalogue);
    return { source: { file, sha256, ...(wb.properties.modified ? { modified: wb.properties.modified } : {}) }, validation };
  } catch (e) {
    if (!(e instanceof CodedError)) throw e;
    return { source: { file, sha256 }, error: { code: e.code, message: e.message } };
  }
}
