import type { Finding } from "../core/validation/finding";
import { parseCell, rangeA1 } from "./addresses";
import { HIGHLIGHT_FAILED, withCode } from "./codes";
import type { ExcelRun } from "./host";
import { verifyText, writeValues, type TextCheck } from "./text-writes";

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

/** The fill each cell shows now, for cells on sheets that still exist (queued; read after a sync). */
function loadFills(context: Excel.RequestContext, sheets: Excel.WorksheetCollection, cells: readonly { sheet: string; cell: string }[]): Map<string, Excel.RangeFill> {
  const names = new Set(sheets.items.map((s) => s.name));
  const fills = new Map<string, Excel.RangeFill>();
  for (const c of cells) if (names.has(c.sheet)) fills.set(keyOf(c.sheet, c.cell), context.workbook.worksheets.getItem(c.sheet).getRange(c.cell).format.fill.load("color,pattern"));
  return fills;
}

const colorOf = (fill: Excel.RangeFill): string | null => (fill.pattern === "None" ? null : fill.color);

/**
 * Template sheets are protected without formatting rights, so changing a fill means lifting the
 * (password-less) protection for the request and putting the same options back. Cells of sheets
 * deleted since are skipped: nothing is left to restore there.
 */
function writeFills(sheets: Excel.WorksheetCollection, fills: readonly { sheet: string; cell: string; color: string | null }[]): void {
  for (const ws of sheets.items) {
    const own = fills.filter((f) => f.sheet === ws.name);
    if (own.length === 0) continue;
    const { protected: wasProtected, options } = ws.protection;
    if (wasProtected) ws.protection.unprotect();
    for (const f of own) {
      const fill = ws.getRange(f.cell).format.fill;
      if (f.color) fill.color = f.color;
      else fill.clear();
    }
    if (wasProtected) ws.protection.protect(options);
  }
}

/** Replaces the store's rows with these records (the sheet is added, hidden, the first time). */
function writeStore(context: Excel.RequestContext, state: State, records: readonly Original[], typed: boolean): TextCheck | undefined {
  let store = state.store;
  if (!store) {
    if (records.length === 0) return undefined;
    store = context.workbook.worksheets.add(HIGHLIGHT_SHEET);
    store.visibility = "Hidden";
  } else {
    store.getRange().clear("Contents");
  }
  if (records.length === 0) return undefined;
  const rows = [[...HIGHLIGHT_HEADERS], ...records.map((r) => [r.sheet, r.cell, r.color ?? NO_FILL, r.mark])];
  const at = { top: 0, left: 0, bottom: rows.length - 1, right: HIGHLIGHT_HEADERS.length - 1 };
  const range = store.getRange(rangeA1(at));
  // Text: a sheet name may start with "-" or "=".
  range.numberFormat = rows.map((r) => r.map(() => "@"));
  return writeValues(store, HIGHLIGHT_SHEET, at, rows, typed, range);
}

export class Highlighter {
  /** `typed`: whether this Excel writes typed values (ExcelApi 1.16), asked when needed. */
  constructor(
    private readonly run: ExcelRun,
    private readonly typed: () => boolean = () => false,
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
        // A finding on a sheet deleted since fails here with Office's ItemNotFound.
        const fresh = marks.filter((m) => !state.records.has(keyOf(m.sheet, m.cell)));
        const freshFills = new Map(fresh.map((m) => [keyOf(m.sheet, m.cell), context.workbook.worksheets.getItem(m.sheet).getRange(m.cell).format.fill.load("color,pattern")]));
        const staleFills = loadFills(context, state.sheets, stale);
        await context.sync();

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
        writeFills(state.sheets, [...restore, ...marks.map((m) => ({ sheet: m.sheet, cell: m.cell, color: m.fill }))]);
        const check = writeStore(context, state, records, this.typed());
        await context.sync();
        if (check) verifyText(check);
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
        const fills = loadFills(context, state.sheets, records);
        await context.sync();
        writeFills(
          state.sheets,
          records.filter((r) => ownMark(fills.get(keyOf(r.sheet, r.cell)), r)),
        );
        writeStore(context, state, [], false);
        await context.sync();
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
