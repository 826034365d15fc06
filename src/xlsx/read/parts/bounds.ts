import { CodedError, type Place } from "../../../core/errors/coded-error";
import { READ_STRING_TOO_LONG, READ_TOO_MANY_ITEMS } from "../codes";

/** Appends parser text to a string, refusing once it passes `max` characters. `place` is asked for only then. */
export function appendBounded(current: string, add: string, max: number, what: string, place?: () => Place): string {
  if (current.length + add.length > max) {
    throw new CodedError(READ_STRING_TOO_LONG, `${what} is longer than ${max} characters`, place?.());
  }
  return current + add;
}

/** Refuses before a collection grows past `max`: call with its size before adding. */
export function checkCount(size: number, max: number, what: string): void {
  if (size >= max) throw new CodedError(READ_TOO_MANY_ITEMS, `more than ${max} ${what}`);
}
