import { cellAddress, SheetGrid } from "../core/grid/grid";
import { NO_DETAILS, type SheetDetails } from "../core/grid/sheet-details";
import type { CellValue, RangeAddress } from "../core/template/spec";
import type { SheetInput } from "../core/validation/validate-sheet";
import { ACK_SHEET } from "../core/validation/acknowledgements";
import { isCarriedSheet } from "../core/cycles/carried";
import { META_SCAN_ROWS } from "../core/template/layout";
import { readTemplateMeta } from "../core/template/read-template";
import { serialToIsoDay } from "../core/grid/excel-date";
import { isDateFormatCode } from "../core/grid/number-format";
import { READ_FAILED, withCode } from "./codes";
import type { Capabilities } from "./capabilities";
import { dateSystem, probeDateSystem } from "./date-system";
import { DEFAULT_REQUEST_BYTES, type ExcelRun } from "./host";
import { commentLine, linkTarget, parseAreas } from "./read-details";
import { DENSITY_MARGIN, FIRST_CELL_BYTES, MIN_CELL_BYTES, splitChunk, takeGroup, wholeRange, type Chunk, type Extent } from "./read-plan";

/**
 * The workbook's sheets as grids for the validator, with what the values alone would lose
 * (SheetDetails: formulas, cached errors, hyperlinks, comments, merges), in bounded requests:
 *   1. the sheet list, and the workbook's date system;
 *   2. every sheet's header block (A1:B16) and the extent of its used range (one request up to
 *      about 190 sheets, more beyond, and fewer per request if Excel refuses one as too large);
 *   3. template sheets (told as the validator tells them, readTemplateMeta), the
 *      acknowledgements and the carried sheets (isCarriedSheet: what came from last cycle), in
 *      full: chunks of rows, as many per request as fit the budget at the density measured so far,
 *      never more cells per read than Excel allows. A template sheet's first chunk also asks for
 *      its merged areas, comments and notes; every sheet's first chunk for its hidden columns;
 *   4. where each comment and note of a template sheet sits (only if there are any).
 * So a validation costs 2 requests + one per chunk (+ 1 for comments). Any other sheet, however
 * large, costs its header block only: it comes back with that block as its grid (extent "header").
 * If Excel still refuses a response as too large, the same rows are asked again in halves.
 */

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

interface Support {
  readonly comments: boolean;
  readonly notes: boolean;
  readonly merges: boolean;
}

function support(can: Capabilities): Support {
  return { comments: can.has("comments"), notes: can.has("notes"), merges: can.has("merges") };
}

function unsupported(can: Capabilities): UnreadDetail[] {
  return (["comments", "notes", "merges"] as const).filter((d) => !can.has(d)).map((detail) => ({ detail, reason: can.whyNot(detail) ?? detail }));
}

/** Where a sheet's self-description lies: the rows readTemplateMeta scans (META_SCAN_ROWS + 4), columns A:B. */
export const HEADER_BLOCK = { rows: META_SCAN_ROWS + 4, cols: 2 } as const;

/** The shape of Excel's ResponsePayloadSizeLimitExceeded and RangeExceedsLimit: a read too large to send. */
const TOO_LARGE = new Set(["ResponsePayloadSizeLimitExceeded", "RangeExceedsLimit"]);

/** Excel refused a request for the size of what it would send back. */
function tooLarge(err: unknown): boolean {
  const code = (err as { code?: unknown } | null)?.code;
  return typeof code === "string" && TOO_LARGE.has(code);
}

export interface ReadProgress {
  /** Sheets read in full so far (template sheets, the acknowledgements, carried sheets), of `total`. */
  readonly done: number;
  readonly total: number;
  /** The sheet just finished; absent in the first report, before any is read. */
  readonly sheet?: string;
}

export interface ReadOptions {
  /** Bytes a response may carry, estimated before and measured after each request. */
  readonly budget: number;
  readonly onProgress?: (progress: ReadProgress) => void;
}

/**
 * What the reader measured, for tests and for the record: requests sent for chunks, the largest
 * chunk response it measured (bytes of the arrays it loaded), and the largest chunk in cells.
 */
export interface ReadStats {
  chunkRequests: number;
  largestResponse: number;
  largestChunkCells: number;
}

/** A sheet read in full: a template sheet, the acknowledgements, or a carried sheet. */
interface FullSheet {
  readonly index: number;
  readonly name: string;
  readonly ws: Excel.Worksheet;
  readonly extent: Extent;
  readonly template: boolean;
  readonly grid: SheetGrid;
  readonly formulas: Map<string, string>;
  readonly errors: Map<string, string>;
  readonly links: Map<string, string>;
  hiddenColumns: Set<number>;
  /** Rows still to read; the sheet is done at 0. */
  remaining: number;
  merged?: Excel.RangeAreas;
  comments?: Excel.CommentCollection;
  notes?: Excel.NoteCollection;
}

/** What one chunk asked of Excel. */
interface ChunkRead {
  readonly chunk: Chunk<FullSheet>;
  readonly range: Excel.Range;
  readonly links?: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
  readonly columns?: OfficeExtension.ClientResult<Excel.ColumnProperties[]>;
}

/** Bytes besides the cells that a sheet's first chunk brings: merged areas, comments, column properties. */
const SHEET_EXTRA_BYTES = 16_384;

function queueChunk(chunk: Chunk<FullSheet>, can: Support): ChunkRead {
  const s = chunk.sheet;
  const range = s.ws.getRangeByIndexes(chunk.top, chunk.left, chunk.rows, chunk.cols).load("values,formulas,valueTypes,numberFormat");
  const first = chunk.top === s.extent.rowIndex;
  if (first && s.template) {
    // The whole sheet: Excel gives only the areas whose top-left cell lies in the range asked.
    if (can.merges) s.merged = s.ws.getRange().getMergedAreasOrNullObject().load("address");
    if (can.comments) s.comments = s.ws.comments.load("items/authorName,items/content");
    if (can.notes) s.notes = s.ws.notes.load("items/authorName,items/content");
  }
  return {
    chunk,
    range,
    // Template sheets only: a link always shows some text, so the used range holds every linked cell.
    ...(s.template ? { links: range.getCellProperties({ hyperlink: true }) } : {}),
    // Hidden columns are a property of whole columns: one row of the used columns tells them.
    ...(first ? { columns: s.ws.getRangeByIndexes(chunk.top, chunk.left, 1, chunk.cols).getColumnProperties({ columnIndex: true, columnHidden: true }) } : {}),
  };
}

/** Takes a chunk's arrays into its sheet; returns the bytes they came as. */
function takeChunk(read: ChunkRead, date1904: boolean): number {
  const { chunk, range } = read;
  const s = chunk.sheet;
  const { values, numberFormat, formulas: written, valueTypes } = range;
  values.forEach((row: unknown[], r) => {
    const formats: unknown[] = numberFormat[r] ?? [];
    const formulaRow: unknown[] = written[r] ?? [];
    const typeRow: unknown[] = valueTypes[r] ?? [];
    row.forEach((raw, c) => {
      const rowAt = chunk.top + r;
      const colAt = chunk.left + c;
      s.grid.set(rowAt, colAt, cellValue(raw, formats[c], date1904));
      const formula = formulaRow[c];
      // A text cell holding "=x" gives the same "=x" as value and formula: that is no formula.
      if (typeof formula === "string" && formula.startsWith("=") && formula !== raw) s.formulas.set(cellAddress(rowAt, colAt), formula);
      // The grid keeps the error's text ("#DIV/0!") as its value, as the file reader does.
      if (typeRow[c] === "Error") s.errors.set(cellAddress(rowAt, colAt), String(raw));
    });
  });
  read.links?.value.forEach((row, r) =>
    row.forEach((props, c) => {
      const target = linkTarget(props.hyperlink);
      if (target !== undefined) s.links.set(cellAddress(chunk.top + r, chunk.left + c), target);
    }),
  );
  if (read.columns) s.hiddenColumns = new Set(read.columns.value.filter((c) => c.columnHidden === true && c.columnIndex !== undefined).map((c) => c.columnIndex as number));
  s.remaining -= chunk.rows;
  const json = (x: unknown): number => (x === undefined ? 0 : JSON.stringify(x).length);
  return json(values) + json(numberFormat) + json(written) + json(valueTypes) + json(read.links?.value);
}

/** A note with neither author nor text is no comment (the file reader skips it too); two on one cell are joined. */
function addComment(map: Map<string, string>, at: Excel.Range, text: string): void {
  if (text === "") return;
  const key = cellAddress(at.rowIndex, at.columnIndex);
  const before = map.get(key);
  map.set(key, before === undefined ? text : `${before}\n${text}`);
}

/** Where each comment and note sits, with a comment's replies: one more request, only if there are any. */
async function readComments(context: Excel.RequestContext, sheets: readonly FullSheet[]): Promise<Map<FullSheet, Map<string, string>>> {
  const queries = sheets.map((s) => ({
    s,
    comments: (s.comments?.items ?? []).map((comment) => ({
      comment,
      at: comment.getLocation().load("rowIndex,columnIndex"),
      replies: comment.replies.load("items/authorName,items/content"),
    })),
    notes: (s.notes?.items ?? []).map((note) => ({ note, at: note.getLocation().load("rowIndex,columnIndex") })),
  }));
  if (queries.some((q) => q.comments.length > 0 || q.notes.length > 0)) await context.sync();
  return new Map(
    queries.map((q) => {
      const comments = new Map<string, string>();
      for (const { note, at } of q.notes) addComment(comments, at, commentLine(note.authorName, note.content));
      // A thread: the comment, then each reply on its own line.
      for (const { comment, at, replies } of q.comments) {
        const thread = [comment, ...replies.items].map((m) => commentLine(m.authorName, m.content));
        addComment(comments, at, thread.filter((line) => line !== "").join("\n"));
      }
      return [q.s, comments];
    }),
  );
}

/** A sheet of which only the header block was read: enough to know it is not a template sheet. */
function headerGrid(name: string, hidden: boolean, header: Excel.Range, date1904: boolean): SheetGrid {
  const grid = new SheetGrid(name, hidden);
  header.values.forEach((row: unknown[], r) => row.forEach((raw, c) => grid.set(r, c, cellValue(raw, header.numberFormat[r]?.[c], date1904))));
  return grid;
}

export function readSheets(run: ExcelRun, can: Capabilities, only?: readonly string[], options: ReadOptions = { budget: DEFAULT_REQUEST_BYTES }, stats?: ReadStats): Promise<ExcelSheetInput[]> {
  const supported = support(can);
  const { budget, onProgress } = options;
  return withCode(READ_FAILED, "Could not read the workbook", {}, () =>
    run(async (context) => {
      // Request 1: the sheet list and the date system.
      const worksheets = context.workbook.worksheets.load("items/name,items/visibility");
      const probe = probeDateSystem(context);
      await context.sync();
      const { date1904, unread: dateUnread } = dateSystem(probe);
      const wanted = only ? worksheets.items.filter((ws) => only.includes(ws.name)) : worksheets.items;

      // Request 2: every sheet's header block, and how far its values reach (more requests only
      // for a workbook of hundreds of sheets, so that these too stay within the budget).
      let perRequest = Math.max(1, Math.floor(budget / (HEADER_BLOCK.rows * HEADER_BLOCK.cols * FIRST_CELL_BYTES)));
      const heads: { ws: Excel.Worksheet; header: Excel.Range; used: Excel.Range }[] = [];
      for (let first = 0; first < wanted.length || first === 0; ) {
        const group = wanted.slice(first, first + perRequest).map((ws) => ({
          ws,
          header: ws.getRangeByIndexes(0, 0, HEADER_BLOCK.rows, HEADER_BLOCK.cols).load("values,numberFormat"),
          // valuesOnly: formatting alone (empty yellow entry cells) does not widen the range. A
          // blank sheet gives A1, never a null object.
          used: ws.getUsedRange(true).load("rowIndex,columnIndex,rowCount,columnCount"),
        }));
        try {
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one request per group of sheets is the point: each stays within the budget
          await context.sync();
        } catch (err) {
          // Headers full of long text: the same sheets again, half as many per request.
          if (!tooLarge(err) || group.length <= 1) throw err;
          perRequest = Math.ceil(group.length / 2);
          continue;
        }
        heads.push(...group);
        first += Math.max(1, group.length);
      }

      // The validator's own test of a template sheet, so the two never disagree on which they are.
      const full: FullSheet[] = [];
      heads.forEach(({ ws, header, used }, index) => {
        const template = readTemplateMeta(headerGrid(ws.name, false, header, date1904)) !== undefined;
        // The validator reads these besides the templates: accepted warnings, and what was carried from last cycle.
        if (!template && ws.name !== ACK_SHEET && !isCarriedSheet(ws.name)) return;
        const extent = { rowIndex: used.rowIndex, columnIndex: used.columnIndex, rowCount: used.rowCount, columnCount: used.columnCount };
        const grid = new SheetGrid(ws.name, ws.visibility !== "Visible");
        full.push({ index, name: ws.name, ws, extent, template, grid, formulas: new Map(), errors: new Map(), links: new Map(), hiddenColumns: new Set(), remaining: extent.rowCount });
      });
      onProgress?.({ done: 0, total: full.length });

      // Then the full sheets in chunks, each request within the budget at the density measured so far.
      const queue = full.map((s) => wholeRange(s, s.extent));
      let density = FIRST_CELL_BYTES;
      let done = 0;
      while (queue.length > 0) {
        const group = takeGroup(queue, budget, density, (c) => (c.top === c.sheet.extent.rowIndex ? SHEET_EXTRA_BYTES : 0));
        const reads = group.map((c) => queueChunk(c, supported));
        try {
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one request per chunk group is the point: each response stays within the budget, and the next group's size depends on what this one measured
          await context.sync();
        } catch (err) {
          // Excel refused a response too large: the same rows again, in halves, at twice the density.
          if (!tooLarge(err) || group.every((c) => c.rows <= 1)) throw err;
          queue.unshift(...group.flatMap(splitChunk));
          density *= 2;
          continue;
        }
        let bytes = 0;
        let cells = 0;
        for (const read of reads) {
          bytes += takeChunk(read, date1904);
          cells += read.chunk.rows * read.chunk.cols;
          if (read.chunk.sheet.remaining === 0) onProgress?.({ done: ++done, total: full.length, sheet: read.chunk.sheet.name });
        }
        if (stats) {
          stats.chunkRequests++;
          stats.largestResponse = Math.max(stats.largestResponse, bytes);
          stats.largestChunkCells = Math.max(stats.largestChunkCells, ...group.map((c) => c.rows * c.cols));
        }
        // What this request measured, with a margin, is the density for the next one.
        if (cells > 0) density = Math.max(MIN_CELL_BYTES, (bytes / cells) * DENSITY_MARGIN, density === FIRST_CELL_BYTES ? 0 : density * 0.5);
      }

      // Last, where comments and notes of template sheets sit (one request, only if there are any).
      const comments = await readComments(context, full.filter((s) => s.template));
      const unread = [...unsupported(can), ...(dateUnread ? [dateUnread] : [])];
      const byIndex = new Map(full.map((s) => [s.index, s]));
      return heads.map(({ ws, header }, index): ExcelSheetInput => {
        const s = byIndex.get(index);
        if (!s) return { grid: headerGrid(ws.name, ws.visibility !== "Visible", header, date1904), hiddenColumns: new Set(), details: NO_DETAILS, date1904, extent: "header" };
        const merges: RangeAddress[] = s.merged && !s.merged.isNullObject ? parseAreas(s.merged.address, s.name) : [];
        const details: SheetDetails = s.template
          ? { formulas: s.formulas, errors: s.errors, links: s.links, comments: comments.get(s) ?? new Map(), merges }
          : { formulas: s.formulas, errors: s.errors, links: new Map(), comments: new Map(), merges: [] };
        return { grid: s.grid, hiddenColumns: s.hiddenColumns, details, date1904, ...(s.template && unread.length > 0 ? { unread } : {}) };
      });
    }),
  );
}
