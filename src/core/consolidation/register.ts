import type { Catalogue } from "../catalogue/catalogue";
import type { Framework, Party } from "../catalogue/schema";
import type { FindingCounts } from "../validation/finding";
import type { TemplateSheet } from "../validation/validate-sheet";
import type { WorkbookValidation } from "../validation/validate-workbook";

/**
 * The register: one row per input (file, or template sheet within a file), nothing silently
 * dropped. Decides which contribution counts for each framework + cycle + party.
 */

export interface ReturnedFile {
  readonly file: string;
  readonly sha256: string;
  /** Last-modified time from the file's own properties (docProps/core.xml), ISO: the sender's clock. */
  readonly modified?: string;
  /**
   * When the secretariat received it, ISO (a day or a date-time): the file's time on disk, a
   * `--received` list, or the time a file was picked in the pane. Lateness and "the later file
   * wins" are judged by this, never by the sender's own "last modified".
   */
  readonly received?: string;
}

export type ReadOutcome =
  | { readonly source: ReturnedFile; readonly error: { readonly code: string; readonly message: string } }
  | { readonly source: ReturnedFile; readonly validation: WorkbookValidation };

export type RegisterStatus = "accepted" | "accepted with errors" | "superseded" | "rejected";

export interface RegisterRow {
  readonly file: string;
  readonly sheet: string;
  readonly framework: string;
  readonly party: string;
  readonly partyName: string;
  readonly cycle: string;
  readonly round: string;
  readonly version: string;
  readonly modified: string;
  readonly sha256: string;
  readonly errors: number;
  readonly warnings: number;
  readonly status: RegisterStatus;
  /** "file › sheet" of the contribution that replaced this one. */
  readonly supersededBy?: string;
  readonly reason?: { readonly code: string; readonly message: string };
  readonly late: boolean;
}

/** A contribution that goes into the combined report. */
export interface AcceptedContribution {
  readonly source: ReturnedFile;
  readonly sheet: TemplateSheet;
  readonly framework: Framework;
  readonly party: Party;
  readonly cycle: string;
  readonly round: string;
  readonly hasErrors: boolean;
}

export interface RegisterOptions {
  /** Leave out contributions with errors (default: include and flag them). */
  readonly strict?: boolean;
  /** Last accepted day per round, ISO date, e.g. { initial: "2009-11-15", update: "2010-01-15" }. */
  readonly deadlines?: Readonly<Partial<Record<string, string>>>;
}

export interface Register {
  readonly rows: readonly RegisterRow[];
  readonly accepted: readonly AcceptedContribution[];
  /** Per framework and cycle present, the parties that sent nothing that counts. */
  readonly missing: readonly { readonly framework: string; readonly cycle: string; readonly parties: readonly Party[] }[];
}

// Unreadable files keep the reader's own code (PT-READ-…, PT-IO-…) in the register.
export const NO_TEMPLATE_SHEET = "PT-CONS-002";
export const HEADER_UNUSABLE = "PT-CONS-003";
export const STRICT_EXCLUDED = "PT-CONS-004";
/** No input could be consolidated: nothing to report on. */
export const NOTHING_TO_CONSOLIDATE = "PT-CONS-005";

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

function isLate(modified: string | undefined, round: string, deadlines: RegisterOptions["deadlines"]): boolean {
  const due = deadlines?.[round];
  // Returns are due by the end of the deadline day; without a file time nothing can be said.
  return Boolean(due && modified && modified.slice(0, 10) > due);
}

interface Candidate {
  readonly row: Omit<RegisterRow, "status" | "supersededBy">;
  readonly contribution: AcceptedContribution;
}

export function buildRegister(outcomes: readonly ReadOutcome[], catalogue: Catalogue, options: RegisterOptions = {}): Register {
  const rows: RegisterRow[] = [];
  const candidates: Candidate[] = [];
  const blank = { framework: "", party: "", partyName: "", cycle: "", round: "", version: "", errors: 0, warnings: 0, late: false };

  for (const o of outcomes) {
    const base = { file: o.source.file, sha256: o.source.sha256, modified: o.source.modified ?? "" };
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
      const meta = sheet.meta;
      const row = {
        ...base,
        sheet: sheet.sheet,
        framework: meta.framework ?? "",
        party: meta.partyCode ?? "",
        partyName: sheet.party?.name ?? meta.party ?? "",
        cycle: meta.cycle ?? "",
        round: meta.round ?? "",
        version: meta.version ?? "",
        errors: c.errors,
        warnings: c.warnings,
        late: isLate(o.source.modified, meta.round ?? "", options.deadlines),
      };
      if (!sheet.framework || !sheet.party || !meta.cycle || !(meta.round && meta.round in ROUND_RANK)) {
        rows.push({ ...row, status: "rejected", reason: { code: HEADER_UNUSABLE, message: "the header does not say which framework, party, cycle and round this is" } });
        continue;
      }
      if (options.strict && c.errors > 0) {
        rows.push({ ...row, status: "rejected", reason: { code: STRICT_EXCLUDED, message: `left out under --strict: ${c.errors} error(s)` } });
        continue;
      }
      candidates.push({
        row,
        contribution: { source: o.source, sheet, framework: sheet.framework, party: sheet.party, cycle: meta.cycle, round: meta.round, hasErrors: c.errors > 0 },
      });
    }
  }

  // Per framework + cycle + party (and sheet role: the Pact's report and table are separate parts):
  // an update beats the initial round; within a round the later file wins.
  const groups = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = `${c.row.framework}\u0000${c.row.cycle}\u0000${c.row.party}\u0000${c.contribution.sheet.role ?? ""}`;
    groups.set(key, [...(groups.get(key) ?? []), c]);
  }
  const accepted: AcceptedContribution[] = [];
  for (const group of groups.values()) {
    group.sort((a, b) => (ROUND_RANK[a.row.round] ?? 0) - (ROUND_RANK[b.row.round] ?? 0) || byText(a.row.modified, b.row.modified) || byText(a.row.file, b.row.file) || byText(a.row.sheet, b.row.sheet));
    const winner = group[group.length - 1];
    if (!winner) continue;
    accepted.push(winner.contribution);
    for (const c of group) {
      if (c === winner) rows.push({ ...c.row, status: c.contribution.hasErrors ? "accepted with errors" : "accepted" });
      else rows.push({ ...c.row, status: "superseded", supersededBy: `${winner.row.file} › ${winner.row.sheet}` });
    }
  }

  rows.sort((a, b) => byText(a.file, b.file) || byText(a.sheet, b.sheet));
  accepted.sort((a, b) => byText(a.framework.id, b.framework.id) || byText(a.cycle, b.cycle) || byText(a.party.code, b.party.code) || byText(a.sheet.role ?? "", b.sheet.role ?? ""));

  const seen = new Map<string, { framework: Framework; cycle: string; parties: Set<string> }>();
  for (const a of accepted) {
    const key = `${a.framework.id}\u0000${a.cycle}`;
    const entry = seen.get(key) ?? { framework: a.framework, cycle: a.cycle, parties: new Set<string>() };
    entry.parties.add(a.party.code);
    seen.set(key, entry);
  }
  const missing = [...seen.values()]
    .map((s) => ({ framework: s.framework.id, cycle: s.cycle, parties: catalogue.partiesOf(s.framework).filter((p) => !s.parties.has(p.code)) }))
    .sort((a, b) => byText(a.framework, b.framework) || byText(a.cycle, b.cycle));
  return { rows, accepted, missing };
}
