import type { UnreadDetail } from "../core/grid/sheet-details";

/**
 * The open workbook's date system, which decides what a serial means both ways: a day read, a day
 * written. Office.js has no property for it (Workbook.use1904DateSystem was a preview API and is in
 * no requirement set), so the workbook itself is asked: DATE(1904,1,1) through the worksheet
 * functions (ExcelApi 1.2) is 0 in a 1904 workbook and 1462 in a 1900 one.
 */

/** 1904-01-01 is day 0 of the 1904 system and day 1462 of the 1900 one. */
const SERIAL_1904_IN_1900 = 1462;

/** Queues the probe; read it with dateSystem after the next sync. */
export function probeDateSystem(context: Excel.RequestContext): Excel.FunctionResult<number> {
  return context.workbook.functions.date(1904, 1, 1).load("value,error");
}

export function dateSystem(probe: Excel.FunctionResult<number>): { date1904: boolean; unread?: UnreadDetail } {
  if (probe.value === 0) return { date1904: true };
  if (probe.value === SERIAL_1904_IN_1900) return { date1904: false };
  const got = probe.error ? `the error ${probe.error}` : String(probe.value);
  return { date1904: false, unread: { detail: "dateSystem", reason: `the workbook's date system could not be told (DATE(1904,1,1) gave ${got}); dates were read as 1900 dates` } };
}
