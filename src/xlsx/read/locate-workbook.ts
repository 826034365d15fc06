import { CodedError } from "../../core/errors/coded-error";
import { READ_MACRO_OR_BINARY, READ_NOT_WORKBOOK } from "./codes";
import type { WorkbookPackage } from "./package";
import { ContentTypes } from "./parts/content-types";
import { Relationships } from "./parts/relationships";

/**
 * Screens the package before the workbook is read: it must be a spreadsheet package, and not a
 * macro-enabled or binary one. Then finds the workbook and core-properties parts.
 */

const CONTENT_TYPES_PART = "[Content_Types].xml";
const PACKAGE_RELS_PART = "_rels/.rels";
/** Where every writer puts it; used only when the package relationships are missing. */
const DEFAULT_WORKBOOK_PART = "xl/workbook.xml";

/** Main-part types of an .xlsx and an .xltx (macro-free workbook and template). */
const WORKBOOK_TYPES: ReadonlySet<string> = new Set([
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.template.main+xml",
]);

/** .xlsm/.xltm/.xlam main parts, .xlsb, VBA projects, and Excel 4.0 (XLM) macro sheets. */
const MACRO_OR_BINARY_TYPE = /macroenabled|vbaproject|sheet\.binary|macrosheet/;
/** A VBA project is refused even when a writer left its content type out. */
const VBA_PART = /(^|\/)vbaProject[^/]*\.bin$/i;

export interface WorkbookLocation {
  readonly workbookPart: string;
  readonly corePart: string | undefined;
}

export function locateWorkbook(pkg: WorkbookPackage, maxEntries: number): WorkbookLocation {
  const vba = pkg.entryNames.find((n) => VBA_PART.test(n));
  if (vba) throw macroError(`it contains a VBA project ('${vba}')`);

  const ctEntry = pkg.entry(CONTENT_TYPES_PART);
  if (!ctEntry) throw new CodedError(READ_NOT_WORKBOOK, "not an .xlsx workbook (the zip has no [Content_Types].xml)");
  const types = new ContentTypes(maxEntries);
  pkg.parse(ctEntry, types);
  const macro = types.all().find((t) => MACRO_OR_BINARY_TYPE.test(t));
  if (macro) throw macroError(`it declares content type '${macro}'`);

  const rels = new Relationships("", maxEntries);
  const relsEntry = pkg.entry(PACKAGE_RELS_PART);
  if (relsEntry) pkg.parse(relsEntry, rels);
  const workbookPart = rels.firstOfType("officeDocument") ?? (pkg.entry(DEFAULT_WORKBOOK_PART) ? DEFAULT_WORKBOOK_PART : undefined);
  if (workbookPart === undefined || !pkg.entry(workbookPart)) {
    throw new CodedError(READ_NOT_WORKBOOK, "not an .xlsx workbook (the package has no workbook part)");
  }
  const type = types.of(workbookPart);
  if (type === undefined || !WORKBOOK_TYPES.has(type)) {
    throw new CodedError(READ_NOT_WORKBOOK, `not an .xlsx workbook (its main part is '${type ?? "of no declared type"}')`);
  }
  return { workbookPart, corePart: rels.firstOfType("core-properties") };
}

function macroError(why: string): CodedError {
  return new CodedError(READ_MACRO_OR_BINARY, `macro-enabled and binary workbooks are not accepted (${why}); save it as an Excel Workbook (.xlsx) and send it again`);
}
