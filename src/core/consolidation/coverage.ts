import { columnWithRole, decidingColumns, saysNotParticipating, textColumnsOf, valuesMeaning } from "../catalogue/roles";
import type { EntryColumn, Framework } from "../catalogue/schema";
import type { CellValue } from "../template/spec";
import { isNothingToReport } from "../validation/rules";

/**
 * How a party covered an item, as the documents mean it: an item is reported when the entry the
 * document asks of every item (the catalogue's `primary` entry column: the Pact's "Main actions
 * undertaken", an action plan's "Activities undertaken", the EMN query's response) is given — text
 * other than a "nothing to report" phrase; partly reported when that entry is not given but another
 * text entry is (Poland's "Most significant developments planned" without the actions undertaken).
 */
export const COVERAGE = ["reported", "partly reported", "nothing to report", "empty", "not participating"] as const;
export type Coverage = (typeof COVERAGE)[number];

/** Heat-map colours for the coverage matrix, by state. */
export const COVERAGE_FILLS: Readonly<Record<Coverage, string>> = {
  reported: "C6EFCE",
  "partly reported": "DDEBF7",
  "nothing to report": "FFEB9C",
  empty: "FFC7CE",
  "not participating": "D9D9D9",
};

const text = (v: CellValue | undefined): string => (v === null || v === undefined ? "" : typeof v === "object" ? v.date : String(v)).trim();

/** Given: text other than a "nothing to report" phrase. */
const given = (t: string): boolean => t !== "" && !isNothingToReport(t);

/** How one party covered one item, from its entries (text columns decide; participation "no" excuses). */
export function coverageOf(framework: Framework, entries: Readonly<Record<string, CellValue>> | undefined, textColumns: readonly string[] = textColumnsOf(framework)): Coverage {
  if (!entries) return "empty";
  const participation = columnWithRole(framework, "participation");
  if (participation && saysNotParticipating(framework, text(entries[participation.id]))) return "not participating";
  const texts = textColumns.map((id) => text(entries[id]));
  if (texts.every((t) => t === "")) return "empty";
  const deciding = decidingColumns(framework, textColumns);
  const reported = deciding.length > 0 ? deciding.every((c) => given(text(entries[c.id]))) : texts.some(given);
  if (reported) return "reported";
  return texts.some(given) ? "partly reported" : "nothing to report";
}

/**
 * What each state means, one line each, for the coverage sheet's legend: the deciding entry named
 * by its heading in the catalogue.
 */
export function coverageMeanings(framework: Framework, textColumns: readonly string[] = textColumnsOf(framework)): Readonly<Record<Coverage, string>> {
  const quote = (cs: readonly EntryColumn[]): string => cs.map((c) => `“${c.header}”`).join(" and ");
  const deciding = decidingColumns(framework, textColumns);
  const others = framework.entryColumns.filter((c) => textColumns.includes(c.id) && !deciding.includes(c));
  const participation = columnWithRole(framework, "participation");
  return {
    reported: deciding.length > 0 ? `${quote(deciding)} is given (text other than a “nothing to report” phrase).` : "an entry is given (text other than a “nothing to report” phrase).",
    "partly reported":
      deciding.length === 0 ? "does not occur: no entry is asked of every item." : others.length === 0 ? `does not occur: ${quote(deciding)} is the only entry.` : `${quote(deciding)} is not given, but another entry is (${quote(others)}).`,
    "nothing to report": "no entry is given, and at least one says “nothing to report”.",
    empty: "no entry holds any text (or the party's return does not give the item).",
    "not participating": participation
      ? `“${participation.header}” is ${valuesMeaning(framework, participation, "no").map((v) => `“${v}”`).join(" or ")}: the party does not take part, and needs no entry.`
      : "does not occur: the framework asks no participation.",
  };
}

/**
 * A party's coverage of an item, where an empty item counts as its alternatives do, as the
 * validator excuses them: a party that answered none of the questions on its own but gave the
 * single response to all (the EMN query's 1.–4.) covered each question with it; a party that
 * answered the questions one by one covered the single response with them. `entriesOf` gives an
 * item's values by reference (a merged response in a report, a sheet's entries in Progress).
 */
export function itemCoverage(
  framework: Framework,
  entriesOf: (ref: string) => Readonly<Record<string, CellValue>> | undefined,
  ref: string,
  textColumns: readonly string[] = textColumnsOf(framework),
): Coverage {
  const own = coverageOf(framework, entriesOf(ref), textColumns);
  if (own !== "empty") return own;
  const of = (r: string): Coverage => coverageOf(framework, entriesOf(r), textColumns);
  const best = (cs: readonly Coverage[]): Coverage => (["reported", "partly reported", "nothing to report"] as const).find((c) => cs.includes(c)) ?? own;
  const items = framework.areas.flatMap((a) => a.items);
  const covered = items.find((i) => i.ref === ref)?.covers;
  if (covered) return best(covered.map(of));
  const single = items.filter((i) => i.covers?.includes(ref));
  return best(single.filter((i) => (i.covers ?? []).every((r) => of(r) === "empty")).map((i) => of(i.ref)));
}
