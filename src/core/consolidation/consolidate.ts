import type { Catalogue } from "../catalogue/catalogue";
import { earlierCycles, type EarlierCycles } from "../cycles/comparison";
import type { PreviousCycle } from "../cycles/previous";
import type { WorkbookSpec } from "../template/spec";
import { count } from "../wording";
import { NOTHING_TO_CONSOLIDATE, buildRegister, type ReadOutcome, type Register, type RegisterOptions } from "./register";
import { buildCombinedReport, type PartyOrder } from "./report";

/**
 * The one consolidation flow, after the inputs are read: the register, then the combined report's
 * editions. The command line and the task pane (its worker) both call it with the outcomes they
 * read — files on disk or chosen in the browser, the open workbook's sheets — and only write the
 * specs it returns, so the two cannot count, refuse or publish differently.
 */

export interface ConsolidationOptions extends RegisterOptions {
  readonly order: PartyOrder;
  /** The day the report is made, shown as the compilation date (the caller's clock: core reads none). */
  readonly generatedAt?: string;
  /** Earlier cycles to compare with (`--previous`, "Compare with an earlier cycle"). */
  readonly previous?: readonly PreviousCycle[];
}

export type Consolidation =
  | {
      readonly kind: "nothing";
      readonly register: Register;
      /** Nothing could be consolidated (PT-CONS-001): no report is made; the register says why, input by input. */
      readonly failure: { readonly code: string; readonly message: string };
    }
  | {
      readonly kind: "report";
      readonly register: Register;
      readonly internal: WorkbookSpec;
      /**
       * The public edition, built on demand (the CLI builds it only when asked); undefined while a
       * return may withhold and its party cannot be told (`register.publicBlocked`): it fails closed.
       */
      readonly publicEdition: () => WorkbookSpec | undefined;
      /** What the earlier cycles given were compared with, and every one not used; undefined without earlier cycles. */
      readonly earlier?: EarlierCycles;
    };

export function consolidateReturns(outcomes: readonly ReadOutcome[], catalogue: Catalogue, options: ConsolidationOptions): Consolidation {
  const { order, generatedAt, previous, ...registerOptions } = options;
  const register = buildRegister(outcomes, catalogue, registerOptions);
  if (register.responses.length === 0) {
    return { kind: "nothing", register, failure: { code: NOTHING_TO_CONSOLIDATE, message: `nothing could be consolidated from ${count(outcomes.length, "input")}` } };
  }
  const report = { order, ...(generatedAt !== undefined ? { generatedAt } : {}), ...(previous ? { previous } : {}) };
  const internal = buildCombinedReport(register, catalogue, { edition: "internal", ...report });
  const publicEdition = (): WorkbookSpec | undefined => (register.publicBlocked.length > 0 ? undefined : buildCombinedReport(register, catalogue, { edition: "public", ...report }));
  const earlier = previous ? { earlier: earlierCycles(previous, register.responses.map((r) => ({ framework: r.framework.id, cycle: r.cycle }))) } : {};
  return { kind: "report", register, internal, publicEdition, ...earlier };
}
