import type { DateValue } from "../template/spec";

/**
 * Excel date serials to ISO days and back. The 1900 system counts 1900-01-01 as day 1 and keeps Lotus's
 * fictitious 1900-02-29 (day 60); the 1904 system counts 1904-01-01 as day 0. Serials that are not
 * a real day Excel can show (≤ 0, day 60, past 9999-12-31) stay numbers for validation to judge.
 */

const DAY_MS = 86_400_000;
const EPOCH_1900_LATE = Date.UTC(1899, 11, 30); // day 61 and on: after the fictitious leap day
const EPOCH_1900_EARLY = Date.UTC(1899, 11, 31); // days 1–59
const EPOCH_1904 = Date.UTC(1904, 0, 1);
const LAST_DAY = Date.UTC(9999, 11, 31);

/** The ISO day of a serial, or undefined when it is not one. A time of day is dropped. */
export function serialToIsoDay(serial: number, date1904: boolean): string | undefined {
  if (!Number.isFinite(serial)) return undefined;
  // Whole milliseconds first, so 45000.99999999999 (a rounding of midnight) is the next day.
  const day = Math.floor(Math.round(serial * DAY_MS) / DAY_MS);
  let ms: number;
  if (date1904) {
    if (day < 0) return undefined;
    ms = EPOCH_1904 + day * DAY_MS;
  } else {
    if (day < 1 || day === 60) return undefined;
    ms = (day < 60 ? EPOCH_1900_EARLY : EPOCH_1900_LATE) + day * DAY_MS;
  }
  if (ms > LAST_DAY) return undefined;
  return new Date(ms).toISOString().slice(0, 10);
}

/** The serial of an ISO day (and UTC time of day, as a fraction) in the workbook's date system. */
export function dateToSerial(v: DateValue, date1904: boolean): number {
  const [y, m, d] = v.date.split("-").map(Number) as [number, number, number];
  const [hh = 0, mm = 0, ss = 0] = (v.time ?? "").split(":").map(Number);
  const ms = Date.UTC(y, m - 1, d, hh, mm, ss);
  if (date1904) return (ms - EPOCH_1904) / DAY_MS;
  const late = (ms - EPOCH_1900_LATE) / DAY_MS;
  return late >= 61 ? late : (ms - EPOCH_1900_EARLY) / DAY_MS;
}
