import { SheetGrid } from "../../src/core/grid/grid";
import type { SheetInput } from "../../src/core/validation/validate-sheet";
import { validateWorkbook } from "../../src/core/validation/validate-workbook";
import { readSheets, type ExcelSheetInput } from "../../src/excel/read-sheets";
import { fromPlainSheet, toPlainSheet, type PlainSheet } from "../../src/taskpane/consolidate/plain-sheet";
import { setup } from "../excel/fixture";
import { catalogue, locate, templateSpec } from "../support/returns";

/** What the worker gets: a structured clone, or (the strictest channel) JSON. */
const viaWorker = (p: PlainSheet): PlainSheet => structuredClone(p);
const viaJson = (p: PlainSheet): PlainSheet => JSON.parse(JSON.stringify(p)) as PlainSheet;

function sheetWithDetails(): ExcelSheetInput {
  const grid = new SheetGrid("prague-ap-2012 AT actions", false);
  grid.set(0, 0, "title");
  grid.set(20, 4, "#DIV/0!");
  grid.set(21, 4, { date: "2016-06-01" });
  return {
    grid,
    hiddenColumns: new Set([9]),
    details: {
      formulas: new Map([["E21", "=1/0"]]),
      errors: new Map([["E21", "#DIV/0!"]]),
      links: new Map([["F22", "https://example.org"], ["F23", "#'Sheet1'!A1"]]),
      comments: new Map([["F22", "Anna: why?\nBen: because"]]),
      merges: [{ top: 12, left: 0, bottom: 12, right: 8 }],
    },
    date1904: true,
    unread: [{ detail: "notes", reason: "notes need ExcelApi 1.18, which this Excel does not support" }],
  };
}

describe("plain sheets carry the details to the worker", () => {
  it.each([
    ["structured clone", viaWorker],
    ["JSON", viaJson],
  ])("round-trips values, details, the date system and what was not read (%s)", (_channel, channel) => {
    const input = sheetWithDetails();
    const back = fromPlainSheet(channel(toPlainSheet(input)));
    expect([...back.grid.cells()]).toEqual([...input.grid.cells()]);
    expect(back.grid.name).toBe(input.grid.name);
    expect([...(back.hiddenColumns ?? [])]).toEqual([9]);
    expect(back.details).toEqual(input.details);
    expect(back.details?.formulas).toBeInstanceOf(Map);
    expect(back.date1904).toBe(true);
    expect(back.unread).toEqual(input.unread);
  });

  it("a sheet without details stays without (a grid from elsewhere)", () => {
    const grid = new SheetGrid("Sheet1", false);
    grid.set(1, 1, 42);
    const plain = toPlainSheet({ grid });
    expect(plain).toEqual({ name: "Sheet1", hidden: false, cells: [[1, 1, 42]], hiddenColumns: [] });
    const back: SheetInput = fromPlainSheet(viaWorker(plain));
    expect(back.details).toBeUndefined();
    expect(back.date1904).toBeUndefined();
  });

  it("what the Office.js reader read validates the same after the trip to the worker", async () => {
    const { fake, workspace } = setup();
    fake.workbook.date1904 = true;
    const prague = templateSpec("prague-ap-2012", "AT");
    await workspace.insertSpec(prague.spec);
    const start = locate(prague.spec, prague.framework, 0, "I.3", "Start date");
    const end = locate(prague.spec, prague.framework, 0, "I.3", "End date");
    await fake.type(start.sheet, start.row, start.col, { date: "2016-06-01" });
    await fake.type(end.sheet, end.row, end.col, { date: "2013-01-31" });
    fake.setFormula(start.sheet, "F20", "=1/0", "#DIV/0!");
    fake.addComment(start.sheet, "F21", "Anna", "why?");
    fake.mergeCells(start.sheet, "F22:G22");
    const read = await readSheets(fake.run, fake.capabilities);
    const back = read.map((s) => fromPlainSheet(viaWorker(toPlainSheet(s))));
    expect(back.map((s) => [s.details, s.date1904])).toEqual(read.map((s) => [s.details, s.date1904]));
    expect(validateWorkbook(back, catalogue)).toEqual(validateWorkbook(read, catalogue));
  });
});
