import { CodedError } from "../../../../src/core/errors/coded-error";
import { readWorkbook, type ReadLimits } from "../../../../src/xlsx/read/read-workbook";

/**
 * A hostile file must be refused with a CodedError, quickly. The time bound is a guard against a
 * reader that can be made to spin (a denial of service), not a speed target — speed is the bench's
 * job — so it is generous enough for a loaded two-core CI machine; each test also asserts the
 * coded reason, which proves the cap that stopped the work (e.g. "one part" = real output counted).
 */
export const SAFETY_MS = 15_000;

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
