import { CodedError } from "../../core/errors/coded-error";
import { SheetGrid } from "../../core/grid/grid";
import type { SheetDetails } from "../../core/grid/sheet-details";
import { READ_TOO_LARGE } from "./codes";
import { DEFAULT_LIMITS, type ReadLimits } from "./limits";
import { locateWorkbook } from "./locate-workbook";
import { WorkbookPackage } from "./package";
import { relsPathOf } from "./part-paths";
import { CommentsPart } from "./parts/comments";
import { CorePropertiesPart, type CoreProperties } from "./parts/core-properties";
import { Relationships } from "./parts/relationships";
import { SharedStringsPart } from "./parts/shared-strings";
import { DetailCounter, SheetDetailsCollector } from "./parts/sheet-details";
import { StylesPart } from "./parts/styles";
import { WorkbookPart, type DefinedName, type SheetState } from "./parts/workbook-part";
import { CellCounter, WorksheetPart } from "./parts/worksheet";
import { checkDefinedNames, commentsPartOf, optionalTarget, required, sheetRelationships, sheetRelsEntry, sheetSources } from "./resolve-parts";
import { assertZipContainer } from "./sniff";

/**
 * Reads an untrusted, returned .xlsx into neutral sheet grids and their details (formulas,
 * cached errors, links, comments, merges). Runs in Node and the browser (no Node APIs). Refuses
 * anything else with a CodedError (codes.ts), within the caps of limits.ts; only the parts needed
 * are unpacked, each checked before it is parsed.
 */

export { DEFAULT_LIMITS, type ReadLimits } from "./limits";

export interface ReadSheet {
  readonly grid: SheetGrid;
  readonly state: SheetState;
  readonly hiddenColumns: ReadonlySet<number>;
  readonly hiddenRows: ReadonlySet<number>;
  /** What the values alone do not show; empty for a chart sheet. */
  readonly details: SheetDetails;
}

export interface ReadWorkbook {
  readonly sheets: readonly ReadSheet[];
  readonly definedNames: readonly DefinedName[];
  readonly properties: Readonly<CoreProperties>;
  /** Dates count from 1904 (Excel for Mac's old default); date-styled cells are already read so. */
  readonly date1904: boolean;
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

  const sheetRelsEntries = sources.map(({ part }) => (part ? sheetRelsEntry(pkg, part) : undefined));

  // Every remaining part is unpacked and counted before any is parsed: a bomb is refused first.
  for (const e of [sstEntry, stylesEntry, coreEntry, ...sources.map((s) => s.part), ...sheetRelsEntries]) if (e) pkg.verify(e);
  // The sheets' relationships name their comments parts, which are verified before any sheet is parsed.
  const sheetRels = sources.map(({ part }, i) => (part ? sheetRelationships(pkg, part, sheetRelsEntries[i], limits.maxEntries) : undefined));
  const comments = sources.map(({ entry }, i) => commentsPartOf(pkg, entry.name, sheetRels[i]));

  const styles = new StylesPart();
  if (stylesEntry) pkg.parse(stylesEntry, styles);
  const sst = new SharedStringsPart(limits.maxSharedStrings, limits.maxText);
  if (sstEntry) pkg.parse(sstEntry, sst);
  const core = new CorePropertiesPart(limits.maxText);
  if (coreEntry) pkg.parse(coreEntry, core);

  const ctx = { sharedStrings: sst.strings, dateStyles: styles.dateStyles(), date1904: workbook.date1904, maxCellText: limits.maxCellText };
  const cells = new CellCounter(limits.maxCells);
  const detailCount = new DetailCounter(limits.maxDetails, limits.maxMergedRanges);
  const sheets = sources.map(({ entry, part }, i): ReadSheet => {
    const details = new SheetDetailsCollector(entry.name, detailCount);
    const sheet = new WorksheetPart(new SheetGrid(entry.name, entry.state !== "visible"), ctx, cells, details, sheetRels[i], limits.maxText);
    if (part) pkg.parse(part, sheet);
    const commentsEntry = comments[i];
    if (commentsEntry) pkg.parse(commentsEntry, new CommentsPart(entry.name, details, limits.maxDetails, limits.maxText));
    return { grid: sheet.grid, state: entry.state, hiddenColumns: sheet.hiddenColumns(), hiddenRows: sheet.hiddenRows, details: details.details() };
  });
  return { sheets, definedNames: workbook.definedNames, properties: core.properties, date1904: workbook.date1904 };
}
