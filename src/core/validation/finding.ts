import type { Severity } from "./rules";

/** One result of validation, naming the place; the same shape in the CLI, the pane and the register. */
export interface Finding {
  readonly code: string;
  readonly severity: Severity;
  readonly sheet: string;
  /** A1 address, where the finding has one cell. */
  readonly cell?: string;
  /** The item reference, where the finding concerns one item. */
  readonly ref?: string;
  readonly message: string;
  readonly suggestion?: string;
  /** Set when a co-author accepted this warning with a justification stored in the workbook. */
  readonly acknowledged?: { readonly justification: string };
}

export interface FindingCounts {
  readonly errors: number;
  readonly warnings: number;
  readonly acknowledged: number;
  readonly info: number;
}

export function countFindings(findings: readonly Finding[]): FindingCounts {
  let errors = 0;
  let warnings = 0;
  let acknowledged = 0;
  let info = 0;
  for (const f of findings) {
    if (f.severity === "error") errors++;
    else if (f.severity === "info") info++;
    else if (f.acknowledged) acknowledged++;
    else warnings++;
  }
  return { errors, warnings, acknowledged, info };
}
