import type { Framework } from "../catalogue/schema";
import { cellAddress, cellAt, type SheetGrid } from "../grid/grid";
import type { SheetDetails } from "../grid/sheet-details";
import { META_ROWS, META_SCAN_ROWS, TABLE_HEADER_ROW } from "../template/layout";
import { metaKeyOf, type TemplateMeta } from "../template/read-template";
import { choiceOf, disseminationChoice, inDoubt, type DisseminationChoice } from "./dissemination";
import type { FindingSink } from "./finding-sink";
import type { HeaderStray } from "./header-block";

/**
 * Every source of a sheet's wider-dissemination choice, read together: the choice cell, and all
 * that could contradict it — a second "Wider dissemination" row, a formula (whose text and cached
 * value can say different things), a comment or link on the cell, the file giving a cell twice, and
 * anything typed, changed or annotated elsewhere in the header block ("No" beside the drop-down,
 * in the row below, over the question). A yes is taken only when nothing else could say otherwise;
 * each doubt is an error finding saying that the response is withheld, and why.
 */

interface Doubt {
  readonly text: string;
  readonly row: number;
  readonly col: number;
}

const short = (s: string, n = 60): string => (s.length > n ? `${s.slice(0, n)}…` : s);

/** Rows whose label (column A) is "Wider dissemination", where readers look for labels. */
function choiceRows(grid: SheetGrid): number[] {
  const rows: number[] = [];
  for (let row = 0; row < META_SCAN_ROWS + 4; row++) if (metaKeyOf(grid.text(row, 0)) === "dissemination") rows.push(row);
  return rows;
}

/** What else the header block holds that could say something about the choice. */
function doubtsOf(grid: SheetGrid, details: SheetDetails, rows: readonly number[], strays: readonly HeaderStray[], headingRow: number): Doubt[] {
  const doubts: Doubt[] = [];
  const [first, ...others] = rows;
  const choiceCell = first === undefined ? "" : cellAddress(first, 1);
  for (const row of others) doubts.push({ text: `row ${row + 1} is a second 'Wider dissemination' row (${grid.text(row, 1).trim() ? `'${short(grid.text(row, 1).trim())}'` : "blank"})`, row, col: 0 });
  const inBlock = (a1: string): boolean => cellAt(a1).row < headingRow;
  const at = cellAt;
  const formula = details.formulas.get(choiceCell);
  if (formula !== undefined) doubts.push({ text: `${choiceCell} is the formula ${short(formula)}, whose text and value can say different things`, ...at(choiceCell) });
  for (const [kind, map] of [
    ["a comment", details.comments],
    ["a link", details.links],
  ] as const) {
    for (const [a1, text] of map) if (inBlock(a1)) doubts.push({ text: `${kind} on ${a1} says '${short(text)}'`, ...at(a1) });
  }
  for (const [a1, text] of details.formulas) if (a1 !== choiceCell && inBlock(a1)) doubts.push({ text: `${a1} holds the formula ${short(text)}`, ...at(a1) });
  for (const [a1, earlier] of details.duplicates ?? []) {
    if (inBlock(a1)) doubts.push({ text: `the file gives ${a1} more than once (${earlier.map((e) => `'${short(e, 30)}'`).join(", ")}, then '${short(grid.text(at(a1).row, at(a1).col), 30)}')`, ...at(a1) });
  }
  // One doubt for all that is typed in the block: each cell has its own PT-STRUCT-009 already.
  const [s, ...more] = strays;
  if (s) {
    const others = more.length ? ` (and ${more.length} more cell${more.length > 1 ? "s" : ""} of the header block)` : "";
    doubts.push({ text: `'${short(grid.text(s.row, s.col).trim())}' stands in ${cellAddress(s.row, s.col)}${others}, which is not the template's`, row: s.row, col: s.col });
  }
  return doubts;
}

/**
 * The choice a template sheet makes, with its findings. `framework` undefined: a sheet whose
 * framework is unknown, read for what its choice might withhold (a blank choice is then no yes).
 */
export function checkDissemination(
  framework: Framework | undefined,
  grid: SheetGrid,
  meta: TemplateMeta,
  details: SheetDetails,
  strays: readonly HeaderStray[],
  sink: FindingSink,
  headingRow = TABLE_HEADER_ROW,
  /** Last cycle's choice, where the template was started from a previous return (its carried sheet). */
  carried?: { readonly cycle: string; readonly choice: string },
): DisseminationChoice | undefined {
  const rows = choiceRows(grid);
  const row = rows[0];
  if (!framework) {
    // Unknown framework: only what the sheet says of itself; never a finding of ours beyond the header's.
    if (row === undefined && meta.sheet !== "questionnaire") return undefined;
    return inDoubt(choiceOf(row === undefined ? undefined : meta.dissemination, undefined), doubtsOf(grid, details, rows, [], headingRow).map((d) => d.text));
  }
  if (!framework.dissemination) return undefined;
  const place = { row: row ?? META_ROWS.dissemination, col: 1 };
  const formula = row === undefined ? undefined : details.formulas.get(cellAddress(row, 1));
  // A formula that was never calculated reads as blank, which must not mean "the default yes".
  if (formula !== undefined && !meta.dissemination) {
    sink.add("PT-CONT-009", { value: `the formula ${formula}, never calculated` }, place);
    return { kind: "unrecognised", written: formula };
  }
  const choice = disseminationChoice(framework, row === undefined ? undefined : meta.dissemination);
  if (!choice) return undefined;
  if (choice.kind === "unrecognised") {
    sink.add("PT-CONT-009", { value: choice.written === undefined ? "missing (the sheet has no 'Wider dissemination' row)" : `'${choice.written.slice(0, 60)}'` }, place);
    return choice;
  }
  if (choice.kind === "no") return choice;
  const doubts = doubtsOf(grid, details, rows, strays, headingRow);
  // A carried choice never weakens: a "no" of last cycle cleared this cycle is no yes by default.
  if (choice.written?.trim() === "" && carried && carried.choice.trim().toLowerCase() !== "yes") {
    doubts.push({ text: `the choice carried from cycle ${carried.cycle} was '${short(carried.choice)}', and a cleared choice is not a yes`, row: place.row, col: 1 });
  }
  if (doubts.length === 0) {
    if (choice.written?.trim() === "") sink.add("PT-CONT-012", { value: framework.dissemination.default }, place);
    return choice;
  }
  const reads = choice.written?.trim() === "" ? `blank (the default '${framework.dissemination.default}')` : `'${short(choice.written ?? "")}'`;
  for (const d of doubts) sink.add("PT-CONT-019", { choice: reads, doubt: d.text }, { row: d.row, col: d.col });
  return inDoubt(choice, doubts.map((d) => d.text));
}
