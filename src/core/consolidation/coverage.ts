import type { Framework } from "../catalogue/schema";
import type { CellValue } from "../template/spec";
import { isNothingToReport } from "../validation/rules";

export const COVERAGE = ["reported", "nothing to report", "empty", "not participating"] as const;
export type Coverage = (typeof COVERAGE)[number];

/** Heat-map colours for the coverage matrix, by state. */
export const COVERAGE_FILLS: Readonly<Record<Coverage, string>> = {
  reported: "C6EFCE",
  "nothing to report": "FFEB9C",
  empty: "FFC7CE",
  "not participating": "D9D9D9",
};

const text = (v: CellValue | undefined): string => (v === null || v === undefined ? "" : typeof v === "object" ? v.date : String(v)).trim();

/** How one party covered one item, from its entries (text columns decide; participation "no" excuses). */
export function coverageOf(framework: Framework, entries: Readonly<Record<string, CellValue>> | undefined, textColumns: readonly string[] = framework.entryColumns.filter((c) => c.type === "text").map((c) => c.id)): Coverage {
  if (!entries) return "empty";
  if (text(entries["participation"]).toLowerCase() === "no") return "not participating";
  const texts = textColumns.map((id) => text(entries[id])).filter((t) => t !== "");
  if (texts.length === 0) return "empty";
  return texts.every(isNothingToReport) ? "nothing to report" : "reported";
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
  textColumns: readonly string[] = framework.entryColumns.filter((c) => c.type === "text").map((c) => c.id),
): Coverage {
  const own = coverageOf(framework, entriesOf(ref), textColumns);
  if (own !== "empty") return own;
  const of = (r: string): Coverage => coverageOf(framework, entriesOf(r), textColumns);
  const best = (cs: readonly Coverage[]): Coverage => cs.find((c) => c === "reported") ?? cs.find((c) => c === "nothing to report") ?? own;
  const items = framework.areas.flatMap((a) => a.items);
  const covered = items.find((i) => i.ref === ref)?.covers;
  if (covered) return best(covered.map(of));
  const single = items.filter((i) => i.covers?.includes(ref));
  return best(single.filter((i) => (i.covers ?? []).every((r) => of(r) === "empty")).map((i) => of(i.ref)));
}
