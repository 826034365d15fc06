// The type of the aliased adapter module (see load-workspace.ts): the contract in src/excel/workspace.ts.
declare module "pact-tracker-excel-workspace" {
  export function createExcelWorkspace(): import("../../excel/workspace").ExcelWorkspace;
}
