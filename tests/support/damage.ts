import type { SheetGrid } from "../../src/core/grid/grid";
import { cellAddress } from "../../src/core/grid/grid";
import type { SheetDetails } from "../../src/core/grid/sheet-details";
import type { CellValue, RangeAddress } from "../../src/core/template/spec";

/**
 * What ministries do to returns beyond typing values: formulas, cached errors, links, comments,
 * merged cells. One neutral description, applied to grids (core tests) or written into real files
 * by exceljs (file tests), so both meet the same damage.
 */
export type Damage =
  | { readonly kind: "formula"; readonly sheet: string; readonly row: number; readonly col: number; readonly formula: string; readonly cached: CellValue }
  | { readonly kind: "error"; readonly sheet: string; readonly row: number; readonly col: number; readonly formula: string; readonly error: string }
  | { readonly kind: "link"; readonly sheet: string; readonly row: number; readonly col: number; readonly text: string; readonly address: string }
  | { readonly kind: "comment"; readonly sheet: string; readonly row: number; readonly col: number; readonly text: string }
  | { readonly kind: "merge"; readonly sheet: string; readonly range: RangeAddress }
  /** The file gives the cell twice: first `earlier` (text), then the cell as it is. */
  | { readonly kind: "duplicate"; readonly sheet: string; readonly row: number; readonly col: number; readonly earlier: string };

interface MutableDetails {
  formulas: Map<string, string>;
  errors: Map<string, string>;
  links: Map<string, string>;
  comments: Map<string, string>;
  merges: RangeAddress[];
  duplicates?: Map<string, string[]>;
}

/** Applies the damage to grids (values) and returns each damaged sheet's details, by sheet name. */
export function damageGrids(grids: readonly SheetGrid[], damage: readonly Damage[]): Map<string, SheetDetails> {
  const out = new Map<string, MutableDetails>();
  const of = (sheet: string): MutableDetails => {
    const d = out.get(sheet) ?? { formulas: new Map(), errors: new Map(), links: new Map(), comments: new Map(), merges: [] };
    out.set(sheet, d);
    return d;
  };
  for (const d of damage) {
    const grid = grids.find((g) => g.name === d.sheet);
    if (!grid) throw new Error(`no sheet ${d.sheet}`);
    const details = of(d.sheet);
    if (d.kind === "merge") {
      details.merges.push(d.range);
      continue;
    }
    const a1 = cellAddress(d.row, d.col);
    if (d.kind === "duplicate") {
      details.duplicates ??= new Map();
      details.duplicates.set(a1, [...(details.duplicates.get(a1) ?? []), d.earlier]);
    } else if (d.kind === "formula") {
      details.formulas.set(a1, d.formula);
      grid.set(d.row, d.col, d.cached);
    } else if (d.kind === "error") {
      details.formulas.set(a1, d.formula);
      details.errors.set(a1, d.error);
      grid.set(d.row, d.col, d.error);
    } else if (d.kind === "link") {
      details.links.set(a1, d.address);
      grid.set(d.row, d.col, d.text);
    } else {
      details.comments.set(a1, d.text);
    }
  }
  return out;
}
