import { encodeXstring } from "../ooxml-string";

/**
 * Text into SpreadsheetML. Contributed text is written exactly: `_xHHHH_`-looking text and
 * characters XML cannot hold are encoded as ST_Xstring (ooxml-string.ts), a carriage return as a
 * character reference (a raw one would be read back as a line feed), and `&`, `<`, `>` escaped.
 * Most text needs none of it: one test finds that out.
 */

// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
const NEEDS_WORK = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/;
const MARKUP = /[&<>\r]/g;
const MARKUP_ESCAPES: Readonly<Record<string, string>> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\r": "&#13;" };

/** Element text for a cell or shared string: encoded and escaped. */
export function cellText(s: string): string {
  // Two quick scans: a character class alone is much faster than with "_x" as an alternative.
  if (!NEEDS_WORK.test(s) && !s.includes("_x")) return s;
  return encodeXstring(s).replace(MARKUP, (c) => MARKUP_ESCAPES[c] as string);
}

/** A `<t>` element holding the text, keeping leading and trailing white space. */
export function tElement(s: string): string {
  return `${preserveSpace(s) ? '<t xml:space="preserve">' : "<t>"}${cellText(s)}</t>`;
}

/** Whether the text starts or ends with white space, which XML would otherwise let a reader drop. */
export function preserveSpace(s: string): boolean {
  return isSpace(s.charCodeAt(0)) || isSpace(s.charCodeAt(s.length - 1));
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13;
}

// eslint-disable-next-line no-control-regex -- control characters are exactly what this finds
const ATTR = /[&<>"\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;

/** An attribute value (ours: names, prompts, references), escaped for double quotes. */
export function attr(s: string): string {
  return s.replace(ATTR, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : c === '"' ? "&quot;" : c === "\t" || c === "\n" || c === "\r" ? `&#${c.charCodeAt(0)};` : ""));
}

/** Element text that is ours (formulas, defined names, properties): escaped, control characters dropped. */
export function text(s: string): string {
  // eslint-disable-next-line no-control-regex -- control characters are exactly what this drops
  return s.replace(/[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, (c) => MARKUP_ESCAPES[c] ?? "");
}

export const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
export const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
export const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
