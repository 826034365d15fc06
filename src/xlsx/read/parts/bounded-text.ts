import { CodedError } from "../../../core/errors/coded-error";
import type { Place } from "../../../core/errors/coded-error";
import { READ_STRING_TOO_LONG } from "../codes";

/** Appends parser text to a string, refusing once it passes `max` characters. */
export function appendBounded(current: string, add: string, max: number, what: string, place?: Place): string {
  if (current.length + add.length > max) {
    throw new CodedError(READ_STRING_TOO_LONG, `${what} is longer than ${max} characters`, place);
  }
  return current + add;
}
