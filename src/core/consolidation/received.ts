/** A moment as the register shows it: UTC, to the second ("2026-11-14T09:30:00Z"), so texts sort as times. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}

/**
 * Where a return's date of receipt came from, as the register records it:
 * - "file time": the file's time on disk (the CLI's default; in the pane, the chosen file's last-modified time);
 * - "received list": the CLI's `--received` list;
 * - "entered": typed in the pane's Consolidate tab;
 * - "consolidated": the day of consolidation (the pane's default for the open workbook, which has no file time).
 */
export type ReceivedFrom = "file time" | "received list" | "entered" | "consolidated";

/** The register's words for each source ("received date: …"). */
export const RECEIVED_FROM_TEXT: Readonly<Record<ReceivedFrom, string>> = {
  "file time": "the file's time on disk",
  "received list": "the --received list",
  entered: "entered in the pane",
  consolidated: "the day it was consolidated (the open workbook has no file time)",
};

/** A day ("YYYY-MM-DD") that is a real calendar day. */
export function isReceivedDay(text: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!m) return false;
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const t = new Date(Date.UTC(y, mo - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === mo - 1 && t.getUTCDate() === d;
}
