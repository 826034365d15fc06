import type { Requirements } from "./requirements";

/**
 * What the adapter uses above REQUIRED_EXCEL_API, and whether it may use it here. Two things must
 * both hold: the host supports the requirement set (Office.context.requirements), and the office.js
 * library the page loaded defines the members. They can disagree: isSetSupported reports the host,
 * while an old or pinned office.js lacks newer members, and `worksheet.notes` is then undefined
 * ("Cannot read properties of undefined (reading 'load')") on an Excel that "supports" 1.18.
 */

/** One member of an Excel API class, as `Class.member` (Excel.Range.prototype.valuesAsJson → "Range.valuesAsJson"). */
export type MemberName = `${string}.${string}`;

export interface Feature {
  /** The ExcelApi version that brought the members. */
  readonly version: string;
  /** Every member the adapter touches for this feature. */
  readonly members: readonly MemberName[];
  /** For messages: what the feature is. */
  readonly what: string;
}

export const FEATURES = {
  /** Range.valuesAsJson: writing a String that stays a String whatever it looks like. */
  typedValues: { version: "1.16", members: ["Range.valuesAsJson"], what: "typed cell values" },
  /** Threaded comments on a sheet. */
  comments: { version: "1.10", members: ["Worksheet.comments", "CommentCollection.getItemByCell"], what: "comments" },
  /** Notes (the old comments). */
  notes: { version: "1.18", members: ["Worksheet.notes"], what: "notes" },
  /** Merged areas of a range. */
  merges: { version: "1.13", members: ["Range.getMergedAreasOrNullObject"], what: "merged cells" },
  /** A sheet renamed (by the user or a co-author). */
  renameEvent: { version: "1.17", members: ["WorksheetCollection.onNameChanged"], what: "the sheet-renamed event" },
} as const satisfies Record<string, Feature>;

export type FeatureName = keyof typeof FEATURES;

/** Whether the loaded office.js defines a member (the Excel classes' prototypes carry every property and method). */
export interface Library {
  hasMember(member: MemberName): boolean;
}

export interface Capabilities {
  has(feature: FeatureName): boolean;
  /** Why a feature is not available, for a message ("notes need ExcelApi 1.18, which this Excel does not support"). */
  whyNot(feature: FeatureName): string | undefined;
}

/** A library that defines every member (tests whose fake has every member; a page without office.js never asks). */
export const FULL_LIBRARY: Library = { hasMember: () => true };

export function capabilities(requirements: Requirements, library: Library = FULL_LIBRARY): Capabilities {
  const missingMember = (name: FeatureName): MemberName | undefined => FEATURES[name].members.find((m) => !library.hasMember(m));
  const hostHas = (name: FeatureName): boolean => requirements.isSetSupported("ExcelApi", FEATURES[name].version);
  return {
    has: (name) => hostHas(name) && missingMember(name) === undefined,
    whyNot(name) {
      const f = FEATURES[name];
      if (!hostHas(name)) return `${f.what} need ExcelApi ${f.version}, which this Excel does not support`;
      const member = missingMember(name);
      return member === undefined ? undefined : `${f.what} need ${member} (ExcelApi ${f.version}), which the loaded office.js does not define`;
    },
  };
}

/**
 * The office.js the page loaded: Excel.<Class>.prototype has the member. Read when asked, never at
 * import, so the pane also starts without office.js.
 */
export function loadedLibrary(excel: () => Record<string, unknown> = () => Excel as unknown as Record<string, unknown>): Library {
  return {
    hasMember(member) {
      const [cls, name] = member.split(".") as [string, string];
      const type = excel()[cls];
      if (typeof type !== "function") return false;
      const prototype = (type as { prototype?: unknown }).prototype;
      return typeof prototype === "object" && prototype !== null && name in prototype;
    },
  };
}
