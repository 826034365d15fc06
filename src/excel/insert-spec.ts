import { STYLES } from "../core/template/styles";
import type { SheetSpec, ValidationSpec, WorkbookSpec } from "../core/template/spec";
import { columnsA1, rangeA1, rowsA1 } from "./addresses";
import { applyStyle, columnWidthPoints, styleOperationCount } from "./cell-format";
import { INSERT_FAILED, withCode } from "./codes";
import type { ExcelRun } from "./host";
import { placeSpec, type ExistingName, type Placement } from "./placement";
import { RequestBatch, estimateBytes, OPERATION_OVERHEAD } from "./request-batch";
import { styleRects, writeBlocks } from "./sheet-writes";
import type { InsertResult } from "./workspace";

/**
 * Renders a workbook spec into the open workbook as new sheets, matching what write-spec.ts puts
 * in a file. One request reads what exists (a second only when list names collide), then the
 * writes go in as few requests as fit the budget: one for any template.
 */

const PROMPT_LIMIT = 255; // Excel's limit for a validation input message
const TITLE = "pact-tracker";

/** Sheet and workbook-name lookups, plus the values behind list names the spec also defines. */
async function readWorkbook(context: Excel.RequestContext, spec: WorkbookSpec): Promise<{ sheets: string[]; names: ExistingName[] }> {
  const sheets = context.workbook.worksheets.load("items/name");
  const names = context.workbook.names.load("items/name");
  await context.sync();
  const wanted = new Set(spec.definedNames.map((n) => n.name.toLowerCase()));
  const clashing = names.items.filter((n) => wanted.has(n.name.toLowerCase()));
  const ranges = clashing.map((n) => ({ name: n.name, range: n.getRangeOrNullObject().load("values") }));
  if (ranges.length > 0) await context.sync();
  const valuesOf = new Map(ranges.map((r) => [r.name, r.range.isNullObject ? undefined : r.range.values]));
  return {
    sheets: sheets.items.map((s) => s.name),
    names: names.items.map((n) => {
      const values = valuesOf.get(n.name);
      return values ? { name: n.name, values } : { name: n.name };
    }),
  };
}

function validationRule(v: ValidationSpec, listName: (specName: string) => string): Excel.DataValidationRule {
  if (v.kind === "list") return { list: { inCellDropDown: true, source: `=${listName(v.listName)}` } };
  // ISO dates are the locale-neutral form DateTimeDataValidation accepts as strings.
  return { date: { formula1: v.min, formula2: v.max, operator: "Between" } };
}

/** Everything but values and styles: widths, merges, validations, fills, view and print. */
async function queueSheetSettings(batch: RequestBatch, ws: Excel.Worksheet, spec: SheetSpec, listName: (n: string) => string): Promise<void> {
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
    // The compared text is ours (a state name), quoted as an Excel string literal.
    const formula1 = `="${f.equals.replace(/"/g, '""')}"`;
    await batch.add(estimateBytes([formula1, f.fill], 3), () => {
      const cf = ws.getRange(rangeA1(f.range)).conditionalFormats.add("CellValue");
      cf.cellValue.format.fill.color = `#${f.fill}`;
      cf.cellValue.rule = { formula1, operator: "EqualTo" };
    });
  }
  const { freeze, print } = spec;
  await batch.add(OPERATION_OVERHEAD * 6, () => {
    if (freeze && freeze.rows > 0 && freeze.cols > 0) ws.freezePanes.freezeAt(ws.getRangeByIndexes(0, 0, freeze.rows, freeze.cols));
    else if (freeze && freeze.rows > 0) ws.freezePanes.freezeRows(freeze.rows);
    else if (freeze && freeze.cols > 0) ws.freezePanes.freezeColumns(freeze.cols);
    if (print) {
      ws.pageLayout.orientation = "Landscape";
      ws.pageLayout.paperSize = "A4";
      // One page wide; 0 pages tall means "as many as needed" (OOXML fitToHeight="0"), as in the file.
      ws.pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 };
      ws.pageLayout.setPrintTitleRows(rowsA1(print.titleRows.first, print.titleRows.last));
    }
    if (spec.hidden) ws.visibility = "Hidden";
  });
}

/** Values, number formats, styles, widths and merges of one sheet. */
async function queueSheetContent(batch: RequestBatch, ws: Excel.Worksheet, spec: SheetSpec, blockBytes: number): Promise<void> {
  // Widths: one assignment per run of equal widths.
  const widths = spec.columnWidths;
  for (let first = 0, col = 0; col < widths.length; col++) {
    const w = widths[col];
    if (w === undefined || widths[col + 1] === w) continue;
    const range = columnsA1(first, col);
    first = col + 1;
    await batch.add(OPERATION_OVERHEAD, () => {
      ws.getRange(range).format.columnWidth = columnWidthPoints(w);
    });
  }
  for (const block of writeBlocks(spec.cells, blockBytes)) {
    // Number formats first: a text cell is already "@" when a value starting with = + - @ lands in it.
    await batch.add(block.bytes + 2 * OPERATION_OVERHEAD, () => {
      const range = ws.getRange(rangeA1(block.range));
      range.numberFormat = block.formats;
      range.values = block.values;
    });
  }
  for (const rect of styleRects(spec.cells)) {
    const style = STYLES[rect.style];
    const rows = rect.range.bottom - rect.range.top + 1;
    const cols = rect.range.right - rect.range.left + 1;
    await batch.add(styleOperationCount(style, rows, cols) * (OPERATION_OVERHEAD + 24), () => applyStyle(ws.getRange(rangeA1(rect.range)), style, rows, cols));
  }
  // Merge after the values, as the file writer does: the master cell keeps its value.
  for (const m of spec.merges) await batch.add(OPERATION_OVERHEAD, () => ws.getRange(rangeA1(m)).merge(false));
}

async function queueInsert(context: Excel.RequestContext, plan: Placement, requestBytes: number): Promise<void> {
  const batch = new RequestBatch(context, requestBytes);
  const sheets = new Map<string, Excel.Worksheet>();
  const blockBytes = Math.max(4_096, Math.floor(requestBytes / 8));
  for (const { spec, actual } of plan.sheets) {
    await batch.add(estimateBytes(actual), () => sheets.set(spec.name, context.workbook.worksheets.add(actual)));
  }
  for (const { spec } of plan.sheets) {
    const ws = sheets.get(spec.name);
    if (ws) await queueSheetContent(batch, ws, spec, blockBytes);
  }
  // Names before validations: a list validation's source refers to its name.
  for (const n of plan.names) {
    if (n.reused) continue;
    const ws = sheets.get(n.spec.sheet);
    if (!ws) continue;
    await batch.add(estimateBytes([n.actual, rangeA1(n.spec.range)]), () => context.workbook.names.add(n.actual, ws.getRange(rangeA1(n.spec.range))));
  }
  const actualName = new Map(plan.names.map((n) => [n.spec.name, n.actual]));
  const listName = (name: string): string => actualName.get(name) ?? name;
  for (const { spec } of plan.sheets) {
    const ws = sheets.get(spec.name);
    if (ws) await queueSheetSettings(batch, ws, spec, listName);
  }
  // Protection last: a protected sheet refuses further formatting.
  for (const { spec } of plan.sheets) {
    const ws = sheets.get(spec.name);
    if (!ws || !spec.protect) continue;
    // No password: protection guards catalogue text against slips, not against a determined editor.
    await batch.add(OPERATION_OVERHEAD, () => ws.protection.protect({ allowFormatColumns: true, allowFormatRows: true, selectionMode: "Normal" }));
  }
  await batch.flush();
}

export async function insertSpec(run: ExcelRun, spec: WorkbookSpec, requestBytes: number): Promise<InsertResult> {
  return withCode(INSERT_FAILED, `Could not insert '${spec.title}'`, {}, () =>
    run(async (context) => {
      const existing = await readWorkbook(context, spec);
      const plan = placeSpec(spec, existing.sheets, existing.names);
      await queueInsert(context, plan, requestBytes);
      return { sheets: plan.placed, notes: plan.notes };
    }),
  );
}
