import { SheetGrid } from "../../core/grid/grid";
import type { SheetDetails, UnreadDetail } from "../../core/grid/sheet-details";
import type { CellValue, RangeAddress } from "../../core/template/spec";
import type { SheetInput } from "../../core/validation/validate-sheet";

/**
 * A sheet as plain data: SheetGrid is a class, and a class loses its methods when posted to a
 * worker, so the pane flattens the workbook's grids and the worker rebuilds them. The details
 * travel as arrays of entries (structured clone would keep Maps, but plain arrays survive any
 * channel, JSON included), and what the Office.js reader could not read travels with them.
 */
export interface PlainSheet {
  readonly name: string;
  readonly hidden: boolean;
  readonly cells: readonly (readonly [row: number, col: number, value: CellValue])[];
  readonly hiddenColumns: readonly number[];
  readonly details?: PlainDetails;
  readonly date1904?: boolean;
  readonly unread?: readonly UnreadDetail[];
  /** Only the header block was read (a sheet the Office.js reader knew was no template). */
  readonly extent?: "header";
}

type Entries = readonly (readonly [address: string, text: string])[];

export interface PlainDetails {
  readonly formulas: Entries;
  readonly errors: Entries;
  readonly links: Entries;
  readonly comments: Entries;
  readonly merges: readonly RangeAddress[];
}


const entries = (m: ReadonlyMap<string, string>): [string, string][] => [...m];

export function toPlainSheet(input: SheetInput): PlainSheet {
  const { details } = input;
  return {
    name: input.grid.name,
    hidden: input.grid.hidden,
    cells: [...input.grid.cells()].map((c) => [c.row, c.col, c.value] as const),
    hiddenColumns: [...(input.hiddenColumns ?? [])],
    ...(details
      ? {
          details: {
            formulas: entries(details.formulas),
            errors: entries(details.errors),
            links: entries(details.links),
            comments: entries(details.comments),
            merges: details.merges.map((m) => ({ top: m.top, left: m.left, bottom: m.bottom, right: m.right })),
          },
        }
      : {}),
    ...(input.date1904 !== undefined ? { date1904: input.date1904 } : {}),
    ...(input.unread ? { unread: input.unread.map((u) => ({ ...u })) } : {}),
    ...(input.extent ? { extent: input.extent } : {}),
  };
}

export function fromPlainSheet(sheet: PlainSheet): SheetInput {
  const grid = new SheetGrid(sheet.name, sheet.hidden);
  for (const [row, col, value] of sheet.cells) grid.set(row, col, value);
  const d = sheet.details;
  const details: SheetDetails | undefined = d
    ? { formulas: new Map(d.formulas), errors: new Map(d.errors), links: new Map(d.links), comments: new Map(d.comments), merges: [...d.merges] }
    : undefined;
  return {
    grid,
    hiddenColumns: new Set(sheet.hiddenColumns),
    ...(details ? { details } : {}),
    ...(sheet.date1904 !== undefined ? { date1904: sheet.date1904 } : {}),
    ...(sheet.unread ? { unread: [...sheet.unread] } : {}),
    ...(sheet.extent ? { extent: sheet.extent } : {}),
  };
}
