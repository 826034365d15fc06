import type { Framework, Party } from "../catalogue/schema";
import type { CellValue, SheetRole } from "../template/spec";
import type { EntryNote } from "../validation/entry-notes";
import type { AcceptedContribution } from "./contribution";

/**
 * What the report shows for one party (framework, cycle, sheet role), merged from every
 * contribution it sent, oldest first: an update round, or a later file of the same round,
 * replaces an entry only where it gives a value; an entry it leaves empty keeps the earlier one.
 * So an update that fills only the rows that changed loses nothing, and every entry knows the
 * contribution it came from. Formulas, errors, links and comments are kept beside the entry,
 * each with the contribution it came from, whatever replaced the value.
 */

export interface ReportedNote extends EntryNote {
  readonly from: AcceptedContribution;
}

export interface ReportedEntry {
  /** null where no contribution gave a value (the notes may still say why: a formula, an error). */
  readonly value: CellValue;
  readonly notes: readonly ReportedNote[];
  /** The contribution of the value, or of the first note where there is no value. */
  readonly from: AcceptedContribution;
}

export interface ContributionUse {
  /** Entries (values or notes) of this contribution that the report shows. */
  readonly used: number;
  /** Values it gave that a later contribution replaced. */
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
  /** Fails closed: false as soon as any return attributed to the party is not recognisably yes (see PartyPresence). */
  readonly publishable: boolean;
  /** The choice as the internal edition states it. */
  readonly dissemination: string;
  /** No entry column holds anything: a blank template came back (not a report). */
  readonly returnedEmpty: boolean;
}

/** Whether a party may be published, decided over every return attributed to it (see register.ts). */
export interface PublicationDecision {
  readonly publishable: boolean;
  readonly dissemination: string;
}

const COLLABORATION = new Set(["responsible", "review"]);
/** Most entries have no notes: they share one empty list rather than a new one each. */
const NO_NOTES: readonly ReportedNote[] = Object.freeze([]);

export function mergeResponse(contributions: readonly AcceptedContribution[], decision: PublicationDecision): PartyResponse {
  const latest = contributions[contributions.length - 1];
  if (!latest) throw new Error("a response needs at least one contribution");
  const entries = new Map<string, Map<string, ReportedEntry>>();
  const replaced = new Map<AcceptedContribution, { count: number; by: Set<AcceptedContribution> }>();
  for (const c of contributions) {
    for (const [ref, values] of c.sheet.entries) {
      let row = entries.get(ref);
      if (!row) entries.set(ref, (row = new Map<string, ReportedEntry>()));
      const notesOf = c.sheet.notes.get(ref);
      for (const col in values) {
        const value = values[col] as CellValue;
        const own = notesOf?.[col];
        const notes = own && own.length > 0 ? own.map((n): ReportedNote => ({ ...n, from: c })) : NO_NOTES;
        const prev = row.get(col);
        const kept = prev?.notes ?? NO_NOTES;
        const all = kept.length === 0 ? notes : notes.length === 0 ? kept : [...kept, ...notes];
        if (value !== null) {
          if (prev && prev.value !== null) {
            const r = replaced.get(prev.from) ?? { count: 0, by: new Set<AcceptedContribution>() };
            r.count++;
            r.by.add(c);
            replaced.set(prev.from, r);
          }
          row.set(col, { value, notes: all, from: c });
        } else if (notes.length > 0) {
          // A formula, error, link or comment without a value never erases an earlier answer: it goes beside it.
          row.set(col, prev ? { ...prev, notes: all } : { value: null, notes, from: c });
        }
      }
    }
  }
  const used = new Map<AcceptedContribution, number>();
  const count = (s: AcceptedContribution): void => void used.set(s, (used.get(s) ?? 0) + 1);
  let returnedEmpty = true;
  for (const row of entries.values()) {
    for (const [col, e] of row) {
      if (returnedEmpty && !COLLABORATION.has(col) && (e.value !== null || e.notes.length > 0)) returnedEmpty = false;
      if (e.notes.length === 0) {
        if (e.value !== null) count(e.from);
        continue;
      }
      const sources = new Set<AcceptedContribution>(e.notes.map((n) => n.from));
      if (e.value !== null) sources.add(e.from);
      for (const s of sources) count(s);
    }
  }
  const usage = new Map<AcceptedContribution, ContributionUse>(
    contributions.map((c) => [c, { used: used.get(c) ?? 0, replaced: replaced.get(c)?.count ?? 0, replacedBy: replaced.get(c)?.by ?? new Set() }]),
  );
  return {
    framework: latest.framework,
    party: latest.party,
    cycle: latest.cycle,
    role: latest.role,
    contributions,
    latest,
    entries,
    usage,
    publishable: decision.publishable,
    dissemination: decision.dissemination,
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
