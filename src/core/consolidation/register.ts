import type { Catalogue } from "../catalogue/catalogue";
import type { Framework, Party } from "../catalogue/schema";
import { dueDate } from "../catalogue/timetable";
import { outsideRunNote, type RunParties } from "../catalogue/run-parties";
import { cycleKey } from "../cycles/cycle-label";
import { byText } from "../text-order";
import { describeChoice } from "../validation/dissemination";
import type { FindingCounts } from "../validation/finding";
import { OTHER_SHEET } from "../validation/other-sheets";
import type { TemplateSheet } from "../validation/validate-sheet";
import { count } from "../wording";
import type { AcceptedContribution } from "./contribution";
import { mergeResponse, type PartyResponse, type PublicationDecision } from "./party-response";
import { decidePublication, withholdUnattributed, type Attributed, type Unattributed } from "./publication";
import { RECEIVED_FROM_TEXT } from "./received";
import { contributionLabel, HEADER_UNUSABLE, NO_TEMPLATE_SHEET, RETURNED_EMPTY_NOTE, STRICT_EXCLUDED, type Candidate, type ReadOutcome, type Register, type RegisterOptions, type RegisterRow, type RegisterStatus, type RowDraft } from "./register-model";
import { acceptedNote, carriedNote, emptyInUpdateNote } from "./register-notes";
import { checkUpdateRound } from "./update-merge";

/**
 * The register: one row per input (file, or template sheet within a file), nothing silently
 * dropped. Decides what counts for each framework + cycle + party: contributions merge item by
 * item (see party-response.ts), and every row says what became of its entries. Its model (rows,
 * statuses, codes) is in register-model.ts, re-exported here so importers keep one path.
 */
export * from "./register-model";
export type { AcceptedContribution, ReturnedFile } from "./contribution";
export type { PartyResponse } from "./party-response";

/** The parties a framework's returns are expected from in this run: the chosen ones, else the catalogue's list. */
export function expectedParties(chosen: readonly RunParties[], catalogue: Catalogue, framework: Framework): readonly Party[] {
  return chosenFor(chosen, framework)?.parties ?? catalogue.partiesOf(framework);
}

export function chosenFor(chosen: readonly RunParties[], framework: Framework): RunParties | undefined {
  return chosen.find((c) => c.framework.id === framework.id);
}

/** Header findings that leave a sheet unattributable; the first one met is the register's reason. */
const HEADER_CODES = ["PT-STRUCT-015", "PT-STRUCT-023", "PT-STRUCT-019", "PT-STRUCT-011", "PT-STRUCT-002", "PT-STRUCT-001", "PT-STRUCT-012"];

const ROUND_RANK: Readonly<Record<string, number>> = { initial: 0, update: 1 };

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

function unusableReason(sheet: TemplateSheet): { code: string; message: string } {
  for (const code of HEADER_CODES) {
    const f = sheet.findings.find((x) => x.code === code);
    if (f) return { code: f.code, message: f.message };
  }
  return { code: HEADER_UNUSABLE, message: "the header does not say which framework, party, cycle and round this is" };
}

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
