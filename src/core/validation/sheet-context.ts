import { roleColumns, type RoleColumns } from "../catalogue/roles";
import type { Framework } from "../catalogue/schema";
import { cellAddress } from "../grid/grid";
import type { SheetDetails } from "../grid/sheet-details";
import { templateLists } from "../template/builder";
import { notesAt, type EntryNote } from "./entry-notes";
import type { FindingSink } from "./finding-sink";
import type { EmptyRequired } from "./required-coverage";
import type { LocatedColumn } from "./table-columns";

/** What the row checks need to know about the sheet. */
export interface SheetContext {
  readonly framework: Framework;
  readonly columns: readonly LocatedColumn[];
  readonly lists: ReadonlyMap<string, readonly string[]>;
  readonly hidden: ReadonlySet<number>;
  readonly details: SheetDetails;
  readonly date1904: boolean;
  readonly sink: FindingSink;
  /** A1 addresses of entry cells whose details were accounted for. */
  readonly accounted: Set<string>;
  /** Whether the sheet has any formula, error, link or comment at all (most returns have none). */
  readonly hasDetails: boolean;
  /** Entry column id → its column in this sheet, where found. */
  readonly entryCols: ReadonlyMap<string, number>;
  /** The ids of the columns the framework gives a role (participation, status, dates, planned). */
  readonly roles: RoleColumns;
  /** An update round: an empty required entry keeps the initial return's (no PT-CONT-001). */
  readonly update: boolean;
  /** Required entries found empty (see TemplateSheet.emptyRequired). */
  readonly emptyRequired: EmptyRequired[];
}

export function sheetContext(
  framework: Framework,
  columns: readonly LocatedColumn[],
  sheet: { readonly hidden: ReadonlySet<number>; readonly details: SheetDetails; readonly date1904: boolean; readonly update: boolean },
  sink: FindingSink,
): SheetContext {
  const { details } = sheet;
  return {
    framework,
    columns,
    lists: new Map(templateLists(framework).map((l) => [l.id, l.values])),
    hidden: sheet.hidden,
    details,
    date1904: sheet.date1904,
    sink,
    accounted: new Set<string>(),
    hasDetails: details.formulas.size + details.errors.size + details.links.size + details.comments.size > 0,
    entryCols: new Map(columns.flatMap((c) => (c.column.kind === "entry" && c.col !== undefined ? [[c.column.entry.id, c.col] as const] : []))),
    roles: roleColumns(framework),
    update: sheet.update,
    emptyRequired: [],
  };
}

interface CellDetails {
  readonly notes: EntryNote[];
  readonly formula?: string;
  readonly error?: string;
}

const NO_CELL_DETAILS: CellDetails = Object.freeze({ notes: [] });

/** An entry cell's formula, error and notes, marked as accounted for; nothing to look up on a sheet without details. */
export function cellDetails(ctx: SheetContext, row: number, col: number): CellDetails {
  if (!ctx.hasDetails) return NO_CELL_DETAILS;
  const a1 = cellAddress(row, col);
  ctx.accounted.add(a1);
  const formula = ctx.details.formulas.get(a1);
  const error = ctx.details.errors.get(a1);
  return { notes: notesAt(ctx.details, a1), ...(formula !== undefined ? { formula } : {}), ...(error !== undefined ? { error } : {}) };
}
