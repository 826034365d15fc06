import { CodedError } from "../../core/errors/coded-error";
import type { ExcelWorkspace } from "../../excel/workspace";
import { PANE_EXCEL_UNAVAILABLE } from "../errors";

/**
 * Stands in for src/excel/excel-workspace.ts in builds made before that file existed (webpack
 * aliases it; see load-workspace.ts). In Excel the pane shows this error and works on files.
 */
export function createExcelWorkspace(): ExcelWorkspace {
  throw new CodedError(
    PANE_EXCEL_UNAVAILABLE,
    "This build of Pact Tracker has no Excel adapter, so it cannot work on the open workbook. You can still download templates, validate files and consolidate files.",
  );
}
