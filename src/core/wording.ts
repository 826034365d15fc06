/** "1 file", "2 files", "1 entry", "0 entries": counts in messages, never "1 file(s)". */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}
