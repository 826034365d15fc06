/**
 * Code-unit order, the same on every machine and locale: where the same inputs in any order must
 * give the same report (which return's choice is shown, which spelling of a cycle), order never
 * depends on the user's language settings as localeCompare would.
 */
export const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
