import type { CodedError } from "../../../../src/core/errors/coded-error";
import type { ReadLimits } from "../../../../src/xlsx/read/read-workbook";
import { NODE_PATH, type ReaderPath } from "./reader-paths";

/**
 * A hostile file must be refused with a CodedError, quickly. The time bound is a guard against a
 * reader that can be made to spin (a denial of service), not a speed target — speed is the bench's
 * job — so it is generous enough for a loaded two-core CI machine; each test also asserts the
 * coded reason, which proves the cap that stopped the work (e.g. "one part" = real output counted).
 * `path` is the copy of the reader to run (helpers/reader-paths.ts); Node's by default.
 */
export const SAFETY_MS = 15_000;

export function refusal(bytes: Uint8Array, limits: Partial<ReadLimits> = {}, path: ReaderPath = NODE_PATH): CodedError {
  const started = performance.now();
  let error: unknown;
  try {
    path.readWorkbook(bytes, "hostile.xlsx", limits);
  } catch (e) {
    error = e;
  }
  const elapsed = performance.now() - started;
  expect(elapsed).toBeLessThan(SAFETY_MS);
  if (!(error instanceof path.CodedError)) throw new Error(`expected a CodedError, got ${error === undefined ? "a result" : String(error)}`);
  expect(error.place.file).toBe("hostile.xlsx");
  return error;
}

export function expectCode(bytes: Uint8Array, code: string, limits: Partial<ReadLimits> = {}, path: ReaderPath = NODE_PATH): CodedError {
  const e = refusal(bytes, limits, path);
  expect(`${e.code} ${e.message}`).toMatch(new RegExp(`^${code} `));
  return e;
}

/** `expectCode` and `refusal` bound to one path, for the body of a `describe.each(READER_PATHS)`. */
export function refusalsOn(path: ReaderPath): { expectCode: (bytes: Uint8Array, code: string, limits?: Partial<ReadLimits>) => CodedError; refusal: (bytes: Uint8Array, limits?: Partial<ReadLimits>) => CodedError } {
  return {
    expectCode: (bytes, code, limits = {}) => expectCode(bytes, code, limits, path),
    refusal: (bytes, limits = {}) => refusal(bytes, limits, path),
  };
}
