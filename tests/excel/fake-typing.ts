/**
 * How Excel (en-US) takes a string typed into a cell, or written through Range.values, into a cell
 * not formatted as Text: what the fake must do so that a writer relying on Range.values for text
 * is caught. Covers the spellings users and carried templates meet: numbers with signs, thousands,
 * exponents, currency, parentheses and percent; dates as ISO days, m/d, m/d/yyyy, "March 2026",
 * "31 March 2026", "Mar 31, 2026"; times of day "10:30", "10:30:15", "10:30 AM"; TRUE/FALSE; error
 * literals; a leading = + - @ as a formula; and a leading apostrophe as Excel's text prefix (the
 * value is the rest).
 */

export type Typed =
  | { readonly kind: "number"; readonly value: number; readonly format?: string }
  | { readonly kind: "boolean"; readonly value: boolean }
  | { readonly kind: "formula" }
  | { readonly kind: "error"; readonly value: string }
  | { readonly kind: "text"; readonly value: string };

const ERROR_LITERALS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"]);
const MONTHS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAY_MS = 86_400_000;

/** A month name or its three-letter abbreviation ("March", "Mar", "Sept"), 1–12. */
function month(word: string): number | undefined {
  const w = word.toLowerCase().replace(/\.$/, "");
  const i = MONTHS.findIndex((m) => w === m || (w.length >= 3 && m === w.slice(0, 3) && fullMonth(m).startsWith(w)));
  return i < 0 ? undefined : i + 1;
}

function fullMonth(abbrev: string): string {
  return ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"][MONTHS.indexOf(abbrev)] ?? abbrev;
}

/** The serial of a real day, or undefined (31 February is no day: Excel keeps the text). */
function daySerial(y: number, m: number, d: number, date1904: boolean): number | undefined {
  const ms = Date.UTC(y, m - 1, d);
  const back = new Date(ms);
  if (back.getUTCFullYear() !== y || back.getUTCMonth() !== m - 1 || back.getUTCDate() !== d) return undefined;
  if (date1904) return (ms - Date.UTC(1904, 0, 1)) / DAY_MS;
  const late = (ms - Date.UTC(1899, 11, 30)) / DAY_MS;
  return late >= 61 ? late : (ms - Date.UTC(1899, 11, 31)) / DAY_MS;
}

/** Two-digit years: 00–29 are 2000s, 30–99 the 1900s (Excel's default cut-off). */
function fullYear(y: string): number {
  const n = Number(y);
  return y.length <= 2 ? (n < 30 ? 2000 + n : 1900 + n) : n;
}

function asDate(t: string, date1904: boolean, thisYear: number): Typed | undefined {
  const date = (y: number, m: number, d: number, format: string): Typed | undefined => {
    const serial = daySerial(y, m, d, date1904);
    return serial === undefined ? undefined : { kind: "number", value: serial, format };
  };
  let m = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(t);
  if (m) return date(Number(m[1]), Number(m[2]), Number(m[3]), "yyyy-mm-dd");
  m = /^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})$/.exec(t);
  if (m) return date(fullYear(m[3] ?? ""), Number(m[1]), Number(m[2]), "m/d/yyyy");
  m = /^(\d{1,2})\/(\d{1,2})$/.exec(t);
  if (m) return date(thisYear, Number(m[1]), Number(m[2]), "d-mmm");
  m = /^([a-z]+\.?)[\s-]+(\d{4})$/i.exec(t);
  if (m) {
    const mo = month(m[1] ?? "");
    if (mo !== undefined) return date(Number(m[2]), mo, 1, "mmm-yy");
  }
  m = /^(\d{1,2})[\s-]+([a-z]+\.?)[\s-]*,?\s*(\d{4})?$/i.exec(t);
  if (m) {
    const mo = month(m[2] ?? "");
    if (mo !== undefined) return date(m[3] ? Number(m[3]) : thisYear, mo, Number(m[1]), "d-mmm-yy");
  }
  m = /^([a-z]+\.?)\s+(\d{1,2}),?\s*(\d{4})?$/i.exec(t);
  if (m) {
    const mo = month(m[1] ?? "");
    if (mo !== undefined) return date(m[3] ? Number(m[3]) : thisYear, mo, Number(m[2]), "d-mmm-yy");
  }
  return undefined;
}

function asTime(t: string): Typed | undefined {
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(am|pm)?$/i.exec(t);
  if (!m) return undefined;
  let h = Number(m[1]);
  const min = Number(m[2]);
  const s = Number(m[3] ?? 0);
  const half = m[4]?.toLowerCase();
  if (half) {
    if (h < 1 || h > 12) return undefined;
    h = (h % 12) + (half === "pm" ? 12 : 0);
  }
  if (min > 59 || s > 59) return undefined;
  return { kind: "number", value: (h * 3600 + min * 60 + s) / 86_400, format: half ? "h:mm AM/PM" : m[3] ? "h:mm:ss" : "h:mm" };
}

function asNumber(t: string): Typed | undefined {
  let s = t;
  let negative = false;
  const paren = /^\((.*)\)$/.exec(s);
  if (paren) {
    negative = true;
    s = paren[1] ?? "";
  }
  let format: string | undefined;
  if (s.startsWith("$")) {
    s = s.slice(1);
    format = "$#,##0.00";
  }
  let percent = false;
  if (s.endsWith("%")) {
    s = s.slice(0, -1);
    percent = true;
    format = "0%";
  }
  if (!/^[+-]?(\d{1,3}(,\d{3})+|\d+)?(\.\d*)?(e[+-]?\d+)?$/i.test(s) || !/\d/.test(s)) return undefined;
  let n = Number(s.replace(/,/g, ""));
  if (Number.isNaN(n)) return undefined;
  if (percent) n /= 100;
  if (negative) n = -n;
  return format ? { kind: "number", value: n, format } : { kind: "number", value: n };
}

/** What Excel makes of `input` in a cell not formatted as Text; undefined: it stays the text. */
export function excelTyping(input: string, date1904: boolean, thisYear = new Date().getUTCFullYear()): Typed | undefined {
  if (input.startsWith("'")) return { kind: "text", value: input.slice(1) };
  const t = input.trim();
  if (t === "") return undefined;
  // No number, date or time is longer than this; long text is only ever a formula or text (and the
  // patterns below need not run over megabytes).
  if (t.length > 64) return /^[=+\-@]/.test(input) ? { kind: "formula" } : undefined;
  const number = asNumber(t);
  if (number) return number;
  if (/^[=+\-@]/.test(input)) return { kind: "formula" };
  if (ERROR_LITERALS.has(t.toUpperCase())) return { kind: "error", value: t.toUpperCase() };
  if (/^(true|false)$/i.test(t)) return { kind: "boolean", value: t.toLowerCase() === "true" };
  return asDate(t, date1904, thisYear) ?? asTime(t);
}
