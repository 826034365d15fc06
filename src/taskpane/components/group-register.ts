import { countRegister, groupReturns, type RegisterCounts, type ReturnGroup } from "../../core/consolidation/return-counts";
import type { RegisterSummary } from "../consolidate/protocol";

// The counting is core's, shared with the CLI's summary and --json (core/consolidation/return-counts.ts).
export { RETURN_STATUSES, groupReturns, type ReturnGroup, type ReturnStatus } from "../../core/consolidation/return-counts";

/** A return that needs a decision: anything but a clean acceptance, or late, or not for publication. */
export function needsAttention(g: ReturnGroup): boolean {
  return g.status !== "accepted" || g.late || g.withheld || g.rows.some((r) => r.dissemination !== "" && !r.dissemination.startsWith("yes"));
}

/** What the pane's register shows: the returns, their counts (by return and by sheet), and those to look at. */
export interface RegisterViewModel {
  readonly returns: readonly ReturnGroup[];
  readonly counts: RegisterCounts;
  readonly attention: readonly ReturnGroup[];
}

export function registerViewModel(summary: RegisterSummary): RegisterViewModel {
  const returns = groupReturns(summary.rows);
  return { returns, counts: countRegister(summary.rows), attention: returns.filter(needsAttention) };
}
