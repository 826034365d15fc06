import ExcelJS from "exceljs";
import type { WorkbookSpec } from "../core/template/spec";
import { renderInto } from "./write-spec";

/**
 * Streams a spec to a file (Node): rows are flushed as they are written, so a combined report of
 * a thousand returns never sits in memory as a whole workbook.
 */
export async function writeSpecToFile(spec: WorkbookSpec, file: string): Promise<void> {
  // No shared-string table: it would hold every contributed text until the end (≈200 MB for a
  // thousand returns). Strings are written in the cell itself, still as text, never as formulas.
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: false });
  await renderInto(wb, spec);
  await wb.commit();
}
