import { columnWithRole, decidingColumns } from "../catalogue/roles";
import type { EntryColumn, Framework } from "../catalogue/schema";
import type { SheetRole } from "./spec";

/**
 * Where things stand on a template sheet. The builder writes by this layout and the
 * readers (validation, consolidation) find things by it, so the two never disagree.
 */

/** Written beside the "Template" label; the number grows if the layout changes. */
export const TEMPLATE_MARKER = "pact-tracker/1";

/** Metadata rows of the header block: label in column A, value in column B. */
export const META = {
  template: "Template",
  framework: "Framework",
  version: "Catalogue version",
  fingerprint: "Catalogue fingerprint",
  party: "Party",
  partyCode: "Party code",
  cycle: "Reporting cycle",
  round: "Round",
  sheet: "Sheet",
  dissemination: "Wider dissemination",
  previous: "Previous cycle",
} as const;

export type MetaKey = keyof typeof META;

/** Row (zero-based) of each metadata label; row 0 holds the title. */
export const META_ROWS: Readonly<Record<MetaKey, number>> = {
  template: 1,
  framework: 2,
  version: 3,
  fingerprint: 4,
  party: 5,
  partyCode: 6,
  cycle: 7,
  round: 8,
  sheet: 9,
  dissemination: 10,
  /** Only on a template started from a previous return (see src/core/cycles). */
  previous: 12,
};

/** How far down readers look for metadata labels. */
export const META_SCAN_ROWS = 12;
export const INSTRUCTIONS_ROW = 11;
export const TABLE_HEADER_ROW = 13;
export const FIRST_BODY_ROW = TABLE_HEADER_ROW + 1;

/** Collaboration: several departments share one workbook. */
export const REVIEW_STATES = ["draft", "ready for review", "approved"] as const;
export type ReviewState = (typeof REVIEW_STATES)[number];

export type TableColumn =
  | { readonly kind: "ref"; readonly header: string; readonly width: number }
  | { readonly kind: "item"; readonly header: string; readonly width: number }
  | { readonly kind: "guidance"; readonly header: string; readonly width: number }
  | { readonly kind: "mainCommitment"; readonly header: string; readonly width: number }
  | { readonly kind: "entry"; readonly header: string; readonly width: number; readonly entry: EntryColumn }
  | { readonly kind: "responsible"; readonly header: string; readonly width: number }
  | { readonly kind: "review"; readonly header: string; readonly width: number }
  /** Read-only: what the party gave last cycle in entry column `shows` (a template started from a previous return). */
  | { readonly kind: "previous"; readonly header: string; readonly width: number; readonly shows: string };

/**
 * Where a template started from last cycle's return shows last cycle beside this one, by the
 * columns' roles: a status beside this cycle's status (a completed action stands out); without a
 * status, what was planned beside this cycle's first deciding entry (the Pact's planned
 * developments beside its actions undertaken: the annual report is about progress on them).
 */
function previousShown(framework: Framework): { readonly shows: string; readonly before: string; readonly header: string; readonly width: number } | undefined {
  const status = columnWithRole(framework, "status");
  if (status) return { shows: status.id, before: status.id, header: `${status.header} last cycle`, width: 16 };
  const planned = columnWithRole(framework, "planned");
  const deciding = decidingColumns(framework)[0];
  if (planned && deciding && deciding !== planned) return { shows: planned.id, before: deciding.id, header: "Planned last cycle", width: 40 };
  return undefined;
}

/** The read-only column of last cycle a template of this framework and role has, when started from a previous return. */
export function previousColumn(framework: Framework, role: SheetRole, previousCycle: string): Extract<TableColumn, { kind: "previous" }> & { before: string } | undefined {
  const p = previousShown(framework);
  if (!p || (role !== "factual" && role !== "matrix")) return undefined;
  return { kind: "previous", header: `${p.header} (${previousCycle})`, width: p.width, shows: p.shows, before: p.before };
}

const ITEM_HEADER: Readonly<Record<Framework["kind"], string>> = {
  pact: "Commitment",
  "action-plan": "Action",
  "joint-declaration": "Partnership element",
  "ad-hoc-query": "Question",
};

/** The entry column of the political report sheet (Pact part I). */
export const POLITICAL_ENTRY: EntryColumn = {
  id: "assessment",
  header: "Political assessment of progress",
  type: "text",
  required: true,
};

function entryWidth(e: EntryColumn): number {
  if (e.type === "date") return 13;
  if (e.type === "list") return 18;
  return 48;
}

/** Column A also carries the header block's labels ("Catalogue fingerprint"), so it fits them. */
const REF_WIDTH = 21;

const collaboration: readonly TableColumn[] = [
  { kind: "responsible", header: "Responsible unit / contact", width: 24 },
  { kind: "review", header: "Review state", width: 17 },
];

/** An entry column as the party's template heads it: the EU-level party's own heading where it has one. */
function entryFor(framework: Framework, entry: EntryColumn, partyCode: string | undefined): EntryColumn {
  return partyCode !== undefined && partyCode === framework.euLevel?.party && entry.euLevelHeader ? { ...entry, header: entry.euLevelHeader } : entry;
}

/**
 * The table columns of a template sheet, left to right (for the party, where its headings differ;
 * with last cycle's read-only column where the template was started from a previous cycle's return).
 */
export function tableColumns(framework: Framework, role: SheetRole, partyCode?: string, previousCycle?: string): readonly TableColumn[] {
  if (role === "political") {
    return [
      { kind: "ref", header: "Area", width: REF_WIDTH },
      { kind: "item", header: "Policy area", width: 28 },
      { kind: "mainCommitment", header: "Main commitment", width: 45 },
      { kind: "entry", header: POLITICAL_ENTRY.header, width: 70, entry: POLITICAL_ENTRY },
      ...collaboration,
    ];
  }
  // The guidance is the document's prompts to Member States ("your national legislation"): the EU level's template has none.
  const euLevel = partyCode !== undefined && partyCode === framework.euLevel?.party;
  const hasGuidance = !euLevel && framework.areas.some((a) => a.items.some((i) => i.guidance.length > 0 || i.reconstructed));
  const previous = previousCycle ? previousColumn(framework, role, previousCycle) : undefined;
  return [
    { kind: "ref", header: "Ref", width: REF_WIDTH },
    { kind: "item", header: ITEM_HEADER[framework.kind], width: 60 },
    ...(hasGuidance ? [{ kind: "guidance", header: "Guidance", width: 36 } as const] : []),
    ...framework.entryColumns.flatMap((e): TableColumn[] => {
      const entry = entryFor(framework, e, partyCode);
      const own: TableColumn = { kind: "entry", header: entry.header, width: entryWidth(entry), entry };
      return previous?.before === e.id ? [{ kind: "previous", header: previous.header, width: previous.width, shows: previous.shows }, own] : [own];
    }),
    ...collaboration,
  ];
}

/** The template sheets a framework has, in workbook order. */
export function sheetRoles(framework: Framework): readonly SheetRole[] {
  switch (framework.kind) {
    case "pact":
      return ["political", "factual"];
    case "ad-hoc-query":
      return ["questionnaire"];
    case "action-plan":
    case "joint-declaration":
      return ["matrix"];
  }
}

const ROLE_SUFFIX: Readonly<Record<SheetRole, string>> = {
  political: "report",
  factual: "factual",
  matrix: "actions",
  questionnaire: "answers",
  lists: "lists",
  report: "report",
};

/** A sheet name within Excel's 31 characters, unique per framework, party and role. */
export function templateSheetName(framework: Framework, partyCode: string, role: SheetRole): string {
  return `${framework.id} ${partyCode} ${ROLE_SUFFIX[role]}`.slice(0, 31);
}

export const LISTS_SHEET = "pt_lists";

/** Workbook-level name of a list range; framework-specific so several templates can share a workbook. */
export function listRangeName(frameworkId: string, listId: string): string {
  return `pt_${frameworkId.replace(/[^A-Za-z0-9]/g, "_")}_${listId}`;
}

export const REVIEW_LIST_ID = "reviewState";
