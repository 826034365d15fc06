import type { Party } from "../../core/catalogue/schema";
import type { RegisterRow } from "../../core/consolidation/register";
import type { ReceivedFrom } from "../../core/consolidation/received";
import type { PartyOrder } from "../../core/consolidation/report";
import type { WorkbookSpec } from "../../core/template/spec";
import type { NamedBlob } from "../files/file-bytes";
import type { Comparison } from "./earlier-cycle";
import type { PlainSheet } from "./plain-sheet";

/** Messages between the pane and the consolidation worker. Everything here survives structured cloning. */

/** The open workbook's sheets, read through Office.js by the pane (the worker has no Office). */
export interface WorkbookInput {
  /** How the register names it, e.g. "This workbook". */
  readonly label: string;
  readonly sheets: readonly PlainSheet[];
  /**
   * When it was received: the day entered in the Consolidate tab ("YYYY-MM-DD"), by default the day
   * of consolidation — passed in by the pane (its clock), so the run itself reads no clock.
   */
  readonly received?: string;
  /** Where `received` came from: "consolidated" (the default) or "entered". */
  readonly receivedFrom?: ReceivedFrom;
  /** Days entered for single national sheets ("YYYY-MM-DD" by sheet name): pasted in as each arrived, each is late or on time by its own day. */
  readonly sheetsReceived?: Readonly<Record<string, string>>;
}

export interface ConsolidationRequest {
  /** Each counts as received at its `lastModified` (File), as the CLI takes a file's time on disk, unless a day is entered for it. */
  readonly files: readonly NamedBlob[];
  /**
   * Days of receipt entered in the pane ("YYYY-MM-DD"), by index into `files`, as `--received` gives
   * them to the CLI; a file without one counts from its time on disk.
   */
  readonly receivedDays?: Readonly<Record<number, string>>;
  readonly workbook?: WorkbookInput;
  /**
   * "Compare with an earlier cycle": last cycle's returns and/or combined reports of ours, as
   * `consolidate --previous` takes them. Read first; both editions then compare with them.
   */
  readonly previous?: readonly NamedBlob[];
  readonly order: PartyOrder;
  readonly strict: boolean;
  /** Last day per round (ISO), to flag late returns as `--deadline` does. */
  readonly deadlines?: Readonly<Partial<Record<"initial" | "update", string>>>;
  /** Send the internal report's spec back too, to insert it into the open workbook. */
  readonly includeSpec: boolean;
  /** The day the report is made (YYYY-MM-DD), shown as the compilation date: the worker reads no clock. */
  readonly generatedOn?: string;
}

export type ConsolidationProgress =
  | { readonly phase: "reading"; readonly done: number; readonly total: number; readonly current: string; readonly earlier?: boolean }
  | { readonly phase: "writing"; readonly edition: "internal" | "public" };

/** What the pane shows of the register: its rows and the missing parties (not the contributions' data). */
export interface RegisterSummary {
  readonly rows: readonly RegisterRow[];
  readonly missing: readonly { readonly framework: string; readonly cycle: string; readonly parties: readonly Party[] }[];
}

export interface ConsolidatedReports {
  readonly internal: Uint8Array;
  /** Absent when the public edition was refused (see `publicBlocked`). */
  readonly public?: Uint8Array;
  /** Returns that stop the public edition (PT-CONS-006): each may withhold, and no party can be told from it. */
  readonly publicBlocked?: readonly { readonly file: string; readonly sheet: string; readonly code: string; readonly message: string }[];
  readonly internalSpec?: WorkbookSpec;
}

export interface ConsolidationResult {
  readonly summary: RegisterSummary;
  /** Absent when nothing could be consolidated (the summary says why); see `failure`. */
  readonly reports?: ConsolidatedReports;
  readonly failure?: { readonly code: string; readonly message: string };
  /** With earlier-cycle files, once a report is made: what it compared with, and every file or cycle not used. */
  readonly comparison?: Comparison;
}

export type ToWorker = { readonly type: "start"; readonly request: ConsolidationRequest };

export type FromWorker =
  | { readonly type: "progress"; readonly progress: ConsolidationProgress }
  | { readonly type: "done"; readonly result: ConsolidationResult }
  | { readonly type: "failed"; readonly error: { readonly code: string; readonly message: string } };
