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
