import fc from "fast-check";
import type { Framework, Party } from "../../src/core/catalogue/schema";
import { SheetGrid, cellAddress } from "../../src/core/grid/grid";
import type { SheetDetails } from "../../src/core/grid/sheet-details";
import type { ReadOutcome } from "../../src/core/consolidation/register";
import { FIRST_BODY_ROW, META_ROWS, TABLE_HEADER_ROW } from "../../src/core/template/layout";
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

export type Spelling = "code" | "lower" | "name" | "padded" | "other party";

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
}

export interface CasePlan {
  readonly framework: string;
  readonly files: readonly FilePlan[];
}

const filePlan = (parties: number): fc.Arbitrary<FilePlan> =>
  fc.record({
    party: fc.nat({ max: parties - 1 }),
    spelling: fc.constantFrom<Spelling>("code", "code", "code", "lower", "name", "padded", "other party"),
    round: fc.constantFrom<"initial" | "update">("initial", "update"),
    receivedDay: fc.nat({ max: 20 }),
    dissemination: fc.constantFrom(...DISSEMINATION_SPELLINGS),
    blanks: fc.array(fc.nat({ max: 400 }), { maxLength: 30 }),
    damage: fc.array(fc.record({ kind: fc.constantFrom("formula", "formula-uncached", "error", "link", "comment", "comment-on-text") as fc.Arbitrary<FilePlan["damage"][number]["kind"]>, at: fc.nat({ max: 400 }) }), { maxLength: 4 }),
    insertColumnAt: fc.option(fc.integer({ min: 2, max: 9 }), { freq: 6 }),
    textSeed: fc.nat(),
    wrongRole: fc.integer({ min: 0, max: 9 }).map((n) => n === 0),
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

function partyOf(framework: Framework, index: number): Party {
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
    details: { formulas: move(details.formulas), errors: move(details.errors), links: move(details.links), comments: move(details.comments), merges: details.merges },
  };
}

export function buildFile(frameworkId: string, plan: FilePlan, index: number, contentSeed = 0): BuiltFile {
  const framework = catalogue.framework(frameworkId);
  const party = partyOf(framework, plan.party);
  const { spec } = templateSpec(frameworkId, party.code, plan.round);
  const name = `${String(index).padStart(2, "0")}-${party.code}-${plan.round}.xlsx`;
  const filled = fillAll(spec, framework, party, undefined).map((e): Edit => (typeof e.value === "string" && e.value.includes("kept as text") ? { ...e, value: textFrom(plan.textSeed + contentSeed, `${name}:${e.sheet}:${e.row}:${e.col}`) } : e));
  const entries = filled.filter((e) => e.row >= FIRST_BODY_ROW);
  const blanked = new Set(plan.blanks.map((b) => b % Math.max(1, entries.length)));
  const edits: Edit[] = filled.map((e) => (blanked.has(entries.indexOf(e)) ? { ...e, value: null } : e));
  const sheet0 = spec.sheets[0]?.name ?? "";
  const code = plan.spelling === "lower" ? party.code.toLowerCase() : plan.spelling === "name" ? party.name : plan.spelling === "padded" ? ` ${party.code.toLowerCase()} ` : plan.spelling === "other party" ? partyOf(framework, plan.party + 1).code : party.code;
  for (const s of spec.sheets) if (s.role !== "lists") edits.push({ sheet: s.name, row: META_ROWS.partyCode, col: 1, value: code });
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
  const validation = validateWorkbook(finalGrids.map((grid) => ({ grid, ...(details.has(grid.name) ? { details: details.get(grid.name) } : {}) })), catalogue);
  const received = new Date(Date.UTC(2026, 9, 1 + plan.receivedDay, 9, index)).toISOString();
  return { name, plan, party, grids: finalGrids, details, outcome: { source: { file: name, sha256: `sha-${name}`, received }, validation } };
}

export function buildCase(plan: CasePlan, contentSeeds: (fileIndex: number) => number = () => 0): BuiltFile[] {
  return plan.files.map((f, i) => buildFile(plan.framework, f, i, contentSeeds(i)));
}

export const valueText = (v: CellValue): string => (v === null ? "" : typeof v === "object" ? v.date : String(v));
