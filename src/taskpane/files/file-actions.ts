import type { ReadOutcome } from "../../core/consolidation/register";
import type { WorkbookSpec } from "../../core/template/spec";
import type { StartConsolidation } from "../consolidate/consolidation-run";
import type { NamedBlob } from "./file-bytes";

/**
 * What the pane does with files (standalone mode, and downloads in Excel). Components receive it as
 * a prop: the real one (browser-file-actions.ts) loads exceljs, the reader and the worker lazily;
 * tests pass fakes.
 */
export interface FileActions {
  /** The template as .xlsx bytes. */
  templateBytes(spec: WorkbookSpec): Promise<Uint8Array>;
  /** Reads and validates one returned file; a bad file is an outcome with the reader's code, never a throw. */
  readReturn(file: NamedBlob): Promise<ReadOutcome>;
  /** Consolidates off the UI thread. */
  startConsolidation: StartConsolidation;
  /** Offers bytes as a download. */
  save(bytes: Uint8Array, fileName: string): void;
}
