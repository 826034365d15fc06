import { byText } from "../../text-order";
import type { Catalogue } from "../../catalogue/catalogue";
import type { Framework, Party } from "../../catalogue/schema";
import type { SheetRole } from "../../template/spec";
import { compareCycles, type PreviousCycle, type PreviousResponse } from "../../cycles/previous";
import type { PartyResponse } from "../party-response";
import { chosenFor, expectedParties, type Register } from "../register";
import type { RunParties } from "../../catalogue/run-parties";
import type { Edition } from "./headings";

/** The report's units: a framework and cycle each, with the parties this edition shows and their earlier cycles. */

export type { Edition } from "./headings";
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

export interface Unit {
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
  /** The parties chosen for this run where the user chose them: their note is on every sheet of the unit. */
  readonly chosen?: RunParties;
  /** Whom returns were expected from: the chosen parties, else the framework's list (who is "missing"). */
  readonly expected: readonly Party[];
}

/** One earlier cycle of a unit's framework: what each party answered then, per sheet role. */
export interface Earlier {
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
export function earlierResponse(unit: Unit, earlier: Earlier, party: Party, role: SheetRole): PreviousResponse | undefined {
  const r = earlier.byParty.get(party.code)?.get(role);
  if (!r) return undefined;
  return unit.edition === "internal" || (isShown(unit, party) && r.publishable) ? r : undefined;
}


export function units(register: Register, catalogue: Catalogue, order: PartyOrder, edition: Edition, previous: readonly PreviousCycle[]): Unit[] {
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
      const chosen = chosenFor(register.chosen, u.framework);
      return { ...u, parties, edition, ...(chosen ? { chosen } : {}), expected: expectedParties(register.chosen, catalogue, u.framework), earlier: earlierCycles(previous, u.framework, u.cycle, edition, new Set([...u.withheld, ...pointed])) };
    });
}

/** Whether this edition may show the party's responses: the public edition fails closed on dissemination. */
export function isShown(unit: Unit, party: Party): boolean {
  return !unit.withheld.has(party.code);
}

export function itemRole(framework: Framework): SheetRole {
  return framework.kind === "pact" ? "factual" : framework.kind === "ad-hoc-query" ? "questionnaire" : "matrix";
}
