import { strToU8, zipSync, type Zippable } from "fflate";

/**
 * Hand-written workbooks, zipped with fflate's zipSync: the shapes other writers produce that
 * our exceljs writer never does (inline strings, missing `r`, prefixed elements, 1904 dates…).
 */

export const MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const PKG_REL_NS = "http://schemas.openxmlformats.org/package/2006/relationships";
export const REL_TYPE = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
export const WORKBOOK_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml";

export interface MiniSheet {
  readonly name: string;
  /** The whole worksheet part, or just the inside of `<sheetData>`. */
  readonly xml?: string;
  readonly rows?: string;
  readonly state?: string;
}

export interface MiniBook {
  readonly sheets: readonly MiniSheet[];
  /** `<si>` elements of the shared-string table. */
  readonly sharedStrings?: readonly string[];
  /** Whole styles part. */
  readonly styles?: string;
  readonly workbookPr?: string;
  readonly definedNames?: string;
  readonly core?: string;
  readonly workbookType?: string;
  readonly contentTypesExtra?: string;
  /** Entries added or replaced as they are. */
  readonly extra?: Record<string, string | Uint8Array>;
  /** Relationship targets written as absolute paths ("/xl/worksheets/sheet1.xml"). */
  readonly absoluteTargets?: boolean;
}

/** `extra` goes before `<sheetData>` (e.g. `<cols>`), `after` after it (merges, hyperlinks). */
export function sheetXml(rows: string, extra = "", after = ""): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${extra}<sheetData>${rows}</sheetData>${after}</worksheet>`;
}

/** A relationships part holding these `<Relationship>` elements. */
export function relsXml(relationships: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="${PKG_REL_NS}">${relationships}</Relationships>`;
}

/** Cell formats 0: General, 1: yyyy-mm-dd (custom 164), 2: built-in 14, 3: "0.00" (not a date). */
export const DATE_STYLES = `<?xml version="1.0" encoding="UTF-8"?>
<styleSheet xmlns="${MAIN_NS}"><numFmts count="2"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/><numFmt numFmtId="165" formatCode="&quot;day&quot; 0.00"/></numFmts>
<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="164" applyNumberFormat="1"/><xf numFmtId="14"/><xf numFmtId="165"/></cellXfs></styleSheet>`;

export function miniParts(book: MiniBook): Record<string, string | Uint8Array> {
  const target = (t: string): string => (book.absoluteTargets ? `/xl/${t}` : t);
  const parts: Record<string, string | Uint8Array> = {};
  const overrides: string[] = [`<Override PartName="/xl/workbook.xml" ContentType="${book.workbookType ?? WORKBOOK_TYPE}"/>`];
  const rels: string[] = [];
  const sheets: string[] = [];
  book.sheets.forEach((s, i) => {
    const part = `worksheets/sheet${i + 1}.xml`;
    parts[`xl/${part}`] = s.xml ?? sheetXml(s.rows ?? "");
    overrides.push(`<Override PartName="/xl/${part}" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`);
    rels.push(`<Relationship Id="rId${i + 1}" Type="${REL_TYPE}/worksheet" Target="${target(part)}"/>`);
    sheets.push(`<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ""} r:id="rId${i + 1}"/>`);
  });
  if (book.sharedStrings) {
    parts["xl/sharedStrings.xml"] = `<?xml version="1.0" encoding="UTF-8"?>\n<sst xmlns="${MAIN_NS}">${book.sharedStrings.join("")}</sst>`;
    rels.push(`<Relationship Id="rIdS" Type="${REL_TYPE}/sharedStrings" Target="${target("sharedStrings.xml")}"/>`);
  }
  if (book.styles) {
    parts["xl/styles.xml"] = book.styles;
    rels.push(`<Relationship Id="rIdY" Type="${REL_TYPE}/styles" Target="${target("styles.xml")}"/>`);
  }
  const pkgRels = [`<Relationship Id="rId1" Type="${REL_TYPE}/officeDocument" Target="xl/workbook.xml"/>`];
  if (book.core) {
    parts["docProps/core.xml"] = book.core;
    pkgRels.push(`<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>`);
  }
  parts["[Content_Types].xml"] =
    `<?xml version="1.0" encoding="UTF-8"?>\n<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
    `<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>` +
    `${overrides.join("")}${book.contentTypesExtra ?? ""}</Types>`;
  parts["_rels/.rels"] = `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="${PKG_REL_NS}">${pkgRels.join("")}</Relationships>`;
  parts["xl/_rels/workbook.xml.rels"] = `<?xml version="1.0" encoding="UTF-8"?>\n<Relationships xmlns="${PKG_REL_NS}">${rels.join("")}</Relationships>`;
  parts["xl/workbook.xml"] =
    `<?xml version="1.0" encoding="UTF-8"?>\n<workbook xmlns="${MAIN_NS}" xmlns:r="${REL_NS}">${book.workbookPr ?? ""}` +
    `<sheets>${sheets.join("")}</sheets>${book.definedNames ? `<definedNames>${book.definedNames}</definedNames>` : ""}</workbook>`;
  return { ...parts, ...book.extra };
}

export function miniXlsx(book: MiniBook): Uint8Array {
  return zipParts(miniParts(book));
}

export function zipParts(parts: Record<string, string | Uint8Array>): Uint8Array {
  const z: Zippable = {};
  for (const [name, data] of Object.entries(parts)) z[name] = typeof data === "string" ? strToU8(data) : data;
  return zipSync(z);
}
