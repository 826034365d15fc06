import type { StyleName } from "./spec";

/**
 * The look of each cell role, as data both renderers translate. Colours are RGB hex without '#'.
 * `locked` decides what the sheet protection lets users change: only entry cells are unlocked.
 */
export interface CellStyle {
  readonly bold?: boolean;
  readonly italic?: boolean;
  readonly size?: number;
  readonly color?: string;
  readonly fill?: string;
  readonly wrap: boolean;
  readonly vertical: "top" | "middle";
  /** Excel number format; "@" is text, so typed "=…" stays text. */
  readonly numberFormat: string;
  readonly locked: boolean;
  readonly border: boolean;
}

const base = { wrap: true, vertical: "top", numberFormat: "@", locked: true, border: false } as const;
const entryFill = "FFF9E5";
/** The conditional fill of an entry still as it was carried from last cycle (see src/core/cycles). */
export const CARRIED_FILL = "DDEBF7";

export const STYLES: Readonly<Record<StyleName, CellStyle>> = {
  title: { ...base, wrap: false, bold: true, size: 14, color: "1F3864" },
  metaLabel: { ...base, wrap: false, bold: true, color: "595959" },
  metaValue: { ...base, wrap: false },
  metaEntry: { ...base, wrap: false, locked: false, fill: entryFill, border: true },
  instructions: { ...base, italic: true, color: "595959" },
  columnHeader: { ...base, bold: true, color: "FFFFFF", fill: "1F3864", vertical: "middle", border: true },
  areaHeading: { ...base, bold: true, fill: "D9E1F2", border: true },
  ref: { ...base, bold: true, border: true },
  catalogueText: { ...base, border: true },
  guidance: { ...base, italic: true, color: "595959", border: true },
  entryText: { ...base, locked: false, fill: entryFill, border: true },
  entryList: { ...base, locked: false, fill: entryFill, border: true, numberFormat: "General" },
  entryDate: { ...base, locked: false, fill: entryFill, border: true, numberFormat: "yyyy-mm-dd" },
  listValue: { ...base, wrap: false },
  // Last cycle's answer beside this cycle's: read-only, greyed; a completed action in green.
  previousText: { ...base, italic: true, color: "595959", fill: "F2F2F2", border: true },
  previousCompleted: { ...base, italic: true, color: "375623", fill: "C6EFCE", border: true },
  reportText: { ...base, border: true },
  reportDate: { ...base, border: true, numberFormat: "yyyy-mm-dd" },
  reportDateTime: { ...base, wrap: false, border: true, numberFormat: "yyyy-mm-dd hh:mm" },
  reportNumber: { ...base, wrap: false, border: true, numberFormat: "0" },
  reportTotal: { ...base, wrap: false, bold: true, border: true, numberFormat: "0", fill: "D9E1F2" },
  // Wraps, so that "nothing to report" or "not for wider dissemination" shows whole in a narrow column.
  matrixCell: { ...base, border: true, vertical: "middle" },
};
