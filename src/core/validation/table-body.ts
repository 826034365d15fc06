import type { Party } from "../catalogue/schema";
import { catalogueFingerprint } from "../catalogue/fingerprint";
import { columnLetters, type SheetGrid } from "../grid/grid";
import { META_ROWS, type TableColumn } from "../template/layout";
import { bodyRows, type TemplateMeta } from "../template/read-template";
import type { CellValue, SheetRole } from "../template/spec";
import type { CarriedMark } from "../cycles/carried";
import { checkCarried } from "./carried-entries";
import type { EntryNote } from "./entry-notes";
import { valueText } from "./entry-values";
import { expectedRows } from "./expected-rows";
import { checkItemRow } from "./item-row";
import type { SheetContext } from "./sheet-context";
import { nameStray } from "./stray-text";
import { squash } from "./typed-text";

/** The table's item rows as read, by item reference. */
export interface TableBody {
  readonly entries: Map<string, Record<string, CellValue>>;
  readonly notes: Map<string, Record<string, EntryNote[]>>;
}

/**
 * The rows below the table's headings against the catalogue's: each area and item once, in order,
 * its locked text as the template wrote it, nothing typed beside it; each item row's entries are
 * read and checked. What differs from the catalogue also explains an outdated template (PT-STRUCT-003).
 */
export function checkTableBody(
  grid: SheetGrid,
  meta: TemplateMeta,
  role: SheetRole,
  party: Party | undefined,
  headingRow: number,
  carried: ReadonlyMap<string, CarriedMark>,
  ctx: SheetContext,
): TableBody {
  const { framework, columns, sink } = ctx;
  const entries = new Map<string, Record<string, CellValue>>();
  const notes = new Map<string, Record<string, EntryNote[]>>();
  const mapped = new Set(columns.flatMap((c) => (c.col === undefined ? [] : [c.col])));
  const colOf = (kind: TableColumn["kind"]): number | undefined => columns.find((c) => c.column.kind === kind)?.col;
  const expected = expectedRows(framework, role);
  const expectedItems = expected.filter((e) => !e.isArea);
  const byRef = new Map(expected.map((e) => [e.ref, e]));
  const itemPosition = new Map(expectedItems.map((e, i) => [e.ref, i]));
  const itemCol = colOf("item");
  const locked = columns.find((c) => c.column.kind === "guidance" || c.column.kind === "mainCommitment");
  const seen = new Map<string, number>();
  let itemIndex = 0;
  const outdated: string[] = [];
  const beside = (row: number, col: number, v: CellValue): void =>
    nameStray(col >= columns.length ? "beside the table" : `column ${columnLetters(col)}, which is not a column of the template`, row, col, v, ctx.hidden, sink);

  for (const body of bodyRows(grid, headingRow)) {
    const exp = byRef.get(body.ref);
    if (!exp) {
      // Not a catalogue row: an unknown reference, or text typed below/beside the table.
      for (const [col, v] of body.values) {
        if (col === 0 && body.ref) {
          sink.add("PT-STRUCT-008", { ref: body.ref, framework: framework.id }, { row: body.row, col, ref: body.ref });
          outdated.push(`'${body.ref}' not in catalogue`);
        } else if (col !== 0) {
          nameStray("outside the table", body.row, col, v, ctx.hidden, sink);
        }
      }
      continue;
    }
    if (exp.isArea) {
      const again = seen.get(exp.ref);
      if (again !== undefined) sink.add("PT-STRUCT-005", { ref: exp.ref, firstRow: again + 1 }, { row: body.row, col: 0, ref: exp.ref });
      else seen.set(exp.ref, body.row);
      for (const [col, v] of body.values) {
        // Column B holds the area's own heading: anything else typed there, or beside it, is not read.
        const changed = col === 1 && again === undefined && grid.text(body.row, 1) !== exp.raw && squash(grid.text(body.row, 1)) !== exp.text;
        if (col > 1 || changed || (col === 1 && again !== undefined)) sink.add("PT-STRUCT-009", { area: `area heading ${exp.ref}`, column: columnLetters(col), value: valueText(v).slice(0, 60) }, { row: body.row, col });
      }
      continue;
    }
    const first = seen.get(exp.ref);
    if (first !== undefined) {
      sink.add("PT-STRUCT-005", { ref: exp.ref, firstRow: first + 1 }, { row: body.row, col: 0, ref: exp.ref });
      continue;
    }
    seen.set(exp.ref, body.row);
    const wanted = expectedItems[itemIndex];
    if (wanted && wanted.ref !== exp.ref) sink.add("PT-STRUCT-006", { ref: exp.ref, expected: wanted.ref }, { row: body.row, col: 0, ref: exp.ref });
    itemIndex = (itemPosition.get(exp.ref) ?? -1) + 1;
    if (itemCol !== undefined) {
      const itemText = grid.text(body.row, itemCol);
      if (itemText !== exp.raw && squash(itemText) !== exp.text && squash(itemText) !== exp.uncited) {
        sink.add("PT-STRUCT-007", { ref: exp.ref }, { row: body.row, col: itemCol, ref: exp.ref });
        outdated.push(`${exp.ref} text changed`);
      }
    }
    const lockedText = locked?.col !== undefined ? grid.text(body.row, locked.col) : "";
    if (locked?.col !== undefined && lockedText !== exp.lockedRaw && squash(lockedText) !== exp.locked) {
      sink.add("PT-STRUCT-009", { area: `locked column ${locked.column.header}`, value: lockedText.slice(0, 60) }, { row: body.row, col: locked.col, ref: exp.ref });
    }
    for (const col of body.values.keys()) if (!mapped.has(col)) beside(body.row, col, body.values.get(col) ?? null);
    const row = checkItemRow(body.row, exp.ref, body.values, ctx);
    if (party) checkCarried(body.row, exp.ref, row.values, carried, { framework, party, role, grid, cycle: meta.cycle }, ctx);
    entries.set(exp.ref, row.values);
    if (Object.keys(row.notes).length > 0) notes.set(exp.ref, row.notes);
  }
  for (const e of expectedItems) {
    if (!seen.has(e.ref)) {
      sink.add("PT-STRUCT-004", { ref: e.ref }, { row: headingRow, col: 0, ref: e.ref });
      outdated.push(`${e.ref} missing`);
    }
  }
  if (meta.fingerprint && meta.fingerprint !== catalogueFingerprint(framework)) {
    const changes = outdated.length ? `${outdated.slice(0, 5).join("; ")}${outdated.length > 5 ? `; ${outdated.length - 5} more` : ""}` : "entry columns or lists changed";
    sink.add("PT-STRUCT-003", { framework: framework.id, sheetVersion: meta.version ?? "?", version: framework.version, changes }, { row: META_ROWS.fingerprint, col: 1 });
  }
  return { entries, notes };
}
