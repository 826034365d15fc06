import ExcelJS from "exceljs";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { isDateValue, type WorkbookSpec } from "../../src/core/template/spec";
import { ACK_HEADERS, ACK_SHEET, type Acknowledgement } from "../../src/core/validation/acknowledgements";
import { workbookBytes } from "../../src/xlsx/write-spec";
import { encodeXstring } from "../../src/xlsx/ooxml-string";
import type { Edit } from "./returns";
import { PYTHON } from "./tools";

/** A returned workbook as a ministry would send it: our template, filled in another program (here exceljs). */
export async function filledReturn(spec: WorkbookSpec, edits: readonly Edit[], opts: { hideColumns?: readonly number[]; acknowledgements?: readonly Acknowledgement[] } = {}): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await workbookBytes(spec)) as unknown as ArrayBuffer);
  for (const e of edits) {
    const ws = wb.getWorksheet(e.sheet);
    if (!ws) throw new Error(`no sheet ${e.sheet}`);
    const v = e.value;
    // Encoded as Excel writes text (exceljs would drop control characters and leave "_x0041_" raw).
    ws.getCell(e.row + 1, e.col + 1).value = v === null ? null : isDateValue(v) ? new Date(`${v.date}T00:00:00Z`) : typeof v === "string" ? encodeXstring(v) : v;
  }
  const first = wb.worksheets[0];
  for (const col of opts.hideColumns ?? []) if (first) first.getColumn(col + 1).hidden = true;
  if (opts.acknowledgements?.length) {
    const ws = wb.addWorksheet(ACK_SHEET, { state: "hidden" });
    ws.addRow([...ACK_HEADERS]);
    for (const a of opts.acknowledgements) ws.addRow([a.sheet, a.cell, a.code, a.justification, a.by ?? "", a.date ?? ""]);
  }
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

/** The same template filled by openpyxl: another writer, other XML habits. */
export async function filledByOpenpyxl(spec: WorkbookSpec, edits: readonly Edit[], dir: string, name: string): Promise<string> {
  const template = join(dir, `${name}-template.xlsx`);
  const out = join(dir, `${name}-openpyxl.xlsx`);
  writeFileSync(template, await workbookBytes(spec));
  const editsFile = join(dir, `${name}-edits.json`);
  writeFileSync(editsFile, JSON.stringify(edits));
  execFileSync(PYTHON, [join(__dirname, "openpyxl_fill.py"), template, editsFile, out]);
  return out;
}
