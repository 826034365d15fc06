import { CodedError, type Place } from "../core/errors/coded-error";

export const USAGE = "PT-CLI-001";
export const WRITE_FAILED = "PT-IO-001";
export const READ_FAILED = "PT-IO-002";

export function usageError(message: string, place: Place = {}): CodedError {
  return new CodedError(USAGE, `${message} (see 'pact-tracker help')`, place);
}
