import type { Framework, Party } from "../catalogue/schema";
import type { CellValue, SheetRole } from "../template/spec";
import { describeChoice, isPublishable } from "../validation/dissemination";
import type { EntryNote } from "../validation/entry-notes";
import type { AcceptedContribution } from "./register";

/**
 * What the report shows for one party (framework, cycle, sheet role), merged from every
 * contribution it sent, oldest first: an update round, or a later file of the same round,
 * replaces an entry only where it fills it; an entry it leaves empty keeps the earlier one.
 * So an update that fills only the rows that changed loses nothing, and every entry knows the
 * contribution it came from.
 */

export interface ReportedEntry {
  readonly value: CellValue;
  /** Formulas, errors, links, comments on the cell (and on the same cell of later, unfilled returns). */
  readonly notes: readonly EntryNote[];
  readonly from: AcceptedContribution;
}

export interface ContributionUse {
  /** Entries of this contribution that the report shows. */
  readonly used: number;
  /** Entries it filled that a later contribution replaced. */
  readonly replaced: number;
  readonly replacedBy: ReadonlySet<AcceptedContribution>;
}

export interface PartyResponse {
  readonly framework: Framework;
  readonly party: Party;
  readonly cycle: string;
  readonly role: SheetRole;
  /** Oldest first. */
  readonly contributions: readonly AcceptedContribution[];
  readonly latest: AcceptedContribution;
  /** Per item reference, per column id. */
  readonly entries: ReadonlyMap<string, ReadonlyMap<string, ReportedEntry>>;
  readonly usage: ReadonlyMap<AcceptedContribution, ContributionUse>;
  /** Fails closed: false as soon as any contribution's dissemination choice is not recognisably yes. */
  readonly publishable: boolean;
  /** The choice as the internal edition states it. */
  readonly dissemination: string;
  /** No entry column holds anything: a blank template came back (not a report). */
  readonly returnedEmpty: boolean;
}

/** A cell counts as filled when it has a value, or a formula or error that stands for one. */
function filled(value: CellValue, notes: readonly EntryNote[]): boolean {
  return value !== null || notes.some((n) => n.kind === "formula" || n.kind === "error");
}

export function mergeResponse(contributions: readonly AcceptedContribution[]): PartyResponse {
  const latest = contributions[contributions.length - 1];
  if (!latest) throw new Error("a response needs at least one contribution");
  const entries = new Map<string, Map<string, ReportedEntry>>();
  const replaced = new Map<AcceptedContribution, { count: number; by: Set<AcceptedContribution> }>();
  for (const c of contributions) {
    for (const [ref, values] of c.sheet.entries) {
      const row = entries.get(ref) ?? new Map<string, ReportedEntry>();
      entries.set(ref, row);
      const notesOf = c.sheet.notes.get(ref) ?? {};
      for (const [col, value] of Object.entries(values)) {
        const notes = notesOf[col] ?? [];
        const prev = row.get(col);
        if (filled(value, notes)) {
          if (prev && filled(prev.value, prev.notes)) {
            const r = replaced.get(prev.from) ?? { count: 0, by: new Set<AcceptedContribution>() };
            r.count++;
            r.by.add(c);
            replaced.set(prev.from, r);
          }
          row.set(col, { value, notes, from: c });
        } else if (notes.length > 0) {
          // A comment or link on a cell the later return left empty: kept beside the earlier entry.
          row.set(col, prev ? { ...prev, notes: [...prev.notes, ...notes] } : { value: null, notes, from: c });
        }
      }
    }
  }
  const used = new Map<AcceptedContribution, number>();
  for (const row of entries.values()) for (const e of row.values()) used.set(e.from, (used.get(e.from) ?? 0) + 1);
  const usage = new Map<AcceptedContribution, ContributionUse>(
    contributions.map((c) => [c, { used: used.get(c) ?? 0, replaced: replaced.get(c)?.count ?? 0, replacedBy: replaced.get(c)?.by ?? new Set() }]),
  );
  const withheld = contributions.filter((c) => !isPublishable(c.sheet.dissemination));
  const dissemination = withheld.length
    ? withheld.map((c) => `${c.source.file} › ${c.sheet.sheet}: ${describeChoice(c.sheet.dissemination)}`).join("; ")
    : describeChoice(latest.sheet.dissemination);
  const collaboration = new Set(["responsible", "review"]);
  const returnedEmpty = ![...entries.values()].some((row) => [...row].some(([col, e]) => !collaboration.has(col) && (e.value !== null || e.notes.length > 0)));
  return {
    framework: latest.framework,
    party: latest.party,
    cycle: latest.cycle,
    role: latest.role,
    contributions,
    latest,
    entries,
    usage,
    publishable: withheld.length === 0,
    dissemination,
    returnedEmpty,
  };
}

/** One item's values as a plain record, for coverage and status. */
export function valuesOf(response: PartyResponse | undefined, ref: string): Record<string, CellValue> | undefined {
  const row = response?.entries.get(ref);
  if (!row) return undefined;
  const out: Record<string, CellValue> = {};
  for (const [col, e] of row) out[col] = e.value;
  return out;
}
