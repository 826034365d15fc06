import { cellAddress, SheetGrid } from "../core/grid/grid";
import type { SheetDetails } from "../core/grid/sheet-details";
import type { CellValue, RangeAddress } from "../core/template/spec";
import type { SheetInput } from "../core/validation/validate-sheet";
import { readTemplateMeta } from "../core/template/read-template";
import { serialToIsoDay } from "../core/grid/excel-date";
import { isDateFormatCode } from "../core/grid/number-format";
import { READ_FAILED, withCode } from "./codes";
import type { ExcelRun, Requirements } from "./host";
import { commentLine, linkTarget, parseAreas } from "./read-details";

/**
 * Every worksheet's values as grids for the validator, with what the values alone would lose
 * (SheetDetails: formulas, cached errors, hyperlinks, comments, merges), in at most three requests
 * for the whole workbook:
 *   1. the sheet list, and the workbook's date system;
 *   2. each sheet's used range (values, formulas, value types, number formats, hidden columns)
 *      and its comments and notes;
 *   3. template sheets only: the used range's hyperlinks, the sheet's merged areas, and where each
 *      comment and note sits (with a comment's replies). Skipped when no sheet is a template.
 * Template sheets are told from the others as the validator tells them (readTemplateMeta), so a
 * user's own large sheet costs no cell properties. Other sheets get formulas and errors only.
 */

/** Details that need more than the manifest's ExcelApi 1.9, by the requirement set that brings them. */
export const DETAIL_REQUIREMENTS = { comments: "1.10", merges: "1.13", notes: "1.18" } as const;

import type { UnreadDetail } from "../core/grid/sheet-details";
export type { UnreadDetail };

/**
 * A sheet as the Office.js reader returns it: a SheetInput, plus (on template sheets) the details
 * it could not read on this Excel. Without `unread`, the details are complete.
 */
export interface ExcelSheetInput extends SheetInput {
  readonly details: SheetDetails;
  readonly date1904: boolean;
}

/** A cell as the validator sees it: a number in a date-formatted cell is a day, "" is empty. */
export function cellValue(raw: unknown, numberFormat: unknown, date1904 = false): CellValue {
  if (raw === null || raw === undefined || raw === "") return null;
  if (typeof raw === "number") {
    const day = typeof numberFormat === "string" && isDateFormatCode(numberFormat) ? serialToIsoDay(raw, date1904) : undefined;
    return day ? { date: day } : raw;
  }
  if (typeof raw === "boolean" || typeof raw === "string") return raw;
  return String(raw);
}

/** 1904-01-01 is day 0 of the 1904 system and day 1462 of the 1900 one. */
const SERIAL_1904_IN_1900 = 1462;

/**
 * Office.js has no property for the date system (Workbook.use1904DateSystem was a preview API and
 * is in no requirement set), so the workbook itself is asked: DATE(1904,1,1) through the worksheet
 * functions (ExcelApi 1.2) is 0 in a 1904 workbook and 1462 in a 1900 one.
 */
function dateSystem(probe: Excel.FunctionResult<number>): { date1904: boolean; unread?: UnreadDetail } {
  if (probe.value === 0) return { date1904: true };
  if (probe.value === SERIAL_1904_IN_1900) return { date1904: false };
  const got = probe.error ? `the error ${probe.error}` : String(probe.value);
  return { date1904: false, unread: { detail: "dateSystem", reason: `the workbook's date system could not be told (DATE(1904,1,1) gave ${got}); dates were read as 1900 dates` } };
}

interface Support {
  readonly comments: boolean;
  readonly notes: boolean;
  readonly merges: boolean;
}

function support(requirements: Requirements): Support {
  const has = (version: string): boolean => requirements.isSetSupported("ExcelApi", version);
  return { comments: has(DETAIL_REQUIREMENTS.comments), notes: has(DETAIL_REQUIREMENTS.notes), merges: has(DETAIL_REQUIREMENTS.merges) };
}

function unsupported(s: Support): UnreadDetail[] {
  const missing = (detail: keyof typeof DETAIL_REQUIREMENTS, what: string): UnreadDetail => ({
    detail,
    reason: `${what} need ExcelApi ${DETAIL_REQUIREMENTS[detail]}, which this Excel does not support`,
  });
  return [...(s.comments ? [] : [missing("comments", "comments")]), ...(s.notes ? [] : [missing("notes", "notes")]), ...(s.merges ? [] : [missing("merges", "merged cells")])];
}

interface SheetRead {
  readonly name: string;
  readonly hidden: boolean;
  readonly ws: Excel.Worksheet;
  readonly used: Excel.Range;
  readonly columns: OfficeExtension.ClientResult<Excel.ColumnProperties[]>;
  readonly comments?: Excel.CommentCollection;
  readonly notes?: Excel.NoteCollection;
}

/** A sheet's values with its formulas and errors: everything request 2 gives. */
interface SheetCells {
  readonly read: SheetRead;
  readonly grid: SheetGrid;
  readonly hiddenColumns: Set<number>;
  readonly formulas: Map<string, string>;
  readonly errors: Map<string, string>;
}

function toCells(read: SheetRead, date1904: boolean): SheetCells {
  const grid = new SheetGrid(read.name, read.hidden);
  const formulas = new Map<string, string>();
  const errors = new Map<string, string>();
  const { rowIndex, columnIndex, values, numberFormat, formulas: written, valueTypes } = read.used;
  values.forEach((row: unknown[], r) => {
    const formats: unknown[] = numberFormat[r] ?? [];
    const formulaRow: unknown[] = written[r] ?? [];
    const typeRow: unknown[] = valueTypes[r] ?? [];
    row.forEach((raw, c) => {
      const rowAt = rowIndex + r;
      const colAt = columnIndex + c;
      grid.set(rowAt, colAt, cellValue(raw, formats[c], date1904));
      const formula = formulaRow[c];
      // A text cell holding "=x" gives the same "=x" as value and formula: that is no formula.
      if (typeof formula === "string" && formula.startsWith("=") && formula !== raw) formulas.set(cellAddress(rowAt, colAt), formula);
      // The grid keeps the error's text ("#DIV/0!") as its value, as the file reader does.
      if (typeRow[c] === "Error") errors.set(cellAddress(rowAt, colAt), String(raw));
    });
  });
  const hiddenColumns = new Set(read.columns.value.filter((c) => c.columnHidden === true && c.columnIndex !== undefined).map((c) => c.columnIndex as number));
  return { read, grid, hiddenColumns, formulas, errors };
}

/** What request 3 asks of a template sheet. */
interface TemplateQuery {
  readonly cells: SheetCells;
  readonly links: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
  readonly merged?: Excel.RangeAreas;
  readonly comments: readonly { readonly comment: Excel.Comment; readonly at: Excel.Range; readonly replies: Excel.CommentReplyCollection }[];
  readonly notes: readonly { readonly note: Excel.Note; readonly at: Excel.Range }[];
}

function queryTemplate(cells: SheetCells, can: Support): TemplateQuery {
  const { ws, used, comments, notes } = cells.read;
  return {
    cells,
    // The used range (values only) holds every linked cell: a link always shows some text.
    links: used.getCellProperties({ hyperlink: true }),
    // The whole sheet: Excel gives only the areas whose top-left cell lies in the range asked.
    ...(can.merges ? { merged: ws.getRange().getMergedAreasOrNullObject().load("address") } : {}),
    comments: (comments?.items ?? []).map((comment) => ({
      comment,
      at: comment.getLocation().load("rowIndex,columnIndex"),
      replies: comment.replies.load("items/authorName,items/content"),
    })),
    notes: (notes?.items ?? []).map((note) => ({ note, at: note.getLocation().load("rowIndex,columnIndex") })),
  };
}

/** A note with neither author nor text is no comment (the file reader skips it too); two on one cell are joined. */
function addComment(map: Map<string, string>, at: Excel.Range, text: string): void {
  if (text === "") return;
  const key = cellAddress(at.rowIndex, at.columnIndex);
  const before = map.get(key);
  map.set(key, before === undefined ? text : `${before}\n${text}`);
}

function templateDetails(q: TemplateQuery): SheetDetails {
  const { cells } = q;
  const links = new Map<string, string>();
  const { rowIndex, columnIndex } = cells.read.used;
  q.links.value.forEach((row, r) =>
    row.forEach((props, c) => {
      const target = linkTarget(props.hyperlink);
      if (target !== undefined) links.set(cellAddress(rowIndex + r, columnIndex + c), target);
    }),
  );
  const comments = new Map<string, string>();
  for (const { note, at } of q.notes) addComment(comments, at, commentLine(note.authorName, note.content));
  // A thread: the comment, then each reply on its own line.
  for (const { comment, at, replies } of q.comments) {
    const thread = [comment, ...replies.items].map((m) => commentLine(m.authorName, m.content));
    addComment(comments, at, thread.filter((line) => line !== "").join("\n"));
  }
  const merges: RangeAddress[] = q.merged && !q.merged.isNullObject ? parseAreas(q.merged.address, cells.read.name) : [];
  return { formulas: cells.formulas, errors: cells.errors, links, comments, merges };
}

export function readSheets(run: ExcelRun, requirements: Requirements, only?: readonly string[]): Promise<ExcelSheetInput[]> {
  const can = support(requirements);
  return withCode(READ_FAILED, "Could not read the workbook", {}, () =>
    run(async (context) => {
      const worksheets = context.workbook.worksheets.load("items/name,items/visibility");
      const probe = context.workbook.functions.date(1904, 1, 1).load("value,error");
      await context.sync();

      const { date1904, unread: dateUnread } = dateSystem(probe);
      const wanted = only ? worksheets.items.filter((ws) => only.includes(ws.name)) : worksheets.items;
      const reads: SheetRead[] = wanted.map((ws) => {
        // valuesOnly: formatting alone (empty yellow entry cells) does not widen the range. A blank
        // sheet gives A1, never a null object, so the column query below always has a range.
        const used = ws.getUsedRange(true).load("values,formulas,valueTypes,numberFormat,rowIndex,columnIndex");
        const columns = used.getColumnProperties({ columnIndex: true, columnHidden: true });
        return {
          name: ws.name,
          hidden: ws.visibility !== "Visible",
          ws,
          used,
          columns,
          ...(can.comments ? { comments: ws.comments.load("items/authorName,items/content") } : {}),
          ...(can.notes ? { notes: ws.notes.load("items/authorName,items/content") } : {}),
        };
      });
      await context.sync();

      const sheets = reads.map((read) => toCells(read, date1904));
      // The validator's own test of a template sheet, so the two never disagree on which they are.
      const queries = sheets.filter((s) => readTemplateMeta(s.grid) !== undefined).map((s) => queryTemplate(s, can));
      if (queries.length > 0) await context.sync();

      const unread = [...unsupported(can), ...(dateUnread ? [dateUnread] : [])];
      const details = new Map(queries.map((q) => [q.cells, templateDetails(q)]));
      return sheets.map((s): ExcelSheetInput => {
        const own = details.get(s);
        return {
          grid: s.grid,
          hiddenColumns: s.hiddenColumns,
          details: own ?? { formulas: s.formulas, errors: s.errors, links: new Map(), comments: new Map(), merges: [] },
          date1904,
          ...(own && unread.length > 0 ? { unread } : {}),
        };
      });
    }),
  );
}
