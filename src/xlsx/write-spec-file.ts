import ExcelJS from "exceljs";
import type { WorkbookSpec } from "../core/template/spec";
import { renderInto } from "./write-spec";

/**
 * Streams a spec to a file (Node): rows are flushed as they are written, so a combined report of
 * a thousand returns never sits in memory as a whole workbook.
 */
export async function writeSpecToFile(spec: WorkbookSpec, file: string): Promise<void> {
  const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useStyles: true, useSharedStrings: true });
  await renderInto(wb, spec);
  await wb.commit();
}
