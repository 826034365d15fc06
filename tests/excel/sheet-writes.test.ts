import { freeSheetName } from "../../src/excel/placement";
import { STYLES } from "../../src/core/template/styles";
import { cellNumberFormat, excelMayParse, officeValue, styleRects, writeBlocks } from "../../src/excel/sheet-writes";
import { templateSpec } from "../support/returns";
import { FRAMEWORKS, firstAndLast } from "./fixture";

const sheets = FRAMEWORKS.flatMap((id) => templateSpec(id, firstAndLast(id)[0]).spec.sheets);

describe("styleRects", () => {
  it.each(sheets.map((s) => [s.name, s] as const))("%s: covers every styled cell exactly once, with its style", (_, sheet) => {
    const covered = new Map<string, string>();
    for (const r of styleRects(sheet.cells)) {
      for (let row = r.range.top; row <= r.range.bottom; row++) {
        for (let col = r.range.left; col <= r.range.right; col++) {
          expect(covered.has(`${row},${col}`)).toBe(false);
          covered.set(`${row},${col}`, r.style);
        }
      }
    }
    expect(covered).toEqual(new Map(sheet.cells.map((c) => [`${c.row},${c.col}`, c.style])));
    // Item rows share a pattern: far fewer rectangles than cells on a table sheet.
    if (sheet.cells.length > 200) expect(styleRects(sheet.cells).length).toBeLessThan(sheet.cells.length / 4);
  });
});

describe("writeBlocks", () => {
  it("places every cell once, formats beside values, nulls in the gaps, within the size cap", () => {
    for (const sheet of sheets) {
      const blocks = writeBlocks(sheet.cells, 8_000);
      const seen = new Map<string, unknown>();
      for (const b of blocks) {
        expect(b.values).toHaveLength(b.range.bottom - b.range.top + 1);
        b.values.forEach((row, i) => {
          expect(row).toHaveLength(b.range.right - b.range.left + 1);
          row.forEach((v, j) => {
            const f = b.formats[i]?.[j] ?? null;
            if (f !== null) seen.set(`${b.range.top + i},${b.range.left + j}`, v);
            else expect(v).toBeNull();
          });
        });
      }
      expect(seen).toEqual(new Map(sheet.cells.map((c) => [`${c.row},${c.col}`, officeValue(c.value)])));
      expect(blocks.filter((b) => b.range.bottom > b.range.top).every((b) => b.bytes < 8_000 * 3)).toBe(true);
    }
  });

  it("dates become serials of the workbook's date system, times of day as the fraction, with a date format; formula-looking text gets '@' whatever its style", () => {
    expect(officeValue({ date: "2026-03-31" })).toBe(46112);
    expect(officeValue({ date: "1990-01-01" })).toBe(32874);
    expect(officeValue({ date: "2026-03-31" }, true)).toBe(46112 - 1462);
    expect(officeValue({ date: "2026-03-31", time: "18:00:00" })).toBe(46112.75);
    expect(officeValue({ date: "2026-03-31", time: "06:00:00" }, true)).toBe(46112 - 1462 + 0.25);
    expect(cellNumberFormat({ row: 0, col: 0, value: { date: "2026-03-31" }, style: "reportText" })).toBe("yyyy-mm-dd");
    expect(cellNumberFormat({ row: 0, col: 0, value: { date: "2026-03-31", time: "10:30:00" }, style: "reportText" })).toBe("yyyy-mm-dd hh:mm");
    expect(cellNumberFormat({ row: 0, col: 0, value: { date: "2026-03-31", time: "10:30:00" }, style: "reportDateTime" })).toBe("yyyy-mm-dd hh:mm");
    expect(cellNumberFormat({ row: 0, col: 0, value: "=1", style: "entryList" })).toBe("@");
    expect(cellNumberFormat({ row: 0, col: 0, value: "yes", style: "entryList" })).toBe("General");
    expect(cellNumberFormat({ row: 0, col: 0, value: 3, style: "reportNumber" })).toBe("0");
  });

  it("without typed values, text Excel may parse gets '@' (a carried 'March 2026' in a date-formatted cell stays text); multi-word text keeps its style", () => {
    for (const text of ["2026", "March 2026", "1/2", "10:30", "50%", "TRUE", "#N/A", "yes", "(5)", "1e3"]) {
      expect(excelMayParse(text)).toBe(true);
      expect(cellNumberFormat({ row: 0, col: 0, value: text, style: "entryDate" }, false)).toBe("@");
      expect(cellNumberFormat({ row: 0, col: 0, value: text, style: "entryDate" }, true)).toBe(STYLES.entryDate.numberFormat);
    }
    for (const text of ["Main actions undertaken", "not for wider dissemination", "", "  "]) expect(excelMayParse(text)).toBe(false);
    expect(cellNumberFormat({ row: 0, col: 0, value: "Main actions undertaken", style: "entryText" }, false)).toBe(STYLES.entryText.numberFormat);
  });
});

describe("freeSheetName", () => {
  it("adds (n) and stays within 31 characters, case-insensitively", () => {
    expect(freeSheetName("a", new Set())).toBe("a");
    expect(freeSheetName("A", new Set(["a", "a (2)"]))).toBe("A (3)");
    const long = "x".repeat(31);
    expect(freeSheetName(long, new Set([long]))).toBe(`${"x".repeat(27)} (2)`);
  });
});
