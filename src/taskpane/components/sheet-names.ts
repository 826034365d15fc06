import type { SheetRole } from "../../core/template/spec";
import type { TemplateSheet } from "../../core/validation/validate-sheet";

/** What a template sheet is for, in the words the templates use (a Pact return has two sheets). */
export const ROLE_LABEL: Readonly<Record<SheetRole, string>> = {
  political: "political report",
  factual: "factual table",
  matrix: "action matrix",
  questionnaire: "questionnaire",
  lists: "lists",
  report: "report",
};

/**
 * A template sheet named so that no two read alike: its name in the workbook, what it is for, and
 * the return it belongs to — “Pact EL (1)” (political report, pact-2008 EL 2026 initial).
 */
export function describeSheet(c: Pick<TemplateSheet, "sheet" | "role" | "meta">): string {
  const what = [c.role ? ROLE_LABEL[c.role] : undefined, [c.meta.framework, c.meta.partyCode, c.meta.cycle, c.meta.round].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  return what ? `“${c.sheet}” (${what})` : `“${c.sheet}”`;
}
