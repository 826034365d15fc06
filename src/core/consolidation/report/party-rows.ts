import { sourceDocumentLine } from "../../catalogue/source-document";
import { partiesNote, periodNotice } from "../../catalogue/provenance";
import { runPartiesReportNote, type RunParties } from "../../catalogue/run-parties";
import type { Framework, Party } from "../../catalogue/schema";
import type { CellValue } from "../../template/spec";
import { describeNote } from "../../validation/entry-notes";
import type { PartyResponse, ReportedEntry } from "../party-response";
import { contributionLabel, type AcceptedContribution } from "../register";
import {
  CODE_HEADER,
  DEFAULT_WITHHELD_SENTENCE,
  EDITION_LABEL,
  NOTES_HEADER,
  PARTY_HEADER,
  RESPONSIBLE_HEADER,
  REVIEW_HEADER,
  SOURCE_HEADER,
  type Edition,
} from "./headings";
import { cutToExcel, shown, styleOf, type Column, type Sheet } from "./sheet-toolkit";
import { isShown, type Unit } from "./units";

/**
 * What the compilation and the political report share: a row per party under each heading, its
 * entries verbatim, its notes, and in the internal edition its contact, review state and source.
 */

/** One party's row under an item (or, on the political report, an area). */
export interface PartyRow {
  readonly ref: string;
  readonly party: Party;
  readonly response: PartyResponse | undefined;
  /** The party's entries for `ref`, looked up once per row. */
  readonly entries: ReadonlyMap<string, ReportedEntry> | undefined;
}

export function partyRow(response: PartyResponse | undefined, party: Party, ref: string): PartyRow {
  return { ref, party, response, entries: response?.entries.get(ref) };
}

/** Ref (or area), the heading's text (merged above, empty here), party and code: the columns kept in view. */
export function leadColumns(first: { header: string; width: number }, second: { header: string; width: number }): Column<PartyRow>[] {
  return [
    { ...first, style: "matrixCell", value: (r) => r.ref },
    { ...second, style: "matrixCell", value: () => null },
    { header: PARTY_HEADER, width: 16, style: "matrixCell", value: (r) => r.party.name },
    { header: CODE_HEADER, width: 6, style: "matrixCell", value: (r) => r.party.code },
  ];
}

/** An entry of the party's row, verbatim. */
export function entryColumn(id: string, header: string, width: number): Column<PartyRow> {
  return { header, width, value: (r) => shown(r.entries?.get(id)?.value) };
}

export function notesColumn(edition: Edition, width: number, labels: ReadonlyMap<string, string>): Column<PartyRow> {
  return { header: NOTES_HEADER[edition], width, value: (r) => notesText(r.entries, labels, edition) };
}

/** The internal edition's last columns: who answered, how far the review got, which return it came from. */
export function collaborationColumns(labels: ReadonlyMap<string, string>): Column<PartyRow>[] {
  return [entryColumn("responsible", RESPONSIBLE_HEADER, 20), entryColumn("review", REVIEW_HEADER, 11), { header: SOURCE_HEADER, width: 24, value: (r) => sourceText(r.entries, labels) }];
}

/** The headings of a sheet's entries by id, the contact and review columns included, as notes and sources name them. */
export function entryLabels(entries: readonly { readonly id: string; readonly header: string }[]): Map<string, string> {
  return new Map([...entries.map((c) => [c.id, c.header] as const), ["responsible", RESPONSIBLE_HEADER], ["review", REVIEW_HEADER]]);
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

/** In the public edition, one standard sentence per withheld party and block, in place of its answers. */
export function withheldRows(s: Sheet, unit: Unit, areaId: string, width: number): void {
  const sentence = unit.framework.dissemination?.standardSentence ?? DEFAULT_WITHHELD_SENTENCE;
  for (const party of unit.parties) {
    if (isShown(unit, party)) continue;
    const row: CellValue[] = [areaId, null, party.name, party.code, sentence, ...Array.from({ length: Math.max(0, width - 5) }, () => null)];
    s.line(row, row.map((v, i) => (i < 4 ? "matrixCell" : styleOf(v))));
  }
}

/** The edition's legend, saying where a framework reports an EU level how the rows are ordered. */
export function editionLegend(fw: Framework, edition: Edition, parties: readonly Party[], cycle: string, chosen?: RunParties): string {
  const label = EDITION_LABEL[edition];
  const eu = parties.find((p) => p.code === fw.euLevel?.party);
  const lead = eu ? `${label}. Under each heading the EU level (${eu.name}) comes first, then the Member State level; the entry columns hold what each reported at its level.` : `${label}.`;
  return [lead, frameworkLegend(fw, cycle, chosen)].join(" ");
}

/**
 * What every sheet of a framework says of where it comes from: the source document, whose party
 * list it uses where the document names none (or the parties the user chose for the run, and of
 * which list), and a cycle outside the plan's period.
 */
export function frameworkLegend(fw: Framework, cycle: string, chosen?: RunParties): string {
  return [`${sourceDocumentLine(fw)}.`, chosen ? runPartiesReportNote(chosen) : partiesNote(fw), periodNotice(fw, cycle)].filter(Boolean).join(" ");
}

/** An area's heading line: its id, and its title with its main commitment where it has one. */
export function areaHeading(area: Framework["areas"][number]): CellValue[] {
  return [area.id, area.mainCommitment ? `${area.title} — ${area.mainCommitment}` : area.title];
}
