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

export interface RequirementCheck {
  readonly supported: boolean;
  /** e.g. ["ExcelApi 1.9"]: what this Excel lacks, for a plain message. */
  readonly missing: readonly string[];
}

export interface ExcelWorkspace {
  checkRequirements(): RequirementCheck;
  /** Adds the spec's sheets as new sheets; never changes an existing sheet. */
  insertSpec(spec: WorkbookSpec): Promise<InsertResult>;
  /**
   * Sheets for the validator: every sheet, or only the named ones (live mode re-reads just the
   * sheets that changed). Template sheets and the acknowledgements come whole; any other sheet
   * comes with its header block only (enough to tell it is no template sheet). Large sheets are
   * read in bounded requests; `onProgress` hears after each sheet read whole.
   */
  readSheets(only?: readonly string[], onProgress?: (progress: ReadProgress) => void): Promise<SheetInput[]>;
  selectCell(sheet: string, cell: string): Promise<void>;
  highlight(findings: readonly Finding[]): Promise<void>;
  clearHighlights(): Promise<void>;
  /** Appends to the hidden acknowledgements sheet (creating it if needed). */
  acknowledge(ack: Acknowledgement): Promise<void>;
  loadChoices(): Promise<GenerateChoices | undefined>;
  saveChoices(choices: GenerateChoices): Promise<void>;
  /** Calls back (debounced by the caller) with the sheet names whose cells changed, local or co-author edits. */
  onChanged(handler: (sheets: readonly string[]) => void): Promise<() => Promise<void>>;
}
