import { cellAddress } from "../core/grid/grid";
import { CodedError } from "../core/errors/coded-error";
import type { RangeAddress } from "../core/template/spec";
import { TEXT_NOT_KEPT } from "./codes";
import type { Requirements } from "./host";
import { looksLikeFormula, type OfficeValue } from "./sheet-writes";

/**
 * Writing text so that it stays text, and checking that it did. The API reference does not promise
 * that a "@" (Text) number format makes Range.values keep "=…", "+…", "-…" as text (it says a
 * value starting with those is taken as a formula), so the writer does not rely on it:
 *   - where ExcelApi 1.16 is available, formula-looking strings go in through Range.valuesAsJson
 *     with an explicit String type, which says what the value is rather than what to parse;
 *   - everywhere, in the same request as the write, the written cells' valueTypes and formulas are
 *     loaded, and every string must come back as that string, typed String. If one does not, the
 *     caller undoes the write and the user gets TEXT_NOT_KEPT naming the cell.
 */

/** Range.valuesAsJson: ExcelApi 1.16. */
export const JSON_VALUES_API = "1.16";

export function canWriteTyped(requirements: Requirements | undefined): boolean {
  return requirements?.isSetSupported("ExcelApi", JSON_VALUES_API) ?? false;
}

/** What one write asked Excel to read back. */
export interface TextCheck {
  readonly sheet: string;
  readonly range: RangeAddress;
  readonly values: readonly (readonly (OfficeValue | null)[])[];
  readonly written: Excel.Range;
}

/**
 * Writes a block of values into `range` (whose number formats are already queued) and queues the
 * read-back. With `typed`, formula-looking strings are left out of Range.values and written cell
 * by cell as typed String values.
 */
export function writeValues(ws: Excel.Worksheet, sheet: string, at: RangeAddress, values: (OfficeValue | null)[][], typed: boolean, range: Excel.Range): TextCheck | undefined {
  const risky: { row: number; col: number; text: string }[] = [];
  const plain = typed
    ? values.map((line, r) =>
        line.map((v, c) => {
          if (typeof v !== "string" || !looksLikeFormula(v)) return v;
          risky.push({ row: at.top + r, col: at.left + c, text: v });
          return null;
        }),
      )
    : values;
  range.values = plain;
  for (const x of risky) ws.getCell(x.row, x.col).valuesAsJson = [[{ type: "String", basicValue: x.text }]];
  if (!values.some((line) => line.some((v) => typeof v === "string"))) return undefined;
  return { sheet, range: at, values, written: range.load("valueTypes,formulas") };
}

/** Operations writeValues queues besides the values (for the request-size estimate). */
export function typedWriteCount(values: readonly (readonly (OfficeValue | null)[])[], typed: boolean): number {
  return typed ? values.reduce((n, line) => n + line.filter((v) => typeof v === "string" && looksLikeFormula(v)).length, 0) : 0;
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
