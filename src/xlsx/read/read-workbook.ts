import { CodedError } from "../../core/errors/coded-error";
import { SheetGrid } from "../../core/grid/grid";
import { READ_TOO_LARGE, READ_WORKBOOK_INVALID } from "./codes";
import { DEFAULT_LIMITS, type ReadLimits } from "./limits";
import { locateWorkbook } from "./locate-workbook";
import { WorkbookPackage } from "./package";
import { relsPathOf } from "./part-paths";
import { CorePropertiesPart, type CoreProperties } from "./parts/core-properties";
import { Relationships, typeKind } from "./parts/relationships";
import { SharedStringsPart } from "./parts/shared-strings";
import { StylesPart } from "./parts/styles";
import { WorkbookPart, type DefinedName, type SheetEntry, type SheetState } from "./parts/workbook-part";
import { CellCounter, WorksheetPart } from "./parts/worksheet";
import { assertZipContainer } from "./sniff";
import type { ZipEntry } from "./zip-directory";

/**
 * Reads an untrusted, returned .xlsx into neutral sheet grids. Runs in Node and the browser
 * (no Node APIs). Refuses anything else with a CodedError (codes.ts), within the caps of
 * limits.ts; only the parts needed for values are unpacked, each checked before it is parsed.
 */

export { DEFAULT_LIMITS, type ReadLimits } from "./limits";

export interface ReadSheet {
  readonly grid: SheetGrid;
  readonly state: SheetState;
  readonly hiddenColumns: ReadonlySet<number>;
  readonly hiddenRows: ReadonlySet<number>;
}

export interface ReadWorkbook {
  readonly sheets: readonly ReadSheet[];
  readonly definedNames: readonly DefinedName[];
  readonly properties: Readonly<CoreProperties>;
}

export function readWorkbook(bytes: Uint8Array, fileName: string, limits: Partial<ReadLimits> = {}): ReadWorkbook {
  try {
    return read(bytes, { ...DEFAULT_LIMITS, ...limits });
  } catch (e) {
    if (!(e instanceof CodedError) || e.place.file !== undefined) throw e;
    const placed = new CodedError(e.code, e.message, { ...e.place, file: fileName });
    placed.stack = e.stack; // keep where it was raised
    throw placed;
  }
}

/** A sheet and the part holding its cells (none for a chart sheet, which has no cells). */
interface SheetSource {
  readonly entry: SheetEntry;
  readonly part: ZipEntry | undefined;
}

/** Sheet relationships whose parts hold no cells we read. */
const CELLLESS_SHEETS: ReadonlySet<string> = new Set(["chartsheet", "dialogsheet"]);

function read(bytes: Uint8Array, limits: ReadLimits): ReadWorkbook {
  if (bytes.length > limits.maxFileBytes) {
    throw new CodedError(READ_TOO_LARGE, `the file is ${bytes.length} bytes; the cap is ${limits.maxFileBytes}`);
  }
  assertZipContainer(bytes);
  const pkg = new WorkbookPackage(bytes, limits);
  const { workbookPart, corePart } = locateWorkbook(pkg, limits.maxEntries);

  const workbook = new WorkbookPart(limits.maxText, limits.maxEntries, limits.maxDefinedNames);
  pkg.parse(required(pkg, workbookPart, "the workbook"), workbook);
  const rels = new Relationships(workbookPart, limits.maxEntries);
  const relsEntry = pkg.entry(relsPathOf(workbookPart));
  if (relsEntry) pkg.parse(relsEntry, rels);

  const sources = sheetSources(pkg, workbook.sheets, rels);
  checkDefinedNames(workbook.definedNames, sources.length);
  const sstEntry = optionalTarget(pkg, rels.firstOfType("sharedStrings"), "the shared strings");
  const stylesEntry = optionalTarget(pkg, rels.firstOfType("styles"), "the styles");
  const coreEntry = corePart !== undefined ? pkg.entry(corePart) : undefined;

  // Every remaining part is unpacked and counted before any is parsed: a bomb is refused first.
  for (const e of [sstEntry, stylesEntry, coreEntry, ...sources.map((s) => s.part)]) if (e) pkg.verify(e);

  const styles = new StylesPart();
  if (stylesEntry) pkg.parse(stylesEntry, styles);
  const sst = new SharedStringsPart(limits.maxSharedStrings, limits.maxText);
  if (sstEntry) pkg.parse(sstEntry, sst);
  const core = new CorePropertiesPart(limits.maxText);
  if (coreEntry) pkg.parse(coreEntry, core);

  const ctx = { sharedStrings: sst.strings, dateStyles: styles.dateStyles(), date1904: workbook.date1904, maxCellText: limits.maxCellText };
  const cells = new CellCounter(limits.maxCells);
  const sheets = sources.map(({ entry, part }): ReadSheet => {
    const sheet = new WorksheetPart(new SheetGrid(entry.name, entry.state !== "visible"), ctx, cells, limits.maxText);
    if (part) pkg.parse(part, sheet);
    return { grid: sheet.grid, state: entry.state, hiddenColumns: sheet.hiddenColumns(), hiddenRows: sheet.hiddenRows };
  });
  return { sheets, definedNames: workbook.definedNames, properties: core.properties };
}

function invalid(message: string): CodedError {
  return new CodedError(READ_WORKBOOK_INVALID, message);
}

function required(pkg: WorkbookPackage, part: string, what: string): ZipEntry {
  const e = pkg.entry(part);
  if (!e) throw invalid(`${what} part '${part}' is missing`);
  return e;
}

/** A part the workbook points to must exist when it is pointed to. */
function optionalTarget(pkg: WorkbookPackage, part: string | undefined, what: string): ZipEntry | undefined {
  return part === undefined ? undefined : required(pkg, part, what);
}

function sheetSources(pkg: WorkbookPackage, sheets: readonly SheetEntry[], rels: Relationships): SheetSource[] {
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

function checkDefinedNames(names: readonly DefinedName[], sheetCount: number): void {
  for (const n of names) {
    if (n.localSheet !== undefined && n.localSheet >= sheetCount) throw invalid(`defined name '${n.name}' belongs to sheet ${n.localSheet}, which does not exist`);
  }
}
