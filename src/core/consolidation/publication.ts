import type { Catalogue } from "../catalogue/catalogue";
import type { Framework, Party } from "../catalogue/schema";
import { byText } from "../text-order";
import { describeChoice, isPublishable } from "../validation/dissemination";
import type { TemplateSheet } from "../validation/validate-sheet";
import type { ReturnedFile } from "./contribution";
import { identityClues, partiesPointedTo } from "./identity-clues";
import { contributionLabel, PUBLIC_BLOCKED, type PartyPresence, type Register } from "./register-model";

/** Who may be published, per framework, cycle and party, and what a return whose party cannot be told withholds. */

/** A return that may withhold its answers (its choice is not a clear yes) but names no framework, party or cycle for sure. */
export interface Unattributed {
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
export function withholdUnattributed(
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
export interface Attributed {
  readonly source: ReturnedFile;
  readonly sheet: TemplateSheet;
  readonly framework: Framework;
  readonly party: Party;
  readonly cycle: string;
}


export function decidePublication(attributed: readonly Attributed[]): PartyPresence[] {
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
