import type { Finding } from "../../core/validation/finding";

/** How the list groups findings: what blocks submission first, then what needs a decision. */
export type FindingGroupKind = "error" | "warning" | "accepted" | "info";
export const GROUP_ORDER: readonly FindingGroupKind[] = ["error", "warning", "accepted", "info"];

export interface FindingGroup {
  readonly kind: FindingGroupKind;
  readonly findings: readonly Finding[];
}

export interface SheetFindings {
  /** "" for findings about the workbook as a whole (e.g. no template sheet). */
  readonly sheet: string;
  readonly groups: readonly FindingGroup[];
}

export function groupKind(f: Finding): FindingGroupKind {
  if (f.severity === "warning" && f.acknowledged) return "accepted";
  return f.severity;
}

/** Findings by sheet (in the order the validator met them), then by kind; empty groups left out. */
export function groupFindings(findings: readonly Finding[]): SheetFindings[] {
  const bySheet = new Map<string, Map<FindingGroupKind, Finding[]>>();
  for (const f of findings) {
    const groups = bySheet.get(f.sheet) ?? new Map<FindingGroupKind, Finding[]>();
    bySheet.set(f.sheet, groups);
    const kind = groupKind(f);
    groups.set(kind, [...(groups.get(kind) ?? []), f]);
  }
  return [...bySheet.entries()].map(([sheet, groups]) => ({
    sheet,
    groups: GROUP_ORDER.flatMap((kind) => {
      const list = groups.get(kind);
      return list ? [{ kind, findings: list }] : [];
    }),
  }));
}
