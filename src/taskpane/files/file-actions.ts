import type { ReadOutcome } from "../../core/consolidation/register";
import type { WorkbookSpec } from "../../core/template/spec";
import type { StartConsolidation } from "../consolidate/consolidation-run";
import type { NamedBlob } from "./file-bytes";
import type { PreviousInput } from "../../xlsx/read-return";

/** A file given as last cycle's: a return (read and validated as every return is), or our own combined report. */
export type PreviousRead = PreviousInput;

/**
 * What the pane does with files (standalone mode, and downloads in Excel). Components receive it as
 * a prop: the real one (browser-file-actions.ts) loads the writer, the reader and the worker lazily;
 * tests pass fakes.
 */
export interface FileActions {
  /** The template as .xlsx bytes. */
  templateBytes(spec: WorkbookSpec): Promise<Uint8Array>;
  /** Reads and validates one returned file; a bad file is an outcome with the reader's code, never a throw. */
  readReturn(file: NamedBlob): Promise<ReadOutcome>;
  /** Reads last cycle's file for "Start from a previous return"; never throws for a bad file (a return outcome with the code). */
  readPrevious(file: NamedBlob): Promise<PreviousRead>;
  /** Consolidates off the UI thread. */
  startConsolidation: StartConsolidation;
  /** Offers bytes as a download (whether it arrives is unknown; see download.ts and hand-over.ts). */
  save(bytes: Uint8Array, fileName: string): void;
}
