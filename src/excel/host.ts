import { loadedLibrary, type Library } from "./capabilities";
import type { Requirements } from "./requirements";

/**
 * The Office entry points the workspace uses, injectable so tests pass a recording fake.
 * Defaults read the Office and Excel globals only when first used, never at import.
 */

/** Runs a batch; `previous` reuses an earlier batch's context (removing an event handler needs it). */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>, previous?: Excel.RequestContext) => Promise<T>;

export interface ExcelHost {
  readonly run: ExcelRun;
  /** What the host supports (Office.context.requirements). */
  readonly requirements: Requirements;
  /** What the loaded office.js defines: see capabilities.ts for why both are asked. */
  readonly library: Library;
  /** Office.context.platform: "PC", "Mac", "OfficeOnline", "iOS", "Android", "Universal". */
  readonly platform: string;
  /** Excel.createWorkbook (ExcelApi 1.8): opens a base64 .xlsx as a new workbook. */
  readonly createWorkbook: (base64: string) => Promise<void>;
  /**
   * Bytes queued per request before a sync. Excel on the web refuses requests over 5 MB; staying
   * near 1 MB leaves room for Office's own framing and keeps each round trip short.
   */
  readonly requestBytes: number;
}

export const DEFAULT_REQUEST_BYTES = 1_000_000;

/** The real Office: Excel.run waits while the user is typing in a cell instead of failing. */
export function officeHost(): ExcelHost {
  return {
    run: (batch, previous) => Excel.run({ delayForCellEdit: true, ...(previous ? { previousObjects: previous } : {}) }, batch),
    requirements: { isSetSupported: (name, minVersion) => Office.context.requirements.isSetSupported(name, minVersion) },
    library: loadedLibrary(),
    get platform() {
      return String(Office.context.platform ?? "unknown");
    },
    createWorkbook: (base64) => Excel.createWorkbook(base64),
    requestBytes: DEFAULT_REQUEST_BYTES,
  };
}
