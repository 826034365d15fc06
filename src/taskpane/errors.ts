import { CodedError } from "../core/errors/coded-error";

/**
 * Everything that goes wrong in the pane reaches the user as a PaneError: a stable code, a message
 * and who raised it. Office errors keep Excel's own code (e.g. "InvalidArgument", "ItemNotFound") —
 * that is what Microsoft's documentation and support know them by.
 */
export interface PaneError {
  readonly code: string;
  readonly message: string;
  /** "office" for errors raised by Office.js, "pact-tracker" for ours. */
  readonly source: "office" | "pact-tracker";
  /** Where it happened, when known: a file/sheet/cell (ours) or Office's debug location. */
  readonly place?: string;
  /** Office's own code (e.g. "InvalidArgument") when one of our errors wraps an Office error. */
  readonly officeCode?: string;
}

/** An unexpected exception: a bug, not a user error. Reported with its message so it can be filed. */
export const PANE_UNEXPECTED = "PT-PANE-001";
/** The browser could not hand us a file's bytes (moved, deleted, permission revoked). */
export const PANE_FILE_UNREADABLE = "PT-PANE-002";
/** The consolidation worker could not start or crashed. */
export const PANE_WORKER_FAILED = "PT-PANE-003";
/** The Excel adapter could not be loaded, so the pane works on files only. */
export const PANE_EXCEL_UNAVAILABLE = "PT-PANE-004";
/** The browser refused to offer a download. */
export const PANE_DOWNLOAD_FAILED = "PT-PANE-005";

/** The shape of OfficeExtension.Error, checked by duck typing: only office-host.ts may touch Office globals. */
interface OfficeErrorLike {
  readonly name?: unknown;
  readonly code: string;
  readonly message: string;
  readonly debugInfo?: { readonly errorLocation?: unknown; readonly statement?: unknown };
}

function isOfficeError(e: unknown): e is OfficeErrorLike {
  if (typeof e !== "object" || e === null) return false;
  const o = e as Record<string, unknown>;
  return typeof o["code"] === "string" && typeof o["message"] === "string";
}

export function toPaneError(e: unknown): PaneError {
  if (e instanceof CodedError) {
    const place = [e.place.file, e.place.sheet, e.place.cell].filter(Boolean).join(" ");
    // The Excel adapter wraps Office's error (PT-XL-…) and keeps it as the cause.
    const cause: unknown = e.cause;
    const officeCode = isOfficeError(cause) && !(cause instanceof CodedError) ? cause.code : undefined;
    return { code: e.code, message: e.message, source: "pact-tracker", ...(place ? { place } : {}), ...(officeCode ? { officeCode } : {}) };
  }
  if (isOfficeError(e)) {
    const location = e.debugInfo?.errorLocation;
    const ours = /^PT-[A-Z]+-\d{3}$/.test(e.code);
    return {
      code: e.code,
      message: e.message,
      source: ours ? "pact-tracker" : "office",
      ...(typeof location === "string" && location ? { place: location } : {}),
    };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { code: PANE_UNEXPECTED, message: `Unexpected problem: ${message}`, source: "pact-tracker" };
}
