import ExcelJS from "exceljs";
import { shippedCatalogue } from "../../../../src/core/catalogue/builtin";
import { cellAddress } from "../../../../src/core/grid/grid";
import { buildTemplate } from "../../../../src/core/template/builder";
import type { CellValue, WorkbookSpec } from "../../../../src/core/template/spec";
import { workbookBytes } from "../../../../src/xlsx/write-spec";

/**
 * A "return": a template from our writer, filled in with exceljs the way a contributor's Excel
 * would leave it, and the exact values reading it back must give.
 */

export interface ExpectedSheet {
  readonly name: string;
  readonly state: "visible" | "hidden" | "veryHidden";
  /** "A1" → value, non-empty cells only. */
  readonly cells: Map<string, CellValue>;
  readonly hiddenColumns: number[];
  readonly hiddenRows: number[];
}

export interface FilledReturn {
  readonly bytes: Uint8Array;
  readonly spec: WorkbookSpec;
  readonly expected: ExpectedSheet[];
}

/** Entry texts that look like formulas or carry layout: all must come back as the same text. */
export const TRICKY_TEXTS = [
  "Line one\nLine two\nLine three",
  '=HYPERLINK("http://x")',
  "+cmd",
  "@SUM(1)",
  "-1+2",
  "  leading and trailing spaces  ",
  "Ünïcödé — “quotes” & <tags> 😀",
] as const;

export const RICH_TEXT_RUNS = [
  { text: "Bold start", font: { bold: true } },
  { text: " then plain\nand a second line", font: { italic: true } },
];

export async function filledReturn(frameworkId: string): Promise<FilledReturn> {
  const catalogue = shippedCatalogue();
  const framework = catalogue.framework(frameworkId);
  const party = catalogue.partiesOf(framework)[0];
  if (!party) throw new Error(`no party for ${frameworkId}`);
  const spec = buildTemplate({ framework, party, cycle: "2026", round: "initial" });
  const template = await workbookBytes(spec);

  const expected: ExpectedSheet[] = spec.sheets.map((s) => ({
    name: s.name,
    state: s.hidden ? "hidden" : "visible",
    cells: new Map(s.cells.filter((c) => c.value !== null && c.value !== "").map((c) => [cellAddress(c.row, c.col), c.value])),
    hiddenColumns: [],
    hiddenRows: [],
  }));

  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(template) as unknown as ExcelJS.Buffer);
  // Fill the sheet with the most entry rows (the Pact's factual part, an action plan's matrix).
  const entryRows = (i: number): number[] => [...new Set((spec.sheets[i]?.cells ?? []).filter((c) => c.style === "entryText").map((c) => c.row))];
  const index = spec.sheets.map((_, i) => i).reduce((best, i) => (entryRows(i).length > entryRows(best).length ? i : best), 0);
  const first = spec.sheets[index];
  const ws = first && wb.getWorksheet(first.name);
  const exp = expected[index];
  if (!first || !ws || !exp) throw new Error("template has no sheet to fill");

  const byStyle = (style: string): { row: number; col: number }[] => first.cells.filter((c) => c.style === style);
  const textCells = byStyle("entryText");
  const rows = entryRows(index).sort((a, b) => a - b);
  const textCol = Math.min(...textCells.map((c) => c.col));
  const dateCol = byStyle("entryDate")[0]?.col;
  const listCol = byStyle("entryList")[0]?.col;
  const put = (row: number, col: number, value: ExcelJS.CellValue, readBack: CellValue): void => {
    ws.getCell(row + 1, col + 1).value = value;
    exp.cells.set(cellAddress(row, col), readBack);
  };
  const row = (i: number): number => {
    const r = rows[i];
    if (r === undefined) throw new Error(`${frameworkId} has fewer than ${i + 1} entry rows`);
    return r;
  };

  TRICKY_TEXTS.forEach((t, i) => put(row(i), textCol, t, t));
  put(row(TRICKY_TEXTS.length), textCol, { richText: RICH_TEXT_RUNS }, RICH_TEXT_RUNS.map((r) => r.text).join(""));
  put(row(TRICKY_TEXTS.length + 1), textCol, 1234.5, 1234.5);
  put(row(TRICKY_TEXTS.length + 2), textCol, -7, -7);
  if (dateCol !== undefined) {
    put(row(0), dateCol, new Date(Date.UTC(2026, 2, 31)), { date: "2026-03-31" });
    put(row(1), dateCol, new Date(Date.UTC(2027, 11, 1)), { date: "2027-12-01" });
  }
  if (listCol !== undefined) {
    put(row(0), listCol, true, true);
    put(row(1), listCol, false, false);
    put(row(2), listCol, "yes", "yes");
  }
  // A column and a row hidden by the contributor: the last table column, and one body row.
  const lastCol = Math.max(...first.cells.map((c) => c.col));
  ws.getColumn(lastCol + 1).hidden = true;
  ws.getRow(row(3) + 1).hidden = true;
  exp.hiddenColumns.push(lastCol);
  exp.hiddenRows.push(row(3));

  const out = await wb.xlsx.writeBuffer();
  return { bytes: new Uint8Array(out as ArrayBuffer), spec, expected };
}
