import type { ReadOutcome } from "../../../src/core/consolidation/register";
import type { WorkbookSpec } from "../../../src/core/template/spec";
import { validateWorkbook } from "../../../src/core/validation/validate-workbook";
import { catalogue, gridsWith, type Edit } from "../../support/returns";

/** What reading a returned file gives, built from a spec and edits without writing a file. */
export function outcomeOf(file: string, spec: WorkbookSpec, edits: readonly Edit[]): ReadOutcome {
  const grids = gridsWith(spec, edits);
  return { source: { file, sha256: `sha-${file}` }, validation: validateWorkbook(grids.map((grid) => ({ grid })), catalogue) };
}

export function unreadable(file: string, code: string, message: string): ReadOutcome {
  return { source: { file, sha256: "" }, error: { code, message } };
}
