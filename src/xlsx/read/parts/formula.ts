import { READ_WORKBOOK_INVALID } from "../codes";
import { xmlTrue, type Attrs } from "../xml-stream";
import type { Fail } from "./cell-value";

/** One cell's `<f>`: its attributes and its text as the parser decoded it. */
export interface RawFormula {
  readonly attrs: Attrs;
  readonly text: string;
}

const SHARED_INDEX = /^\d{1,9}$/;
const CELL = /^[A-Za-z]{1,3}\d{1,7}$/;

/**
 * A sheet's formulas as Excel shows them: "=" and the text. Shared formulas are written once, on
 * their master cell, and the followers (`<f t="shared" si="N"/>`) carry no text: a follower gets
 * its master's text as written, not shifted to its own cell (that would need a formula parser);
 * it still says that the cell is computed, and from what. An array formula's text is on its
 * master cell; the other cells of the array hold values only.
 */
export class SheetFormulas {
  private readonly shared = new Map<string, string>();

  /** The formula to record, or undefined when the `<f>` says nothing (an empty normal formula). */
  textOf(f: RawFormula, fail: Fail): string | undefined {
    const type = f.attrs.t ?? "normal";
    switch (type) {
      case "normal":
      case "array":
        return f.text === "" ? undefined : `=${f.text}`;
      case "shared":
        return this.sharedText(f, fail);
      case "dataTable":
        return dataTableText(f.attrs, fail);
      default:
        return fail(READ_WORKBOOK_INVALID, `has a formula of unknown type '${type.slice(0, 20)}'`);
    }
  }

  private sharedText(f: RawFormula, fail: Fail): string {
    const si = f.attrs.si ?? "";
    if (!SHARED_INDEX.test(si)) return fail(READ_WORKBOOK_INVALID, `has a shared formula with a bad index '${si.slice(0, 20)}'`);
    if (f.text !== "") {
      // The index map holds one entry per master, and each master is a counted detail.
      this.shared.set(si, f.text);
      return `=${f.text}`;
    }
    const master = this.shared.get(si);
    if (master === undefined) return fail(READ_WORKBOOK_INVALID, `shares formula ${si}, which no cell before it defines`);
    return `=${master}`;
  }
}

/**
 * A what-if data table's cell, which has no formula text: Excel shows it as TABLE(row input,
 * column input), one of them left out in a one-variable table.
 */
function dataTableText(attrs: Attrs, fail: Fail): string {
  const r1 = attrs.r1 ?? "";
  const r2 = attrs.r2 ?? "";
  for (const r of [r1, r2]) if (r !== "" && !CELL.test(r)) fail(READ_WORKBOOK_INVALID, `has a data table with a bad input cell '${r.slice(0, 20)}'`);
  if (xmlTrue(attrs.dt2D)) return `=TABLE(${r1},${r2})`;
  return xmlTrue(attrs.dtr) ? `=TABLE(${r1},)` : `=TABLE(,${r1})`;
}
