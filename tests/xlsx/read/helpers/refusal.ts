import { CodedError } from "../../../../src/core/errors/coded-error";
import { readWorkbook, type ReadLimits } from "../../../../src/xlsx/read/read-workbook";

/**
 * A hostile file must be refused with a CodedError, quickly. The time bound is a safety property
 * (a reader that can be made to spin is a denial of service), so it is asserted.
 */
export const SAFETY_MS = 5000;

export function refusal(bytes: Uint8Array, limits: Partial<ReadLimits> = {}): CodedError {
  const started = performance.now();
  let error: unknown;
  try {
    readWorkbook(bytes, "hostile.xlsx", limits);
  } catch (e) {
    error = e;
  }
  const elapsed = performance.now() - started;
  expect(elapsed).toBeLessThan(SAFETY_MS);
  if (!(error instanceof CodedError)) throw new Error(`expected a CodedError, got ${error === undefined ? "a result" : String(error)}`);
  expect(error.place.file).toBe("hostile.xlsx");
  return error;
}

export function expectCode(bytes: Uint8Array, code: string, limits: Partial<ReadLimits> = {}): CodedError {
  const e = refusal(bytes, limits);
  expect(`${e.code} ${e.message}`).toMatch(new RegExp(`^${code} `));
  return e;
}
