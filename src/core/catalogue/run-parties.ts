import { CodedError } from "../errors/coded-error";
import { PARTY_UNKNOWN, type Catalogue } from "./catalogue";
import { partiesNote } from "./provenance";
import type { Framework, Party } from "./schema";

/**
 * The parties a run is for — the templates sent out, the returns expected back: the framework's
 * list by default, or the parties the user chose of it (a secretariat writing to ten states of the
 * Prague Process does not expect forty-two more returns). Choices are of the framework's list only:
 * a return is attributed through that list, so a party outside it could never be received.
 */

/** A list of parties was given, but it names none (only blank lines, only commas). */
export const PARTIES_NONE_CHOSEN = "PT-CAT-006";

export interface RunParties {
  readonly framework: Framework;
  /** The parties of the run, in the catalogue's order (protocol order), each once. */
  readonly parties: readonly Party[];
  /** The framework's list as the catalogue has it. */
  readonly catalogueList: readonly Party[];
  /** The catalogue's parties not in the run, in its order. */
  readonly leftOut: readonly Party[];
}

/** Whether the run's parties are not the catalogue's list as it stands. */
export function isEdited(run: RunParties): boolean {
  return run.leftOut.length > 0;
}

/**
 * "AL, AT\nMoldova" → ["AL", "AT", "Moldova"]: a list as a user types it, one party per line or
 * separated by commas, blanks dropped. `commas: false` keeps commas inside a line (a file may name a
 * party whose name has one).
 */
export function partyEntries(text: string, commas = true): string[] {
  return text
    .split(commas ? /[\r\n,;]+/ : /\r?\n|\r/)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/**
 * The run's parties: the framework's whole list without `given`; else each given code or name
 * resolved as returns are (own code, ISO code, English, alias or native name, any case), duplicates
 * folded, in the catalogue's order. Every entry that is not a party of the framework is named in one
 * error (PT-CAT-003), `origin` (a file, an option) saying where the list came from.
 */
export function runParties(catalogue: Catalogue, framework: Framework, given?: readonly string[], origin?: string): RunParties {
  const catalogueList = catalogue.partiesOf(framework);
  if (given === undefined) return { framework, parties: catalogueList, catalogueList, leftOut: [] };
  const place = origin !== undefined ? { file: origin } : {};
  const entries = given.map((g) => g.trim()).filter((g) => g !== "");
  if (entries.length === 0) throw new CodedError(PARTIES_NONE_CHOSEN, `no party is given for ${framework.id}: name at least one, by code or name`, place);
  const chosen = new Set<string>();
  const unknown: string[] = [];
  for (const entry of entries) {
    const party = catalogue.findParty(framework, entry);
    if (party) chosen.add(party.code);
    else if (!unknown.includes(entry)) unknown.push(entry);
  }
  if (unknown.length > 0) {
    // The catalogue's own message for one (with its hint of codes), all of them named for several.
    const first = unknownMessage(catalogue, framework, unknown[0] ?? "");
    const message = unknown.length === 1 ? first : `${unknown.map((u) => `'${u}'`).join(", ")} are not parties of ${framework.id}${first.slice(first.indexOf(" ("))}`;
    throw new CodedError(PARTY_UNKNOWN, message, place);
  }
  return {
    framework,
    parties: catalogueList.filter((p) => chosen.has(p.code)),
    catalogueList,
    leftOut: catalogueList.filter((p) => !chosen.has(p.code)),
  };
}

function unknownMessage(catalogue: Catalogue, framework: Framework, entry: string): string {
  try {
    catalogue.party(framework, entry);
  } catch (e) {
    if (e instanceof CodedError) return e.message;
    throw e;
  }
  return `'${entry}' is not a party of ${framework.id}`;
}

const CHOSEN_LEAD = "Parties chosen for this run by the user: ";

/**
 * The note beside the party on a template, and on the report's sheets: the catalogue's own note
 * (whose list the framework uses where its document names none) while the run is for the whole list;
 * for a chosen list, which parties were chosen, and the catalogue's note after it — so
 * no sheet claims the catalogue's list where the user's was used.
 */
export function runPartiesNote(run: RunParties): string | undefined {
  const own = partiesNote(run.framework);
  if (!isEdited(run)) return own;
  const whose = own ? "the catalogue's list" : "the framework's list";
  // No count of the catalogue's list: a template's note must still read true when the list later grows.
  const chosen = `${CHOSEN_LEAD}${run.parties.map((p) => p.code).join(", ")} (chosen from ${whose}).`;
  return own ? `${chosen} The catalogue's list: ${own}` : chosen;
}

/**
 * The report's form of the note: the template's, then the parties left out of the run, and that
 * "missing" is counted against the chosen parties; the catalogue's note where nothing was chosen.
 */
export function runPartiesReportNote(run: RunParties): string | undefined {
  const note = runPartiesNote(run);
  if (!isEdited(run)) return note;
  return `${note} Not in this run: ${run.leftOut.map((p) => p.code).join(", ")}; "missing" counts the chosen parties only.`;
}

/** The register note of a return whose party is not one of the run's: still compiled, and said so. */
export function outsideRunNote(run: RunParties, party: Party): string | undefined {
  if (run.parties.some((p) => p.code === party.code)) return undefined;
  return `${party.name} (${party.code}) is outside the parties chosen for this run (${run.parties.map((p) => p.code).join(", ")}): compiled all the same`;
}

/**
 * Whether a note found beside a return's party is one a template of a chosen run writes for that
 * party: the chosen codes are read back from it, and it must be exactly the note such a run writes,
 * naming the sheet's own party. Anything else in that cell is text the template did not put there.
 */
export function isChosenRunNote(framework: Framework, catalogueList: readonly Party[], given: string, ownCode: string | undefined, same: (a: string, b: string) => boolean): boolean {
  if (!given.startsWith(CHOSEN_LEAD)) return false;
  const codes = given.slice(CHOSEN_LEAD.length).split(" (")[0]?.split(", ") ?? [];
  const chosen = new Set(codes);
  if (chosen.size !== codes.length || ownCode === undefined || !chosen.has(ownCode)) return false;
  const parties = catalogueList.filter((p) => chosen.has(p.code));
  if (parties.length !== chosen.size) return false;
  const note = runPartiesNote({ framework, parties, catalogueList, leftOut: catalogueList.filter((p) => !chosen.has(p.code)) });
  return note !== undefined && same(note, given);
}
