import { CodedError } from "../core/errors/coded-error";
import { parseCell } from "./addresses";
import { SELECT_FAILED, withCode } from "./codes";
import type { ExcelRun } from "./host";

/**
 * Goes to a finding: activates its sheet and selects its cell. Excel cannot activate a hidden
 * sheet, so a finding there says how to show the sheet rather than failing with Office's words.
 */
export async function selectCell(run: ExcelRun, sheet: string, cell: string): Promise<void> {
  parseCell(cell, sheet);
  await withCode(SELECT_FAILED, `Could not go to ${cell} on '${sheet}'`, { sheet, cell }, () =>
    run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet).load("visibility");
      await context.sync();
      if (ws.visibility !== "Visible") {
        throw new CodedError(SELECT_FAILED, `'${sheet}' is hidden: show it first (right-click a sheet tab → Unhide…), then go to ${cell}`, { sheet, cell });
      }
      ws.activate();
      ws.getRange(cell).select();
      await context.sync();
    }),
  );
}
