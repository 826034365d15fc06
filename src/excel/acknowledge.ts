import { ACK_HEADERS, ACK_SHEET, type Acknowledgement } from "../core/validation/acknowledgements";
import { rangeA1 } from "./addresses";
import { ACKNOWLEDGE_FAILED, withCode } from "./codes";
import type { ExcelRun } from "./host";

/**
 * Appends an acknowledgement to the hidden sheet every co-author sees. Every cell is text: the
 * "@" format goes in before the values, so a justification starting with "=" stays words.
 */

function writeRow(ws: Excel.Worksheet, row: number, values: readonly string[]): void {
  const range = ws.getRange(rangeA1({ top: row, left: 0, bottom: row, right: values.length - 1 }));
  range.numberFormat = [values.map(() => "@")];
  range.values = [[...values]];
}

export function acknowledge(run: ExcelRun, ack: Acknowledgement): Promise<void> {
  const row = [ack.sheet, ack.cell, ack.code, ack.justification, ack.by ?? "", ack.date ?? ""];
  return withCode(ACKNOWLEDGE_FAILED, "Could not record the acknowledgement", { sheet: ack.sheet, cell: ack.cell }, () =>
    run(async (context) => {
      const found = context.workbook.worksheets.getItemOrNullObject(ACK_SHEET);
      await context.sync();
      if (found.isNullObject) {
        const ws = context.workbook.worksheets.add(ACK_SHEET);
        writeRow(ws, 0, ACK_HEADERS);
        writeRow(ws, 1, row);
        ws.getRange("1:1").format.font.bold = true;
        ws.visibility = "Hidden";
        await context.sync();
        return;
      }
      // The next row after the last one holding a value (a blank sheet's used range is A1).
      const used = found.getUsedRange(true).load("rowIndex,rowCount,values");
      await context.sync();
      const blank = used.rowCount === 1 && used.values.every((r: unknown[]) => r.every((v) => v === ""));
      if (blank) writeRow(found, 0, ACK_HEADERS);
      writeRow(found, blank ? 1 : used.rowIndex + used.rowCount, row);
      await context.sync();
    }),
  );
}
