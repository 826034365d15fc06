import { CodedError, type Place } from "../core/errors/coded-error";

/**
 * Why an action on the open workbook failed. Office.js errors are never swallowed: each reaches
 * the caller as a CodedError naming the action, with Office's own message, code and location.
 */

/** Inserting a template (or report) into the open workbook failed. */
export const INSERT_FAILED = "PT-XL-001";
/** Reading the workbook's sheets for validation failed. */
export const READ_FAILED = "PT-XL-002";
/** Selecting a cell (going to a finding) failed. */
export const SELECT_FAILED = "PT-XL-003";
/** Highlighting findings, or clearing the highlights, failed. */
export const HIGHLIGHT_FAILED = "PT-XL-004";
/** Recording an acknowledgement on the hidden sheet failed. */
export const ACKNOWLEDGE_FAILED = "PT-XL-005";
/** Saving the Generate view's choices in the workbook failed. */
export const SETTINGS_FAILED = "PT-XL-006";
/** Watching the workbook for changes (subscribing, unsubscribing, naming the sheet) failed. */
export const CHANGES_FAILED = "PT-XL-007";
/** A cell address the add-in was asked to use is not an A1 address. */
export const BAD_ADDRESS = "PT-XL-008";
/** Text the add-in wrote came back as something else (a formula, a number): the write was undone. */
export const TEXT_NOT_KEPT = "PT-XL-009";
/** Opening a template or report as a new workbook (where downloads do not work) failed. */
export const OPEN_FAILED = "PT-XL-010";

/** The parts of an OfficeExtension.Error we report, read defensively from whatever was thrown. */
function describeOfficeError(err: unknown): string {
  if (!(err instanceof Error) && (typeof err !== "object" || err === null)) return String(err);
  const e = err as { message?: unknown; code?: unknown; debugInfo?: { errorLocation?: unknown } };
  const message = typeof e.message === "string" && e.message ? e.message : String(err);
  const code = typeof e.code === "string" && e.code && !message.includes(e.code) ? e.code : undefined;
  const location = typeof e.debugInfo?.errorLocation === "string" && e.debugInfo.errorLocation ? e.debugInfo.errorLocation : undefined;
  const extra = [code, location && `at ${location}`].filter(Boolean).join(", ");
  return extra ? `${message} (${extra})` : message;
}

/** Wraps a failure in a CodedError; one that already is one (ours, with a place) passes unchanged. */
export function officeFailure(code: string, action: string, err: unknown, place: Place = {}): CodedError {
  if (err instanceof CodedError) return err;
  const coded = new CodedError(code, `${action}: ${describeOfficeError(err)}`, place);
  coded.cause = err;
  return coded;
}

/** Runs an Office action; a rejection becomes a CodedError with the Office message kept. */
export async function withCode<T>(code: string, action: string, place: Place, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (err) {
    throw officeFailure(code, action, err, place);
  }
}
