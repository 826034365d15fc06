/** A moment as the register shows it: UTC, to the second ("2026-11-14T09:30:00Z"), so texts sort as times. */
export function isoSeconds(date: Date): string {
  return date.toISOString().replace(/\.\d{3}Z$/, "Z");
}
