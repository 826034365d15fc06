import { CodedError, type Place } from "../../core/errors/coded-error";
import { READ_WORKBOOK_INVALID } from "./codes";
import type { WorkbookPackage } from "./package";
import { relsPathOf } from "./part-paths";
import { Relationships, typeKind } from "./parts/relationships";
import type { DefinedName, SheetEntry } from "./parts/workbook-part";
import type { ZipEntry } from "./zip-directory";

/**
 * Follows the workbook's relationships to the parts it names, refusing a workbook whose
 * structure is inconsistent (a missing part, two sheets alike, a name for a missing sheet).
 */

/** A sheet and the part holding its cells (none for a chart sheet, which has no cells). */
export interface SheetSource {
  readonly entry: SheetEntry;
  readonly part: ZipEntry | undefined;
}

/** Sheet relationships whose parts hold no cells we read. */
const CELLLESS_SHEETS: ReadonlySet<string> = new Set(["chartsheet", "dialogsheet"]);

function invalid(message: string, place: Place = {}): CodedError {
  return new CodedError(READ_WORKBOOK_INVALID, message, place);
}

export function required(pkg: WorkbookPackage, part: string, what: string): ZipEntry {
  const e = pkg.entry(part);
  if (!e) throw invalid(`${what} part '${part}' is missing`);
  return e;
}

/** A part the workbook points to must exist when it is pointed to. */
export function optionalTarget(pkg: WorkbookPackage, part: string | undefined, what: string): ZipEntry | undefined {
  return part === undefined ? undefined : required(pkg, part, what);
}

export function sheetSources(pkg: WorkbookPackage, sheets: readonly SheetEntry[], rels: Relationships): SheetSource[] {
  const names = new Set<string>();
  const parts = new Set<string>();
  return sheets.map((entry) => {
    // Excel compares sheet names case-insensitively; two alike would make sheets ambiguous downstream.
    const key = entry.name.toLocaleLowerCase();
    if (names.has(key)) throw invalid(`two sheets are named '${entry.name}'`);
    names.add(key);
    const rel = rels.byId(entry.relId);
    if (!rel || rel.part === undefined) throw invalid(`sheet '${entry.name}' points to no part`);
    const kind = typeKind(rel.type);
    if (kind !== "worksheet" && !CELLLESS_SHEETS.has(kind)) throw invalid(`sheet '${entry.name}' is of unknown kind '${kind.slice(0, 40)}'`);
    const part = required(pkg, rel.part, `sheet '${entry.name}'`);
    // Each sheet has its own part: a part read as two sheets would double the work the caps
    // allow for it, and this bounds the number of sheets by the number of zip entries.
    if (parts.has(part.name)) throw invalid(`sheets share the part '${part.name}'`);
    parts.add(part.name);
    return { entry, part: kind === "worksheet" ? part : undefined };
  });
}

export function checkDefinedNames(names: readonly DefinedName[], sheetCount: number): void {
  for (const n of names) {
    if (n.localSheet !== undefined && n.localSheet >= sheetCount) throw invalid(`defined name '${n.name}' belongs to sheet ${n.localSheet}, which does not exist`);
  }
}

/** A worksheet's own relationships part, where its hyperlink targets and comments part are named. */
export function sheetRelsEntry(pkg: WorkbookPackage, part: ZipEntry): ZipEntry | undefined {
  return pkg.entry(relsPathOf(part.name));
}

/** Parses a worksheet's relationships part (verified first, like every part; counted by maxEntries). */
export function sheetRelationships(pkg: WorkbookPackage, part: ZipEntry, relsEntry: ZipEntry | undefined, maxEntries: number): Relationships | undefined {
  if (!relsEntry) return undefined;
  const rels = new Relationships(part.name, maxEntries);
  pkg.parse(relsEntry, rels);
  return rels;
}

/**
 * The comments part a sheet's relationships name, verified. Each part is read once: a comments
 * relationship to a part that is read already (a sheet, the shared strings, another sheet's
 * comments) is refused, as reading it again would double the work the caps allow for it.
 */
export function commentsPartOf(pkg: WorkbookPackage, sheet: string, rels: Relationships | undefined): ZipEntry | undefined {
  const target = rels?.firstOfType("comments");
  if (target === undefined) return undefined;
  const entry = pkg.entry(target);
  if (!entry) throw invalid(`the comments part '${target.slice(0, 80)}' is missing`, { sheet });
  if (pkg.isVerified(entry)) throw invalid(`the comments point to '${entry.name}', a part read already`, { sheet });
  pkg.verify(entry);
  return entry;
}
