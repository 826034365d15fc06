import type { Catalogue } from "../catalogue/catalogue";
import type { Framework, Party } from "../catalogue/schema";
import { POLITICAL_ENTRY, TEMPLATE_MARKER } from "../template/layout";
import type { CellSpec, CellValue, ConditionalFillSpec, RangeAddress, SheetSpec, StyleName, WorkbookSpec } from "../template/spec";
import type { SheetRole } from "../template/spec";
import { describeNote } from "../validation/entry-notes";
import { EXCEL_CELL_LIMIT } from "../validation/rules";
import { COVERAGE, COVERAGE_FILLS, coverageMeanings, itemCoverage, type Coverage } from "./coverage";
import { valuesOf, type PartyResponse, type ReportedEntry } from "./party-response";
import { compareCycles, type PreviousCycle, type PreviousProblem, type PreviousResponse } from "../cycles/previous";
import { earlierCycles as earlierCyclesRead } from "../cycles/comparison";
import { count } from "../wording";
import { CHANGE_FILLS, CHANGE_STATES, entryColumnsOf, itemChange, type ChangeState } from "../cycles/changes";
import { CodedError } from "../errors/coded-error";
import { SheetNames } from "../template/sheet-name";
import { printSetup } from "../template/print";
import { PUBLIC_BLOCKED, REGISTER_STATUSES, contributionLabel, type AcceptedContribution, type Register } from "./register";

/**
 * The combined report as a workbook spec: summary, per framework and cycle a compilation (and the
 * Pact's political report), coverage and status matrices, and — internal edition only — the register.
 * Contributed values are copied verbatim as values: they can never become formulas.
 */

export type Edition = "internal" | "public";
export type PartyOrder = "protocol" | "alpha";

export interface ReportOptions {
  readonly edition: Edition;
  readonly order?: PartyOrder;
  /** When the report was made, shown on the summary (the caller passes it: core reads no clock). */
  readonly generatedAt?: string;
  /**
   * Earlier cycles to compare with (`consolidate --previous`, `--previous-dir`): a Changes sheet per
   * framework against the latest earlier cycle, a per-area trend on the coverage sheet over every
   * cycle given, and status moves on the status matrix. Both editions; the public one honours
   * dissemination in every cycle.
   */
  readonly previous?: readonly PreviousCycle[];
}

interface Unit {
  readonly framework: Framework;
  readonly cycle: string;
  /** Party order for this unit, restricted to parties that contributed (in public, withheld parties always count). */
  readonly parties: readonly Party[];
  readonly byParty: ReadonlyMap<string, ReadonlyMap<SheetRole, PartyResponse>>;
  /** Parties whose responses this edition must not show (public edition only). */
  readonly withheld: ReadonlySet<string>;
  readonly edition: Edition;
  /** Earlier cycles of the framework given to compare with, oldest first. */
  readonly earlier: readonly Earlier[];
}

/** One earlier cycle of a unit's framework: what each party answered then, per sheet role. */
interface Earlier {
  readonly cycle: string;
  readonly byParty: ReadonlyMap<string, ReadonlyMap<SheetRole, PreviousResponse>>;
}

/**
 * The earlier cycles of a framework before `cycle`, oldest first. Where two inputs give the same
 * party, cycle and sheet, the first given is used for its answers (one precedence for both editions,
 * see README), but it is for wider dissemination only when every input giving that party and cycle
 * says so: a report's "yes" never outweighs a return's "no". The public edition keeps only what it
 * may show — parties it shows now whose earlier response was published — so that no count, cycle
 * or change it prints depends on a withheld party's content.
 */
function earlierCycles(previous: readonly PreviousCycle[], framework: Framework, cycle: string, edition: Edition, withheld: ReadonlySet<string>): Earlier[] {
  const byCycle = new Map<string, Map<string, Map<SheetRole, PreviousResponse>>>();
  const refused = new Set<string>();
  const key = (c: string, party: string): string => `${c}\u0000${party}`;
  for (const p of previous) {
    for (const r of p.responses) {
      if (r.framework.id !== framework.id || compareCycles(r.cycle, cycle) >= 0) continue;
      if (!r.publishable) refused.add(key(r.cycle, r.party.code));
      const parties = byCycle.get(r.cycle) ?? new Map<string, Map<SheetRole, PreviousResponse>>();
      byCycle.set(r.cycle, parties);
      const roles = parties.get(r.party.code) ?? new Map<SheetRole, PreviousResponse>();
      parties.set(r.party.code, roles);
      if (!roles.has(r.role)) roles.set(r.role, r);
    }
  }
  const out: Earlier[] = [];
  for (const [c, parties] of [...byCycle.entries()].sort(([a], [b]) => compareCycles(a, b))) {
    const kept = new Map<string, Map<SheetRole, PreviousResponse>>();
    for (const [code, roles] of parties) {
      const publishable = !refused.has(key(c, code));
      if (edition === "public" && (!publishable || withheld.has(code))) continue;
      kept.set(code, new Map([...roles].map(([role, r]) => [role, r.publishable === publishable ? r : { ...r, publishable }])));
    }
    // A cycle only a withheld party gave is not one the public edition knows of.
    if (kept.size > 0) out.push({ cycle: c, byParty: kept });
  }
  return out;
}

/**
 * A party's answers of an earlier cycle, where this edition may show them: the public edition shows
 * them only for a party it shows this cycle whose response was for wider dissemination then too.
 */
function earlierResponse(unit: Unit, earlier: Earlier, party: Party, role: SheetRole): PreviousResponse | undefined {
  const r = earlier.byParty.get(party.code)?.get(role);
  if (!r) return undefined;
  return unit.edition === "internal" || (isShown(unit, party) && r.publishable) ? r : undefined;
}

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function units(register: Register, catalogue: Catalogue, order: PartyOrder, edition: Edition, previous: readonly PreviousCycle[]): Unit[] {
  type Draft = { framework: Framework; cycle: string; byParty: Map<string, Map<SheetRole, PartyResponse>>; withheld: Set<string> };
  const grouped = new Map<string, Draft>();
  const unitOf = (framework: Framework, cycle: string): Draft => {
    const key = `${framework.id}\u0000${cycle}`;
    const u = grouped.get(key) ?? { framework, cycle, byParty: new Map(), withheld: new Set<string>() };
    grouped.set(key, u);
    return u;
  };
  for (const r of register.responses) {
    const u = unitOf(r.framework, r.cycle);
    const roles = u.byParty.get(r.party.code) ?? new Map<SheetRole, PartyResponse>();
    roles.set(r.role, r);
    u.byParty.set(r.party.code, roles);
  }
  // Whether a party is withheld, and that it is present, never depend on what it wrote (nor on --strict).
  if (edition === "public") for (const p of register.presence) if (!p.publishable) unitOf(p.framework, p.cycle).withheld.add(p.party.code);
  // A framework and cycle only withheld parties sent is not one the public edition knows of: its very label is theirs.
  const published = (u: Draft): boolean => register.presence.some((p) => p.publishable && p.framework.id === u.framework.id && p.cycle === u.cycle);
  return [...grouped.values()]
    .filter((u) => edition === "internal" || published(u))
    .sort((a, b) => byText(a.framework.id, b.framework.id) || byText(a.cycle, b.cycle))
    .map((u) => {
      const all = catalogue.partiesOf(u.framework);
      const present = all.filter((p) => u.byParty.has(p.code) || u.withheld.has(p.code));
      const ordered = order === "alpha" ? [...present].sort((a, b) => a.name.localeCompare(b.name, "en")) : present;
      // The EU level first, then the Member States, as the Commission's annual report has them under each commitment.
      const euLevel = u.framework.euLevel?.party;
      const parties = [...ordered.filter((p) => p.code === euLevel), ...ordered.filter((p) => p.code !== euLevel)];
      // Earlier answers are hidden also of parties only an unattributable return points to (it may be theirs).
      const pointed = register.pointedWithheld.filter((p) => p.framework.id === u.framework.id && (p.cycle === undefined || p.cycle === u.cycle)).map((p) => p.party.code);
      return { ...u, parties, edition, earlier: earlierCycles(previous, u.framework, u.cycle, edition, new Set([...u.withheld, ...pointed])) };
    });
}

/** How a report sheet is viewed and printed: every sheet A4 landscape, one page wide, headings frozen and repeated. */
interface SheetLayout {
  readonly headerRow: number;
  readonly freeze: { readonly rows: number; readonly cols: number };
  /** Filter buttons on the headings, down to filterBottom (default: the last row). */
  readonly filter?: boolean;
  readonly filterBottom?: number;
  readonly onePage?: boolean;
}

class Sheet {
  readonly cells: CellSpec[] = [];
  readonly merges: RangeAddress[] = [];
  readonly fills: ConditionalFillSpec[] = [];
  row = 0;
  put(row: number, col: number, value: CellValue, style: StyleName): void {
    if (value !== null || style !== "reportText") this.cells.push({ row, col, value, style });
  }
  line(values: readonly CellValue[], style: StyleName | readonly StyleName[]): void {
    values.forEach((v, col) => this.put(this.row, col, v, typeof style === "string" ? style : (style[col] ?? "reportText")));
    this.row++;
  }
  /** A line of explanation above a table, spanning its columns so it reads as a sentence, not a column. */
  legend(text: string, width: number): void {
    this.put(this.row, 0, text, "instructions");
    if (width > 1) this.merges.push({ top: this.row, left: 0, bottom: this.row, right: width - 1 });
    this.row++;
  }
  spec(name: string, widths: readonly number[], layout: SheetLayout): SheetSpec {
    const last = this.row - 1;
    return {
      name,
      role: "report",
      hidden: false,
      columnWidths: widths,
      cells: this.cells,
      merges: this.merges,
      validations: [],
      freeze: layout.freeze,
      print: printSetup({ widths, titleRows: { first: layout.headerRow, last: layout.headerRow }, keyCols: layout.freeze.cols, ...(layout.onePage ? { onePage: this } : {}) }),
      ...(layout.filter && last > layout.headerRow ? { autoFilter: { top: layout.headerRow, left: 0, bottom: layout.filterBottom ?? last, right: widths.length - 1 } } : {}),
      protect: false,
      ...(this.fills.length ? { conditionalFills: this.fills } : {}),
    };
  }
}

/** Excel refuses a file with a longer cell; the report says where it cut. */
function cutToExcel(text: string): string {
  if (text.length <= EXCEL_CELL_LIMIT) return text;
  const marker = `\n[cut: ${text.length} characters in the return; Excel keeps at most ${EXCEL_CELL_LIMIT} in a cell]`;
  let end = EXCEL_CELL_LIMIT - marker.length;
  // Never split a surrogate pair.
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--;
  return text.slice(0, end) + marker;
}

/** A contributed value, verbatim (text cut only at Excel's limit). */
function shown(v: CellValue | undefined): CellValue {
  if (v === undefined || v === null) return null;
  return typeof v === "string" ? cutToExcel(v) : v;
}

function styleOf(v: CellValue): StyleName {
  if (v !== null && typeof v === "object") return v.time ? "reportDateTime" : "reportDate";
  return "reportText";
}

/** Whether this edition may show the party's responses: the public edition fails closed on dissemination. */
function isShown(unit: Unit, party: Party): boolean {
  return !unit.withheld.has(party.code);
}

function itemRole(framework: Framework): SheetRole {
  return framework.kind === "pact" ? "factual" : framework.kind === "ad-hoc-query" ? "questionnaire" : "matrix";
}

/**
 * Formulas, links, comments and errors of a row's entries: all of them in the internal edition (with
 * the file they came from where that is not the entry's own); in public only links on entries — never
 * on the contact or review columns, and never a file name.
 */
function notesText(row: ReadonlyMap<string, ReportedEntry> | undefined, headers: ReadonlyMap<string, string>, edition: Edition): CellValue {
  if (!row) return null;
  const lines: string[] = [];
  for (const [col, e] of row) {
    for (const n of e.notes) {
      if (edition === "internal") lines.push(`${headers.get(col) ?? col}: ${describeNote(n)}${n.from !== e.from ? ` (in ${contributionLabel(n.from)})` : ""}`);
      else if (n.kind === "link" && !COLLABORATION_COLUMNS.has(col)) lines.push(`${headers.get(col) ?? col}: ${describeNote(n)}`);
    }
  }
  return lines.length ? cutToExcel(lines.join("\n")) : null;
}

const COLLABORATION_COLUMNS: ReadonlySet<string> = new Set(["responsible", "review"]);

/** Which return each entry came from: one label, or per column where an update carried earlier entries. */
function sourceText(row: ReadonlyMap<string, ReportedEntry> | undefined, headers: ReadonlyMap<string, string>): CellValue {
  const byFrom = new Map<AcceptedContribution, string[]>();
  for (const [col, e] of row ?? []) {
    if (e.value === null && e.notes.length === 0) continue;
    const cols = byFrom.get(e.from);
    if (cols) cols.push(headers.get(col) ?? col);
    else byFrom.set(e.from, [headers.get(col) ?? col]);
  }
  if (byFrom.size === 0) return null;
  if (byFrom.size === 1) return contributionLabel(byFrom.keys().next().value as AcceptedContribution);
  return [...byFrom.entries()].map(([from, cols]) => `${cols.join(", ")} from ${contributionLabel(from)}`).join("\n");
}

function columnHeaders(fw: Framework): Map<string, string> {
  return new Map([...fw.entryColumns.map((c) => [c.id, c.header] as const), ["responsible", "Responsible unit / contact"], ["review", "Review state"]]);
}

/** In the public edition, one standard sentence per withheld party and block, in place of its answers. */
function withheldRows(s: Sheet, unit: Unit, areaId: string, width: number): void {
  const sentence = unit.framework.dissemination?.standardSentence ?? "This party's response is not for wider dissemination.";
  for (const party of unit.parties) {
    if (isShown(unit, party)) continue;
    const row: CellValue[] = [areaId, null, party.name, party.code, sentence, ...Array.from({ length: Math.max(0, width - 5) }, () => null)];
    s.line(row, row.map((v, i) => (i < 4 ? "matrixCell" : styleOf(v))));
  }
}

/** The edition's legend, saying where a framework reports an EU level how the rows are ordered. */
function editionLegend(fw: Framework, edition: Edition, parties: readonly Party[]): string {
  const label = edition === "public" ? "Public edition" : "Internal edition";
  const eu = parties.find((p) => p.code === fw.euLevel?.party);
  return eu ? `${label}. Under each heading the EU level (${eu.name}) comes first, then the Member State level; the entry columns hold what each reported at its level.` : label;
}

/** What a compilation's party rows hold, worked out once per sheet. */
interface CompilationColumns {
  /** The entry columns' ids, in order. */
  readonly entries: readonly string[];
  readonly labels: ReadonlyMap<string, string>;
  readonly edition: Edition;
  readonly internal: boolean;
  readonly hasChoice: boolean;
}

/**
 * One party's row under an item: ref, (item text merged above), party, code, entries, notes, and in
 * the internal edition the choice, contact, review state and source. A function of its own: the
 * compilation's tens of thousands of rows are made by code V8 optimises once, not recompiled for
 * every sheet.
 */
function compilationRow(response: PartyResponse | undefined, party: Party, ref: string, c: CompilationColumns): CellValue[] {
  const entries = response?.entries.get(ref);
  const row: CellValue[] = [ref, null, party.name, party.code];
  for (const id of c.entries) row.push(shown(entries?.get(id)?.value));
  row.push(notesText(entries, c.labels, c.edition));
  if (!c.internal) return row;
  if (c.hasChoice) row.push(response?.dissemination ?? null);
  row.push(shown(entries?.get("responsible")?.value), shown(entries?.get("review")?.value), sourceText(entries, c.labels));
  return row;
}

function compilationSheet(unit: Unit, edition: Edition, name: string): SheetSpec {
  const s = new Sheet();
  const fw = unit.framework;
  const internal = edition === "internal";
  const hasChoice = fw.dissemination !== undefined;
  const labels = columnHeaders(fw);
  const headers = ["Ref", "Item", "Party", "Code", ...fw.entryColumns.map((c) => c.header), NOTES_HEADER[edition], ...(internal ? [...(hasChoice ? ["Wider dissemination"] : []), "Responsible unit / contact", "Review state", "Source"] : [])];
  s.line([`${fw.title} — compilation — cycle ${unit.cycle}`], "title");
  s.legend(editionLegend(fw, edition, unit.parties), headers.length);
  const headerRow = s.row;
  s.line(headers, "columnHeader");
  const role = itemRole(fw);
  const columns: CompilationColumns = { entries: fw.entryColumns.map((c) => c.id), labels, edition, internal, hasChoice };
  for (const area of fw.areas) {
    s.line([area.id, area.mainCommitment ? `${area.title} — ${area.mainCommitment}` : area.title], "areaHeading");
    s.merges.push({ top: s.row - 1, left: 1, bottom: s.row - 1, right: headers.length - 1 });
    withheldRows(s, unit, area.id, headers.length);
    for (const item of area.items) {
      s.line([item.ref, item.text], ["ref", "catalogueText"]);
      for (const party of unit.parties) {
        if (!isShown(unit, party)) continue;
        const row = compilationRow(unit.byParty.get(party.code)?.get(role), party, item.ref, columns);
        s.line(row, row.map((v, i) => (i < 4 ? "matrixCell" : styleOf(v))));
      }
    }
  }
  const widths = [8, 30, 16, 6, ...fw.entryColumns.map((c) => (c.type === "text" ? 40 : 12)), 20, ...(internal ? [...(hasChoice ? [14] : []), 20, 11, 24] : [])];
  return s.spec(name, widths, { headerRow, freeze: { rows: headerRow + 1, cols: 4 }, filter: true });
}

function politicalSheet(unit: Unit, edition: Edition, name: string): SheetSpec {
  const s = new Sheet();
  const internal = edition === "internal";
  const labels = new Map([[POLITICAL_ENTRY.id, POLITICAL_ENTRY.header], ["responsible", "Responsible unit / contact"], ["review", "Review state"]]);
  const headers = ["Area", "Policy area", "Party", "Code", POLITICAL_ENTRY.header, NOTES_HEADER[edition], ...(internal ? ["Responsible unit / contact", "Review state", "Source"] : [])];
  s.line([`${unit.framework.title} — political reports — cycle ${unit.cycle}`], "title");
  s.legend(editionLegend(unit.framework, edition, unit.parties), headers.length);
  const headerRow = s.row;
  s.line(headers, "columnHeader");
  for (const area of unit.framework.areas) {
    s.line([area.id, area.mainCommitment ? `${area.title} — ${area.mainCommitment}` : area.title], "areaHeading");
    withheldRows(s, unit, area.id, headers.length);
    for (const party of unit.parties) {
      const response = unit.byParty.get(party.code)?.get("political");
      if (!isShown(unit, party)) continue;
      const entries = response?.entries.get(area.id);
      const extra = internal ? [shown(entries?.get("responsible")?.value), shown(entries?.get("review")?.value), sourceText(entries, labels)] : [];
      const row: CellValue[] = [area.id, null, party.name, party.code, shown(entries?.get(POLITICAL_ENTRY.id)?.value), notesText(entries, labels, edition), ...extra];
      s.line(row, row.map((v, i) => (i < 4 ? "matrixCell" : styleOf(v))));
    }
  }
  return s.spec(name, [7, 24, 16, 6, 70, 24, ...(internal ? [20, 11, 24] : [])], { headerRow, freeze: { rows: headerRow + 1, cols: 4 }, filter: true });
}

/** A cell's text, whatever it holds. */
function textOf(v: CellValue | undefined): string {
  if (v === undefined || v === null) return "";
  return typeof v === "object" ? v.date : String(v);
}

/** "1." for Q1: the number the published compilation puts before an answer. */
const answerNumber = (ref: string): string => `${ref.replace(/^\D+/, "")}.`;

/**
 * A party's answers as one response box, as the published compilation prints them: the single
 * response to all questions as written, or the answers to each, numbered "1. … 2. …", on lines of their own.
 */
function responseBox(fw: Framework, response: PartyResponse | undefined): string {
  const answer = (ref: string): string => textOf(response?.entries.get(ref)?.get(fw.entryColumns[0]?.id ?? "")?.value).trim();
  const items = fw.areas.flatMap((a) => a.items);
  const parts = items.filter((i) => !i.covers && answer(i.ref)).map((i) => `${answerNumber(i.ref)} ${answer(i.ref)}`);
  for (const single of items.filter((i) => i.covers && answer(i.ref))) {
    const label = `${answerNumber(single.covers?.[0] ?? "")}–${answerNumber(single.covers?.at(-1) ?? "")}`;
    parts.push(parts.length ? `${label} ${answer(single.ref)}` : answer(single.ref));
  }
  return parts.join("\n");
}

/**
 * An ad-hoc query's compilation in the layout the EMN publishes: who asked and when, when it was
 * compiled, who responded, the disclaimer; then one row per country (alphabetical, as published)
 * with its dissemination choice and one response box for all questions. In the public edition a
 * withheld country's box holds the standard sentence and nothing of what it wrote.
 */
function publishedSheet(unit: Unit, register: Register, edition: Edition, generatedAt: string | undefined, name: string): SheetSpec {
  const fw = unit.framework;
  const { request, dissemination } = fw;
  if (!request || !dissemination) throw new Error(`${fw.id} has no request or dissemination choice to compile as published`);
  const s = new Sheet();
  const published = new Set(register.presence.filter((p) => p.framework.id === fw.id && p.cycle === unit.cycle && p.publishable).map((p) => p.party.code));
  const parties = [...unit.parties].sort((a, b) => a.name.localeCompare(b.name, "en"));
  const width = 3;
  s.line([fw.source.title], "title");
  s.legend(`${edition === "public" ? "Public" : "Internal"} edition — compilation as published`, width);
  s.line(["Requested by", request.requestedBy], ["metaLabel", "reportText"]);
  s.line(["Date of request", { date: request.date }], ["metaLabel", "reportDate"]);
  s.line(["Compilation produced on", generatedAt ? { date: generatedAt.slice(0, 10) } : "not given"], ["metaLabel", generatedAt ? "reportDate" : "reportText"]);
  s.line(["Responses from", `${parties.map((p) => p.name).join(", ")} (${parties.length} in total)`], ["metaLabel", "reportText"]);
  s.line(["Disclaimer", request.disclaimer], ["metaLabel", "reportText"]);
  for (const r of [s.row - 2, s.row - 1]) s.merges.push({ top: r, left: 1, bottom: r, right: width - 1 });
  s.row++;
  const questions = fw.areas.flatMap((a) => a.items.filter((i) => !i.covers));
  s.legend(fw.areas.flatMap((a) => [...a.items.filter((i) => !i.covers).map((i) => `${answerNumber(i.ref)} ${i.text}`), ...(a.closing ? [a.closing] : [])]).join("\n"), width);
  const headerRow = s.row;
  const numbers = [questions[0], questions.at(-1)].map((i) => answerNumber(i?.ref ?? ""));
  s.line(["Country", dissemination.question, `Response (${numbers[0] === numbers[1] ? numbers[0] : numbers.join("–")})`], "columnHeader");
  for (const party of parties) {
    const box = isShown(unit, party) ? cutToExcel(responseBox(fw, unit.byParty.get(party.code)?.get("questionnaire"))) : dissemination.standardSentence;
    s.line([party.name, published.has(party.code) ? "Yes" : "No", box || null], ["matrixCell", "matrixCell", "reportText"]);
  }
  return s.spec(name, [24, 16, 110], { headerRow, freeze: { rows: headerRow + 1, cols: 1 } });
}


/** The notes column: everything in the internal edition; only links (the party's own content) in public. */
export const NOTES_HEADER: Readonly<Record<Edition, string>> = { internal: "Notes (formulas, links, comments)", public: "Links" };

/** The first words of an item's text, so a matrix of fifty parties stays legible. */
function shortLabel(text: string, words = 8): string {
  const all = text.split(/\s+/).filter(Boolean);
  return all.length <= words ? all.join(" ") : `${all.slice(0, words).join(" ")} …`;
}

export const NOT_FOR_DISSEMINATION = "not for wider dissemination";

/**
 * Items × parties: a value per cell, totals per area and per party, heat-map fills. In the public
 * edition a withheld party's cells say only that it is not for wider dissemination, with no counts.
 */
/** Extras of a matrix over cycles: how a cell moved since the last earlier cycle, and a per-area trend below. */
interface MatrixCycles {
  /** The state the party's item had in the latest earlier cycle (as this edition may show it), if any. */
  readonly was?: (party: Party, ref: string) => string | undefined;
  /** Per area, per cycle (earlier ones then this one): a count, under a heading naming what is counted. */
  readonly trend?: { readonly heading: string; readonly cycles: readonly string[]; readonly counts: (areaId: string) => readonly number[] };
}

function matrixSheet(
  unit: Unit,
  name: string,
  title: string,
  baseStates: readonly string[],
  fills: Readonly<Record<string, string>>,
  value: (r: PartyResponse | undefined, ref: string) => string,
  cycles: MatrixCycles = {},
  /** What each state means, one line each below the totals (the coverage sheet's key). */
  key?: Readonly<Record<string, string>>,
): SheetSpec {
  const s = new Sheet();
  const fw = unit.framework;
  const role = itemRole(fw);
  const shownTo = unit.parties.map((p) => isShown(unit, p));
  const states = shownTo.every(Boolean) ? baseStates : [...baseStates, NOT_FOR_DISSEMINATION];
  const cell = (i: number, ref: string): string => {
    const party = unit.parties[i];
    if (!party) return "";
    return shownTo[i] ? value(unit.byParty.get(party.code)?.get(role), ref) : NOT_FOR_DISSEMINATION;
  };
  const width = 2 + unit.parties.length + states.length;
  const lastEarlier = unit.earlier.at(-1)?.cycle;
  const moves = cycles.was && lastEarlier ? ` "A → B": A in cycle ${lastEarlier}, B now (counted as B).` : "";
  s.line([`${fw.title} — ${title} — cycle ${unit.cycle}`], "title");
  s.legend(`Cells: ${states.join(" / ")}. Totals count the cells in each state.${moves}${key ? " What each state means: below the totals." : ""} Items are named by their first words; the compilation has their full text.`, width);
  const headerRow = s.row;
  const first = 2;
  s.line(["Ref", "Item", ...unit.parties.map((p) => p.code), ...states.map((st) => `Total: ${st}`)], "columnHeader");
  const perParty = unit.parties.map(() => new Map<string, number>());
  const bodyTop = s.row;
  for (const area of fw.areas) {
    const areaCounts = new Map<string, number>();
    for (const item of area.items) {
      const row: CellValue[] = [item.ref, shortLabel(item.text)];
      const counts = new Map<string, number>();
      unit.parties.forEach((party, i) => {
        const v = cell(i, item.ref);
        const was = shownTo[i] ? cycles.was?.(party, item.ref) : undefined;
        row.push(was !== undefined && was !== v ? `${was} → ${v}` : v);
        counts.set(v, (counts.get(v) ?? 0) + 1);
        areaCounts.set(v, (areaCounts.get(v) ?? 0) + 1);
        perParty[i]?.set(v, (perParty[i]?.get(v) ?? 0) + 1);
      });
      states.forEach((st) => row.push(counts.get(st) ?? 0));
      s.line(row, row.map((_, i) => (i === 0 ? "ref" : i === 1 ? "catalogueText" : i < first + unit.parties.length ? "matrixCell" : "reportNumber")));
    }
    const total: CellValue[] = [area.id, `Total area ${area.id}: ${area.title}`, ...unit.parties.map(() => null), ...states.map((st) => areaCounts.get(st) ?? 0)];
    s.line(total, "reportTotal");
  }
  const bodyBottom = s.row - 1;
  for (const st of baseStates) {
    s.line([null, `Total per party: ${st}`, ...perParty.map((m, i) => (shownTo[i] ? (m.get(st) ?? 0) : null))], "reportTotal");
  }
  if (unit.parties.length > 0) {
    const range = { top: bodyTop, left: first, bottom: bodyBottom, right: first + unit.parties.length - 1 };
    // A moved cell ("planned → ongoing") is coloured by where it is now.
    for (const st of states) if (fills[st]) s.fills.push({ range, when: cycles.was ? { kind: "endsWith", text: st } : { kind: "equals", text: st }, fill: fills[st] ?? "FFFFFF" });
  }
  if (key) {
    s.row++;
    s.line(["Key: what each state means"], "areaHeading");
    s.merges.push({ top: s.row - 1, left: 0, bottom: s.row - 1, right: 1 });
    for (const st of states) if (key[st]) s.legend(`${st}: ${key[st]}`, width);
  }
  const trend = cycles.trend;
  if (trend && trend.cycles.length > 1) {
    s.row++;
    s.line([trend.heading], "areaHeading");
    s.merges.push({ top: s.row - 1, left: 0, bottom: s.row - 1, right: 1 + trend.cycles.length });
    s.line(["Area", "Title", ...trend.cycles.map((c) => `Cycle ${c}`)], "columnHeader");
    for (const area of fw.areas) {
      const row: CellValue[] = [area.id, area.title, ...trend.counts(area.id)];
      s.line(row, row.map((_, i) => (i === 0 ? "ref" : i === 1 ? "catalogueText" : "reportNumber")));
    }
  }
  return s.spec(name, [8, 26, ...unit.parties.map(() => 12), ...states.map(() => 11)], { headerRow, freeze: { rows: headerRow + 1, cols: 2 }, filter: true, filterBottom: bodyBottom });
}

/** The sheet roles holding items to compare across cycles: the Pact's political report (per area) and its factual table, or the one item sheet. */
function comparedRoles(fw: Framework): { role: SheetRole; rows: (areaId: string) => { ref: string; text: string }[] }[] {
  const items = (areaId: string) => fw.areas.find((a) => a.id === areaId)?.items.map((i) => ({ ref: i.ref, text: i.text })) ?? [];
  const political = { role: "political" as const, rows: (areaId: string) => fw.areas.filter((a) => a.id === areaId).map((a) => ({ ref: a.id, text: a.title })) };
  return fw.kind === "pact" ? [political, { role: "factual", rows: items }] : [{ role: itemRole(fw), rows: items }];
}

/**
 * Changes since the latest earlier cycle given: item × party, new / changed / unchanged / no longer
 * reported / no return this cycle, with both values of every changed column. Parties that reported
 * then but sent nothing now are listed too. In the public edition a withheld party has the standard
 * sentence, and earlier answers are shown only where they were for wider dissemination then too.
 */
function changesSheet(unit: Unit, catalogue: Catalogue, name: string): SheetSpec | undefined {
  const earlier = unit.earlier.at(-1);
  if (!earlier) return undefined;
  const fw = unit.framework;
  const s = new Sheet();
  const headers = ["Ref", "Item", "Party", "Code", "Change", "Column", `Cycle ${earlier.cycle}`, `Cycle ${unit.cycle}`];
  // Parties of either cycle, in the unit's order, then those that reported only then (in the list's order).
  const onlyThen = catalogue.partiesOf(fw).filter((p) => !unit.parties.includes(p) && [...(earlier.byParty.get(p.code)?.keys() ?? [])].some((role) => earlierResponse(unit, earlier, p, role)));
  const parties = [...unit.parties, ...onlyThen];
  const counts = new Map<ChangeState, number>();
  const rows: { areaId: string; cells: CellValue[]; state: ChangeState }[] = [];
  for (const { role, rows: itemsOf } of comparedRoles(fw)) {
    const columns = entryColumnsOf(fw, role);
    for (const area of fw.areas) {
      for (const item of itemsOf(area.id)) {
        for (const party of parties) {
          if (!isShown(unit, party)) continue;
          const current = valuesOf(unit.byParty.get(party.code)?.get(role), item.ref);
          const then = earlierResponse(unit, earlier, party, role)?.entries.get(item.ref);
          const change = itemChange(columns, then, current, unit.byParty.has(party.code));
          if (!change) continue;
          counts.set(change.state, (counts.get(change.state) ?? 0) + 1);
          const lead = [item.ref, shortLabel(item.text, 12), party.name, party.code, change.state];
          if (change.columns.length === 0) rows.push({ areaId: area.id, cells: [...lead, null, null, null], state: change.state });
          change.columns.forEach((c, i) => rows.push({ areaId: area.id, cells: [...(i === 0 ? lead : [item.ref, null, party.name, party.code, change.state]), c.header, shown(c.previous), shown(c.current)], state: change.state }));
        }
      }
    }
  }
  s.line([`${fw.title} — changes since cycle ${earlier.cycle} — cycle ${unit.cycle}`], "title");
  const tally = CHANGE_STATES.map((st) => `${st}: ${counts.get(st) ?? 0}`).join(", ");
  const older = unit.earlier.slice(0, -1).map((e) => e.cycle);
  s.legend(
    `${unit.edition === "public" ? "Public" : "Internal"} edition. Each party's answers compared with cycle ${earlier.cycle}, item by item (${tally}). A changed item has a row per changed column with both values; "no return this cycle": the party sent nothing this cycle. Responsible units and review states are not compared.${older.length ? ` Cycle${older.length > 1 ? "s" : ""} ${older.join(", ")} count${older.length > 1 ? "" : "s"} in the coverage sheet's trend only.` : ""}`,
    headers.length,
  );
  // Answers to items this catalogue no longer has cannot be compared: say which, and whose.
  const dropped = parties.flatMap((p) => {
    const refs = [...new Set(comparedRoles(fw).flatMap(({ role }) => earlierResponse(unit, earlier, p, role)?.dropped ?? []))];
    return refs.length ? [`${p.code}: ${refs.join(", ")}`] : [];
  });
  if (dropped.length) s.legend(`Items of cycle ${earlier.cycle} no longer in the catalogue, not compared — ${dropped.join("; ")}.`, headers.length);
  const headerRow = s.row;
  s.line(headers, "columnHeader");
  const bodyTop = s.row;
  for (const area of fw.areas) {
    const own = rows.filter((r) => r.areaId === area.id);
    const withheld = unit.parties.some((p) => !isShown(unit, p));
    if (own.length === 0 && !withheld) continue;
    s.line([area.id, area.mainCommitment ? `${area.title} — ${area.mainCommitment}` : area.title], "areaHeading");
    s.merges.push({ top: s.row - 1, left: 1, bottom: s.row - 1, right: headers.length - 1 });
    withheldRows(s, unit, area.id, headers.length);
    for (const r of own) s.line(r.cells, r.cells.map((v, i) => (i < 5 ? "matrixCell" : styleOf(v))));
  }
  if (s.row > bodyTop) for (const st of CHANGE_STATES) s.fills.push({ range: { top: bodyTop, left: 4, bottom: s.row - 1, right: 4 }, when: { kind: "equals", text: st }, fill: CHANGE_FILLS[st] });
  return s.spec(name, [7, 22, 16, 6, 13, 16, 38, 38], { headerRow, freeze: { rows: headerRow + 1, cols: 4 }, filter: true });
}

/**
 * A party's coverage of an item in this cycle, worked out once: the coverage matrix and its trend
 * both ask for every item of every party.
 */
function responseCoverage(fw: Framework, textCols: readonly string[]): (r: PartyResponse | undefined, ref: string) => Coverage {
  const known = new Map<PartyResponse | undefined, Map<string, Coverage>>();
  return (r, ref) => {
    let byRef = known.get(r);
    if (!byRef) known.set(r, (byRef = new Map()));
    let c = byRef.get(ref);
    if (c === undefined) {
      c = itemCoverage(fw, (x) => valuesOf(r, x), ref, textCols);
      byRef.set(ref, c);
    }
    return c;
  };
}

/**
 * The coverage matrix's cells counted by state, over every item and party of the unit: the Summary
 * prints these, and they are the matrix's totals. A withheld party counts only as "not for wider
 * dissemination", whatever it wrote.
 */
function coverageCounts(unit: Unit, coverage: ReturnType<typeof responseCoverage>): Map<string, number> {
  const role = itemRole(unit.framework);
  const counts = new Map<string, number>();
  for (const party of unit.parties) {
    const response = unit.byParty.get(party.code)?.get(role);
    for (const item of unit.framework.areas.flatMap((a) => a.items)) {
      const st = isShown(unit, party) ? coverage(response, item.ref) : NOT_FOR_DISSEMINATION;
      counts.set(st, (counts.get(st) ?? 0) + 1);
    }
  }
  return counts;
}

/** Per area, per cycle (earlier ones, then this one): item × party cells "reported", over the parties this edition shows. */
function coverageTrend(unit: Unit, catalogue: Catalogue, textCols: readonly string[], coverage: ReturnType<typeof responseCoverage>): NonNullable<MatrixCycles["trend"]> {
  const fw = unit.framework;
  const role = itemRole(fw);
  type CoverageAt = (ref: string) => Coverage;
  const reported = (areaId: string, answers: readonly CoverageAt[]): number => {
    const items = fw.areas.find((a) => a.id === areaId)?.items ?? [];
    return answers.reduce((n, at) => n + items.filter((item) => at(item.ref) === "reported").length, 0);
  };
  const now: CoverageAt[] = unit.parties.filter((p) => isShown(unit, p)).map((p) => (ref) => coverage(unit.byParty.get(p.code)?.get(role), ref));
  const then = unit.earlier.map((e) =>
    catalogue.partiesOf(fw).flatMap((p): CoverageAt[] => {
      const r = earlierResponse(unit, e, p, role);
      return r ? [(ref) => itemCoverage(fw, (x) => r.entries.get(x), ref, textCols)] : [];
    }),
  );
  return {
    heading: "Trend per area: item × party cells reported, per cycle",
    cycles: [...unit.earlier.map((e) => e.cycle), unit.cycle],
    counts: (areaId) => [...then.map((answers) => reported(areaId, answers)), reported(areaId, now)],
  };
}

const STATUS_FILLS: Readonly<Record<string, string>> = {
  "not started": "FFC7CE",
  planned: "FFEB9C",
  ongoing: "DDEBF7",
  completed: "C6EFCE",
  "not applicable": "D9D9D9",
};

function summarySheet(
  register: Register,
  catalogue: Catalogue,
  unitsList: readonly Unit[],
  edition: Edition,
  generatedAt: string | undefined,
  name: string,
  problems: readonly PreviousProblem[] = [],
  coverageOfUnit?: (u: Unit) => ReadonlyMap<string, number>,
): SheetSpec {
  const s = new Sheet();
  const internal = edition === "internal";
  // The public summary carries no quality data: errors and warnings would change with a withheld party's content.
  const headers = ["Framework", "Cycle", "Parties reporting", "Returned empty", "Missing", ...(internal ? ["Errors", "Warnings", "Not for wider dissemination"] : [])];
  s.line(["Combined report — summary"], "title");
  s.legend(`${internal ? "Internal" : "Public"} edition${generatedAt ? `, made ${generatedAt}` : ""} by ${TEMPLATE_MARKER.split("/")[0]}`, headers.length);
  s.row++;
  const headerRow = s.row;
  s.line(headers, "columnHeader");
  const missingOf = (u: Unit): readonly Party[] => catalogue.partiesOf(u.framework).filter((p) => !u.parties.includes(p));
  // A party "reports" when any of its sheets holds an entry; a blank template sent back does not.
  // Whether a withheld party's return was blank is its content: the public edition does not tell.
  const isEmpty = (u: Unit, p: Party): boolean => isShown(u, p) && [...(u.byParty.get(p.code)?.values() ?? [])].every((r) => r.returnedEmpty);
  for (const u of unitsList) {
    const empty = u.parties.filter((p) => isEmpty(u, p)).length;
    const base: CellValue[] = [u.framework.title, u.cycle, u.parties.length - empty, empty, missingOf(u).length];
    if (internal) {
      const rows = register.rows.filter((r) => r.framework === u.framework.id && r.cycle === u.cycle && r.status.startsWith("accepted"));
      const withheld = register.presence.filter((p) => p.framework.id === u.framework.id && p.cycle === u.cycle && !p.publishable).length;
      base.push(rows.reduce((n, r) => n + r.errors, 0), rows.reduce((n, r) => n + r.warnings, 0), withheld);
    }
    s.line(base, base.map((v) => (typeof v === "number" ? "reportNumber" : "reportText")));
  }
  // Who sent what: one party per row, received and missing side by side, so the page stays narrow.
  for (const u of unitsList) {
    const missing = missingOf(u);
    s.row++;
    s.line([`${u.framework.title} — cycle ${u.cycle}`], "areaHeading");
    s.merges.push({ top: s.row - 1, left: 0, bottom: s.row - 1, right: 1 });
    if (u.earlier.length) s.line(["Compared with", u.earlier.map((e) => `cycle ${e.cycle} (${count(e.byParty.size, "party", "parties")})`).join(", ")], ["metaLabel", "reportText"]);
    s.line(["Received from", "Missing"], "columnHeader");
    const received = u.parties.map((p) => `${p.name} (${p.code})${isEmpty(u, p) ? " — returned empty" : ""}`);
    const absent = missing.map((p) => `${p.name} (${p.code})`);
    for (let i = 0; i < Math.max(received.length, absent.length, 1); i++) {
      s.line([received[i] ?? (i === 0 ? "nobody" : null), absent[i] ?? (i === 0 ? "none" : null)], "reportText");
    }
    // The coverage matrix's totals, state by state (the coverage sheet's key says what each means).
    const counts = coverageOfUnit?.(u);
    if (counts) {
      s.line(["Coverage (item × party cells)", "Cells"], "columnHeader");
      const states = u.parties.every((p) => isShown(u, p)) ? COVERAGE : [...COVERAGE, NOT_FOR_DISSEMINATION];
      for (const st of states) s.line([`Coverage: ${st}`, counts.get(st) ?? 0], ["reportText", "reportNumber"]);
    }
  }
  // Earlier-cycle inputs that gave nothing to compare with: named, never dropped without a word.
  if (internal && problems.length) {
    s.row++;
    s.line(["Earlier-cycle input not used", "Why"], "columnHeader");
    for (const p of problems) s.line([p.sheet ? `${p.file} › ${p.sheet}` : p.file, `${p.code} ${p.message}`], "reportText");
  }
  if (internal) {
    const counts = new Map<string, number>();
    for (const r of register.rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    s.row++;
    s.line(["Inputs", "Count"], "columnHeader");
    for (const st of REGISTER_STATUSES) s.line([st, counts.get(st) ?? 0], ["reportText", "reportNumber"]);
    s.line(["late", register.rows.filter((r) => r.late).length], ["reportText", "reportNumber"]);
  }
  return s.spec(name, [38, 30, 12, 10, 10, 9, 10, 14], { headerRow, freeze: { rows: headerRow + 1, cols: 0 }, onePage: true });
}

/** "2026-11-14T09:30:00Z" or "2026-11-14" as a date (with its time) the spreadsheet can sort and filter; other text stays text. */
function moment(iso: string): CellValue {
  const m = /^(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2}(?::\d{2})?)(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?)?$/.exec(iso.trim());
  if (!m?.[1]) return iso === "" ? null : iso;
  if (!m[2]) return { date: m[1] };
  // A time with an offset is turned to UTC first, as the register's other times are.
  const at = new Date(`${m[1]}T${m[2].length === 5 ? `${m[2]}:00` : m[2]}${m[3] ?? "Z"}`);
  if (Number.isNaN(at.getTime())) return iso;
  const utc = at.toISOString();
  return { date: utc.slice(0, 10), time: utc.slice(11, 19) };
}

export const REGISTER_HEADERS = [
  "File",
  "Sheet",
  "Framework",
  "Party",
  "Party name",
  "Cycle",
  "Round",
  "Template version",
  "Received",
  "Last modified (sender)",
  "SHA-256",
  "Errors",
  "Warnings",
  "Status",
  "Superseded by",
  "Reason",
  "Late",
  "Wider dissemination",
  "Note",
] as const;

function registerSheet(register: Register, name: string): SheetSpec {
  const s = new Sheet();
  s.line(["Register of returns"], "title");
  const headerRow = s.row;
  s.line([...REGISTER_HEADERS], "columnHeader");
  for (const r of register.rows) {
    const row: CellValue[] = [
      r.file,
      r.sheet,
      r.framework,
      r.party,
      r.partyName,
      r.cycle,
      r.round,
      r.version,
      moment(r.received),
      moment(r.modified),
      r.sha256,
      r.errors,
      r.warnings,
      r.status,
      r.supersededBy ?? "",
      r.reason ? `${r.reason.code} ${r.reason.message}` : "",
      r.late ? "late" : "",
      r.dissemination,
      r.note,
    ];
    s.line(row, row.map((v) => (typeof v === "number" ? "reportNumber" : v !== null && typeof v === "object" ? (v.time ? "reportDateTime" : "reportDate") : "reportText")));
  }
  return s.spec(name, [30, 22, 14, 6, 18, 7, 8, 9, 16, 16, 34, 7, 9, 18, 28, 40, 6, 14, 40], { headerRow, freeze: { rows: headerRow + 1, cols: 1 }, filter: true });
}

/** What every printed page of an edition says in its centre, top and bottom: which edition it is. */
export const EDITION_PAGE_TEXT: Readonly<Record<Edition, string>> = { internal: "INTERNAL — not for circulation", public: "Public edition" };

/** The header and footer of a report sheet: its title (framework and cycle), the edition, the page. */
function withPageText(sheet: SheetSpec, edition: Edition): SheetSpec {
  if (!sheet.print) return sheet;
  const title = sheet.cells.find((c) => c.row === 0 && c.col === 0)?.value;
  const center = EDITION_PAGE_TEXT[edition];
  return {
    ...sheet,
    print: { ...sheet.print, header: { left: typeof title === "string" ? title : sheet.name, right: center }, footer: { left: "{sheet}", center, right: "Page {page} of {pages}" } },
  };
}

export function buildCombinedReport(register: Register, catalogue: Catalogue, options: ReportOptions): WorkbookSpec {
  // Fails closed: a return that may withhold, from a party that cannot be told, stops the public edition.
  const blocked = register.publicBlocked[0];
  if (options.edition === "public" && blocked) {
    const more = register.publicBlocked.length - 1;
    throw new CodedError(PUBLIC_BLOCKED, `${blocked.message}${more > 0 ? ` (and ${more} more such return${more > 1 ? "s" : ""})` : ""}`, { file: blocked.file, sheet: blocked.sheet });
  }
  const names = new SheetNames();
  const order = options.order ?? "protocol";
  const edition = options.edition;
  const list = units(register, catalogue, order, edition, options.previous ?? []);
  const multi = (fw: Framework): boolean => list.filter((u) => u.framework.id === fw.id).length > 1;
  const prefix = (u: Unit): string => (multi(u.framework) ? `${u.framework.id} ${u.cycle}` : u.framework.id);
  // One coverage rule per unit: the Summary's counts and the coverage sheet read the same cells.
  const coverageOf = (u: Unit): { textCols: string[]; coverage: ReturnType<typeof responseCoverage> } => {
    const textCols = u.framework.entryColumns.filter((c) => c.type === "text").map((c) => c.id);
    return { textCols, coverage: responseCoverage(u.framework, textCols) };
  };
  const sheets: SheetSpec[] = [
    summarySheet(
      register,
      catalogue,
      list,
      edition,
      options.generatedAt,
      names.take("Summary"),
      earlierCyclesRead(options.previous ?? [], list.map((u) => ({ framework: u.framework.id, cycle: u.cycle }))).problems,
      (u) => coverageCounts(u, coverageOf(u).coverage),
    ),
  ];
  for (const u of list) {
    if (u.framework.kind === "pact") sheets.push(politicalSheet(u, edition, names.take(`${prefix(u)} political`)));
    sheets.push(compilationSheet(u, edition, names.take(`${prefix(u)} compilation`)));
    if (u.framework.request && u.framework.dissemination) sheets.push(publishedSheet(u, register, edition, options.generatedAt, names.take(`${prefix(u)} as published`)));
    const changes = changesSheet(u, catalogue, names.take(`${prefix(u)} changes`));
    if (changes) sheets.push(changes);
    const { textCols, coverage } = coverageOf(u);
    const key = { ...coverageMeanings(u.framework, textCols), [NOT_FOR_DISSEMINATION]: "the party's response is not for wider dissemination: nothing of it is shown, and its cells count only in this state's totals." };
    sheets.push(
      matrixSheet(u, names.take(`${prefix(u)} coverage`), "coverage", COVERAGE, COVERAGE_FILLS, coverage, { trend: coverageTrend(u, catalogue, textCols, coverage) }, key),
    );
    const status = u.framework.lists.find((l) => l.id === "status");
    if (status && u.framework.entryColumns.some((c) => c.id === "status")) {
      const states = [...status.values, "not reported"];
      const statusOf = (v: CellValue | undefined): string => (typeof v === "string" && status.values.includes(v) ? v : "not reported");
      const last = u.earlier.at(-1);
      const role = itemRole(u.framework);
      sheets.push(
        matrixSheet(u, names.take(`${prefix(u)} status`), "status of actions", states, { ...STATUS_FILLS, "not reported": "FFFFFF" }, (r, ref) => statusOf(r?.entries.get(ref)?.get("status")?.value), {
          ...(last
            ? {
                was: (party: Party, ref: string) => {
                  const r = earlierResponse(u, last, party, role);
                  return r ? statusOf(r.entries.get(ref)?.["status"]) : undefined;
                },
              }
            : {}),
        }),
      );
    }
  }
  if (edition === "internal") sheets.push(registerSheet(register, names.take("Register")));
  return {
    title: `Combined report (${edition} edition)`,
    subject: list.map((u) => `${u.framework.id} ${u.cycle}`).join(", "),
    sheets: sheets.map((sheet) => withPageText(sheet, edition)),
    definedNames: [],
  };
}
