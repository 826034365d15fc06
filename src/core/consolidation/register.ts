import type { Catalogue } from "../catalogue/catalogue";
import type { Framework, Party } from "../catalogue/schema";
import { dueDate } from "../catalogue/timetable";
import { describeChoice, isPublishable } from "../validation/dissemination";
import { count } from "../wording";
import type { FindingCounts } from "../validation/finding";
import type { TemplateSheet } from "../validation/validate-sheet";
import type { WorkbookValidation } from "../validation/validate-workbook";
import { cycleKey } from "../cycles/cycle-label";
import { OTHER_SHEET } from "../validation/other-sheets";
import { identityClues, partiesPointedTo } from "./identity-clues";
import { mergeResponse, type PartyResponse, type PublicationDecision } from "./party-response";
import { EMPTY_IN_UPDATE_AND_INITIAL, checkUpdate, type EarlierReturn } from "../validation/update-round";
import { RECEIVED_FROM_TEXT, type ReceivedFrom } from "./received";
import type { AcceptedContribution, ReturnedFile } from "./contribution";
import { outsideRunNote, type RunParties } from "../catalogue/run-parties";

export type { AcceptedContribution, ReturnedFile } from "./contribution";

/**
 * The register: one row per input (file, or template sheet within a file), nothing silently
 * dropped. Decides what counts for each framework + cycle + party: contributions merge item by
 * item (see party-response.ts), and every row says what became of its entries.
 */

export type ReadOutcome =
  | { readonly source: ReturnedFile; readonly error: { readonly code: string; readonly message: string } }
  | { readonly source: ReturnedFile; readonly validation: WorkbookValidation };

export type RegisterStatus = "accepted" | "accepted with errors" | "superseded" | "rejected";
export const REGISTER_STATUSES: readonly RegisterStatus[] = ["accepted", "accepted with errors", "superseded", "rejected"];

export interface RegisterRow {
  readonly file: string;
  readonly sheet: string;
  readonly framework: string;
  /** The party's code as resolved through the party list (as written when it could not be). */
  readonly party: string;
  readonly partyName: string;
  readonly cycle: string;
  readonly round: string;
  readonly version: string;
  /** The sender's own last-saved time (docProps), for information only. */
  readonly modified: string;
  /** When it was received: what lateness and ordering go by. */
  readonly received: string;
  /** Where that date came from (see ReceivedFrom); absent when the input came without one. */
  readonly receivedFrom?: ReceivedFrom;
  readonly sha256: string;
  readonly errors: number;
  readonly warnings: number;
  readonly status: RegisterStatus;
  /** "file › sheet" of the contributions that replaced this one's entries. */
  readonly supersededBy?: string;
  readonly reason?: { readonly code: string; readonly message: string };
  /** Received after the round's deadline; only said of inputs whose entries the report uses. */
  readonly late: boolean;
  /**
   * Its entries are in the report but kept out of the public edition (the party's wider-dissemination
   * choice is not a clear yes, here or in another of its returns). Never said of superseded or rejected inputs.
   */
  readonly withheld: boolean;
  /** The wider-dissemination choice as read ("yes", "no", "withheld ('Nein' is not yes or no)"), where the framework has one. */
  readonly dissemination: string;
  /** What became of the entries: carried, replaced, withheld from the public edition. */
  readonly note: string;
}

export interface RegisterOptions {
  /** Leave out contributions with errors (default: include and flag them). */
  readonly strict?: boolean;
  /**
   * Last accepted day per round, ISO date, e.g. { initial: "2009-11-15", update: "2010-01-15" }: overrides
   * the framework's timetable, which gives the deadline of a round it has a due day for.
   */
  readonly deadlines?: Readonly<Partial<Record<string, string>>>;
  /**
   * The parties chosen for this run, per framework (catalogue/run-parties): who is missing is counted
   * against them. A framework without a choice expects its whole list.
   */
  readonly parties?: readonly RunParties[];
}

/**
 * A party that sent something attributable to it (its framework, cycle and party are clear), and
 * whether it may be published — decided over every such return, those left out under --strict too:
 * whether a party is withheld must never depend on what it wrote.
 */
export interface PartyPresence extends PublicationDecision {
  readonly framework: Framework;
  readonly cycle: string;
  readonly party: Party;
}

export interface Register {
  readonly rows: readonly RegisterRow[];
  readonly presence: readonly PartyPresence[];
  /** Per framework, cycle, party and sheet role: what the report shows, merged from its contributions. */
  readonly responses: readonly PartyResponse[];
  /** Per framework and cycle present, the parties that sent nothing that counts. */
  readonly missing: readonly { readonly framework: string; readonly cycle: string; readonly parties: readonly Party[] }[];
  /**
   * Returns that may withhold their answers but name no party that can be told (see
   * withholdUnattributed): while there is one, the public edition is not written.
   */
  readonly publicBlocked: readonly { readonly file: string; readonly sheet: string; readonly code: string; readonly message: string }[];
  /**
   * Parties an unattributable return that may withhold points to, per framework and cycle (every
   * cycle where it names none): withheld where present, and none of their earlier cycles' answers
   * is shown in public — whether they sent anything else or not.
   */
  readonly pointedWithheld: readonly { readonly framework: Framework; readonly cycle?: string; readonly party: Party }[];
  /** The parties chosen for this run, per framework, as given (RegisterOptions.parties): the report says whose list it counts. */
  readonly chosen: readonly RunParties[];
}

/** The parties a framework's returns are expected from in this run: the chosen ones, else the catalogue's list. */
export function expectedParties(chosen: readonly RunParties[], catalogue: Catalogue, framework: Framework): readonly Party[] {
  return chosenFor(chosen, framework)?.parties ?? catalogue.partiesOf(framework);
}

export function chosenFor(chosen: readonly RunParties[], framework: Framework): RunParties | undefined {
  return chosen.find((c) => c.framework.id === framework.id);
}

export type { PartyResponse } from "./party-response";

// Unreadable files keep the reader's own code (PT-READ-…, PT-IO-…) in the register.
export const NO_TEMPLATE_SHEET = "PT-CONS-002";
export const HEADER_UNUSABLE = "PT-CONS-003";
export const STRICT_EXCLUDED = "PT-CONS-004";
/** No input could be consolidated: nothing to report on. */
export const NOTHING_TO_CONSOLIDATE = "PT-CONS-005";
/** A return that may withhold its answers and whose party cannot be told: the public edition is not written. */
export const PUBLIC_BLOCKED = "PT-CONS-006";
/** How the note of a return that fills no entry begins (what counts it as "returned empty"). */
export const RETURNED_EMPTY_NOTE = "returned empty: no entry is filled";

/** Header findings that leave a sheet unattributable; the first one met is the register's reason. */
const HEADER_CODES = ["PT-STRUCT-015", "PT-STRUCT-023", "PT-STRUCT-019", "PT-STRUCT-011", "PT-STRUCT-002", "PT-STRUCT-001", "PT-STRUCT-012"];

const ROUND_RANK: Readonly<Record<string, number>> = { initial: 0, update: 1 };
const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function counts(sheet: TemplateSheet): FindingCounts {
  let errors = 0;
  let warnings = 0;
  for (const f of sheet.findings) {
    if (f.severity === "error") errors++;
    else if (f.severity === "warning" && !f.acknowledged) warnings++;
  }
  return { errors, warnings, acknowledged: 0, info: 0 };
}

/**
 * The last day of a round: the one given (`--deadline`), else the framework's timetable for the
 * sheet's cycle (the Pact's mid-November contribution, mid-January update). The EU level has none:
 * the timetable dates the Member States' contributions, while the Commission starts preparing its
 * report from November (COM(2009) 266, section 4) — its return is never late against theirs.
 */
export function deadlineOf(framework: Framework | undefined, cycle: string, round: string, deadlines: RegisterOptions["deadlines"], party?: string): string | undefined {
  if (party !== undefined && party === framework?.euLevel?.party) return undefined;
  return deadlines?.[round] ?? (framework ? dueDate(framework, cycle, round) : undefined);
}

function isLate(received: string | undefined, due: string | undefined): boolean {
  // Returns are due by the end of the deadline day; without a date of receipt nothing can be said.
  return Boolean(due && received && received.slice(0, 10) > due);
}

type RowDraft = Omit<RegisterRow, "status" | "supersededBy" | "note">;

interface Candidate {
  readonly row: RowDraft;
  readonly contribution: AcceptedContribution;
}

function unusableReason(sheet: TemplateSheet): { code: string; message: string } {
  for (const code of HEADER_CODES) {
    const f = sheet.findings.find((x) => x.code === code);
    if (f) return { code: f.code, message: f.message };
  }
  return { code: HEADER_UNUSABLE, message: "the header does not say which framework, party, cycle and round this is" };
}

export const contributionLabel = (c: { readonly source: ReturnedFile; readonly sheet: TemplateSheet }): string => `${c.source.file} › ${c.sheet.sheet}`;

export function buildRegister(outcomes: readonly ReadOutcome[], catalogue: Catalogue, options: RegisterOptions = {}): Register {
  const rows: RegisterRow[] = [];
  const candidates: Candidate[] = [];
  /** Contributions left out under --strict: an update's findings name an initial return left out. */
  const leftOut: AcceptedContribution[] = [];
  /** Every return whose framework, party and cycle are clear, used or not: what publication is decided on. */
  const attributed: Attributed[] = [];
  /** Returns that may withhold but are not attributable, with the register row each has. */
  const unattributed: Unattributed[] = [];
  const blank = { framework: "", party: "", partyName: "", cycle: "", round: "", version: "", errors: 0, warnings: 0, late: false, withheld: false, dissemination: "", note: "" };

  const cycleOf = canonicalCycles(outcomes);
  const chosen = options.parties ?? [];
  /** Rows ("file\u0000sheet") of returns from a party outside the run's chosen parties, with the note saying so. */
  const outside = new Map<string, string>();
  for (const o of outcomes) {
    const base = { file: o.source.file, sha256: o.source.sha256, modified: o.source.modified ?? "", received: o.source.received ?? "", ...(o.source.received !== undefined && o.source.receivedFrom ? { receivedFrom: o.source.receivedFrom } : {}) };
    if ("error" in o) {
      rows.push({ ...base, ...blank, sheet: "", status: "rejected", reason: { code: o.error.code, message: o.error.message } });
      continue;
    }
    if (o.validation.contributions.length === 0) {
      rows.push({ ...base, ...blank, sheet: "", status: "rejected", reason: { code: NO_TEMPLATE_SHEET, message: "no template sheet in this workbook" } });
      continue;
    }
    for (const sheet of o.validation.contributions) {
      const c = counts(sheet);
      const own = o.source.sheetsReceived?.[sheet.sheet];
      const received = own?.received ?? o.source.received;
      // The cycle as every return of it is compared: "h1 2026" and "H1 2026" are one cycle.
      const meta = sheet.meta.cycle ? { ...sheet.meta, cycle: cycleOf(sheet.meta.cycle) } : sheet.meta;
      const row: RowDraft = {
        ...base,
        ...(own ? { received: own.received, receivedFrom: own.receivedFrom } : {}),
        sheet: sheet.sheet,
        framework: meta.framework ?? "",
        party: sheet.party?.code ?? meta.partyCode ?? "",
        partyName: sheet.party?.name ?? meta.party ?? "",
        cycle: meta.cycle ?? "",
        round: meta.round ?? "",
        version: meta.version ?? "",
        errors: c.errors,
        warnings: c.warnings,
        late: isLate(received, deadlineOf(sheet.framework, meta.cycle ?? "", meta.round ?? "", options.deadlines, sheet.party?.code)),
        withheld: false,
        dissemination: describeChoice(sheet.dissemination),
      };
      const run = sheet.framework ? chosenFor(chosen, sheet.framework) : undefined;
      const outsideNote = run && sheet.party ? outsideRunNote(run, sheet.party) : undefined;
      if (outsideNote) outside.set(`${o.source.file}\u0000${sheet.sheet}`, outsideNote);
      if (sheet.framework && sheet.party && meta.cycle) attributed.push({ source: o.source, sheet, framework: sheet.framework, party: sheet.party, cycle: meta.cycle });
      else if (sheet.dissemination && sheet.dissemination.kind !== "yes") unattributed.push({ source: o.source, sheet, cycle: meta.cycle || undefined, row: rows.length });
      if (!sheet.framework || !sheet.party || !sheet.role || !meta.cycle || !(meta.round && meta.round in ROUND_RANK)) {
        rows.push({ ...row, late: false, status: "rejected", reason: unusableReason(sheet), note: "" });
        continue;
      }
      const contribution: AcceptedContribution = { source: o.source, sheet, framework: sheet.framework, party: sheet.party, role: sheet.role, cycle: meta.cycle, round: meta.round, hasErrors: c.errors > 0 };
      if (options.strict && c.errors > 0) {
        rows.push({ ...row, late: false, status: "rejected", reason: { code: STRICT_EXCLUDED, message: `left out under --strict: ${count(c.errors, "error")}` }, note: "" });
        leftOut.push(contribution);
        continue;
      }
      candidates.push({ row, contribution });
    }
  }

  const withholding = withholdUnattributed(unattributed, decidePublication(attributed), catalogue);
  const presence = withholding.presence;
  for (const [index, note] of withholding.notes) {
    const r = rows[index];
    if (r) rows[index] = { ...r, note: [r.note, note].filter(Boolean).join("; ") };
  }
  // Keyed once: a thousand returns would otherwise each search every other's decision.
  const presenceKey = (framework: string, cycle: string, party: string): string => `${framework}\u0000${cycle}\u0000${party}`;
  const decisions = new Map<string, PublicationDecision>();
  for (const p of presence) {
    const key = presenceKey(p.framework.id, p.cycle, p.party.code);
    if (!decisions.has(key)) decisions.set(key, p);
  }
  const decisionOf = (c: AcceptedContribution): PublicationDecision => decisions.get(presenceKey(c.framework.id, c.cycle, c.party.code)) ?? { publishable: false, dissemination: "" };

  // Per framework + cycle + party + sheet role (the Pact's report and table are separate parts).
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = `${c.row.framework}\u0000${c.row.cycle}\u0000${c.contribution.party.code}\u0000${c.contribution.role}`;
    const group = groups.get(key);
    if (group) group.push(c);
    else groups.set(key, [c]);
  }
  const responses: PartyResponse[] = [];
  for (const unchecked of groups.values()) {
    // Oldest first: the update round after the initial one; within a round, the later received.
    unchecked.sort(
      (a, b) =>
        (ROUND_RANK[a.row.round] ?? 0) - (ROUND_RANK[b.row.round] ?? 0) ||
        byText(a.row.received, b.row.received) ||
        byText(a.row.modified, b.row.modified) ||
        byText(a.row.file, b.row.file) ||
        byText(a.row.sheet, b.row.sheet),
    );
    const group = checkUpdateRound(unchecked, leftOut, options.strict === true, rows);
    const first = group[0];
    if (!first) continue;
    const response = mergeResponse(
      group.map((c) => c.contribution),
      decisionOf(first.contribution),
    );
    responses.push(response);
    const withheld = response.publishable ? "" : `withheld from the public edition (${response.dissemination})`;
    for (const c of group) {
      const use = response.usage.get(c.contribution);
      const used = use?.used ?? 0;
      const replacedBy = [...(use?.replacedBy ?? [])].map(contributionLabel);
      const latest = c.contribution === response.latest;
      const status: RegisterStatus = !latest && used === 0 ? "superseded" : c.contribution.hasErrors ? "accepted with errors" : "accepted";
      const notes = [
        latest && response.returnedEmpty ? RETURNED_EMPTY_NOTE : "",
        latest ? carriedNote(response) : used > 0 ? `${count(used, "entry", "entries")} still used` : "",
        replacedBy.length ? `${count(use?.replaced ?? 0, "entry", "entries")} replaced by a later return` : "",
        withheld,
        acceptedNote(c.contribution.sheet),
        emptyInUpdateNote(c.contribution.sheet),
      ].filter(Boolean);
      const supersededBy = replacedBy.length ? replacedBy.join("; ") : status === "superseded" ? contributionLabel(response.latest) : undefined;
      // A superseded input's lateness no longer matters: nothing of it is in the report.
      rows.push({ ...c.row, late: c.row.late && status !== "superseded", withheld: !response.publishable && status !== "superseded", status, ...(supersededBy ? { supersededBy } : {}), note: notes.join("; ") });
    }
  }

  rows.sort((a, b) => byText(a.file, b.file) || byText(a.sheet, b.sheet));
  // Sheets of a return that are not read (an annex, a hidden sheet): said on the file's first row.
  const fileNotes = new Map<string, string>();
  for (const o of outcomes) {
    if ("error" in o) continue;
    const others = o.validation.findings.filter((f) => f.code === OTHER_SHEET);
    const notes: string[] = [];
    if (others.length) notes.push(`not read into the report: ${others.map((f) => `sheet '${f.sheet}'`).join(", ")}, which ${others.length > 1 ? "are" : "is"} no template sheet (${OTHER_SHEET} says what ${others.length > 1 ? "each holds" : "it holds"})`);
    // A day given for a sheet that is no template sheet of this file (misspelt, renamed) is not used: said, not dropped.
    const sheets = new Set(o.validation.contributions.map((c) => c.sheet));
    const unmatched = Object.keys(o.source.sheetsReceived ?? {}).filter((name) => !sheets.has(name));
    if (unmatched.length) notes.push(`received date not used for ${unmatched.map((n) => `sheet '${n}'`).join(", ")}: no template sheet of that name in this file`);
    if (notes.length) fileNotes.set(o.source.file, notes.join("; "));
  }
  for (const [file, note] of fileNotes) {
    const i = rows.findIndex((r) => r.file === file);
    const r = rows[i];
    if (r) rows[i] = { ...r, note: [r.note, note].filter(Boolean).join("; ") };
  }
  // A return from a party the run was not for is compiled as any other, and its row says so: nothing vanishes.
  rows.forEach((r, i) => {
    const note = outside.get(`${r.file}\u0000${r.sheet}`);
    if (note) rows[i] = { ...r, note: [r.note, note].filter(Boolean).join("; ") };
  });
  // A date not from the file itself is said where the register is read (the report's Register sheet too).
  rows.forEach((r, i) => {
    if (r.receivedFrom && r.receivedFrom !== "file time") rows[i] = { ...r, note: [r.note, `received date: ${RECEIVED_FROM_TEXT[r.receivedFrom]}`].filter(Boolean).join("; ") };
  });
  responses.sort((a, b) => byText(a.framework.id, b.framework.id) || byText(a.cycle, b.cycle) || byText(a.party.code, b.party.code) || byText(a.role, b.role));

  const seen = new Map<string, { framework: Framework; cycle: string; parties: Set<string> }>();
  for (const r of responses) {
    const key = `${r.framework.id}\u0000${r.cycle}`;
    const entry = seen.get(key) ?? { framework: r.framework, cycle: r.cycle, parties: new Set<string>() };
    entry.parties.add(r.party.code);
    seen.set(key, entry);
  }
  const missing = [...seen.values()]
    .map((s) => ({ framework: s.framework.id, cycle: s.cycle, parties: expectedParties(chosen, catalogue, s.framework).filter((p) => !s.parties.has(p.code)) }))
    .sort((a, b) => byText(a.framework, b.framework) || byText(a.cycle, b.cycle));
  return { rows, presence, responses, missing, publicBlocked: withholding.blocked, pointedWithheld: withholding.pointed, chosen };
}

/**
 * One spelling per cycle: labels that differ only in case and spacing are one cycle, shown as the
 * first of their spellings in text order (the same inputs in any order give the same report).
 */
function canonicalCycles(outcomes: readonly ReadOutcome[]): (cycle: string) => string {
  const shown = new Map<string, string>();
  for (const o of outcomes) {
    if ("error" in o) continue;
    for (const sheet of o.validation.contributions) {
      const label = sheet.meta.cycle;
      if (!label) continue;
      const key = cycleKey(label);
      const known = shown.get(key);
      if (known === undefined || label < known) shown.set(key, label);
    }
  }
  return (cycle) => shown.get(cycleKey(cycle)) ?? cycle;
}

/** A return that may withhold its answers (its choice is not a clear yes) but names no framework, party or cycle for sure. */
interface Unattributed {
  readonly source: ReturnedFile;
  readonly sheet: TemplateSheet;
  /** Its cycle as the register compares cycles, where it names one. */
  readonly cycle: string | undefined;
  /** Its row in the register. */
  readonly row: number;
}

/**
 * Fails closed where identity is in doubt: a return whose choice may withhold, but whose party (or
 * framework, or cycle) cannot be told — a code typo, an invisible character, a blank code, a name not
 * in the list, a code and name of two parties — withholds every party its header, title, sheet name
 * or file name points to, in its framework (every framework with a choice where it names none) and
 * its cycle (every cycle where it names none). One that points to no party at all blocks the public
 * edition (PT-CONS-006) while a unit it could belong to is consolidated: the secretariat fixes the
 * file or removes it. Parties are only withheld where they are present; none is made present.
 */
function withholdUnattributed(
  unattributed: readonly Unattributed[],
  decided: readonly PartyPresence[],
  catalogue: Catalogue,
): { presence: PartyPresence[]; notes: Map<number, string>; blocked: Register["publicBlocked"]; pointed: Register["pointedWithheld"] } {
  const presence = [...decided];
  const pointedAll: { framework: Framework; cycle?: string; party: Party }[] = [];
  const notes = new Map<number, string>();
  const blocked: { file: string; sheet: string; code: string; message: string }[] = [];
  for (const u of unattributed) {
    const frameworks = u.sheet.framework ? [u.sheet.framework] : catalogue.frameworks.filter((f) => f.dissemination);
    const cycle = u.cycle;
    const clues = identityClues(u.sheet, u.source.file);
    const choice = describeChoice(u.sheet.dissemination);
    const label = contributionLabel(u);
    const pointed = frameworks.flatMap((f) => partiesPointedTo(catalogue, f, clues).map((party) => ({ framework: f, party })));
    const matches = (p: PartyPresence): boolean => (cycle === undefined || p.cycle === cycle) && frameworks.includes(p.framework);
    if (pointed.length === 0) {
      // Nothing it could belong to is consolidated: nothing of anyone's can leak through it.
      if (!presence.some(matches)) continue;
      const message = `its wider-dissemination choice is ${choice} and no party can be told from its code, name, title, sheet name or file name; the public edition is not written until it is corrected or removed`;
      blocked.push({ file: u.source.file, sheet: u.sheet.sheet, code: PUBLIC_BLOCKED, message });
      notes.set(u.row, `blocks the public edition (${PUBLIC_BLOCKED}): its wider-dissemination choice (${choice}) may withhold, and no party can be told from it`);
      continue;
    }
    for (const x of pointed) pointedAll.push({ ...x, ...(cycle !== undefined ? { cycle } : {}) });
    const withheld: string[] = [];
    presence.forEach((p, i) => {
      if (!matches(p) || !pointed.some((x) => x.framework === p.framework && x.party.code === p.party.code)) return;
      withheld.push(`${p.party.name} (${p.party.code})${cycle === undefined ? ` cycle ${p.cycle}` : ""}`);
      const why = `${label}: ${choice}, from a return whose party could not be told for sure`;
      presence[i] = { ...p, publishable: false, dissemination: p.publishable ? why : `${p.dissemination}; ${why}` };
    });
    const named = pointed.map((x) => `${x.party.name} (${x.party.code})`);
    const to = [...new Set(named)].join(", ");
    notes.set(
      u.row,
      withheld.length
        ? `its wider-dissemination choice (${choice}) withholds ${withheld.join(", ")} from the public edition: its party could not be told for sure, and it points to ${to}`
        : `its wider-dissemination choice (${choice}) would withhold ${to}, which sent nothing else`,
    );
  }
  return { presence, notes, blocked, pointed: pointedAll };
}

/** Per framework, cycle and party: published only when every attributable return says yes. */
/** A return that names its framework, party and cycle clearly, whether or not the report can use it. */
interface Attributed {
  readonly source: ReturnedFile;
  readonly sheet: TemplateSheet;
  readonly framework: Framework;
  readonly party: Party;
  readonly cycle: string;
}


function decidePublication(attributed: readonly Attributed[]): PartyPresence[] {
  const byParty = new Map<string, Attributed[]>();
  for (const c of attributed) {
    const key = `${c.framework.id}\u0000${c.cycle}\u0000${c.party.code}`;
    byParty.set(key, [...(byParty.get(key) ?? []), c]);
  }
  // An update round that withholds, in a cycle where its party sent no initial return, may carry a wrong cycle
  // label (meant for another cycle of the party): it withholds the party in every cycle of the framework.
  const strays = attributed.filter(
    (c) => c.sheet.meta.round === "update" && !isPublishable(c.framework, c.sheet.dissemination) && !attributed.some((o) => o.framework === c.framework && o.party === c.party && o.cycle === c.cycle && o.sheet.meta.round === "initial"),
  );
  const out: PartyPresence[] = [];
  for (const list of byParty.values()) {
    const first = list[0];
    if (!first) continue;
    const elsewhere = strays.filter((c) => c.framework === first.framework && c.party === first.party && c.cycle !== first.cycle);
    const withheld = [...list, ...elsewhere].filter((c) => !isPublishable(c.framework, c.sheet.dissemination)).sort((a, b) => byText(contributionLabel(a), contributionLabel(b)));
    // The same inputs in any order give the same words: the choice shown is that of the last return by name.
    const latestChoice = [...list].sort((a, b) => byText(contributionLabel(a), contributionLabel(b))).reverse().find((c) => c.sheet.dissemination !== undefined)?.sheet.dissemination;
    out.push({
      framework: first.framework,
      cycle: first.cycle,
      party: first.party,
      publishable: withheld.length === 0,
      dissemination: withheld.length
        ? withheld.map((c) => `${contributionLabel(c)}: ${describeChoice(c.sheet.dissemination)}${c.cycle !== first.cycle ? ` (an update of cycle ${c.cycle}, which has no initial return of the party: its cycle may be mislabelled)` : ""}`).join("; ")
        : describeChoice(latestChoice),
    });
  }
  return out.sort((a, b) => byText(a.framework.id, b.framework.id) || byText(a.cycle, b.cycle) || byText(a.party.code, b.party.code));
}


/**
 * An update gives only what changed (validation/update-round.ts): each update of a group, oldest
 * first, is checked against the returns merged before it. Its PT-CONT-021 errors (an entry empty
 * in it and in the initial return) count as its own, and under --strict leave it out like any
 * return with errors — so a later update is checked without it.
 */
function checkUpdateRound(group: readonly Candidate[], leftOut: readonly AcceptedContribution[], strict: boolean, rows: RegisterRow[]): Candidate[] {
  const earlierOf = (c: AcceptedContribution): EarlierReturn => ({ sheet: c.sheet, label: contributionLabel(c), round: c.round });
  const first = group[0]?.contribution;
  const out = first ? leftOut.filter((x) => x.framework === first.framework && x.cycle === first.cycle && x.party.code === first.party.code && x.role === first.role).map(earlierOf) : [];
  const kept: Candidate[] = [];
  for (const c of group) {
    const extra = checkUpdate(c.contribution.sheet, kept.map((k) => earlierOf(k.contribution)), out);
    if (extra.length === 0) {
      kept.push(c);
      continue;
    }
    const row = { ...c.row, errors: c.row.errors + extra.length };
    if (strict) {
      const why = `${count(extra.length, "entry", "entries")} empty in this update and in the initial return, ${EMPTY_IN_UPDATE_AND_INITIAL}`;
      rows.push({ ...row, late: false, status: "rejected", reason: { code: STRICT_EXCLUDED, message: `left out under --strict: ${count(row.errors, "error")} (${why})` }, note: "" });
      continue;
    }
    kept.push({ row, contribution: { ...c.contribution, sheet: { ...c.contribution.sheet, findings: [...c.contribution.sheet.findings, ...extra] }, hasErrors: true } });
  }
  return kept;
}

/** An update's entries empty in it and in the initial return (PT-CONT-021), named in its note. */
function emptyInUpdateNote(sheet: TemplateSheet): string {
  const empty = sheet.findings.filter((f) => f.code === EMPTY_IN_UPDATE_AND_INITIAL);
  if (empty.length === 0) return "";
  const refs = [...new Set(empty.map((f) => f.ref ?? ""))];
  return `${count(empty.length, "entry", "entries")} empty in this update and in the initial return (${EMPTY_IN_UPDATE_AND_INITIAL}): ${refs.slice(0, 8).join(", ")}${refs.length > 8 ? ` and ${refs.length - 8} more` : ""}`;
}

/** The warnings the party accepted, each with its justification: the desk officer reads why, not only that. */
function acceptedNote(sheet: TemplateSheet): string {
  const accepted = sheet.findings.filter((f) => f.acknowledged);
  if (accepted.length === 0) return "";
  return `accepted ${accepted.length === 1 ? "warning" : "warnings"}: ${accepted.map((f) => `${f.code} ${f.cell ?? ""}${f.ref ? ` [${f.ref}]` : ""} — '${f.acknowledged?.justification ?? ""}'`).join("; ")}`;
}

function carriedNote(response: PartyResponse): string {
  const carried = [...response.usage.entries()].filter(([c, u]) => c !== response.latest && u.used > 0);
  if (carried.length === 0) return "";
  return carried.map(([c, u]) => `${count(u.used, "entry", "entries")} carried from ${contributionLabel(c)}`).join("; ");
}
