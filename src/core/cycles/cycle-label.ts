import { foldKey } from "../validation/typed-text";

/**
 * The reporting cycle is a short label: 1 to 20 letters, digits, spaces and `-` `/` `.`, starting
 * and ending with a letter or digit ("2026", "2009-2010", "2009/10", "H1 2026"). One rule for every
 * input — `generate --cycle`, the pane, a return's header — and one way to compare labels: case and
 * spacing do not make another cycle ("h1 2026" is "H1 2026").
 */
export const CYCLE_RULE = "1 to 20 letters, digits, spaces, '-', '/' or '.', starting and ending with a letter or digit";
const CYCLE = /^[\p{L}\p{N}](?:[\p{L}\p{N} ./-]{0,18}[\p{L}\p{N}])?$/u;

/** Whether a label follows the rule (a single space between words). */
export function isCycleLabel(cycle: string): boolean {
  return CYCLE.test(cycle) && !cycle.includes("  ");
}

/** What two labels are compared by: the same key is the same cycle. */
export function cycleKey(cycle: string): string {
  return foldKey(cycle);
}
