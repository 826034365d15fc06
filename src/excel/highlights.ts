import type { Finding } from "../core/validation/finding";
import { parseCell } from "./addresses";
import { HIGHLIGHT_FAILED, withCode } from "./codes";
import type { ExcelRun } from "./host";

/**
 * Colours the cells of findings and puts the template's own fill back afterwards. The fill a cell
 * had before (entry yellow, a header's blue, none) is read first and remembered in memory, so
 * clearing restores exactly that rather than blanking every fill.
 */

export const SEVERITY_FILLS = { error: "#FFC7CE", warning: "#FFEB9C" } as const;

interface Original {
  readonly sheet: string;
  readonly cell: string;
  /** Fill colour, or null for no fill. */
  readonly color: string | null;
}

interface Mark {
  readonly sheet: string;
  readonly cell: string;
  readonly fill: string;
}

const keyOf = (sheet: string, cell: string): string => `${sheet}\u0000${cell.toUpperCase()}`;

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

/** Existing sheets with their protection, in one load of the worksheet collection. */
function loadSheets(context: Excel.RequestContext): Excel.WorksheetCollection {
  return context.workbook.worksheets.load("items/name,items/protection/protected,items/protection/options");
}

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

export class Highlighter {
  private readonly originals = new Map<string, Original>();

  constructor(private readonly run: ExcelRun) {}

  /** Shows these findings: new cells coloured, cells no longer in the list restored. */
  async highlight(findings: readonly Finding[]): Promise<void> {
    const marks = marksOf(findings);
    for (const m of marks) parseCell(m.cell, m.sheet);
    await withCode(HIGHLIGHT_FAILED, "Could not highlight the findings", {}, () =>
      this.run(async (context) => {
        const wanted = new Set(marks.map((m) => keyOf(m.sheet, m.cell)));
        const stale = [...this.originals.entries()].filter(([k]) => !wanted.has(k)).map(([, o]) => o);
        const sheets = loadSheets(context);
        // The fill a cell has before we first colour it; a cell already coloured keeps its record.
        // A finding on a sheet deleted since fails here with Office's ItemNotFound.
        const fresh = marks.filter((m) => !this.originals.has(keyOf(m.sheet, m.cell)));
        const reads = fresh.map((m) => ({ m, fill: context.workbook.worksheets.getItem(m.sheet).getRange(m.cell).format.fill.load("color,pattern") }));
        await context.sync();
        writeFills(sheets, [...stale, ...marks.map((m) => ({ sheet: m.sheet, cell: m.cell, color: m.fill }))]);
        await context.sync();
        for (const o of stale) this.originals.delete(keyOf(o.sheet, o.cell));
        for (const { m, fill } of reads) {
          this.originals.set(keyOf(m.sheet, m.cell), { sheet: m.sheet, cell: m.cell, color: fill.pattern === "None" ? null : fill.color });
        }
      }),
    );
  }

  /** Puts back every highlighted cell's own fill. */
  async clear(): Promise<void> {
    const originals = [...this.originals.values()];
    if (originals.length === 0) return;
    await withCode(HIGHLIGHT_FAILED, "Could not clear the highlights", {}, () =>
      this.run(async (context) => {
        const sheets = loadSheets(context);
        await context.sync();
        writeFills(sheets, originals);
        await context.sync();
        this.originals.clear();
      }),
    );
  }
}
