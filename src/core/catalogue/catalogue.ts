import { CodedError } from "../errors/coded-error";
import {
  frameworkSchema,
  partiesFileSchema,
  partyListSchema,
  type Framework,
  type Item,
  type Party,
  type PartyList,
  type Renaming,
} from "./schema";

/** Codes for catalogue problems. */
export const CATALOGUE_INVALID = "PT-CAT-001";
export const FRAMEWORK_UNKNOWN = "PT-CAT-002";
export const PARTY_UNKNOWN = "PT-CAT-003";
export const PARTY_LIST_UNKNOWN = "PT-CAT-004";
export const FRAMEWORK_DUPLICATE = "PT-CAT-005";

function describeIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 5)
    .map((i) => `${i.path.map(String).join(".") || "(top)"}: ${i.message}`)
    .join("; ");
}

/** Checks a parsed framework file against the schema; `origin` names the file in errors. */
export function parseFramework(data: unknown, origin: string): Framework {
  const result = frameworkSchema.safeParse(data);
  if (!result.success) {
    throw new CodedError(CATALOGUE_INVALID, `not a valid framework catalogue: ${describeIssues(result.error.issues)}`, { file: origin });
  }
  return result.data;
}

export function parsePartyLists(data: unknown, origin: string): PartyList[] {
  const invalid = (issues: string): CodedError => new CodedError(CATALOGUE_INVALID, `not a valid party file: ${issues}`, { file: origin });
  const result = partiesFileSchema.safeParse(data);
  if (!result.success) throw invalid(describeIssues(result.error.issues));
  const lists: PartyList[] = [];
  result.data.lists.forEach((raw, i) => {
    const resolved = "parties" in raw ? raw : derivedList(raw, lists, (issue) => invalid(`lists.${i}: ${issue}`));
    const checked = partyListSchema.safeParse(resolved);
    if (!checked.success) throw invalid(describeIssues(checked.error.issues.map((x) => ({ ...x, path: ["lists", i, ...x.path] }))));
    lists.push(checked.data);
  });
  return lists;
}

/**
 * A list based on an earlier one: the same parties in the same order, the renamed ones under their
 * new name, with the former name first among the aliases (so returns made with it still resolve),
 * and the added ones after them.
 */
function derivedList(
  raw: { id: string; title: string; source: string; basedOn: string; renamed: Renaming[]; added: Party[] },
  earlier: readonly PartyList[],
  invalid: (issue: string) => CodedError,
): PartyList {
  const base = earlier.find((l) => l.id === raw.basedOn);
  if (!base) throw invalid(`based on '${raw.basedOn}', which is not an earlier list of the file`);
  for (const r of raw.renamed) if (!base.parties.some((p) => p.code === r.code)) throw invalid(`renames '${r.code}', which is not a party of '${raw.basedOn}'`);
  const parties = base.parties.map((p): Party => {
    const renaming = raw.renamed.find((r) => r.code === p.code);
    if (!renaming) return p;
    const seen = new Set([normaliseName(renaming.name)]);
    const aliases = [p.name, ...p.aliases].filter((a) => !seen.has(normaliseName(a)) && Boolean(seen.add(normaliseName(a))));
    return { ...p, name: renaming.name, aliases };
  });
  return { id: raw.id, title: raw.title, source: raw.source, parties: [...parties, ...raw.added], renamed: raw.renamed };
}

/** Folds case, accents, punctuation and a leading "the" so "the Netherlands", "NETHERLANDS" and "Netherlands" meet. */
export function normaliseName(s: string): string {
  return s
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()
    .replace(/^the /, "");
}

/** Every item of a framework in document order, with its area. */
export function itemsOf(framework: Framework): { areaId: string; item: Item }[] {
  return framework.areas.flatMap((area) => area.items.map((item) => ({ areaId: area.id, item })));
}

/** "a code such as BE, BG, CZ; ISO codes also work: GR and GRC for EL, GB and GBR for UK, BEL for BE": the party hint. */
function codeHint(parties: readonly Party[]): string {
  const codes = `a code such as ${parties.slice(0, 3).map((p) => p.code).join(", ")}`;
  // Every party whose ISO alpha-2 differs, then one alpha-3 example.
  const differing = parties.filter((p) => p.isoCodes.some((c) => c.length === 2));
  const example = parties.find((p) => !differing.includes(p) && p.isoCodes.length > 0);
  const iso = [...differing, ...(example ? [example] : [])].map((p) => `${p.isoCodes.join(" and ")} for ${p.code}`);
  return iso.length ? `${codes}; ISO codes also work: ${iso.join(", ")};` : `${codes},`;
}

export class Catalogue {
  private readonly byId = new Map<string, Framework>();
  private readonly listsById = new Map<string, PartyList>();

  constructor(frameworks: readonly Framework[], partyLists: readonly PartyList[]) {
    for (const list of partyLists) this.listsById.set(list.id, list);
    for (const fw of frameworks) this.add(fw);
  }

  /** Adds a framework (e.g. from --framework-file); its party list must exist. */
  add(framework: Framework, origin = framework.id): void {
    if (this.byId.has(framework.id)) {
      throw new CodedError(FRAMEWORK_DUPLICATE, `framework '${framework.id}' is already loaded`, { file: origin });
    }
    if (!this.listsById.has(framework.parties)) {
      throw new CodedError(PARTY_LIST_UNKNOWN, `framework '${framework.id}' names party list '${framework.parties}', which does not exist (known: ${[...this.listsById.keys()].join(", ")})`, { file: origin });
    }
    this.byId.set(framework.id, framework);
  }

  get frameworks(): Framework[] {
    return [...this.byId.values()];
  }

  /** Every party list, as the constructor takes them: with `frameworks`, what rebuilds this catalogue in another thread. */
  get partyLists(): PartyList[] {
    return [...this.listsById.values()];
  }

  framework(id: string): Framework {
    const fw = this.byId.get(id);
    if (!fw) {
      throw new CodedError(FRAMEWORK_UNKNOWN, `unknown framework '${id}' (known: ${[...this.byId.keys()].join(", ")})`);
    }
    return fw;
  }

  findFramework(id: string): Framework | undefined {
    return this.byId.get(id);
  }

  /** The framework's party list: title, source, renamings and parties. */
  partyListOf(framework: Framework): PartyList {
    const list = this.listsById.get(framework.parties);
    if (!list) throw new CodedError(PARTY_LIST_UNKNOWN, `party list '${framework.parties}' does not exist`);
    return list;
  }

  partiesOf(framework: Framework): readonly Party[] {
    return this.partyListOf(framework).parties;
  }

  /** Finds a party of the framework by code (its own, or an ISO code: GR, GRC), English name, alias or native name (Deutschland), or undefined. */
  findParty(framework: Framework, input: string): Party | undefined {
    const wanted = input.trim();
    const parties = this.partiesOf(framework);
    const code = wanted.toUpperCase();
    const byCode = parties.find((p) => p.code === code) ?? parties.find((p) => p.isoCodes.includes(code));
    if (byCode) return byCode;
    const n = normaliseName(wanted);
    if (!n) return undefined;
    return this.namesOf(parties).get(n);
  }

  /** Every party's names, normalised once per list: a thousand returns each name their party. */
  private readonly names = new WeakMap<readonly Party[], Map<string, Party>>();
  private namesOf(parties: readonly Party[]): Map<string, Party> {
    let byName = this.names.get(parties);
    if (!byName) {
      byName = new Map();
      // The first party in list order wins a name two share, as a search in order would find it.
      for (const p of parties) for (const a of [p.name, ...p.aliases, ...p.nativeNames]) if (!byName.has(normaliseName(a))) byName.set(normaliseName(a), p);
      this.names.set(parties, byName);
    }
    return byName;
  }

  party(framework: Framework, input: string): Party {
    const p = this.findParty(framework, input);
    if (!p) {
      throw new CodedError(PARTY_UNKNOWN, `'${input}' is not a party of ${framework.id} (use ${codeHint(this.partiesOf(framework))} or an English name)`);
    }
    return p;
  }
}
