import { capabilities, FULL_LIBRARY } from "./capabilities";
import { acknowledge, acknowledgeAll, ACK_SLOTS } from "./acknowledge";
import { watchChanges } from "./changes";
import { loadChoices, saveChoices } from "./choices";
import { Highlighter } from "./highlights";
import { DEFAULT_REQUEST_BYTES, officeHost, type ExcelHost } from "./host";
import { insertSpec } from "./insert-spec";
import { openWorkbook, platformDownloads } from "./open-workbook";
import { readSheets } from "./read-sheets";
import { REQUIRED_EXCEL_API } from "./requirements";
import { canWriteTyped } from "./text-writes";
import { selectCell } from "./select-cell";
import type { ExcelWorkspace, RequirementCheck } from "./workspace";

/**
 * The ExcelWorkspace backed by Office.js. Pass `deps` to replace the Office entry points (tests
 * pass a recording fake); whatever is not passed comes from the Office globals when first used.
 */
export function createExcelWorkspace(deps: Partial<ExcelHost> = {}): ExcelWorkspace {
  let office: ExcelHost | undefined;
  const host = (): ExcelHost => (office ??= officeHost());
  const run: ExcelHost["run"] = deps.run ?? ((batch, previous) => host().run(batch, previous));
  const requirements = (): ExcelHost["requirements"] => deps.requirements ?? host().requirements;
  // A fake passed without a library defines every member; the real host asks the loaded office.js.
  const can = () => capabilities(requirements(), deps.library ?? (deps.requirements ? FULL_LIBRARY : host().library));
  const requestBytes = deps.requestBytes ?? DEFAULT_REQUEST_BYTES;
  const highlighter = new Highlighter(run, () => canWriteTyped(can()), requestBytes);

  return {
    checkRequirements(): RequirementCheck {
      const { name, minVersion } = REQUIRED_EXCEL_API;
      const supported = requirements().isSetSupported(name, minVersion);
      return { supported, missing: supported ? [] : [`${name} ${minVersion}`] };
    },
    get canDownload() {
      return platformDownloads(deps.platform ?? host().platform);
    },
    openWorkbook: (bytes, fileName) => openWorkbook(deps.createWorkbook ?? host().createWorkbook, bytes, fileName),
    insertSpec: (spec) => insertSpec(run, spec, requestBytes, can()),
    readSheets: (only, onProgress) => readSheets(run, can(), only, { budget: requestBytes, ...(onProgress ? { onProgress } : {}) }),
    selectCell: (sheet, cell) => selectCell(run, sheet, cell),
    highlight: (findings) => highlighter.highlight(findings),
    clearHighlights: () => highlighter.clear(),
    acknowledge: (ack) => acknowledge(run, ack, canWriteTyped(can())),
    acknowledgeAll: (acks) => acknowledgeAll(run, acks, canWriteTyped(can()), ACK_SLOTS, requestBytes),
    loadChoices: () => loadChoices(run),
    saveChoices: (choices) => saveChoices(run, choices),
    onChanged: (handler, fail) => watchChanges(run, can(), handler, fail),
  };
}
