import { isChosenRunNote } from "../catalogue/run-parties";
import type { Framework, Party } from "../catalogue/schema";
import type { SheetGrid } from "../grid/grid";
import { earlierHeaderNotes, headerNote, sheetInstructions, sheetTitle } from "../template/builder";
import { INSTRUCTIONS_ROW, META_ROWS, TABLE_HEADER_ROW, sheetRoles } from "../template/layout";
import { metaKeyOf, metaRow, titleParty, type TemplateMeta } from "../template/read-template";
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
export function headerStrays(
  grid: SheetGrid,
  framework: Framework,
  meta: TemplateMeta,
  role: SheetRole | undefined,
  headingRow = TABLE_HEADER_ROW,
  /** Whether a name is the sheet's own party's: a title "… — <its name>" is the template's, whatever the catalogue calls the framework now. */
  isOwnParty: (name: string) => boolean = () => false,
  /** The framework's party list: a template of a run for chosen parties names them beside the party. */
  partyList: readonly Party[] = [],
): HeaderStray[] {
  const cycle = meta.cycle ?? "";
  // Rows inserted above the whole block move it down: the title and instructions are looked for where they moved.
  const shift = Math.max(0, (metaRow(grid, "template") ?? META_ROWS.template) - META_ROWS.template);
  const out: HeaderStray[] = [];
  // A sheet whose role cannot be told may hold the instructions of any of the framework's sheets.
  // As this template writes them for its party, or as earlier templates did (still theirs).
  const instructions = new Set(
    (role ? [role] : sheetRoles(framework)).flatMap((r) => [{ partyCode: meta.partyCode }, { earlier: true }].map((to) => squash(sheetInstructions(framework, r, meta.previous || undefined, cycle, to)))),
  );
  for (const c of grid.cells()) {
    if (c.row >= headingRow) break;
    const key = metaKeyOf(grid.text(c.row, 0));
    const at = c.row - shift;
    let stray: boolean;
    if (c.col > 2 || at < 0) stray = true;
    else if (at === INSTRUCTIONS_ROW && c.col === 0 && !key) stray = !instructions.has(squash(grid.text(c.row, 0)));
    else if (at === 0 && c.col === 0 && !key) stray = !titleIsTemplates(grid.text(c.row, 0), framework, role, isOwnParty);
    else if (at === 0 || at === INSTRUCTIONS_ROW) stray = c.col > 0 && !key;
    else if (!key) stray = true;
    else if (c.col === 2) {
      const note = headerNote(framework, key, grid.text(c.row, 1).trim(), cycle, meta.partyCode);
      const given = squash(grid.text(c.row, 2));
      const earlier = earlierHeaderNotes(framework, key, grid.text(c.row, 1).trim(), cycle, grid.text(c.row, 2));
      const chosenRun = key === "party" && isChosenRunNote(framework, partyList, grid.text(c.row, 2).trim(), meta.partyCode?.trim().toUpperCase(), (a, b) => squash(a) === squash(b));
      stray = (note === undefined || given !== squash(note)) && !earlier.some((n) => squash(n) === given) && !chosenRun;
    } else stray = false;
    if (stray) out.push(c);
  }
  return out;
}

/**
 * The title is the template's while it still reads as one: the sheet's title as the template writes
 * it, or "… — <the party's name>". A title typed over (notes, "NO", a reply's heading) is not read.
 */
function titleIsTemplates(title: string, framework: Framework, role: SheetRole | undefined, isOwnParty: (name: string) => boolean): boolean {
  const t = squash(title);
  const prefixes = (role ? [role] : sheetRoles(framework)).map((r) => squash(sheetTitle(framework, r, "")));
  if (prefixes.some((p) => t.startsWith(p))) return true;
  const named = titleParty(t);
  return named !== "" && isOwnParty(named);
}
