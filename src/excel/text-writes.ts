import { cellAddress } from "../core/grid/grid";
import { CodedError } from "../core/errors/coded-error";
import type { RangeAddress } from "../core/template/spec";
import { TEXT_NOT_KEPT } from "./codes";
import type { Capabilities } from "./capabilities";
import { estimateBytes } from "./request-batch";
import { excelMayParse, type OfficeValue } from "./sheet-writes";

/**
 * Writing text so that it stays text, and checking that it did. Range.values parses a string as
 * typing does: "=…" becomes a formula, "2026" a number, "March 2026" a date, "10:30" a time, "50%"
 * 0.5 — whatever the cell's style. The API reference does not promise that a "@" (Text) number
 * format prevents all of it, so the writer does not rely on it alone:
 *   - where ExcelApi 1.16 is available, strings Excel may parse go in through Range.valuesAsJson
 *     with an explicit String type, which says what the value is rather than what to parse;
 *   - elsewhere those cells get the "@" format before their values;
 *   - everywhere, in the same request as the write, the written cells' valueTypes and formulas are
 *     loaded, and every string must come back as that string, typed String. If one does not, the
 *     caller undoes the write and the user gets TEXT_NOT_KEPT naming the cell.
 */

/** Range.valuesAsJson (ExcelApi 1.16) in the host and in the loaded office.js. */
export function canWriteTyped(can: Capabilities | undefined): boolean {
  return can?.has("typedValues") ?? false;
}

/** What one write asked Excel to read back. */
export interface TextCheck {
  readonly sheet: string;
  readonly range: RangeAddress;
  readonly values: readonly (readonly (OfficeValue | null)[])[];
  readonly written: Excel.Range;
}

/** A run of adjacent cells in one row whose strings Excel may parse: written as typed Strings. */
interface TypedRun {
  readonly row: number;
  readonly left: number;
  readonly texts: readonly string[];
}

function typedRuns(at: RangeAddress, values: readonly (readonly (OfficeValue | null)[])[]): TypedRun[] {
  const runs: TypedRun[] = [];
  values.forEach((line, r) => {
    let open: { left: number; texts: string[] } | undefined;
    const close = (): void => {
      if (open) runs.push({ row: at.top + r, left: open.left, texts: open.texts });
      open = undefined;
    };
    line.forEach((v, c) => {
      if (typeof v !== "string" || !excelMayParse(v)) return close();
      if (open && open.left + open.texts.length === at.left + c) open.texts.push(v);
      else {
        close();
        open = { left: at.left + c, texts: [v] };
      }
    });
    close();
  });
  return runs;
}

/**
 * Writes a block of values into `range` (whose number formats are already queued) and queues the
 * read-back. With `typed`, every string Excel may parse ("2026", "1/2", "=x", "TRUE") is left out of
 * Range.values and written as a typed String, a run of adjacent cells at a time; without, the caller
 * has given those cells the text format (cellNumberFormat). Either way the read-back judges.
 */
export function writeValues(ws: Excel.Worksheet, sheet: string, at: RangeAddress, values: (OfficeValue | null)[][], typed: boolean, range: Excel.Range): TextCheck | undefined {
  const runs = typed ? typedRuns(at, values) : [];
  const plain = runs.length > 0 ? values.map((line) => line.map((v) => (typeof v === "string" && excelMayParse(v) ? null : v))) : values;
  range.values = plain;
  for (const run of runs) ws.getRangeByIndexes(run.row, run.left, 1, run.texts.length).valuesAsJson = [run.texts.map((text) => ({ type: "String", basicValue: text }) as Excel.CellValue)];
  if (!values.some((line) => line.some((v) => typeof v === "string"))) return undefined;
  return { sheet, range: at, values, written: range.load("valueTypes,formulas") };
}

/** What writeValues queues besides the values and their range (for the request-size estimate). */
export function typedWriteBytes(values: readonly (readonly (OfficeValue | null)[])[], typed: boolean): number {
  if (!typed) return 0;
  return typedRuns({ top: 0, left: 0, bottom: 0, right: 0 }, values).reduce((n, run) => n + estimateBytes([run.texts.map((text) => ({ type: "String", basicValue: text }))], 1, 1), 0);
}

/** Throws TEXT_NOT_KEPT at the first string that did not come back as the same text. */
export function verifyText(check: TextCheck): void {
  const { valueTypes, formulas } = check.written;
  check.values.forEach((line, r) =>
    line.forEach((v, c) => {
      // An empty string writes an empty cell: there is no text to keep.
      if (typeof v !== "string" || v === "") return;
      const type = valueTypes[r]?.[c];
      const formula: unknown = formulas[r]?.[c];
      if (type === "String" && formula === v) return;
      const cell = cellAddress(check.range.top + r, check.range.left + c);
      const got = typeof formula === "string" && formula.startsWith("=") ? `the formula ${formula}` : `a value of type ${String(type)}`;
      throw new CodedError(TEXT_NOT_KEPT, `Excel took the text written to '${check.sheet}'!${cell} as ${got}, not as the text "${v.length > 40 ? `${v.slice(0, 40)}…` : v}"`, { sheet: check.sheet, cell });
    }),
  );
}
