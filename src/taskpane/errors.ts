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
  /** What the user can do about an Office error, when we know (also the message's last sentence). */
  readonly guidance?: string;
}

/**
 * What to do about Office's own errors, by Office's code (Excel.ErrorCodes, OfficeExtension.ErrorCodes).
 * Office's messages say what went wrong, not what to do; users read this sentence.
 */
export const OFFICE_GUIDANCE: Readonly<Record<string, string>> = {
  ResponsePayloadSizeLimitExceeded:
    "Excel on the web refused to send this much data at once. Try again; if it keeps failing, open the workbook in Excel for Windows or Mac, or move very large sheets of your own to another workbook.",
  RequestPayloadSizeLimitExceeded:
    "Excel on the web refused to take this much data at once. Try again; if it keeps failing, open the workbook in Excel for Windows or Mac.",
  RangeExceedsLimit:
    "A sheet's used area is larger than Excel lets an add-in read at once. Delete unused rows and columns far below or to the right of your data (select them, then Home → Delete), save, and try again.",
  AccessDenied:
    "A sheet or the workbook's structure is protected. Lift the protection (Review → Unprotect Sheet, or Review → Protect Workbook to turn structure protection off), then try again.",
  BadPassword: "A sheet is protected with a password. Ask whoever set it to unprotect the sheet (Review → Unprotect Sheet), then try again.",
  Conflict: "Someone else changed the workbook at the same moment. Wait a few seconds and try again.",
  ItemAlreadyExists: "A sheet or name with this name was just added, perhaps by a co-author. Try again: a free name will be chosen.",
  InvalidOperation:
    "Excel does not allow this right now, for example while a cell is being edited, a dialog is open or the sheet is hidden. Finish editing (press Enter), close dialogs, then try again.",
  InvalidOperationInCellEditMode: "A cell is being edited. Press Enter or Esc to finish editing, then try again.",
};

/** Office's message with the sentence saying what to do, when there is one. */
function withGuidance(message: string, officeCode: string | undefined): { message: string; guidance?: string } {
  const guidance = officeCode !== undefined ? OFFICE_GUIDANCE[officeCode] : undefined;
  return guidance ? { message: `${message} ${guidance}`, guidance } : { message };
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
    return { code: e.code, ...withGuidance(e.message, officeCode), source: "pact-tracker", ...(place ? { place } : {}), ...(officeCode ? { officeCode } : {}) };
  }
  if (isOfficeError(e)) {
    const location = e.debugInfo?.errorLocation;
    const ours = /^PT-[A-Z]+-\d{3}$/.test(e.code);
    return {
      code: e.code,
      ...(ours ? { message: e.message } : withGuidance(e.message, e.code)),
      source: ours ? "pact-tracker" : "office",
      ...(typeof location === "string" && location ? { place: location } : {}),
    };
  }
  const message = e instanceof Error ? e.message : String(e);
  return { code: PANE_UNEXPECTED, message: `Unexpected problem: ${message}`, source: "pact-tracker" };
}
