/**
 * Cell text may carry `_xHHHH_` escapes (ECMA-376 ST_Xstring) for characters XML cannot hold,
 * such as `_x000D_` for a carriage return; a literal "_x" is itself written `_x005F_x`. Excel
 * shows the decoded text, so that is what we read.
 */
const ESCAPE = /_x([0-9A-Fa-f]{4})_/g;

export function decodeXstring(s: string): string {
  if (!s.includes("_x")) return s;
  return s.replace(ESCAPE, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
