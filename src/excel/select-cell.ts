import { parseCell } from "./addresses";
import { SELECT_FAILED, withCode } from "./codes";
import type { ExcelRun } from "./host";

/** Goes to a finding: activates its sheet and selects its cell. */
export async function selectCell(run: ExcelRun, sheet: string, cell: string): Promise<void> {
  parseCell(cell, sheet);
  await withCode(SELECT_FAILED, `Could not go to ${cell} on '${sheet}'`, { sheet, cell }, () =>
    run(async (context) => {
      const ws = context.workbook.worksheets.getItem(sheet);
      ws.activate();
      ws.getRange(cell).select();
      await context.sync();
    }),
  );
}
