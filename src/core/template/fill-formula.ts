import { cellAddress } from "../grid/grid";
import type { ConditionalFillSpec } from "./spec";

/**
 * The Excel formula (without "=") of a conditional fill whose condition is not a plain "equals":
 * written relative to the range's top-left cell, as Excel applies it to every cell of the range.
 * Both renderers (file and Office.js) use it, so a template looks the same either way; `sheetName`
 * gives the name a spec sheet actually got (Office.js may have to rename it).
 */
export function fillFormula(fill: ConditionalFillSpec, sheetName: (specName: string) => string = (n) => n): string | undefined {
  const { when, range } = fill;
  const here = cellAddress(range.top, range.left);
  switch (when.kind) {
    case "equals":
      return undefined;
    case "endsWith":
      return `RIGHT(${here},${when.text.length})=${excelText(when.text)}`;
    case "sameAs": {
      // Relative, so one rule serves a column of carried entries: each cell compares with its own copy.
      const there = cellAddress(when.cell.row, when.cell.col);
      return `AND(${here}<>"",EXACT(${here},'${sheetName(when.sheet).replace(/'/g, "''")}'!${there}))`;
    }
  }
}

/** Text as an Excel string literal. */
export function excelText(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}
