/**
 * Why a returned workbook was refused. Codes are stable: users and support search for them.
 * Each refusal is decided before any value is trusted, so a code names the first problem met.
 */

/** The file is not a zip archive (nor an OLE container): not an .xlsx at all. */
export const READ_NOT_ZIP = "PT-READ-001";
/** An OLE compound file that is not an encrypted workbook: a legacy .xls (Excel 97–2003) or other Office 97 file. */
export const READ_LEGACY_XLS = "PT-READ-002";
/** A password-protected (encrypted) workbook: an OLE container holding EncryptionInfo/EncryptedPackage. */
export const READ_ENCRYPTED = "PT-READ-003";
/** A macro-enabled or binary workbook (.xlsm, .xltm, .xlam, .xlsb, a VBA project or an XLM macro sheet). */
export const READ_MACRO_OR_BINARY = "PT-READ-004";
/** The zip is truncated or corrupt: missing directory, bad offsets, bad deflate data, CRC or size mismatch. */
export const READ_ZIP_CORRUPT = "PT-READ-005";
/** Two zip entries share one name (compared case-insensitively, as package part names are). */
export const READ_ZIP_DUPLICATE = "PT-READ-006";
/** A zip feature we do not read: compression other than stored/deflate, zip encryption, multi-disk archives. */
export const READ_ZIP_UNSUPPORTED = "PT-READ-007";
/** An XML part has a DOCTYPE or ENTITY declaration (entity-expansion attacks); refused before parsing on. */
export const READ_XML_DTD = "PT-READ-008";
/** An XML part is not well-formed, or uses an encoding other than UTF-8/UTF-16. */
export const READ_XML_MALFORMED = "PT-READ-009";
/** Too large: the file, one unpacked part, or all unpacked parts together exceed their cap. */
export const READ_TOO_LARGE = "PT-READ-010";
/** The zip directory lists more entries than the cap. */
export const READ_TOO_MANY_ENTRIES = "PT-READ-011";
/** A string is longer than its cap (a cell's text, a shared string, a name, or a run of XML text). */
export const READ_STRING_TOO_LONG = "PT-READ-012";
/** More of something than its count cap: cell values, shared strings, defined names, cell formats, relationships, attributes. */
export const READ_TOO_MANY_ITEMS = "PT-READ-013";
/** A cell or row reference lies outside Excel's grid (A1:XFD1048576). */
export const READ_OUT_OF_GRID = "PT-READ-014";
/** A zip, but not an Excel workbook package (no content types, no workbook part, or another document type). */
export const READ_NOT_WORKBOOK = "PT-READ-015";
/** The parts are readable but do not form a consistent workbook (dangling relationship, bad value, duplicate sheet). */
export const READ_WORKBOOK_INVALID = "PT-READ-016";
/**
 * The workbook was read but could not be checked: something in it made our own code fail (a bug of
 * ours, or work beyond what the machine allows). The file is refused with what failed, and the rest
 * of the batch goes on; please report the file.
 */
export const READ_NOT_CHECKED = "PT-READ-017";
