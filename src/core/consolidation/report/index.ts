import type { Catalogue } from "../../catalogue/catalogue";
import type { Framework } from "../../catalogue/schema";
import { earlierCycles } from "../../cycles/comparison";
import { CodedError } from "../../errors/coded-error";
import { SheetNames } from "../../template/sheet-name";
import type { SheetSpec, WorkbookSpec } from "../../template/spec";
import { PUBLIC_BLOCKED, type Register } from "../register";
import { changesSheet } from "./changes";
import { compilationSheet } from "./compilation";
import { coverageCounts, coverageSheet, statusSheet, unitCoverage, type UnitCoverage } from "./coverage-status";
import { SHEET_SUFFIX, type Edition } from "./headings";
import { politicalSheet } from "./political";
import { publishedSheet } from "./published";
import { registerSheet } from "./register-sheet";
import { summarySheet } from "./summary";
import { units, type ReportOptions, type Unit } from "./units";

/**
 * The combined report as a workbook spec: summary, per framework and cycle a compilation (and the
 * Pact's political report), coverage and status matrices, and — internal edition only — the register.
 * Contributed values are copied verbatim as values: they can never become formulas.
 */

export * from "./headings";
export { NOT_FOR_DISSEMINATION } from "./matrix";
export { REGISTER_HEADERS } from "./register-sheet";
export type { PartyOrder, ReportOptions } from "./units";

/** What every printed page of an edition says in its centre, top and bottom: which edition it is. */
export const EDITION_PAGE_TEXT: Readonly<Record<Edition, string>> = { internal: "INTERNAL — not for circulation", public: "Public edition" };

/** The header and footer of a report sheet: its title (framework and cycle), the edition, the page. */
function withPageText(sheet: SheetSpec, edition: Edition): SheetSpec {
  if (!sheet.print) return sheet;
  const title = sheet.cells.find((c) => c.row === 0 && c.col === 0)?.value;
  const center = EDITION_PAGE_TEXT[edition];
  return {
    ...sheet,
    print: { ...sheet.print, header: { left: typeof title === "string" ? title : sheet.name, right: center }, footer: { left: "{sheet}", center, right: "Page {page} of {pages}" } },
  };
}

export function buildCombinedReport(register: Register, catalogue: Catalogue, options: ReportOptions): WorkbookSpec {
  // Fails closed: a return that may withhold, from a party that cannot be told, stops the public edition.
  const blocked = register.publicBlocked[0];
  if (options.edition === "public" && blocked) {
    const more = register.publicBlocked.length - 1;
    throw new CodedError(PUBLIC_BLOCKED, `${blocked.message}${more > 0 ? ` (and ${more} more such return${more > 1 ? "s" : ""})` : ""}`, { file: blocked.file, sheet: blocked.sheet });
  }
  const names = new SheetNames();
  const edition = options.edition;
  const list = units(register, catalogue, options.order ?? "protocol", edition, options.previous ?? []);
  const multi = (fw: Framework): boolean => list.filter((u) => u.framework.id === fw.id).length > 1;
  const prefix = (u: Unit): string => (multi(u.framework) ? `${u.framework.id} ${u.cycle}` : u.framework.id);
  // One coverage rule per unit: the Summary's counts and the coverage sheet read the same cells.
  const coverages = new Map<Unit, UnitCoverage>();
  const coverageOf = (u: Unit): UnitCoverage => {
    const known = coverages.get(u);
    if (known) return known;
    const made = unitCoverage(u);
    coverages.set(u, made);
    return made;
  };
  const problems = earlierCycles(options.previous ?? [], list.map((u) => ({ framework: u.framework.id, cycle: u.cycle }))).problems;
  const sheets: SheetSpec[] = [
    summarySheet({ register, units: list, edition, generatedAt: options.generatedAt, problems, coverageOf: (u) => coverageCounts(u, coverageOf(u).coverage) }, names.take("Summary")),
  ];
  for (const u of list) {
    // Names are taken in this order, the changes sheet's whether or not there is one: the names stay as they were.
    const name = (kind: string): string => names.take(`${prefix(u)} ${kind}`);
    if (u.framework.kind === "pact") sheets.push(politicalSheet(u, edition, name(SHEET_SUFFIX.political)));
    sheets.push(compilationSheet(u, edition, name(SHEET_SUFFIX.compilation)));
    if (u.framework.request && u.framework.dissemination) sheets.push(publishedSheet(u, register, edition, options.generatedAt, name("as published")));
    const changes = changesSheet(u, catalogue, name("changes"));
    if (changes) sheets.push(changes);
    sheets.push(coverageSheet(u, catalogue, name("coverage"), coverageOf(u)));
    const status = statusSheet(u, () => name("status"));
    if (status) sheets.push(status);
  }
  if (edition === "internal") sheets.push(registerSheet(register, names.take("Register")));
  return {
    title: `Combined report (${edition} edition)`,
    subject: list.map((u) => `${u.framework.id} ${u.cycle}`).join(", "),
    sheets: sheets.map((sheet) => withPageText(sheet, edition)),
    definedNames: [],
  };
}
