import { CodedError, type Place } from "../core/errors/coded-error";

export const USAGE = "PT-CLI-001";
export const WRITE_FAILED = "PT-IO-001";
export const READ_FAILED = "PT-IO-002";

/** A mistake in how the command was called; the CLI adds where to read how (the command's --help). */
export function usageError(message: string, place: Place = {}): CodedError {
  return new CodedError(USAGE, message, place);
}
