/**
 * Cell text may carry `_xHHHH_` escapes (ECMA-376 ST_Xstring) for characters XML cannot hold,
 * such as `_x000D_` for a carriage return; a literal "_x" is itself written `_x005F_x`. Excel,
 * LibreOffice and openpyxl show the decoded text, so that is what we read — and what we write
 * must be encoded the same way, or contributed text would change on its way into a report.
 */
const ESCAPE = /_x([0-9A-Fa-f]{4})_/g;
/** Characters XML 1.0 cannot hold (exceljs would silently drop them) and DEL, which it drops too. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
const UNWRITABLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

export function decodeXstring(s: string): string {
  if (!s.includes("_x")) return s;
  return s.replace(ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}

export function encodeXstring(s: string): string {
  // Literal escapes first, so the escapes made for control characters are not escaped again.
  const literal = s.includes("_x") ? s.replace(ESCAPE, "_x005F_x$1_") : s;
  return literal.replace(UNWRITABLE, (c) => `_x${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}_`);
}
