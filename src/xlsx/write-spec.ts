import ExcelJS from "exceljs";
import { STYLES, type CellStyle } from "../core/template/styles";
import type { StyleName } from "../core/template/spec";
import { isDateValue, type CellSpec, type CellValue, type RangeAddress, type SheetSpec, type WorkbookSpec } from "../core/template/spec";
import { cellAddress } from "../core/grid/grid";
import { estimateRowHeights } from "../core/template/row-heights";
import { encodeXstring } from "./ooxml-string";
import { excelText, fillFormula } from "../core/template/fill-formula";

/**
 * Renders a workbook spec with exceljs (fresh files only: we never edit a returned workbook).
 * Rows are written in order and committed one by one, so the same code drives the in-memory
 * workbook (templates) and the streaming writer (large combined reports).
 */

function rangeRef(r: RangeAddress): string {
  const a = cellAddress(r.top, r.left);
  const b = cellAddress(r.bottom, r.right);
  return a === b ? a : `${a}:${b}`;
}

function absoluteRef(sheet: string, r: RangeAddress): string {
  const abs = (row: number, col: number): string => cellAddress(row, col).replace(/^([A-Z]+)(\d+)$/, "$$$1$$$2");
  return `'${sheet.replace(/'/g, "''")}'!${abs(r.top, r.left)}:${abs(r.bottom, r.right)}`;
}

function isoToDate(v: { date: string; time?: string }): Date {
  return new Date(`${v.date}T${v.time ?? "00:00:00"}Z`);
}

/** Contributed text goes in as a plain string, never as a formula object, and encoded so it survives verbatim. */
function excelValue(v: CellValue): ExcelJS.CellValue {
  if (v === null) return null;
  if (isDateValue(v)) return isoToDate(v);
  if (typeof v === "string") {
    const encoded = encodeXstring(v);
    // Escaped text goes in as an inline/rich string (<t>), where every reader decodes the escapes;
    // plain text stays a plain string.
    return encoded === v ? v : { richText: [{ text: encoded }] };
  }
  return v;
}

const thin: Partial<ExcelJS.Border> = { style: "thin", color: { argb: "FFBFBFBF" } };

function excelStyle(s: CellStyle): Partial<ExcelJS.Style> {
  return {
    font: { bold: s.bold ?? false, italic: s.italic ?? false, size: s.size ?? 10, ...(s.color ? { color: { argb: `FF${s.color}` } } : {}) },
    alignment: { wrapText: s.wrap, vertical: s.vertical },
    numFmt: s.numberFormat,
    protection: { locked: s.locked },
    ...(s.fill ? { fill: { type: "pattern", pattern: "solid", fgColor: { argb: `FF${s.fill}` } } } : {}),
    ...(s.border ? { border: { top: thin, left: thin, bottom: thin, right: thin } } : {}),
  };
}

/**
 * One style object per style name, shared by every cell that uses it: exceljs recognises a style
 * object it has seen (by identity) and skips re-serialising it, which is most of its write time.
 */
const SHARED_STYLES = new Map<StyleName, Partial<ExcelJS.Style>>(
  (Object.keys(STYLES) as StyleName[]).map((name) => [name, excelStyle(STYLES[name])]),
);

/** exceljs has range-level data validations at run time but not in its typings. */
interface RangeValidations {
  add(address: string, validation: ExcelJS.DataValidation): void;
}
function rangeValidations(ws: ExcelJS.Worksheet): RangeValidations {
  return (ws as unknown as { dataValidations: RangeValidations }).dataValidations;
}

function sheetOptions(spec: SheetSpec): Partial<ExcelJS.AddWorksheetOptions> {
  return {
    state: spec.hidden ? "hidden" : "visible",
    views: spec.freeze ? [{ state: "frozen", xSplit: spec.freeze.cols, ySplit: spec.freeze.rows }] : [],
    ...(spec.print
      ? {
          pageSetup: {
            orientation: "landscape",
            fitToPage: true,
            fitToWidth: 1,
            fitToHeight: spec.print.onePage ? 1 : 0,
            paperSize: 9,
            printTitlesRow: `${spec.print.titleRows.first + 1}:${spec.print.titleRows.last + 1}`,
          },
        }
      : {}),
  };
}

function rowsOf(cells: readonly CellSpec[]): CellSpec[][] {
  const byRow = new Map<number, CellSpec[]>();
  for (const c of cells) byRow.set(c.row, [...(byRow.get(c.row) ?? []), c]);
  return [...byRow.entries()].sort(([a], [b]) => a - b).map(([, row]) => row);
}

async function renderSheet(wb: ExcelJS.Workbook, spec: SheetSpec): Promise<void> {
  const ws = wb.addWorksheet(spec.name, sheetOptions(spec));
  ws.columns = spec.columnWidths.map((width) => ({ width }));
  if (spec.autoFilter) ws.autoFilter = rangeRef(spec.autoFilter);
  const heights = estimateRowHeights(spec.cells, spec.columnWidths, spec.merges);
  const mergesByTop = new Map<number, RangeAddress[]>();
  for (const m of spec.merges) mergesByTop.set(m.top, [...(mergesByTop.get(m.top) ?? []), m]);
  for (const row of rowsOf(spec.cells)) {
    const r = row[0]?.row ?? 0;
    const excelRow = ws.getRow(r + 1);
    for (const c of row) {
      // Through the row: ws.getCell(r, c) re-parses an A1 address for every cell.
      const cell = excelRow.getCell(c.col + 1);
      cell.value = excelValue(c.value);
      cell.style = SHARED_STYLES.get(c.style) ?? {};
    }
    // Merge once the row's values are set (a slave cell would otherwise write into its master).
    for (const m of mergesByTop.get(r) ?? []) ws.mergeCells(m.top + 1, m.left + 1, m.bottom + 1, m.right + 1);
    const height = heights.get(r);
    if (height) excelRow.height = height;
    excelRow.commit();
  }
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
        formulae: [isoToDate({ date: v.min }), isoToDate({ date: v.max })],
        error: "Enter a date, e.g. 2026-03-31.",
      });
    }
  }
  for (const [i, f] of (spec.conditionalFills ?? []).entries()) {
    const style: Partial<ExcelJS.Style> = { fill: { type: "pattern", pattern: "solid", bgColor: { argb: `FF${f.fill}` } } };
    const formula = fillFormula(f);
    ws.addConditionalFormatting({
      ref: rangeRef(f.range),
      rules: [
        formula === undefined || f.when.kind === "equals"
          ? // The compared text is ours (a state name), quoted as an Excel string literal.
            { type: "cellIs", operator: "equal", priority: i + 1, formulae: [excelText(f.when.kind === "equals" ? f.when.text : "")], style }
          : { type: "expression", priority: i + 1, formulae: [formula], style },
      ],
    });
  }
  if (spec.protect) {
    // No password: protection guards catalogue text against slips, not against a determined editor.
    await ws.protect("", { selectLockedCells: true, selectUnlockedCells: true, formatColumns: true, formatRows: true });
  }
  const committable = ws as unknown as { commit?: () => Promise<void> | void };
  if (typeof committable.commit === "function") await committable.commit();
}

/** Renders every sheet and defined name into a workbook (in memory or streaming). */
export async function renderInto(wb: ExcelJS.Workbook, spec: WorkbookSpec): Promise<void> {
  wb.creator = "pact-tracker";
  wb.title = spec.title;
  wb.subject = spec.subject;
  for (const sheet of spec.sheets) await renderSheet(wb, sheet);
  for (const n of spec.definedNames) wb.definedNames.add(absoluteRef(n.sheet, n.range), n.name);
}

export async function workbookBytes(spec: WorkbookSpec): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await renderInto(wb, spec);
  const buf = await wb.xlsx.writeBuffer();
  return new Uint8Array(buf as ArrayBuffer);
}
