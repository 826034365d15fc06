import type { SheetGrid } from "../grid/grid";

/**
 * Accepted warnings live in the workbook, on a hidden sheet, so they travel with the file and
 * every co-author sees who accepted what and why.
 */
export const ACK_SHEET = "pt_acknowledgements";
export const ACK_HEADERS = ["Sheet", "Cell", "Code", "Justification", "By", "Date"] as const;

export interface Acknowledgement {
  readonly sheet: string;
  readonly cell: string;
  readonly code: string;
  readonly justification: string;
  readonly by?: string;
  readonly date?: string;
}

export function ackKey(sheet: string, cell: string, code: string): string {
  return `${sheet}\u0000${cell.toUpperCase()}\u0000${code}`;
}

export function readAcknowledgements(grid: SheetGrid): Acknowledgement[] {
  const acks: Acknowledgement[] = [];
  for (let row = 1; row < grid.rowCount; row++) {
    const [sheet, cell, code, justification, by, date] = ACK_HEADERS.map((_, col) => grid.text(row, col).trim());
    // A justification is what makes an acknowledgement: an empty one accepts nothing.
    if (sheet && cell && code && justification) acks.push({ sheet, cell, code, justification, ...(by ? { by } : {}), ...(date ? { date } : {}) });
  }
  return acks;
}
