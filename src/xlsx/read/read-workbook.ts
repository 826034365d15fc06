import { CodedError } from "../../core/errors/coded-error";
import { SheetGrid } from "../../core/grid/grid";
import { READ_TOO_LARGE } from "./codes";
import { DEFAULT_LIMITS, type ReadLimits } from "./limits";
import { locateWorkbook } from "./locate-workbook";
import { WorkbookPackage } from "./package";
import { relsPathOf } from "./part-paths";
import { CorePropertiesPart, type CoreProperties } from "./parts/core-properties";
import { Relationships } from "./parts/relationships";
import { SharedStringsPart } from "./parts/shared-strings";
import { StylesPart } from "./parts/styles";
import { WorkbookPart, type DefinedName, type SheetState } from "./parts/workbook-part";
import { CellCounter, WorksheetPart } from "./parts/worksheet";
import { checkDefinedNames, optionalTarget, required, sheetSources } from "./resolve-parts";
import { assertZipContainer } from "./sniff";

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
