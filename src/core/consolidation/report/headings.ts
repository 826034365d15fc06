import { TEMPLATE_MARKER } from "../../template/layout";

/**
 * The words of the combined report that are read back: `../../cycles/report-reader.ts` recognises a
 * report of ours and finds its compilations' columns by these, so both sides take them from here.
 */

export type Edition = "internal" | "public";

/** Who made the report, as its Summary's legend says ("… by pact-tracker"). */
export const REPORT_MAKER = TEMPLATE_MARKER.split("/")[0] ?? "pact-tracker";

export const SUMMARY_TITLE = "Combined report — summary";

/** How a sheet's legend names its edition: "Internal edition", "Public edition". */
export const EDITION_LABEL: Readonly<Record<Edition, string>> = { internal: "Internal edition", public: "Public edition" };

/** The Summary's legend: "Internal edition, made 2026-11-14 by pact-tracker". */
export function summaryLegend(edition: Edition, generatedAt: string | undefined): string {
  return `${EDITION_LABEL[edition]}${generatedAt ? `, made ${generatedAt}` : ""} by ${REPORT_MAKER}`;
}

/** What matches any Summary legend of ours, of either edition, with or without its date. */
export const SUMMARY_LEGEND_PATTERN = new RegExp(`^(?:${Object.values(EDITION_LABEL).map(literal).join("|")})(?:, made .+)? by ${literal(REPORT_MAKER)}$`);

/** What a sheet's title says it is: "<framework> — <kind> — cycle <cycle>". */
export const TITLE_KIND = { compilation: "compilation", political: "political reports" } as const;

export function sheetTitle(frameworkTitle: string, kind: string, cycle: string): string {
  return `${frameworkTitle} — ${kind} — cycle ${cycle}`;
}

/** What matches a title of that kind: the framework's title and the cycle are its two groups. */
export function sheetTitlePattern(kind: string): RegExp {
  return new RegExp(`^(.+)${literal(sheetTitle("", kind, ""))}(.+)$`);
}

/** The name a sheet is given after its framework (and cycle): "pact-2008 compilation", "pact-2008 political". */
export const SHEET_SUFFIX = { compilation: "compilation", political: "political" } as const;

/** What matches a sheet named as a compilation or political report (a copy numbered " 2" too): the framework id is its group. */
export const COMPILATION_NAME_PATTERN = new RegExp(`^(\\S+) (?:\\S+ )?(?:${Object.values(SHEET_SUFFIX).map(literal).join("|")})(?: \\d+)?$`);

/** Headings of the compilation and political sheets. */
export const REF_HEADER = "Ref";
export const AREA_HEADER = "Area";
export const PARTY_HEADER = "Party";
export const CODE_HEADER = "Code";
export const RESPONSIBLE_HEADER = "Responsible unit / contact";
export const REVIEW_HEADER = "Review state";
export const DISSEMINATION_HEADER = "Wider dissemination";
export const SOURCE_HEADER = "Source";

/** The notes column: everything in the internal edition; only links (the party's own content) in public. */
export const NOTES_HEADER: Readonly<Record<Edition, string>> = { internal: "Notes (formulas, links, comments)", public: "Links" };

/** In the public edition, in place of a withheld party's answers, where its framework gives no sentence of its own. */
export const DEFAULT_WITHHELD_SENTENCE = "This party's response is not for wider dissemination.";

/** Text as a regular expression matching it literally. */
function literal(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
