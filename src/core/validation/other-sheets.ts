import type { Framework } from "../catalogue/schema";
import { cellAddress, type SheetGrid } from "../grid/grid";
import { isCarriedSheet } from "../cycles/carried";
import { templateLists } from "../template/builder";
import { ACK_SHEET } from "./acknowledgements";
import type { Finding } from "./finding";
import { formatMessage, rule } from "./rules";
import type { SheetInput } from "./validate-sheet";

/**
 * Nothing a party wrote vanishes without a word: a sheet of a return that is no template sheet —
 * an annex, a cover letter, a hidden or very hidden sheet, the lists sheet edited — is not read
 * into the report, so each one holding anything is named (PT-STRUCT-022) with how much it holds
 * and its first cell. The sheets the add-in itself keeps (acknowledgements, carried values) are
 * read elsewhere; the lists sheet is named only where it differs from the lists of the templates.
 */

export const OTHER_SHEET = "PT-STRUCT-022";
const LISTS = /^pt_lists(?: \(\d+\))?$/i;

function text(grid: SheetGrid, row: number, col: number): string {
  return grid.text(row, col).trim();
}

/** Cells of a lists sheet that are not the lists a template writes: a column is the lists' own only where some framework has a list of that id with exactly its values. */
const knownLists = new WeakMap<readonly Framework[], ReadonlyMap<string, readonly (readonly string[])[]>>();

/** Per list id, every list of that id the frameworks' templates write (made once per catalogue: a thousand returns each have a lists sheet). */
function listsOf(frameworks: readonly Framework[]): ReadonlyMap<string, readonly (readonly string[])[]> {
  let known = knownLists.get(frameworks);
  if (!known) {
    const m = new Map<string, (readonly string[])[]>();
    for (const f of frameworks) for (const l of templateLists(f)) m.set(l.id, [...(m.get(l.id) ?? []), l.values]);
    knownLists.set(frameworks, (known = m));
  }
  return known;
}

/** Cells of a lists sheet that are not the lists a template writes: under a list's id, the cells that differ from the closest list of that id. */
function strayListCells(grid: SheetGrid, frameworks: readonly Framework[]): { row: number; col: number }[] {
  const lists = listsOf(frameworks);
  const out: { row: number; col: number }[] = [];
  for (const c of grid.cells()) {
    const candidates = lists.get(text(grid, 0, c.col));
    if (c.row === 0 ? candidates === undefined : !candidates?.some((values) => values[c.row - 1] === text(grid, c.row, c.col))) out.push({ row: c.row, col: c.col });
  }
  return out;
}

/** How many cells, and the first, without keeping them all (an annex may hold a million). */
function counted(cells: Iterable<{ row: number; col: number }>): { count: number; first?: { row: number; col: number } } {
  let count = 0;
  let first: { row: number; col: number } | undefined;
  for (const c of cells) {
    if (count++ === 0) first = { row: c.row, col: c.col };
  }
  return first ? { count, first } : { count };
}

export function otherSheetFindings(sheets: readonly SheetInput[], templateSheets: ReadonlySet<string>, frameworks: readonly Framework[]): Finding[] {
  const r = rule(OTHER_SHEET);
  const out: Finding[] = [];
  for (const s of sheets) {
    const { grid } = s;
    // Only the header block of a sheet the Office.js reader knew was no template: not read, not judged.
    if (s.extent === "header" || templateSheets.has(grid.name) || grid.name === ACK_SHEET || isCarriedSheet(grid.name)) continue;
    const lists = LISTS.test(grid.name);
    const { count, first } = lists ? counted(strayListCells(grid, frameworks)) : counted(grid.cells());
    const d = s.details;
    const notes = d ? d.comments.size + d.links.size + d.formulas.size : 0;
    const noted = d ? [...d.comments.keys(), ...d.formulas.keys(), ...d.links.keys()][0] : undefined;
    const a1 = first ? cellAddress(first.row, first.col) : noted;
    if (a1 === undefined) continue;
    const value = first ? grid.text(first.row, first.col) : (d?.comments.get(a1) ?? d?.formulas.get(a1) ?? d?.links.get(a1) ?? "");
    const cells = `${count} cell${count === 1 ? "" : "s"}`;
    const what = lists ? `${cells} that are not the templates' lists` : `${cells}${notes ? ` and ${notes} comment${notes === 1 ? "" : "s"}, link${notes === 1 ? "" : "s"} or formula${notes === 1 ? "" : "s"}` : ""}`;
    out.push({
      code: r.code,
      severity: r.severity,
      sheet: grid.name,
      cell: a1,
      message: formatMessage(r.message, { sheet: grid.name, state: s.state === "veryHidden" ? "very hidden" : grid.hidden || s.state === "hidden" ? "hidden" : "visible", what, cell: a1, value: value.slice(0, 60) }),
    });
  }
  return out;
}
