/**
 * How typed text is compared: people add spaces, line breaks and capitals that change nothing.
 * One place, so every rule folds text the same way.
 */

/** White space folded to single spaces, trimmed: how catalogue text and headings are compared. */
export function squash(s: string): string {
  return s.replace(/\s+/g, " ").trim();
}

/** Squashed and lower-cased: how list values, headings and choices are matched. */
export function foldKey(s: string): string {
  return squash(s).toLowerCase();
}
