import type { Framework } from "../../src/core/catalogue/schema";
import type { Acknowledgement } from "../../src/core/validation/acknowledgements";
import { META_ROWS, TABLE_HEADER_ROW } from "../../src/core/template/layout";
import type { WorkbookSpec } from "../../src/core/template/spec";
import { carriedCycle, catalogue, editAt, fillAll, locate, templateSpec, type Edit } from "./returns";
import type { Damage } from "./damage";
import type { UnreadDetail } from "../../src/core/grid/sheet-details";
import type { Round } from "../../src/core/template/builder";

/**
 * One broken return per rule: a filled, valid template plus the edits that break exactly that rule.
 * The same cases run on grids (core, fast) and on real .xlsx files (written, re-read).
 */
export interface RuleCase {
  readonly code: string;
  readonly what: string;
  readonly framework: string;
  readonly party: string;
  readonly edits: (spec: WorkbookSpec, fw: Framework) => Edit[];
  /** Columns (zero-based) to hide on the first sheet. */
  readonly hideColumns?: readonly number[];
  readonly acknowledge?: (spec: WorkbookSpec, fw: Framework) => Acknowledgement[];
  /** Formulas, errors, links, comments, merges: damage beyond values. */
  readonly damage?: (spec: WorkbookSpec, fw: Framework) => Damage[];
  /** Details the (Office.js) reader could not read on the first sheet; files are always read whole. */
  readonly unread?: readonly UnreadDetail[];
  /**
   * The template starts from last cycle's return (see carriedCycle: its texts differ from this
   * cycle's valid answers), where the references in `completed` had status "completed".
   */
  readonly previous?: { readonly completed?: readonly string[] };
  /** The template's round (default initial). */
  readonly round?: Round;
}

const first = (spec: WorkbookSpec): string => spec.sheets[0]?.name ?? "";
const meta = (spec: WorkbookSpec, key: keyof typeof META_ROWS, value: Edit["value"]): Edit => ({ sheet: first(spec), row: META_ROWS[key], col: 1, value });
const at = editAt;
/** Every cell of an item's row, cleared: as if the row were deleted. */
function clearRow(spec: WorkbookSpec, fw: Framework, ref: string): Edit[] {
  const { sheet, row } = locate(spec, fw, 0, ref, "Ref");
  return Array.from({ length: 12 }, (_, col) => ({ sheet, row, col, value: null }));
}
function copyRow(spec: WorkbookSpec, fw: Framework, fromRef: string, toRef: string): Edit[] {
  const from = locate(spec, fw, 0, fromRef, "Ref");
  const to = locate(spec, fw, 0, toRef, "Ref");
  const source = spec.sheets[0]?.cells.filter((c) => c.row === from.row && c.value !== null) ?? [];
  return source.map((c) => ({ sheet: to.sheet, row: to.row, col: c.col, value: c.value }));
}
const AP = "prague-ap-2012";

/** Two columns swapped, headings and values together: a moved column, nothing misplaced. */
function swapColumns(spec: WorkbookSpec, fw: Framework, a: string, b: string): Edit[] {
  const party = catalogue.party(fw, spec.sheets[0]?.cells.find((c) => c.row === META_ROWS.partyCode && c.col === 1)?.value as string);
  const filled = fillAll(spec, fw, party);
  const colA = locate(spec, fw, 0, fw.areas[0]?.items[0]?.ref ?? "", a).col;
  const colB = locate(spec, fw, 0, fw.areas[0]?.items[0]?.ref ?? "", b).col;
  const sheet = first(spec);
  const edits: Edit[] = [
    { sheet, row: TABLE_HEADER_ROW, col: colA, value: b },
    { sheet, row: TABLE_HEADER_ROW, col: colB, value: a },
  ];
  for (const e of filled) {
    if (e.sheet !== sheet) continue;
    if (e.col === colA) edits.push({ ...e, col: colB });
    if (e.col === colB) edits.push({ ...e, col: colA });
  }
  return edits;
}
const cellOf = (s: WorkbookSpec, fw: Framework, ref: string, header: string, sheetIndex = 0) => locate(s, fw, sheetIndex, ref, header);
/** An entry put back to what the template carried into it from last cycle: left unchanged. */
function asCarried(spec: WorkbookSpec, fw: Framework, ref: string, header: string, sheetIndex = 0): Edit {
  const where = locate(spec, fw, sheetIndex, ref, header);
  const value = spec.sheets[sheetIndex]?.cells.find((c) => c.row === where.row && c.col === where.col)?.value;
  if (value === undefined || value === null) throw new Error(`nothing carried into ${ref} / ${header}`);
  return { ...where, value };
}

export const RULE_CASES: readonly RuleCase[] = [
  { code: "PT-STRUCT-001", what: "fingerprint cleared", framework: AP, party: "AT", edits: (s) => [meta(s, "fingerprint", null)] },
  { code: "PT-STRUCT-002", what: "unknown framework", framework: AP, party: "AT", edits: (s) => [meta(s, "framework", "stockholm-2010")] },
  { code: "PT-STRUCT-003", what: "template from an older catalogue", framework: AP, party: "AT", edits: (s) => [meta(s, "fingerprint", "00000000deadbeef"), meta(s, "version", "0.9")] },
  { code: "PT-STRUCT-004", what: "an item row deleted", framework: AP, party: "AT", edits: (s, fw) => clearRow(s, fw, "II.3") },
  { code: "PT-STRUCT-005", what: "an item pasted twice", framework: AP, party: "AT", edits: (s, fw) => copyRow(s, fw, "II.1", "II.2") },
  { code: "PT-STRUCT-006", what: "two items swapped", framework: AP, party: "AT", edits: (s, fw) => [...copyRow(s, fw, "III.1", "III.2"), ...copyRow(s, fw, "III.2", "III.1")] },
  { code: "PT-STRUCT-007", what: "action text edited", framework: AP, party: "AT", edits: (s, fw) => [at(s, fw, "I.1", "Action", "Our own wording of the action")] },
  { code: "PT-STRUCT-008", what: "an invented reference", framework: AP, party: "AT", edits: (s, fw) => [at(s, fw, "VI.3", "Ref", "VI.9")] },
  { code: "PT-STRUCT-009", what: "a note typed below the table", framework: AP, party: "AT", edits: (s) => [{ sheet: first(s), row: 60, col: 3, value: "see attached letter" }] },
  { code: "PT-STRUCT-010", what: "an entry in a hidden column", framework: AP, party: "AT", edits: () => [], hideColumns: [7] },
  { code: "PT-STRUCT-011", what: "a party not in the process", framework: AP, party: "AT", edits: (s) => [meta(s, "partyCode", "ZZ")] },
  { code: "PT-STRUCT-012", what: "reporting cycle cleared", framework: AP, party: "AT", edits: (s) => [meta(s, "cycle", null)] },
  { code: "PT-STRUCT-013", what: "a column header renamed", framework: AP, party: "AT", edits: (s) => [{ sheet: first(s), row: TABLE_HEADER_ROW, col: 3, value: "State of play" }] },
  { code: "PT-STRUCT-014", what: "no template sheet left", framework: "emn-ahq-2010", party: "SE", edits: (s) => [meta(s, "template", "my own layout")] },
  {
    code: "PT-STRUCT-023",
    what: "code and name both edited to another party, title and sheet name still the party's",
    framework: AP,
    party: "AT",
    edits: (s) => [meta(s, "partyCode", "GE"), meta(s, "party", "Georgia")],
  },
  { code: "PT-STRUCT-015", what: "the party code edited to another party", framework: AP, party: "AT", edits: (s) => [meta(s, "partyCode", "GE")] },
  {
    code: "PT-STRUCT-016",
    what: "two filled entry cells merged",
    framework: AP,
    party: "AT",
    edits: () => [],
    damage: (s, fw) => {
      const { sheet, row, col } = cellOf(s, fw, "I.1", "Start date");
      return [{ kind: "merge", sheet, range: { top: row, left: col, bottom: row, right: col + 1 } }];
    },
  },
  {
    code: "PT-STRUCT-018",
    what: "merged cells unreadable in an older Excel",
    framework: AP,
    party: "AT",
    edits: () => [],
    unread: [{ detail: "merges", reason: "merged cells need ExcelApi 1.13, which this Excel does not support" }],
  },
  { code: "PT-STRUCT-019", what: "an EMN sheet that says it is an action matrix", framework: "emn-ahq-2010", party: "FI", edits: (s) => [meta(s, "sheet", "matrix")] },
  { code: "PT-STRUCT-020", what: "a column of remarks added beside the table", framework: AP, party: "AT", edits: (s) => [{ sheet: first(s), row: TABLE_HEADER_ROW, col: 12, value: "Our remarks" }] },
  { code: "PT-STRUCT-017", what: "start and end date columns swapped", framework: AP, party: "AT", edits: (s, fw) => swapColumns(s, fw, "Start date", "End date") },
  { code: "PT-CONT-001", what: "main actions left empty", framework: "pact-2008", party: "BE", edits: (s, fw) => [at(s, fw, "II(c)", "Main actions undertaken at Member State level", null, 1)] },
  { code: "PT-CONT-002", what: "a status not in the list", framework: AP, party: "AT", edits: (s, fw) => [at(s, fw, "I.2", "Status", "finished")] },
  { code: "PT-CONT-003", what: "a status with a case slip", framework: AP, party: "AT", edits: (s, fw) => [at(s, fw, "I.2", "Status", " Ongoing ")] },
  { code: "PT-CONT-004", what: "a date that is not a date", framework: AP, party: "AT", edits: (s, fw) => [at(s, fw, "IV.1", "Start date", "next spring")] },
  { code: "PT-CONT-005", what: "start after end", framework: AP, party: "AT", edits: (s, fw) => [at(s, fw, "IV.2", "Start date", { date: "2015-06-01" }), at(s, fw, "IV.2", "End date", { date: "2013-01-31" })] },
  { code: "PT-CONT-006", what: "a date outside the plan", framework: AP, party: "AT", edits: (s, fw) => [at(s, fw, "V.1", "Start date", { date: "2005-03-01" })] },
  { code: "PT-CONT-007", what: "completed without end date", framework: AP, party: "AT", edits: (s, fw) => [at(s, fw, "V.2", "Status", "completed"), at(s, fw, "V.2", "End date", null)] },
  { code: "PT-CONT-008", what: "activities while not participating", framework: AP, party: "AT", edits: (s, fw) => [at(s, fw, "VI.1", "Participation", "no")] },
  { code: "PT-CONT-009", what: "dissemination choice unclear", framework: "emn-ahq-2010", party: "FI", edits: (s) => [{ sheet: first(s), row: META_ROWS.dissemination, col: 1, value: "maybe" }] },
  { code: "PT-CONT-010", what: "text over Excel's cell limit", framework: "pact-2008", party: "BE", edits: (s, fw) => [at(s, fw, "III(a)", "Main actions undertaken at Member State level", "x".repeat(32768), 1)] },
  { code: "PT-CONT-011", what: "very long text", framework: "pact-2008", party: "BE", edits: (s, fw) => [at(s, fw, "III(b)", "Most significant developments planned at Member State level", "y ".repeat(3000), 1)] },
  {
    code: "PT-CONT-019",
    what: "'No' typed beside a dissemination choice that says yes",
    framework: "emn-ahq-2010",
    party: "FI",
    edits: (s) => [{ sheet: first(s), row: META_ROWS.dissemination, col: 3, value: "No" }],
  },
  {
    code: "PT-STRUCT-021",
    what: "a cell the file gives twice",
    framework: AP,
    party: "AT",
    edits: () => [],
    damage: (s, fw) => [{ kind: "duplicate", ...cellOf(s, fw, "I.1", "Activities undertaken"), earlier: "an earlier answer the file also gives" }],
  },
  { code: "PT-STRUCT-022", what: "a value added to the hidden lists sheet", framework: AP, party: "AT", edits: () => [{ sheet: "pt_lists", row: 12, col: 0, value: "our own status" }] },
  { code: "PT-CONT-012", what: "dissemination choice blank", framework: "emn-ahq-2010", party: "FI", edits: (s) => [{ sheet: first(s), row: META_ROWS.dissemination, col: 1, value: null }] },
  {
    code: "PT-CONT-013",
    what: "a formula in a required entry",
    framework: "pact-2008",
    party: "BE",
    edits: () => [],
    damage: (s, fw) => [{ kind: "formula", ...cellOf(s, fw, "I(a)", "Main actions undertaken at Member State level", 1), formula: '="See "&"annex"', cached: "See annex" }],
  },
  {
    code: "PT-CONT-014",
    what: "a formula in the responsible unit",
    framework: AP,
    party: "AT",
    edits: () => [],
    damage: (s, fw) => [{ kind: "formula", ...cellOf(s, fw, "II.1", "Responsible unit / contact"), formula: "=A1", cached: "Template" }],
  },
  {
    code: "PT-CONT-015",
    what: "a cell showing #DIV/0!",
    framework: AP,
    party: "AT",
    edits: () => [],
    damage: (s, fw) => [{ kind: "error", ...cellOf(s, fw, "III.1", "Activities undertaken"), formula: "=1/0", error: "#DIV/0!" }],
  },
  {
    code: "PT-CONT-016",
    what: "a comment on the catalogue text",
    framework: AP,
    party: "AT",
    edits: () => [],
    damage: (s, fw) => [{ kind: "comment", ...cellOf(s, fw, "I.1", "Action"), text: "Ministry of Interior: not relevant for us" }],
  },
  { code: "PT-CONT-017", what: "an entry left as carried from last cycle", framework: AP, party: "AT", previous: {}, edits: (s, fw) => [asCarried(s, fw, "I.1", "Activities undertaken")] },
  {
    code: "PT-CONT-018",
    what: "an action completed last cycle, now not started",
    framework: AP,
    party: "AT",
    previous: { completed: ["II.2"] },
    edits: (s, fw) => [at(s, fw, "II.2", "Status", "not started")],
  },
  { code: "PT-CONT-020", what: "an update leaving an entry to the initial return", framework: AP, party: "AT", round: "update", edits: (s, fw) => [at(s, fw, "I.1", "Activities undertaken", null)] },
];

/** A valid, completely filled return and a broken copy of it for one case. */
export function caseReturn(c: RuleCase): { spec: WorkbookSpec; framework: Framework; valid: Edit[]; broken: Edit[]; damage: Damage[] } {
  const fw = catalogue.framework(c.framework);
  const previous = c.previous ? carriedCycle(fw, catalogue.party(fw, c.party), c.previous) : undefined;
  const { spec, framework, party } = templateSpec(c.framework, c.party, c.round ?? "initial", "2026", previous);
  const valid = fillAll(spec, framework, party);
  return { spec, framework, valid, broken: [...valid, ...c.edits(spec, framework)], damage: c.damage?.(spec, framework) ?? [] };
}
