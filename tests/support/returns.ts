import { shippedCatalogue } from "../../src/core/catalogue/builtin";
import { valuesMeaning } from "../../src/core/catalogue/roles";
import type { Framework, Party } from "../../src/core/catalogue/schema";
import { buildTemplate, type Round } from "../../src/core/template/builder";
import { META, META_ROWS, tableColumns, type TableColumn } from "../../src/core/template/layout";
import type { CellValue, SheetRole, SheetSpec, WorkbookSpec } from "../../src/core/template/spec";
import { lastCycleShown, type CarriedCycle } from "../../src/core/cycles/carried";
import { gridsFromSpec } from "../../src/core/grid/from-spec";
import type { SheetGrid } from "../../src/core/grid/grid";

/** One cell change on a named sheet: how a test fills or breaks a template, in a file or a grid alike. */
export interface Edit {
  readonly sheet: string;
  readonly row: number;
  readonly col: number;
  readonly value: CellValue;
}

export const catalogue = shippedCatalogue();

/** A template as `generate` makes it; `previous`: started from last cycle's return (see carriedCycle). */
export function templateSpec(frameworkId: string, partyInput: string, round: Round = "initial", cycle = "2026", previous?: CarriedCycle): { spec: WorkbookSpec; framework: Framework; party: Party } {
  const framework = catalogue.framework(frameworkId);
  const party = catalogue.party(framework, partyInput);
  return { spec: buildTemplate({ framework, party, cycle, round, ...(previous ? { previous } : {}) }), framework, party };
}

/** The cycle a template sheet was started from (its "Previous cycle" header), which adds last cycle's column to its table. */
export function previousCycleOf(sheet: SheetSpec): string | undefined {
  const at = (col: number): CellValue | undefined => sheet.cells.find((c) => c.row === META_ROWS.previous && c.col === col)?.value;
  const value = at(1);
  return at(0) === META.previous && typeof value === "string" && value !== "" ? value : undefined;
}

/** The table columns of a template sheet of the spec, last cycle's column included where it was started from one (not from its own cycle's initial return). */
function columnsOf(framework: Framework, sheet: SheetSpec, partyCode?: string): readonly TableColumn[] {
  const cycle = sheet.cells.find((c) => c.row === META_ROWS.cycle && c.col === 1)?.value;
  return tableColumns(framework, sheet.role, partyCode, lastCycleShown(typeof cycle === "string" ? cycle : undefined, previousCycleOf(sheet)));
}

/** A plausible answer for an entry cell, valid under every rule. */
function validAnswer(framework: Framework, column: TableColumn, ref: string, party: Party): CellValue {
  if (column.kind === "responsible") return `Unit ${ref} — ${party.code}`;
  if (column.kind === "review") return "ready for review";
  if (column.kind !== "entry") return null;
  const e = column.entry;
  if (e.type === "list") {
    // By the columns' roles and the values' meanings, so a framework named otherwise is filled alike.
    if (e.role === "participation") return valuesMeaning(framework, e, "yes")[0] ?? null;
    if (e.role === "status") return valuesMeaning(framework, e, "under-way")[0] ?? null;
    return framework.lists.find((l) => l.id === e.list)?.values[0] ?? null;
  }
  if (e.type === "date") {
    const tf = framework.timeframe ?? { start: "2012-01-01", end: "2016-12-31" };
    return { date: e.role === "end-date" ? tf.end : tf.start };
  }
  return `${party.name}: ${e.header} for ${ref}.\nSecond line with "quotes" and =SUM(1) kept as text.`;
}

/** Edits that fill every entry cell of every template sheet with a valid answer. */
export function fillAll(spec: WorkbookSpec, framework: Framework, party: Party, answer = validAnswer): Edit[] {
  const edits: Edit[] = [];
  for (const sheet of spec.sheets) {
    if (sheet.role === "lists") continue;
    const columns = columnsOf(framework, sheet, party.code);
    for (const c of sheet.cells) {
      if (c.style !== "entryText" && c.style !== "entryList" && c.style !== "entryDate") continue;
      const column = columns[c.col];
      const ref = refAt(sheet, c.row);
      if (column) edits.push({ sheet: sheet.name, row: c.row, col: c.col, value: answer(framework, column, ref, party) });
    }
  }
  return edits;
}

/**
 * Last cycle's return, as a template of this cycle starts from it (the CarriedCycle `generate --from`
 * builds): every entry the valid fill would give, but each text marked as last cycle's ("2025: …"),
 * so this cycle's valid answers all differ from what was carried; status "completed" for the
 * references in `completed`. Review states are not carried.
 */
export function carriedCycle(framework: Framework, party: Party, opts: { readonly cycle?: string; readonly completed?: readonly string[] } = {}): CarriedCycle {
  const cycle = opts.cycle ?? "2025";
  const completed = new Set(opts.completed ?? []);
  const spec = buildTemplate({ framework, party, cycle, round: "initial" });
  const entries = new Map<SheetRole, Map<string, Record<string, CellValue>>>();
  for (const sheet of spec.sheets) {
    if (sheet.role === "lists") continue;
    const columns = columnsOf(framework, sheet, party.code);
    const byRef = new Map<string, Record<string, CellValue>>();
    for (const c of sheet.cells) {
      const column = columns[c.col];
      if (!column || (c.style !== "entryText" && c.style !== "entryList" && c.style !== "entryDate")) continue;
      const id = column.kind === "entry" ? column.entry.id : column.kind === "responsible" ? "responsible" : undefined;
      if (id === undefined) continue;
      const ref = refAt(sheet, c.row);
      const answer = validAnswer(framework, column, ref, party);
      const text = column.kind === "responsible" || (column.kind === "entry" && column.entry.type === "text");
      const done = column.kind === "entry" && column.entry.role === "status" && completed.has(ref) ? valuesMeaning(framework, column.entry, "completed")[0] : undefined;
      const value = done !== undefined ? done : text && typeof answer === "string" ? `${cycle}: ${answer}` : answer;
      if (value !== null) byRef.set(ref, { ...byRef.get(ref), [id]: value });
    }
    entries.set(sheet.role, byRef);
  }
  return { cycle, entries };
}

function refAt(sheet: SheetSpec, row: number): string {
  const v = sheet.cells.find((c) => c.row === row && c.col === 0)?.value;
  return typeof v === "string" ? v : "";
}

/** Row and column of an item's entry on a sheet, found the way a user would: by ref and header. */
export function locate(spec: WorkbookSpec, framework: Framework, sheetIndex: number, ref: string, columnHeader: string): { sheet: string; row: number; col: number } {
  const sheet = spec.sheets[sheetIndex];
  if (!sheet) throw new Error(`no sheet ${sheetIndex}`);
  const row = sheet.cells.find((c) => c.col === 0 && c.value === ref && c.style === "ref")?.row;
  const col = columnsOf(framework, sheet).findIndex((c) => c.header === columnHeader);
  if (row === undefined || col < 0) throw new Error(`no cell for ${ref} / ${columnHeader}`);
  return { sheet: sheet.name, row, col };
}

/** Applies edits to grids by sheet name (as a user typing would), returning the same grids. */
export function applyEdits(grids: SheetGrid[], edits: readonly Edit[]): SheetGrid[] {
  for (const e of edits) grids.find((g) => g.name === e.sheet)?.set(e.row, e.col, e.value);
  return grids;
}

/** The template's sheets as grids, with the edits applied: a return without writing a file. */
export function gridsWith(spec: WorkbookSpec, edits: readonly Edit[]): SheetGrid[] {
  return applyEdits(gridsFromSpec(spec), edits);
}

/** An edit of one item's entry, found by reference and column header. */
export function editAt(spec: WorkbookSpec, framework: Framework, ref: string, header: string, value: CellValue, sheetIndex = 0): Edit {
  return { ...locate(spec, framework, sheetIndex, ref, header), value };
}
