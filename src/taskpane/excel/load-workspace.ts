import type { ExcelWorkspace } from "../../excel/workspace";

/**
 * Loads the Office.js adapter in its own chunk: a browser in standalone mode never downloads it.
 * Called only once Office.onReady has said the host is Excel.
 */
export async function loadExcelWorkspace(): Promise<ExcelWorkspace> {
  const adapter = await import(/* webpackChunkName: "excel" */ "../../excel/excel-workspace");
  return adapter.createExcelWorkspace();
}
