import type { Framework } from "../catalogue/schema";
import type { SheetGrid } from "../grid/grid";
import { headerNote, sheetInstructions } from "../template/builder";
import { INSTRUCTIONS_ROW, TABLE_HEADER_ROW, sheetRoles } from "../template/layout";
import { metaKeyOf, type TemplateMeta } from "../template/read-template";
import type { CellValue, SheetRole } from "../template/spec";
import { squash } from "./typed-text";

/** A cell of the header block that is not the template's: typed there, or a template text changed. */
export interface HeaderStray {
  readonly row: number;
  readonly col: number;
  readonly value: CellValue;
}

/**
 * The header block holds the title, labels (column A), their values (B), the template's notes (C)
 * and the instructions: a value anywhere else, a note that differs from the template's, or
 * instructions overwritten are something typed that is not read. One list, used for the findings
 * and for the wider-dissemination choice (anything typed in the block puts the choice in doubt).
 */
export function headerStrays(grid: SheetGrid, framework: Framework, meta: TemplateMeta, role: SheetRole | undefined): HeaderStray[] {
  const cycle = meta.cycle ?? "";
  const out: HeaderStray[] = [];
  // A sheet whose role cannot be told may hold the instructions of any of the framework's sheets.
  const instructions = new Set((role ? [role] : sheetRoles(framework)).map((r) => squash(sheetInstructions(framework, r, meta.previous || undefined))));
  for (const c of grid.cells()) {
    if (c.row >= TABLE_HEADER_ROW) break;
    const key = metaKeyOf(grid.text(c.row, 0));
    let stray: boolean;
    if (c.col > 2) stray = true;
    else if (c.row === INSTRUCTIONS_ROW && c.col === 0 && !key) stray = !instructions.has(squash(grid.text(c.row, 0)));
    else if (c.row === 0 || c.row === INSTRUCTIONS_ROW) stray = c.col > 0 && !key;
    else if (!key) stray = true;
    else if (c.col === 2) {
      const note = headerNote(framework, key, grid.text(c.row, 1).trim(), cycle);
      stray = note === undefined || squash(grid.text(c.row, 2)) !== squash(note);
    } else stray = false;
    if (stray) out.push(c);
  }
  return out;
}
