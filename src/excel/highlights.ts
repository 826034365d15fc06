import type { Finding } from "../core/validation/finding";
import { parseCell, rangeA1 } from "./addresses";
import { HIGHLIGHT_FAILED, withCode } from "./codes";
import { DEFAULT_REQUEST_BYTES, type ExcelRun } from "./host";
import { RequestBatch, estimateBytes } from "./request-batch";
import { typedWriteBytes, verifyText, writeValues, type TextCheck } from "./text-writes";

/**
 * Colours the cells of findings and puts each cell's own fill back afterwards (entry yellow, a
 * header's blue, none). What a cell had before is kept in the workbook, on a hidden sheet, so
 * "Clear highlights" works after the pane reloads, on another computer and for a co-author:
 * one row per highlighted cell, with its original fill and the colour we gave it.
 *
 * A cell already recorded keeps its record when highlighted again, so a highlight is never taken
 * for an original; a cell showing a highlight colour without a record (its record was lost) is
 * recorded as having no fill. Clearing restores only cells that still show our colour: a fill
 * someone chose since is theirs.
 */

export const SEVERITY_FILLS = { error: "#FFC7CE", warning: "#FFEB9C" } as const;
/** The hidden sheet holding the originals. */
export const HIGHLIGHT_SHEET = "pt_highlights";
export const HIGHLIGHT_HEADERS = ["Sheet", "Cell", "Original fill", "Highlight"] as const;
/** How the store writes "no fill". */
const NO_FILL = "none";

interface Mark {
  readonly sheet: string;
  readonly cell: string;
  readonly fill: string;
}

/** One row of the store. */
interface Original {
  readonly sheet: string;
  readonly cell: string;
  /** Fill colour, or null for no fill. */
  readonly color: string | null;
  /** The colour we gave the cell. */
  readonly mark: string;
}

const keyOf = (sheet: string, cell: string): string => `${sheet}\u0000${cell.toUpperCase()}`;
const isHighlight = (color: string | null): boolean => color !== null && Object.values(SEVERITY_FILLS).some((f) => f.toUpperCase() === color.toUpperCase());

/** Errors first, so a cell with both an error and a warning shows the error. */
function marksOf(findings: readonly Finding[]): Mark[] {
  const marks = new Map<string, Mark>();
  for (const f of findings) {
    if (!f.cell || !f.sheet || f.acknowledged) continue;
    if (f.severity !== "error" && f.severity !== "warning") continue;
    const key = keyOf(f.sheet, f.cell);
    const fill = SEVERITY_FILLS[f.severity];
    if (marks.get(key)?.fill !== SEVERITY_FILLS.error) marks.set(key, { sheet: f.sheet, cell: f.cell.toUpperCase(), fill });
  }
  return [...marks.values()];
}

/** The store's rows; a row that is not one of ours (edited by hand) is skipped. */
function parseStore(values: readonly (readonly unknown[])[]): Map<string, Original> {
  const records = new Map<string, Original>();
  for (const row of values.slice(1)) {
    const [sheet, cell, color, mark] = row.map((v) => (typeof v === "string" ? v.trim() : ""));
    if (!sheet || !cell || !color || !mark || !/^\$?[A-Za-z]{1,3}\$?\d{1,7}$/.test(cell)) continue;
    records.set(keyOf(sheet, cell), { sheet, cell: cell.toUpperCase(), color: color === NO_FILL ? null : color, mark });
  }
  return records;
}

/** What the workbook holds: its sheets with their protection, and the store's records. */
interface State {
  readonly sheets: Excel.WorksheetCollection;
  readonly store?: Excel.Worksheet;
  readonly records: Map<string, Original>;
}

async function readState(context: Excel.RequestContext): Promise<State> {
  const sheets = context.workbook.worksheets.load("items/name,items/protection/protected,items/protection/options");
  const found = context.workbook.worksheets.getItemOrNullObject(HIGHLIGHT_SHEET);
  await context.sync();
  if (found.isNullObject) return { sheets, records: new Map() };
  const used = found.getUsedRange(true).load("values");
  await context.sync();
  return { sheets, store: found, records: parseStore(used.values) };
}

/** A fill load or write reaches the sheet, the cell's range, its format and its fill. */
const FILL_OBJECTS = 4;

/**
 * The fill each cell shows now, for cells on sheets that still exist, loaded in requests within
 * the budget (thousands of findings are thousands of loads). Read after `batch.flush()`.
 */
async function loadFills(context: Excel.RequestContext, batch: RequestBatch, sheets: Excel.WorksheetCollection | undefined, cells: readonly { sheet: string; cell: string }[]): Promise<Map<string, Excel.RangeFill>> {
  const names = sheets ? new Set(sheets.items.map((s) => s.name)) : undefined;
  const fills = new Map<string, Excel.RangeFill>();
  for (const c of cells) {
    if (names && !names.has(c.sheet)) continue;
    await batch.add(estimateBytes([c.sheet, c.cell, "color,pattern"], 1, FILL_OBJECTS), () => fills.set(keyOf(c.sheet, c.cell), context.workbook.worksheets.getItem(c.sheet).getRange(c.cell).format.fill.load("color,pattern")));
  }
  return fills;
}

const colorOf = (fill: Excel.RangeFill): string | null => (fill.pattern === "None" ? null : fill.color);

/**
 * Template sheets are protected without formatting rights, so changing a fill means lifting the
 * (password-less) protection and putting the same options back. Each request's share of a sheet's
 * cells is wrapped in its own unprotect/protect, so no sheet is left unprotected between requests.
 * Cells of sheets deleted since are skipped: nothing is left to restore there.
 */
async function writeFills(batch: RequestBatch, budget: number, sheets: Excel.WorksheetCollection, fills: readonly { sheet: string; cell: string; color: string | null }[]): Promise<void> {
  const perFill = estimateBytes(["A1", "#FFFFFF"], 1, FILL_OBJECTS);
  const perRequest = Math.max(1, Math.floor(budget / perFill) - 2);
  for (const ws of sheets.items) {
    const own = fills.filter((f) => f.sheet === ws.name);
    const { protected: wasProtected, options } = ws.protection;
    for (let first = 0; first < own.length; first += perRequest) {
      const part = own.slice(first, first + perRequest);
      await batch.add(part.length * perFill + estimateBytes(options, 2), () => {
        if (wasProtected) ws.protection.unprotect();
        for (const f of part) {
          const fill = ws.getRange(f.cell).format.fill;
          if (f.color) fill.color = f.color;
          else fill.clear();
        }
        if (wasProtected) ws.protection.protect(options);
      });
    }
  }
}

/**
 * Replaces the store's rows with these records (the sheet is added, hidden, the first time), in
 * blocks of rows within the budget; each block's read-back is checked after the last request.
 */
async function writeStore(context: Excel.RequestContext, batch: RequestBatch, budget: number, existing: Excel.Worksheet | undefined, records: readonly Original[], typed: boolean): Promise<{ store?: Excel.Worksheet; checks: TextCheck[] }> {
  let store = existing;
  if (!store) {
    if (records.length === 0) return { checks: [] };
    const added = context.workbook.worksheets.add(HIGHLIGHT_SHEET);
    await batch.add(estimateBytes(HIGHLIGHT_SHEET, 2), () => {
      added.visibility = "Hidden";
    });
    store = added;
  } else {
    const sheet = store;
    await batch.add(estimateBytes("Contents", 1, 2), () => sheet.getRange().clear("Contents"));
  }
  if (records.length === 0) return { store, checks: [] };
  const rows = [[...HIGHLIGHT_HEADERS], ...records.map((r) => [r.sheet, r.cell, r.color ?? NO_FILL, r.mark])];
  const checks: TextCheck[] = [];
  const ws = store;
  // A block's share of the request: its values twice (values, "@" formats), typed runs, the read-back.
  const blockRows = Math.max(1, Math.floor(budget / 4 / Math.max(1, estimateBytes(rows[1], 0) * 3)));
  for (let first = 0; first < rows.length; first += blockRows) {
    const part = rows.slice(first, first + blockRows);
    const at = { top: first, left: 0, bottom: first + part.length - 1, right: HIGHLIGHT_HEADERS.length - 1 };
    await batch.add(estimateBytes(part, 4) * 2 + typedWriteBytes(part, typed), () => {
      const range = ws.getRange(rangeA1(at));
      // Text: a sheet name may start with "-" or "=".
      range.numberFormat = part.map((r) => r.map(() => "@"));
      const check = writeValues(ws, HIGHLIGHT_SHEET, at, part, typed, range);
      if (check) checks.push(check);
    });
  }
  return { store, checks };
}

export class Highlighter {
  /**
   * `typed`: whether this Excel writes typed values (ExcelApi 1.16), asked when needed. `budget`:
   * bytes per request, as for every other write (thousands of findings take several requests).
   */
  constructor(
    private readonly run: ExcelRun,
    private readonly typed: () => boolean = () => false,
    private readonly budget: number = DEFAULT_REQUEST_BYTES,
  ) {}

  /** Shows these findings: new cells coloured, cells no longer in the list restored. */
  async highlight(findings: readonly Finding[]): Promise<void> {
    const marks = marksOf(findings);
    for (const m of marks) parseCell(m.cell, m.sheet);
    await withCode(HIGHLIGHT_FAILED, "Could not highlight the findings", {}, () =>
      this.run(async (context) => {
        const state = await readState(context);
        const wanted = new Set(marks.map((m) => keyOf(m.sheet, m.cell)));
        const stale = [...state.records.values()].filter((r) => !wanted.has(keyOf(r.sheet, r.cell)));
        const batch = new RequestBatch(context, this.budget);
        // A finding on a sheet deleted since fails here with Office's ItemNotFound.
        const fresh = marks.filter((m) => !state.records.has(keyOf(m.sheet, m.cell)));
        const freshFills = await loadFills(context, batch, undefined, fresh);
        const staleFills = await loadFills(context, batch, state.sheets, stale);
        await batch.flush();

        const records: Original[] = marks.map((m) => {
          const key = keyOf(m.sheet, m.cell);
          const before = state.records.get(key);
          const fill = freshFills.get(key);
          const now = fill ? colorOf(fill) : null;
          // Never record a highlight as an original.
          const color = before ? before.color : isHighlight(now) ? null : now;
          return { sheet: m.sheet, cell: m.cell, color, mark: m.fill };
        });
        const restore = stale.filter((r) => ownMark(staleFills.get(keyOf(r.sheet, r.cell)), r));
        // The originals are on record before any cell changes colour (the cells about to be
        // restored keep theirs until they are): should a later request fail, Clear still finds
        // every cell that shows our colour, and leaves alone those that do not.
        const first = await writeStore(context, batch, this.budget, state.store, [...records, ...restore], this.typed());
        await writeFills(batch, this.budget, state.sheets, [...restore, ...marks.map((m) => ({ sheet: m.sheet, cell: m.cell, color: m.fill }))]);
        const final = restore.length > 0 ? await writeStore(context, batch, this.budget, first.store, records, this.typed()) : { checks: [] };
        await batch.flush();
        for (const check of [...first.checks, ...final.checks]) verifyText(check);
      }),
    );
  }

  /** Puts back every highlighted cell's own fill, whoever highlighted it and whenever. */
  async clear(): Promise<void> {
    await withCode(HIGHLIGHT_FAILED, "Could not clear the highlights", {}, () =>
      this.run(async (context) => {
        const state = await readState(context);
        if (state.records.size === 0) return;
        const records = [...state.records.values()];
        const batch = new RequestBatch(context, this.budget);
        const fills = await loadFills(context, batch, state.sheets, records);
        await batch.flush();
        await writeFills(
          batch,
          this.budget,
          state.sheets,
          records.filter((r) => ownMark(fills.get(keyOf(r.sheet, r.cell)), r)),
        );
        await writeStore(context, batch, this.budget, state.store, [], false);
        await batch.flush();
      }),
    );
  }
}

/** The cell still shows the colour we gave it (a fill chosen since is left alone). */
function ownMark(fill: Excel.RangeFill | undefined, r: Original): boolean {
  if (!fill) return false;
  const now = colorOf(fill);
  return now !== null && now.toUpperCase() === r.mark.toUpperCase();
}
