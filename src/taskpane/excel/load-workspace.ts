import { CodedError } from "../../core/errors/coded-error";
import type { ExcelWorkspace } from "../../excel/workspace";
import { PANE_EXCEL_UNAVAILABLE } from "../errors";

/**
 * Loads the Office.js adapter in its own chunk: a browser in standalone mode never downloads it.
 * Called only once Office.onReady has said the host is Excel. If the chunk cannot be loaded the
 * pane falls back to files and says why (PT-PANE-004), keeping the original error as the cause.
 */
export async function loadExcelWorkspace(load: () => Promise<{ createExcelWorkspace(): ExcelWorkspace }> = () => import(/* webpackChunkName: "excel" */ "../../excel/excel-workspace")): Promise<ExcelWorkspace> {
  try {
    return (await load()).createExcelWorkspace();
  } catch (e) {
    const error = new CodedError(PANE_EXCEL_UNAVAILABLE, `The Excel part of the pane could not be loaded (${e instanceof Error ? e.message : String(e)}); the pane works on files only.`);
    (error as { cause?: unknown }).cause = e;
    throw error;
  }
}
