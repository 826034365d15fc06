import { SheetGrid } from "../core/grid/grid";
import type { CellValue } from "../core/template/spec";
import type { SheetInput } from "../core/validation/validate-sheet";
import { serialToIsoDay } from "../core/grid/excel-date";
import { isDateFormatCode } from "../core/grid/number-format";
import { READ_FAILED, withCode } from "./codes";
import type { ExcelRun } from "./host";

/**
 * Every worksheet's values as grids for the validator, in two requests for the whole workbook:
 * the sheet list, then each sheet's used range (values, number formats, hidden columns).
 */

/** A cell as the validator sees it: a number in a date-formatted cell is a day, "" is empty. */
export function cellValue(raw: unknown, numberFormat: unknown): CellValue {
  if (raw === null || raw === undefined || raw === "") return null;
  if (typeof raw === "number") {
    const day = typeof numberFormat === "string" && isDateFormatCode(numberFormat) ? serialToIsoDay(raw, false) : undefined;
    return day ? { date: day } : raw;
  }
  if (typeof raw === "boolean" || typeof raw === "string") return raw;
  return String(raw);
}

interface SheetRead {
  readonly name: string;
  readonly hidden: boolean;
  readonly used: Excel.Range;
  readonly columns: OfficeExtension.ClientResult<Excel.ColumnProperties[]>;
}

function toInput(s: SheetRead): SheetInput {
  const grid = new SheetGrid(s.name, s.hidden);
  const { rowIndex, columnIndex, values, numberFormat } = s.used;
  values.forEach((row: unknown[], r) => {
    const formats: unknown[] = numberFormat[r] ?? [];
    row.forEach((raw, c) => grid.set(rowIndex + r, columnIndex + c, cellValue(raw, formats[c])));
  });
  const hiddenColumns = new Set(s.columns.value.filter((c) => c.columnHidden === true && c.columnIndex !== undefined).map((c) => c.columnIndex as number));
  return { grid, hiddenColumns };
}

export function readSheets(run: ExcelRun, only?: readonly string[]): Promise<SheetInput[]> {
  return withCode(READ_FAILED, "Could not read the workbook", {}, () =>
    run(async (context) => {
      const worksheets = context.workbook.worksheets.load("items/name,items/visibility");
      await context.sync();
      const wanted = only ? worksheets.items.filter((ws) => only.includes(ws.name)) : worksheets.items;
      const reads: SheetRead[] = wanted.map((ws) => {
        // valuesOnly: formatting alone (empty yellow entry cells) does not widen the range. A blank
        // sheet gives A1, never a null object, so the column query below always has a range.
        const used = ws.getUsedRange(true).load("values,numberFormat,rowIndex,columnIndex");
        const columns = used.getColumnProperties({ columnIndex: true, columnHidden: true });
        return { name: ws.name, hidden: ws.visibility !== "Visible", used, columns };
      });
      await context.sync();
      return reads.map(toInput);
    }),
  );
}
