import type { Finding } from "../core/validation/finding";
import type { Acknowledgement } from "../core/validation/acknowledgements";
import type { SheetInput } from "../core/validation/validate-sheet";
import type { WorkbookSpec } from "../core/template/spec";
import type { ReadProgress } from "./read-sheets";

export type { ReadProgress };

/**
 * What the task pane asks of the open workbook. The Office.js adapter (excel-workspace.ts)
 * implements it; components receive it as a prop, so their tests need no Office.
 */

/** A sheet of the spec and the name it got in the workbook (a free name on collision). */
export interface PlacedSheet {
  readonly wanted: string;
  readonly actual: string;
}

export interface InsertResult {
  readonly sheets: readonly PlacedSheet[];
  /** Human sentences for the user, e.g. "'pact-2008 BE factual' existed; inserted as 'pact-2008 BE factual (2)'". */
  readonly notes: readonly string[];
}

/** The choices the Generate view remembers, stored in the workbook (not the browser). */
export interface GenerateChoices {
  readonly framework: string;
  readonly party: string;
  readonly cycle: string;
  readonly round: "initial" | "update";
}

/** One change to the workbook, by sheet name. */
export type WorkbookChange =
  | { readonly kind: "edited"; readonly sheets: readonly string[] }
  | { readonly kind: "added"; readonly sheet: string }
  | { readonly kind: "deleted"; readonly sheet: string }
  | { readonly kind: "renamed"; readonly from: string; readonly to: string };

export interface RequirementCheck {
  readonly supported: boolean;
  /** e.g. ["ExcelApi 1.9"]: what this Excel lacks, for a plain message. */
  readonly missing: readonly string[];
}

export interface ExcelWorkspace {
  checkRequirements(): RequirementCheck;
  /**
   * Whether a file offered as a download reaches the user in this Excel. Excel for Mac and for
   * iPad drop task-pane downloads silently; there, openWorkbook is the way to hand over a file.
   */
  readonly canDownload: boolean;
  /** Opens .xlsx bytes as a new workbook (Excel.createWorkbook); the user saves it from there. */
  openWorkbook(bytes: Uint8Array, fileName: string): Promise<void>;
  /** Adds the spec's sheets as new sheets; never changes an existing sheet. */
  insertSpec(spec: WorkbookSpec): Promise<InsertResult>;
  /**
   * Sheets for the validator: every sheet, or only the named ones (live mode re-reads just the
   * sheets that changed). Template sheets, the acknowledgements and the carried sheets come whole;
   * any other sheet comes with its header block only (enough to tell it is no template sheet).
   * Large sheets are read in bounded requests; `onProgress` hears after each sheet read whole.
   */
  readSheets(only?: readonly string[], onProgress?: (progress: ReadProgress) => void): Promise<SheetInput[]>;
  selectCell(sheet: string, cell: string): Promise<void>;
  highlight(findings: readonly Finding[]): Promise<void>;
  clearHighlights(): Promise<void>;
  /** Appends to the hidden acknowledgements sheet (creating it if needed). */
  acknowledge(ack: Acknowledgement): Promise<void>;
  /**
   * Records many acknowledgements at once (one justification for a group of warnings), in a few
   * requests whatever their number, with the same co-author safety as acknowledge().
   */
  acknowledgeAll(acks: readonly Acknowledgement[]): Promise<void>;
  loadChoices(): Promise<GenerateChoices | undefined>;
  saveChoices(choices: GenerateChoices): Promise<void>;
  /**
   * Calls back (debouncing is the caller's) with what changed, local or a co-author's: cells edited,
   * sheets added, deleted or renamed. Office shows nothing of what an event handler throws, so
   * every failure while handling an event goes to `fail`, coded. Resolves to the unsubscribe.
   */
  onChanged(handler: (change: WorkbookChange) => void, fail: (error: unknown) => void): Promise<() => Promise<void>>;
}
