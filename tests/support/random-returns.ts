import fc from "fast-check";
import type { Framework, Party } from "../../src/core/catalogue/schema";
import { SheetGrid, cellAddress, cellAt } from "../../src/core/grid/grid";
import type { SheetDetails } from "../../src/core/grid/sheet-details";
import type { ReadOutcome } from "../../src/core/consolidation/register";
import { FIRST_BODY_ROW, INSTRUCTIONS_ROW, META_ROWS, TABLE_HEADER_ROW } from "../../src/core/template/layout";
import type { CellValue } from "../../src/core/template/spec";
import { validateWorkbook } from "../../src/core/validation/validate-workbook";
import { damageGrids, type Damage } from "./damage";
import { catalogue, fillAll, gridsWith, templateSpec, type Edit } from "./returns";

/**
 * Random returns with random damage, for the two properties that outrank everything: a withheld
 * response never reaches the public edition, and no entry of an input leaves the internal report
 * without a finding or a register note. Everything is built as grids (no files), so hundreds of
 * cases run in seconds; the file tests meet the same damage in real workbooks.
 */

/** "=never calculated" stands for a formula in the cell with no cached value (as openpyxl writes them). */
export const UNCALCULATED = "=never calculated";
export const DISSEMINATION_SPELLINGS = ["yes", "Yes", " YES ", "yes ", "", "no", "No", "NO", "No.", "no - EMN NCPs only", "Nein", "non", "n", "maybe", "y", "yes please", "oui", UNCALCULATED];

/** Recognisably yes, as the issue states it: the default (yes) when blank, or yes in any case and spacing. */
export const recognisablyYes = (s: string): boolean => s !== UNCALCULATED && (s.trim() === "" || s.trim().replace(/\s+/g, " ").toLowerCase() === "yes");

export type Spelling = "code" | "lower" | "name" | "padded" | "other party" | IdentityDamage;

/** A code the party list cannot resolve, the name, title, sheet and file name still the party's: the return cannot be attributed for sure. */
export type IdentityDamage = "code typo" | "zero-width code" | "blank code" | "unlisted name";
export const IDENTITY_DAMAGE: readonly IdentityDamage[] = ["code typo", "zero-width code", "blank code", "unlisted name"];

/**
 * Other sources of the dissemination choice than its cell, each of which must withhold: a "No"
 * typed beside the drop-down, in the row below, over the question or the instructions; a second
 * dissemination row; a formula whose text says no while its cached value says yes; a comment or a
 * link on the choice cell; the file giving the choice cell twice.
 */
export const CHOICE_DAMAGE = ["typed beside", "typed below", "over the question", "over the instructions", "second row", "formula disagrees", "comment", "link", "given twice"] as const;
export type ChoiceDamage = (typeof CHOICE_DAMAGE)[number];

export interface FilePlan {
  readonly party: number;
  readonly spelling: Spelling;
  readonly round: "initial" | "update";
  readonly receivedDay: number;
  readonly dissemination: string;
  /** Entry cells left empty: indices into the filled entries (modulo). */
  readonly blanks: readonly number[];
  readonly damage: readonly { readonly kind: "formula" | "formula-uncached" | "error" | "link" | "comment" | "comment-on-text"; readonly at: number }[];
  readonly insertColumnAt: number | null;
  readonly textSeed: number;
  /** The Sheet cell edited to a role the framework does not have. */
  readonly wrongRole: boolean;
  /** Another source of the choice that contradicts or doubts it (EMN only). */
  readonly choiceDamage: ChoiceDamage | null;
  /** Empty rows inserted above the table of the first sheet (Excel's "Insert row"). */
  readonly rowsInserted: number;
  /** A sheet of the ministry's own beside the template (an annex, a cover letter), perhaps hidden. */
  readonly extraSheet: { readonly name: string; readonly hidden: boolean; readonly cells: number } | null;
}

export interface CasePlan {
  readonly framework: string;
  readonly files: readonly FilePlan[];
}

const filePlan = (parties: number): fc.Arbitrary<FilePlan> =>
  fc.record({
    party: fc.nat({ max: parties - 1 }),
    spelling: fc.constantFrom<Spelling>("code", "code", "code", "code", "lower", "name", "padded", "other party", ...IDENTITY_DAMAGE),
    round: fc.constantFrom<"initial" | "update">("initial", "update"),
    receivedDay: fc.nat({ max: 20 }),
    dissemination: fc.constantFrom(...DISSEMINATION_SPELLINGS),
    blanks: fc.array(fc.nat({ max: 400 }), { maxLength: 30 }),
    damage: fc.array(fc.record({ kind: fc.constantFrom("formula", "formula-uncached", "error", "link", "comment", "comment-on-text") as fc.Arbitrary<FilePlan["damage"][number]["kind"]>, at: fc.nat({ max: 400 }) }), { maxLength: 4 }),
    insertColumnAt: fc.option(fc.integer({ min: 2, max: 9 }), { freq: 6 }),
    textSeed: fc.nat(),
    wrongRole: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
    choiceDamage: fc.option(fc.constantFrom(...CHOICE_DAMAGE), { freq: 3 }),
    rowsInserted: fc.constantFrom(0, 0, 0, 1, 2),
    extraSheet: fc.option(fc.record({ name: fc.constantFrom("Annex", "Cover letter", "Notes (internal)"), hidden: fc.boolean(), cells: fc.integer({ min: 1, max: 6 }) }), { freq: 4 }),
  });

export const casePlan = (frameworks: readonly string[] = ["emn-ahq-2010", "prague-ap-2012", "pact-2008"], parties = 3): fc.Arbitrary<CasePlan> =>
  fc.record({ framework: fc.constantFrom(...frameworks), files: fc.array(filePlan(parties), { minLength: 1, maxLength: 5 }) });

const WORDS = ["asylum", "return", "=SUM(A1)", "+ 1", "@x", "quota", "line\nbreak", "ünï", "€ 3m", "“quoted”", "labour", "visa", "border"];

function textFrom(seed: number, salt: string): string {
  let h = seed >>> 0;
  for (const ch of salt) h = (Math.imul(h ^ ch.charCodeAt(0), 2654435761) >>> 0) + 1;
  const n = 2 + (h % 4);
  return Array.from({ length: n }, (_, i) => WORDS[(h >>> (i * 3)) % WORDS.length] ?? "x").join(" ") + ` #${salt}`;
}

export interface BuiltFile {
  readonly name: string;
  readonly plan: FilePlan;
  readonly party: Party;
  readonly grids: readonly SheetGrid[];
  readonly details: ReadonlyMap<string, SheetDetails>;
  readonly outcome: ReadOutcome;
}

export function partyOf(framework: Framework, index: number): Party {
  const all = catalogue.partiesOf(framework);
  return all[(index * 7) % all.length] as Party;
}

/** Moves every table cell at or right of `at` one column right, as "Insert column" in Excel does. */
function insertColumn(grid: SheetGrid, details: SheetDetails | undefined, at: number): { grid: SheetGrid; details: SheetDetails | undefined } {
  const shift = (row: number, col: number): number => (row >= TABLE_HEADER_ROW && col >= at ? col + 1 : col);
  const out = new SheetGrid(grid.name, grid.hidden);
  for (const c of grid.cells()) out.set(c.row, shift(c.row, c.col), c.value);
  out.set(TABLE_HEADER_ROW, at, "Our remarks");
  out.set(FIRST_BODY_ROW + 1, at, "remark typed in the inserted column");
  if (!details) return { grid: out, details };
  const move = (m: ReadonlyMap<string, string>): Map<string, string> => {
    const moved = new Map<string, string>();
    for (const [a1, v] of m) {
      const match = /^([A-Z]+)(\d+)$/.exec(a1);
      const row = Number(match?.[2]) - 1;
      const col = [...(match?.[1] ?? "A")].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
      moved.set(cellAddress(row, shift(row, col)), v);
    }
    return moved;
  };
  return {
    grid: out,
    details: {
      formulas: move(details.formulas),
      errors: move(details.errors),
      links: move(details.links),
      comments: move(details.comments),
      merges: details.merges,
      ...(details.duplicates ? { duplicates: new Map([...details.duplicates].map(([a1, v]) => [[...move(new Map([[a1, ""]])).keys()][0] ?? a1, v])) } : {}),
    },
  };
}

export function buildFile(frameworkId: string, plan: FilePlan, index: number, contentSeed = 0, cycle = "2026"): BuiltFile {
  const framework = catalogue.framework(frameworkId);
  const party = partyOf(framework, plan.party);
  const { spec } = templateSpec(frameworkId, party.code, plan.round, cycle);
  const name = `${cycle === "2026" ? "" : `${cycle}-`}${String(index).padStart(2, "0")}-${party.code}-${plan.round}.xlsx`;
  const filled = fillAll(spec, framework, party, undefined).map((e): Edit => (typeof e.value === "string" && e.value.includes("kept as text") ? { ...e, value: textFrom(plan.textSeed + contentSeed, `${name}:${e.sheet}:${e.row}:${e.col}`) } : e));
  const entries = filled.filter((e) => e.row >= FIRST_BODY_ROW);
  const blanked = new Set(plan.blanks.map((b) => b % Math.max(1, entries.length)));
  const edits: Edit[] = filled.map((e) => (blanked.has(entries.indexOf(e)) ? { ...e, value: null } : e));
  const sheet0 = spec.sheets[0]?.name ?? "";
  const code = codeAs(plan.spelling, party, framework, plan.party);
  for (const s of spec.sheets) {
    if (s.role === "lists") continue;
    edits.push({ sheet: s.name, row: META_ROWS.partyCode, col: 1, value: code });
    if (plan.spelling === "unlisted name") edits.push({ sheet: s.name, row: META_ROWS.party, col: 1, value: "Republic of Nowhere" });
  }
  if (framework.dissemination) edits.push({ sheet: sheet0, row: META_ROWS.dissemination, col: 1, value: plan.dissemination === UNCALCULATED ? null : plan.dissemination || null });
  if (plan.wrongRole) edits.push({ sheet: sheet0, row: META_ROWS.sheet, col: 1, value: framework.kind === "action-plan" ? "questionnaire" : "matrix" });
  const grids = gridsWith(spec, edits);
  const damage: Damage[] = plan.damage.map((d, i): Damage => {
    const e = entries[d.at % Math.max(1, entries.length)] as Edit;
    const text = textFrom(plan.textSeed + contentSeed, `${name}:damage${i}`);
    switch (d.kind) {
      case "formula":
        return { kind: "formula", sheet: e.sheet, row: e.row, col: e.col, formula: `="${text.replace(/"/g, '""')}"`, cached: text };
      case "formula-uncached":
        return { kind: "formula", sheet: e.sheet, row: e.row, col: e.col, formula: `=CONCAT("${text.replace(/"/g, '""')}")`, cached: null };
      case "error":
        return { kind: "error", sheet: e.sheet, row: e.row, col: e.col, formula: "=1/0", error: "#DIV/0!" };
      case "link":
        return { kind: "link", sheet: e.sheet, row: e.row, col: e.col, text, address: `https://example.org/${i}/${plan.textSeed + contentSeed}` };
      case "comment":
        return { kind: "comment", sheet: e.sheet, row: e.row, col: e.col, text: `Reviewer: ${text}` };
      case "comment-on-text":
        return { kind: "comment", sheet: e.sheet, row: e.row, col: 1, text: `Reviewer: ${text}` };
    }
  });
  if (framework.dissemination && plan.dissemination === UNCALCULATED) damage.push({ kind: "formula", sheet: sheet0, row: META_ROWS.dissemination, col: 1, formula: '="no"', cached: null });
  if (framework.dissemination && plan.choiceDamage) {
    const d = choiceDamage(plan.choiceDamage, sheet0, grids.find((g) => g.name === sheet0)?.text(META_ROWS.dissemination, 1) ?? "");
    for (const e of d.edits) grids.find((g) => g.name === e.sheet)?.set(e.row, e.col, e.value);
    damage.push(...d.damage);
  }
  let details = damageGrids(grids, damage);
  let finalGrids = grids;
  if (plan.insertColumnAt !== null) {
    const moved = new Map<string, SheetDetails>();
    finalGrids = grids.map((g) => {
      if (g.name !== sheet0) return g;
      const r = insertColumn(g, details.get(g.name), plan.insertColumnAt ?? 2);
      if (r.details) moved.set(g.name, r.details);
      return r.grid;
    });
    for (const [k, v] of details) if (!moved.has(k)) moved.set(k, v);
    details = moved;
  }
  if (plan.rowsInserted > 0) {
    const shift = (a1: string): string => {
      const { row, col } = cellAt(a1);
      return row >= TABLE_HEADER_ROW ? cellAddress(row + plan.rowsInserted, col) : a1;
    };
    const moveMap = <T,>(m: ReadonlyMap<string, T>): Map<string, T> => new Map([...m].map(([a1, v]) => [shift(a1), v]));
    finalGrids = finalGrids.map((g) => {
      if (g.name !== sheet0) return g;
      const out = new SheetGrid(g.name, g.hidden);
      for (const c of g.cells()) out.set(c.row >= TABLE_HEADER_ROW ? c.row + plan.rowsInserted : c.row, c.col, c.value);
      const d = details.get(g.name);
      if (d) {
        const down = (r: { top: number; left: number; bottom: number; right: number }) => (r.top >= TABLE_HEADER_ROW ? { ...r, top: r.top + plan.rowsInserted, bottom: r.bottom + plan.rowsInserted } : r);
        details.set(g.name, { formulas: moveMap(d.formulas), errors: moveMap(d.errors), links: moveMap(d.links), comments: moveMap(d.comments), merges: d.merges.map(down), ...(d.duplicates ? { duplicates: moveMap(d.duplicates) } : {}) });
      }
      return out;
    });
  }
  if (plan.extraSheet) {
    const extra = new SheetGrid(plan.extraSheet.name, plan.extraSheet.hidden);
    for (let i = 0; i < plan.extraSheet.cells; i++) extra.set(i * 3, i % 4, textFrom(plan.textSeed + contentSeed, `${name}:extra${i}`));
    finalGrids = [...finalGrids, extra];
  }
  const validation = validateWorkbook(finalGrids.map((grid) => ({ grid, ...(details.has(grid.name) ? { details: details.get(grid.name) } : {}) })), catalogue);
  const received = new Date(Date.UTC(2026, 9, 1 + plan.receivedDay, 9, index)).toISOString();
  return { name, plan, party, grids: finalGrids, details, outcome: { source: { file: name, sha256: `sha-${name}`, received }, validation } };
}

/** The party code as a return writes it, by spelling. */
function codeAs(spelling: Spelling, party: Party, framework: Framework, index: number): string | null {
  switch (spelling) {
    case "lower":
      return party.code.toLowerCase();
    case "name":
      return party.name;
    case "padded":
      return ` ${party.code.toLowerCase()} `;
    case "other party":
      return partyOf(framework, index + 1).code;
    case "code typo":
      return `${party.code.slice(0, 1)}0`;
    case "zero-width code":
      return `${party.code.slice(0, 1)}\u200b${party.code.slice(1)}`;
    case "blank code":
      return null;
    default:
      return party.code;
  }
}

/** The edits and damage of one class of choice damage on the first sheet; `written` is the choice as the cell holds it. */
export function choiceDamage(kind: ChoiceDamage, sheet: string, written: string): { edits: Edit[]; damage: Damage[] } {
  const row = META_ROWS.dissemination;
  const at = (r: number, col: number, value: string): Edit => ({ sheet, row: r, col, value });
  switch (kind) {
    case "typed beside":
      return { edits: [at(row, 3, "No")], damage: [] };
    case "typed below":
      return { edits: [at(INSTRUCTIONS_ROW, 1, "No")], damage: [] };
    case "over the question":
      return { edits: [at(row, 2, "No")], damage: [] };
    case "over the instructions":
      return { edits: [at(INSTRUCTIONS_ROW, 0, "NO: not for dissemination beyond the EMN NCPs")], damage: [] };
    case "second row":
      return { edits: [at(META_ROWS.previous, 0, "Wider dissemination"), at(META_ROWS.previous, 1, "no")], damage: [] };
    case "formula disagrees":
      return { edits: [], damage: [{ kind: "formula", sheet, row, col: 1, formula: '=IF(TRUE,"no","yes")', cached: written || "yes" }] };
    case "comment":
      return { edits: [], damage: [{ kind: "comment", sheet, row, col: 1, text: "Head of unit: No, not beyond the NCPs" }] };
    case "link":
      return { edits: [], damage: [{ kind: "link", sheet, row, col: 1, text: written || "yes", address: "https://example.org/answer-no" }] };
    case "given twice":
      return { edits: [], damage: [{ kind: "duplicate", sheet, row, col: 1, earlier: "no" }] };
  }
}

export function buildCase(plan: CasePlan, contentSeeds: (fileIndex: number) => number = () => 0, cycle = "2026"): BuiltFile[] {
  return plan.files.map((f, i) => buildFile(plan.framework, f, i, contentSeeds(i), cycle));
}

export const valueText = (v: CellValue): string => (v === null ? "" : typeof v === "object" ? v.date : String(v));
