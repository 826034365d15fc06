/**
 * Whether a number format shows a date, which is how a numeric cell becomes a date: OOXML has
 * no date type in transitional files, only a serial number with a date format.
 */

/** Built-in format ids that are dates or times (ECMA-376 §18.8.30, plus the East Asian ids). */
const BUILTIN_DATE_IDS: ReadonlySet<number> = new Set([
  ...range(14, 22),
  ...range(27, 36),
  ...range(45, 47),
  ...range(50, 58),
]);

function range(a: number, b: number): number[] {
  return Array.from({ length: b - a + 1 }, (_, i) => a + i);
}

/**
 * Quoted literals, backslash-escaped and `_`/`*`-spaced characters, and bracketed parts
 * (colours, conditions, locales, elapsed [h]) are not date tokens.
 */
const NOT_TOKENS = /"[^"]*"|\\.|[_*].|\[[^\]]*\]/g;
const DATE_TOKEN = /[dmy]/i;

export function isDateFormatCode(code: string): boolean {
  return DATE_TOKEN.test(code.replace(NOT_TOKENS, ""));
}

/** `code` is the format's code when the workbook defines it, which takes precedence over the built-in id. */
export function isDateFormat(id: number, code: string | undefined): boolean {
  return code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_IDS.has(id);
}
