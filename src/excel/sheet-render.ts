import { STYLES } from "../core/template/styles";
import { excelText, fillFormula } from "../core/template/fill-formula";
import type { SheetSpec, ValidationSpec } from "../core/template/spec";
import { columnsA1, rangeA1, rowsA1 } from "./addresses";
import { applyStyle, columnWidthPoints, styleOperationCount } from "./cell-format";
import { estimateRowHeights } from "../core/template/row-heights";
import { pageTextCode } from "../core/template/print";
import { columnLetters } from "../core/grid/grid";
import { estimateBytes, type RequestBatch } from "./request-batch";
import { styleRects, writeBlocks, type WriteMode } from "./sheet-writes";
import { typedWriteBytes, writeValues, type TextCheck } from "./text-writes";

/**
 * Queues one sheet spec's rendering into a new worksheet, step by step into a RequestBatch, as
 * write-spec.ts renders it into a file.
 */

const PROMPT_LIMIT = 255; // Excel's limit for a validation input message
const TITLE = "pact-tracker";

function validationRule(v: ValidationSpec, listName: (specName: string) => string): Excel.DataValidationRule {
  if (v.kind === "list") return { list: { inCellDropDown: true, source: `=${listName(v.listName)}` } };
  // ISO dates are the locale-neutral form DateTimeDataValidation accepts as strings.
  return { date: { formula1: v.min, formula2: v.max, operator: "Between" } };
}

/** What follows the content and the list names: validations, conditional fills, view, print, visibility. */
export async function queueSheetSettings(batch: RequestBatch, ws: Excel.Worksheet, spec: SheetSpec, listName: (n: string) => string, sheetName: (n: string) => string = (n) => n): Promise<void> {
  for (const v of spec.validations) {
    const rule = validationRule(v, listName);
    const prompt = v.prompt?.slice(0, PROMPT_LIMIT);
    const error = v.kind === "list" ? "Choose a value from the list." : "Enter a date, e.g. 2026-03-31.";
    await batch.add(estimateBytes([rule, prompt, error], 4), () => {
      const dv = ws.getRange(rangeA1(v.range)).dataValidation;
      dv.rule = rule;
      dv.ignoreBlanks = true;
      dv.errorAlert = { showAlert: true, style: "Stop", title: TITLE, message: error };
      if (prompt) dv.prompt = { showPrompt: true, title: "", message: prompt };
    });
  }
  for (const f of spec.conditionalFills ?? []) {
    const formula = fillFormula(f, sheetName);
    if (f.when.kind === "equals" || formula === undefined) {
      // The compared text is ours (a state name), quoted as an Excel string literal.
      const formula1 = `=${excelText(f.when.kind === "equals" ? f.when.text : "")}`;
      await batch.add(estimateBytes([formula1, f.fill], 3), () => {
        const cf = ws.getRange(rangeA1(f.range)).conditionalFormats.add("CellValue");
        cf.cellValue.format.fill.color = `#${f.fill}`;
        cf.cellValue.rule = { formula1, operator: "EqualTo" };
      });
    } else {
      await batch.add(estimateBytes([formula, f.fill], 3), () => {
        const cf = ws.getRange(rangeA1(f.range)).conditionalFormats.add("Custom");
        cf.custom.format.fill.color = `#${f.fill}`;
        cf.custom.rule.formula = `=${formula}`;
      });
    }
  }
  const { freeze, print } = spec;
  await batch.add(estimateBytes(undefined, 6), () => {
    if (freeze && freeze.rows > 0 && freeze.cols > 0) ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, freeze.rows, freeze.cols));
    else if (freeze && freeze.rows > 0) ws.freezePanes.freezeRows(freeze.rows);
    else if (freeze && freeze.cols > 0) ws.freezePanes.freezeColumns(freeze.cols);
    if (print) {
      ws.pageLayout.orientation = "Landscape";
      ws.pageLayout.paperSize = "A4";
      // One page wide; 0 pages tall means "as many as needed" (OOXML fitToHeight="0"), as in the file;
      // or a scale, over pages across, the key columns repeated on each.
      ws.pageLayout.zoom = print.scale === undefined ? { horizontalFitToPages: 1, verticalFitToPages: print.onePage ? 1 : 0 } : { scale: print.scale };
      if (print.acrossFirst) ws.pageLayout.printOrder = "OverThenDown";
      ws.pageLayout.setPrintTitleRows(rowsA1(print.titleRows.first, print.titleRows.last));
      if (print.titleCols) ws.pageLayout.setPrintTitleColumns(`$${columnLetters(print.titleCols.first)}:$${columnLetters(print.titleCols.last)}`);
      const page = ws.pageLayout.headersFooters.defaultForAllPages;
      if (print.header?.left) page.leftHeader = pageTextCode(print.header.left);
      if (print.header?.center) page.centerHeader = pageTextCode(print.header.center);
      if (print.header?.right) page.rightHeader = pageTextCode(print.header.right);
      if (print.footer?.left) page.leftFooter = pageTextCode(print.footer.left);
      if (print.footer?.center) page.centerFooter = pageTextCode(print.footer.center);
      if (print.footer?.right) page.rightFooter = pageTextCode(print.footer.right);
    }
    if (spec.autoFilter) ws.autoFilter.apply(ws.getRange(rangeA1(spec.autoFilter)));
    if (spec.hidden) ws.visibility = "Hidden";
  });
}

/**
 * Widths, number formats and values, styles and merges of one sheet. Each value write also asks for
 * its cells back (text safety, see text-writes.ts): the checks are collected in `checks`, to verify
 * once their requests have run. `mode`: whether text goes in as typed values, and the date system.
 */
export async function queueSheetContent(batch: RequestBatch, ws: Excel.Worksheet, spec: SheetSpec, blockBytes: number, mode: WriteMode, checks: TextCheck[]): Promise<void> {
  // Widths: one assignment per run of equal widths.
  const widths = spec.columnWidths;
  for (let first = 0, col = 0; col < widths.length; col++) {
    const w = widths[col];
    if (w === undefined || widths[col + 1] === w) continue;
    const range = columnsA1(first, col);
    first = col + 1;
    await batch.add(estimateBytes(undefined, 1, 2), () => {
      ws.getRange(range).format.columnWidth = columnWidthPoints(w);
    });
  }
  // Row heights for wrapped text, as the file writer sets them (Excel does not re-measure rows
  // when values are written through the API either).
  for (const [row, height] of estimateRowHeights(spec.cells, spec.columnWidths, spec.merges)) {
    await batch.add(estimateBytes(undefined, 1, 2), () => {
      ws.getRange(rowsA1(row, row)).format.rowHeight = height;
    });
  }
  const { typed } = mode;
  for (const block of writeBlocks(spec.cells, blockBytes, mode)) {
    // Number formats first: a text cell is already "@" when a value starting with = + - @ lands in it.
    await batch.add(block.bytes + estimateBytes(undefined, 3, 1) + typedWriteBytes(block.values, typed), () => {
      const range = ws.getRange(rangeA1(block.range));
      range.numberFormat = block.formats;
      const check = writeValues(ws, spec.name, block.range, block.values, typed, range);
      if (check) checks.push(check);
    });
  }
  for (const rect of styleRects(spec.cells)) {
    const style = STYLES[rect.style];
    const rows = rect.range.bottom - rect.range.top + 1;
    const cols = rect.range.right - rect.range.left + 1;
    await batch.add(estimateBytes(undefined, styleOperationCount(style, rows, cols)) + styleOperationCount(style, rows, cols) * 24, () => applyStyle(ws.getRange(rangeA1(rect.range)), style, rows, cols));
  }
  // Merge after the values, as the file writer does: the master cell keeps its value.
  for (const m of spec.merges) await batch.add(estimateBytes(undefined, 1), () => ws.getRange(rangeA1(m)).merge(false));
}
