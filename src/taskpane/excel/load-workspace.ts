import type { ExcelWorkspace } from "../../excel/workspace";

/**
 * Loads the Office.js adapter (src/excel/excel-workspace.ts) in its own chunk: a browser in
 * standalone mode never downloads it.
 *
 * The module name is a webpack alias (webpack.config.js) rather than a relative path because the
 * adapter is being written in parallel: while the file is missing, the alias points at
 * missing-workspace.ts, so the pane still builds and says plainly in Excel that it cannot work on
 * the workbook. Once the adapter has landed, this can import "../../excel/excel-workspace" directly
 * and the alias, the stub and excel-workspace-module.d.ts can go.
 */
export async function loadExcelWorkspace(): Promise<ExcelWorkspace> {
  const adapter = await import(/* webpackChunkName: "excel" */ "pact-tracker-excel-workspace");
  return adapter.createExcelWorkspace();
}
