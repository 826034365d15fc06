import { byText } from "../text-order";
import type { Catalogue } from "../catalogue/catalogue";
import type { Framework, Party } from "../catalogue/schema";
import {
  AREA_HEADER,
  CODE_HEADER,
  COMPILATION_NAME_PATTERN,
  DEFAULT_WITHHELD_SENTENCE,
  DISSEMINATION_HEADER,
  EDITION_LABEL,
  PARTY_HEADER,
  REF_HEADER,
  RESPONSIBLE_HEADER,
  SUMMARY_LEGEND_PATTERN,
  SUMMARY_TITLE,
  TITLE_KIND,
  sheetTitle,
  sheetTitlePattern,
  type Edition,
} from "../consolidation/report/headings";
import type { SheetGrid } from "../grid/grid";
import { POLITICAL_ENTRY, sheetRoles } from "../template/layout";
import type { CellValue, SheetRole } from "../template/spec";
import { PREVIOUS_NOTHING, compareCycles, type PreviousCycle, type PreviousProblem, type PreviousResponse } from "./previous";

/**
 * Last cycle read from our own combined report (`consolidate --previous REPORT.xlsx`): every party's
 * answers per framework, cycle and sheet role, from the compilation sheets and the Pact's political
 * sheet (see ../consolidation/report/, whose headings.ts gives the words read here). The report is
 * recognised by its content — the Summary's title and legend, each compilation's title row and
 * heading row — not by its sheet names, and its columns are found by their headings. What the report shows is what is carried: a text the report
 * had to cut at Excel's cell limit comes back with its cut marker, as read.
 *
 * The public edition holds only the published parties; a withheld party's rows (the standard
 * sentence) are never read as answers, and nothing of it is returned. The internal edition says per
 * party whether it was for wider dissemination; anything but a clear yes is read as withheld.
 */

/** A sheet that reads as a compilation, but of a framework (or with a party) this catalogue does not know. */
export const REPORT_UNKNOWN_COMPILATION = "PT-CYCLE-005";
/** A compilation sheet whose title or heading row lacks what the reader needs to find the answers. */
export const REPORT_HEADING_MISSING = "PT-CYCLE-006";

const TITLES: readonly { kind: SheetKind; pattern: RegExp }[] = (["compilation", "political"] as const).map((kind) => ({ kind, pattern: sheetTitlePattern(TITLE_KIND[kind]) }));
const FRAMEWORK_ID_SHAPE = /^[a-z0-9]+(?:-[a-z0-9]+)+$/;
/** What the internal edition writes for a clear yes: "yes", or a blank choice read as the default yes. */
const YES = new Set(["yes", "yes (blank, read as the default)"]);
/** How far below the title the heading row may be looked for. */
const HEADING_SEARCH = 10;

type SheetKind = "compilation" | "political";

/** What one compilation sheet gave, per party. */
interface SheetRead {
  readonly sheet: string;
  readonly framework: Framework;
  readonly cycle: string;
  readonly kind: SheetKind;
  readonly edition: Edition;
  readonly parties: Map<string, PartyRead>;
  /** Parties whose rows in the public edition are the standard sentence: withheld, never read. */
  readonly withheld: Set<string>;
}

interface PartyRead {
  readonly party: Party;
  readonly entries: Map<string, Record<string, CellValue>>;
  readonly dropped: Set<string>;
  /** The "Wider dissemination" cells of its rows, as read (internal edition). */
  readonly choices: string[];
}

/**
 * The previous cycle held by a combined report of ours, or undefined when the workbook is not one.
 * Compilation sheets that cannot be read (a framework this catalogue does not know, missing headings)
 * are problems naming the file and sheet; sheets that are not compilations are ignored.
 */
export function previousFromReport(grids: readonly SheetGrid[], catalogue: Catalogue, file: string): PreviousCycle | undefined {
  const summary = grids.find((g) => g.text(0, 0).trim() === SUMMARY_TITLE && SUMMARY_LEGEND_PATTERN.test(g.text(1, 0).trim()));
  if (!summary) return undefined;
  const reportEdition = editionOf(summary.text(1, 0)) ?? "internal";
  const problems: PreviousProblem[] = [];
  const problem = (sheet: string, code: string, message: string): void => void problems.push({ file, sheet, code, message });
  const reads: SheetRead[] = [];
  for (const grid of grids) {
    if (grid === summary) continue;
    const read = readSheet(grid, catalogue, reportEdition, (code, message) => problem(grid.name, code, message));
    if (!read) continue;
    const twin = reads.find((r) => r.framework.id === read.framework.id && r.cycle === read.cycle && r.kind === read.kind);
    if (twin) {
      problem(grid.name, REPORT_UNKNOWN_COMPILATION, `a second ${read.kind} of ${read.framework.id} cycle ${read.cycle} (the first is sheet '${twin.sheet}'): not read`);
      continue;
    }
    reads.push(read);
  }
  const responses = responsesOf(reads, file);
  // A report of ours in which no party's answers can be read (a public edition withholding every party): said, not dropped.
  if (responses.length === 0 && problems.length === 0) problems.push({ file, code: PREVIOUS_NOTHING, message: "no party's answers could be read from this combined report" });
  // Known only as withheld (the public edition's standard sentence): a template started from it carries its "no".
  const withheld = reads.flatMap((r) => [...r.withheld].flatMap((code) => {
    const party = catalogue.findParty(r.framework, code);
    return party ? [{ framework: r.framework, cycle: r.cycle, party, source: `${file} › ${r.sheet}` }] : [];
  }));
  return { responses, problems, ...(withheld.length ? { withheld } : {}) };
}

function editionOf(legend: string): Edition | undefined {
  const text = legend.trim();
  return text.startsWith(EDITION_LABEL.public) ? "public" : text.startsWith(EDITION_LABEL.internal) ? "internal" : undefined;
}

/** One sheet: undefined when it is no compilation (or cannot be read, which `problem` is told). */
function readSheet(grid: SheetGrid, catalogue: Catalogue, reportEdition: Edition, problem: (code: string, message: string) => void): SheetRead | undefined {
  const title = grid.text(0, 0).trim();
  const matched = TITLES.map((t) => ({ kind: t.kind, m: t.pattern.exec(title) })).find((t) => t.m);
  if (!matched?.m) {
    // A sheet named as a compilation (`pact-2008 compilation`), after a framework id of this catalogue or shaped like one, must read as one.
    const id = COMPILATION_NAME_PATTERN.exec(grid.name)?.[1];
    if (id && (catalogue.findFramework(id) || FRAMEWORK_ID_SHAPE.test(id))) {
      problem(REPORT_HEADING_MISSING, `the sheet is named as a compilation, but its title row reads '${short(title)}', not '${sheetTitle("<framework>", TITLE_KIND.compilation, "<cycle>")}'`);
    }
    return undefined;
  }
  const kind = matched.kind;
  const fwTitle = (matched.m[1] ?? "").trim();
  const cycle = (matched.m[2] ?? "").trim();
  const framework = catalogue.frameworks.find((f) => f.title === fwTitle);
  if (!framework) {
    problem(REPORT_UNKNOWN_COMPILATION, `'${short(fwTitle)}' is not a framework of this catalogue (known: ${catalogue.frameworks.map((f) => f.title).join("; ")}): the sheet is not read`);
    return undefined;
  }
  if (kind === "political" && !sheetRoles(framework).includes("political")) {
    problem(REPORT_UNKNOWN_COMPILATION, `${framework.id} has no political report in this catalogue: the sheet is not read`);
    return undefined;
  }
  const edition = editionOf(grid.text(1, 0)) ?? reportEdition;
  const first = kind === "compilation" ? REF_HEADER : AREA_HEADER;
  let headerRow = -1;
  for (let r = 1; r <= HEADING_SEARCH && headerRow < 0; r++) if (grid.text(r, 0).trim() === first) headerRow = r;
  if (headerRow < 0) {
    problem(REPORT_HEADING_MISSING, `no heading row ('${first}', '${PARTY_HEADER}', '${CODE_HEADER}', …) under the title: the sheet is not read`);
    return undefined;
  }
  const columnAt = new Map<string, number>();
  for (let c = 0; c < grid.colCount; c++) {
    const h = grid.text(headerRow, c).trim();
    if (h && !columnAt.has(h)) columnAt.set(h, c);
  }
  const entryColumns = kind === "compilation" ? framework.entryColumns : [POLITICAL_ENTRY];
  const hasChoice = kind === "compilation" && edition === "internal" && framework.dissemination !== undefined;
  const wanted = [first, PARTY_HEADER, CODE_HEADER, ...entryColumns.map((c) => c.header), ...(edition === "internal" ? [RESPONSIBLE_HEADER] : []), ...(hasChoice ? [DISSEMINATION_HEADER] : [])];
  const missing = wanted.filter((h) => !columnAt.has(h));
  if (missing.length > 0) {
    problem(REPORT_HEADING_MISSING, `the heading row (row ${headerRow + 1}) has no ${missing.map((h) => `'${h}'`).join(", ")} (a ${edition} edition ${kind} of ${framework.id}): the sheet is not read`);
    return undefined;
  }
  const col = (h: string): number => columnAt.get(h) ?? -1;
  const valueColumns: readonly { id: string; col: number }[] = [
    ...entryColumns.map((c) => ({ id: c.id, col: col(c.header) })),
    ...(columnAt.has(RESPONSIBLE_HEADER) ? [{ id: "responsible", col: col(RESPONSIBLE_HEADER) }] : []),
  ];
  const firstEntry = valueColumns[0]?.col ?? -1;
  const otherEntries = valueColumns.slice(1, entryColumns.length);
  const known = new Set(kind === "compilation" ? framework.areas.flatMap((a) => a.items.map((i) => i.ref)) : framework.areas.map((a) => a.id));
  const areaIds = new Set(framework.areas.map((a) => a.id));
  const sentence = framework.dissemination?.standardSentence ?? DEFAULT_WITHHELD_SENTENCE;

  const read: SheetRead = { sheet: grid.name, framework, cycle, kind, edition, parties: new Map(), withheld: new Set() };
  const unknownParties = new Set<string>();
  for (let r = headerRow + 1; r < grid.rowCount; r++) {
    const ref = grid.text(r, col(first)).trim();
    const name = grid.text(r, col(PARTY_HEADER)).trim();
    const code = grid.text(r, col(CODE_HEADER)).trim();
    // Area headings and item rows name no party: they are not answers.
    if (!ref || (!name && !code)) continue;
    const party = (code ? catalogue.findParty(framework, code) : undefined) ?? (name ? catalogue.findParty(framework, name) : undefined);
    if (!party) {
      const who = `${name}${code ? ` (${code})` : ""}`;
      if (!unknownParties.has(who)) problem(REPORT_UNKNOWN_COMPILATION, `row ${r + 1}: '${short(who)}' is not a party of ${framework.id} in this catalogue: its rows are not read`);
      unknownParties.add(who);
      continue;
    }
    if (edition === "public") {
      // The standard sentence in place of a withheld party's answers (under a heading, not an item): never an answer.
      const isSentence = grid.text(r, firstEntry).trim() === sentence.trim() && otherEntries.every((c) => grid.get(r, c.col) === null);
      const underHeading = kind === "compilation" ? !known.has(ref) : true;
      if ((isSentence && underHeading) || (kind === "compilation" && areaIds.has(ref) && !known.has(ref))) {
        read.withheld.add(party.code);
        continue;
      }
    } else if (kind === "compilation" && areaIds.has(ref) && !known.has(ref)) {
      continue;
    }
    const values: Record<string, CellValue> = {};
    for (const c of valueColumns) {
      const v = grid.get(r, c.col);
      if (v !== null) values[c.id] = v;
    }
    const pr: PartyRead = read.parties.get(party.code) ?? { party, entries: new Map(), dropped: new Set<string>(), choices: [] };
    read.parties.set(party.code, pr);
    if (hasChoice) pr.choices.push(grid.text(r, col(DISSEMINATION_HEADER)));
    if (Object.keys(values).length === 0) continue;
    if (!known.has(ref)) {
      // A reference of an older catalogue version: listed, not carried.
      pr.dropped.add(ref);
      continue;
    }
    pr.entries.set(ref, { ...(pr.entries.get(ref) ?? {}), ...values });
  }
  return read;
}

/** Per framework, cycle, party and role; a party withheld anywhere in its framework and cycle is not returned at all. */
function responsesOf(reads: readonly SheetRead[], file: string): PreviousResponse[] {
  const unitKey = (r: SheetRead): string => `${r.framework.id}\u0000${r.cycle}`;
  const withheld = new Map<string, Set<string>>();
  for (const r of reads) for (const code of r.withheld) withheld.set(unitKey(r), new Set([...(withheld.get(unitKey(r)) ?? []), code]));
  const responses: PreviousResponse[] = [];
  for (const r of reads) {
    const unit = reads.filter((x) => unitKey(x) === unitKey(r));
    const role: SheetRole = r.kind === "political" ? "political" : (sheetRoles(r.framework).find((x) => x !== "political") ?? "matrix");
    for (const pr of r.parties.values()) {
      if (withheld.get(unitKey(r))?.has(pr.party.code)) continue;
      if (pr.entries.size === 0 && pr.dropped.size === 0) continue;
      responses.push({
        framework: r.framework,
        party: pr.party,
        cycle: r.cycle,
        role,
        entries: pr.entries,
        dropped: [...pr.dropped],
        publishable: isPublished(r.framework, pr.party, unit),
        sources: [`${file} › ${r.sheet}`],
      });
    }
  }
    return responses.sort((a, b) => byText(a.framework.id, b.framework.id) || compareCycles(a.cycle, b.cycle) || byText(a.party.code, b.party.code) || byText(a.role, b.role));
}

/**
 * Whether the party's response was for wider dissemination: always where the framework has no
 * choice; shown in a public edition means published; in the internal edition, only when every row
 * of the party in the compilation says yes (fails closed).
 */
function isPublished(framework: Framework, party: Party, unit: readonly SheetRead[]): boolean {
  if (!framework.dissemination) return true;
  if (unit.some((s) => s.edition === "public" && s.parties.has(party.code))) return true;
  const choices = unit.filter((s) => s.kind === "compilation" && s.edition === "internal").flatMap((s) => s.parties.get(party.code)?.choices ?? []);
  return choices.length > 0 && choices.every((c) => YES.has(c.trim().toLowerCase()));
}

function short(text: string): string {
  return text.length > 80 ? `${text.slice(0, 80)}…` : text;
}

