import type { Finding } from "../../core/validation/finding";
import { validationConfig } from "../../core/validation/rules";

/** How the list groups findings: what blocks submission first, then what needs a decision. */
export type FindingGroupKind = "error" | "warning" | "accepted" | "info";
export const GROUP_ORDER: readonly FindingGroupKind[] = ["error", "warning", "accepted", "info"];

export function groupKind(f: Finding): FindingGroupKind {
  if (f.severity === "warning" && f.acknowledged) return "accepted";
  return f.severity;
}

/** One line of the summary: every finding of one code (and kind), with the rule's one-line meaning. */
export interface CodeGroup {
  /** Stable key: kind and code (an accepted warning is listed apart from the open ones of its code). */
  readonly key: string;
  readonly code: string;
  readonly kind: FindingGroupKind;
  /** The rule's title from seeds/validation.json; the code itself for a code the registry lacks. */
  readonly title: string;
  readonly findings: readonly Finding[];
}

const TITLES: ReadonlyMap<string, string> = new Map(validationConfig.rules.map((r) => [r.code, r.title]));

/** The rule's one-line meaning, e.g. "Required entry missing". */
export function ruleTitle(code: string): string {
  return TITLES.get(code) ?? code;
}

/**
 * Findings by code: errors first, then warnings, accepted warnings, information; within a kind the
 * most frequent code first (ties by code). Findings keep the validator's order inside a group.
 * One pass over the findings: 5,000 of them group in a few milliseconds.
 */
export function groupByCode(findings: readonly Finding[]): CodeGroup[] {
  const groups = new Map<string, { code: string; kind: FindingGroupKind; findings: Finding[] }>();
  for (const f of findings) {
    const kind = groupKind(f);
    const key = `${kind}:${f.code}`;
    let g = groups.get(key);
    if (!g) {
      g = { code: f.code, kind, findings: [] };
      groups.set(key, g);
    }
    g.findings.push(f);
  }
  return [...groups.entries()]
    .map(([key, g]) => ({ key, code: g.code, kind: g.kind, title: ruleTitle(g.code), findings: g.findings }))
    .sort((a, b) => GROUP_ORDER.indexOf(a.kind) - GROUP_ORDER.indexOf(b.kind) || b.findings.length - a.findings.length || a.code.localeCompare(b.code));
}

/** What the list shows: some kinds (all when empty) on one sheet (all when undefined). */
export interface FindingFilter {
  readonly kinds: ReadonlySet<FindingGroupKind>;
  readonly sheet?: string;
}

export const NO_FILTER: FindingFilter = { kinds: new Set() };

export function filterFindings(findings: readonly Finding[], filter: FindingFilter): Finding[] {
  return findings.filter((f) => (filter.kinds.size === 0 || filter.kinds.has(groupKind(f))) && (filter.sheet === undefined || f.sheet === filter.sheet));
}

/** The sheets findings are on, in the order the validator met them ("" is the workbook as a whole). */
export function sheetsOf(findings: readonly Finding[]): string[] {
  return [...new Set(findings.map((f) => f.sheet))];
}

/**
 * "Show next error": the open errors in the order the summary lists them (by code group, then in
 * the validator's order), and the one after `current` — the first again after the last.
 */
export function errorsInOrder(groups: readonly CodeGroup[]): Finding[] {
  return groups.filter((g) => g.kind === "error").flatMap((g) => g.findings);
}

export function nextError(errors: readonly Finding[], current: Finding | undefined): Finding | undefined {
  if (errors.length === 0) return undefined;
  const at = current ? errors.indexOf(current) : -1;
  return errors[(at + 1) % errors.length];
}
