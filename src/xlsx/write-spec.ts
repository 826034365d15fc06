import ExcelJS from "exceljs";
import { STYLES, type CellStyle } from "../core/template/styles";
import { isDateValue, type CellValue, type RangeAddress, type SheetSpec, type WorkbookSpec } from "../core/template/spec";
import { cellAddress } from "../core/grid/grid";

/** Renders a workbook spec with exceljs (fresh files only: we never edit a returned workbook). */

function rangeRef(r: RangeAddress): string {
  const a = cellAddress(r.top, r.left);
  const b = cellAddress(r.bottom, r.right);
  return a === b ? a : `${a}:${b}`;
}

function absoluteRef(sheet: string, r: RangeAddress): string {
  const abs = (row: number, col: number): string => cellAddress(row, col).replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
  return `'${sheet.replace(/'/g, "''")}'!${abs(r.top, r.left)}:${abs(r.bottom, r.right)}`;
}

function isoToDate(iso: string): Date {
  return new Date(`${iso}T00:00:00Z`);
}

/** Contributed text goes in as a plain string, never as a formula object. */
function excelValue(v: CellValue): ExcelJS.CellValue {
  if (v === null) return null;
  if (isDateValue(v)) return isoToDate(v.date);
  return v;
}

const thin: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FFBFBFBF" } };

function applyStyle(cell: ExcelJS.Cell, s: CellStyle): void {
  cell.font = { bold: s.bold ?? false, italic: s.italic ?? false, size: s.size ?? 10, ...(s.color ? { color: { argb: `FF${s.color}` } } : {}) };
  cell.alignment = { wrapText: s.wrap, vertical: s.vertical };
  cell.numFmt = s.numberFormat;
  cell.protection = { locked: s.locked };
  if (s.fill) cell.fill = { type: "pattern", pattern: "solid", fgColor: { argb: `FF${s.fill}` } };
  if (s.border) cell.border = { top: thin, left: thin, bottom: thin, right: thin };
}

/** exceljs has range-level data validations at run time but not in its typings. */
interface RangeValidations {
  add(address: string, validation: ExcelJS.DataValidation): void;
}
function rangeValidations(ws: ExcelJS.Worksheet): RangeValidations {
  return (ws as unknown as { dataValidations: RangeValidations }).dataValidations;
}

async function renderSheet(wb: ExcelJS.Workbook, spec: SheetSpec): Promise<void> {
  const ws = wb.addWorksheet(spec.name, { state: spec.hidden ? "hidden" : "visible" });
  ws.columns = spec.columnWidths.map((width) => ({ width }));
  for (const c of spec.cells) {
    const cell = ws.getCell(c.row + 1, c.col + 1);
    cell.value = excelValue(c.value);
    applyStyle(cell, STYLES[c.style]);
  }
  for (const m of spec.merges) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
  for (const v of spec.validations) {
    const common = {
      allowBlank: true,
      showErrorMessage: true,
      errorStyle: "stop",
      ...(v.prompt ? { showInputMessage: true, prompt: v.prompt } : {}),
    } as const;
    if (v.kind === "list") {
      rangeValidations(ws).add(rangeRef(v.range), { ...common, type: "list", formulae: [v.listName], error: "Choose a value from the list." });
    } else {
      rangeValidations(ws).add(rangeRef(v.range), {
        ...common,
        type: "date",
        operator: "between",
        formulae: [isoToDate(v.min), isoToDate(v.max)],
        error: "Enter a date, e.g. 2026-03-31.",
      });
    }
  }
  if (spec.freeze) ws.views = [{ state: "frozen", xSplit: spec.freeze.cols, ySplit: spec.freeze.rows }];
  if (spec.print) {
    ws.pageSetup = {
      orientation: "landscape",
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      paperSize: 9,
      printTitlesRow: `${spec.print.titleRows.first + 1}:${spec.print.titleRows.last + 1}`,
    };
  }
  if (spec.protect) {
    // No password: protection guards catalogue text against slips, not against a determined editor.
    await ws.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  }
}

export async function renderWorkbook(spec: WorkbookSpec): Promise<ExcelJS.Workbook> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "pact-tracker";
  wb.title = spec.title;
  wb.subject = spec.subject;
  for (const sheet of spec.sheets) await renderSheet(wb, sheet);
  for (const n of spec.definedNames) wb.definedNames.add(absoluteRef(n.sheet, n.range), n.name);
  return wb;
}

export async function workbookBytes(spec: WorkbookSpec): Promise<Uint8Array> {
  const wb = await renderWorkbook(spec);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
