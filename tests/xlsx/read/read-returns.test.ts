import { openpyxlResave, sofficeConvertBytes } from "./helpers/tools";
import { hasOpenpyxl, hasSoffice } from "../../support/tools";
import { cellAddress } from "../../../src/core/grid/grid";
import { readWorkbook } from "../../../src/xlsx/read/read-workbook";
import { expectSheets } from "./helpers/expect-workbook";
import { filledReturn, type FilledReturn } from "./helpers/returns";


/** Returns as contributors send them: our template, filled in, saved by Excel-like writers. */

let prague: FilledReturn;
let pact: FilledReturn;

beforeAll(async () => {
  prague = await filledReturn("prague-ap-2012");
  pact = await filledReturn("pact-2008");
});

describe("a return written by exceljs (as Excel leaves it)", () => {
  it("reads every value exactly, with sheet states and hidden rows/columns", () => {
    const wb = readWorkbook(prague.bytes, "prague.xlsx");
    expectSheets(wb, prague.expected);
  });

  it("keeps formula-looking text as text and rich text as its joined runs", () => {
    const grid = readWorkbook(prague.bytes, "prague.xlsx").sheets[0]?.grid; // an action plan has one template sheet
    const texts = [...(grid?.cells() ?? [])].map((c) => c.value);
    expect(texts).toEqual(expect.arrayContaining(['=HYPERLINK("http://x")', "+cmd", "@SUM(1)", "-1+2", "Bold start then plain\nand a second line", "Line one\nLine two\nLine three"]));
    expect(texts).toEqual(expect.arrayContaining([{ date: "2026-03-31" }, true, false, 1234.5, -7]));
  });

  it("reads defined names and document properties", () => {
    const wb = readWorkbook(prague.bytes, "prague.xlsx");
    for (const n of prague.spec.definedNames) {
      const ref = `'${n.sheet}'!$${cellAddress(n.range.top, n.range.left).replace(/(\d+)$/, "$$$1")}:$${cellAddress(n.range.bottom, n.range.right).replace(/(\d+)$/, "$$$1")}`;
      expect(wb.definedNames).toContainEqual({ name: n.name, ref });
    }
    // Print titles: the key column repeats on pages across, the heading row on pages down.
    const first = prague.spec.sheets[0]?.name ?? "";
    expect(wb.definedNames).toContainEqual({ name: "_xlnm.Print_Titles", localSheet: 0, ref: `'${first}'!$A:$A,'${first}'!$14:$14` });
    expect(wb.properties).toMatchObject({ creator: "pact-tracker", title: prague.spec.title, subject: prague.spec.subject });
    expect(wb.properties.modified).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    expect(wb.properties.created).toMatch(/^\d{4}-\d{2}-\d{2}T/);
  });

  it("reads a two-sheet framework (Pact) exactly", () => {
    expectSheets(readWorkbook(pact.bytes, "pact.xlsx"), pact.expected);
  });
});

describe("the same return saved by other tools", () => {
  it("openpyxl: same values", () => {
    if (!hasOpenpyxl()) return;
    const wb = readWorkbook(openpyxlResave(prague.bytes), "openpyxl.xlsx");
    expectSheets(wb, prague.expected);
    expect(wb.properties).toMatchObject({ creator: "pact-tracker", title: prague.spec.title });
  });

  it("LibreOffice: same values", () => {
    if (!hasSoffice()) return;
    const wb = readWorkbook(sofficeConvertBytes(prague.bytes, "xlsx"), "libreoffice.xlsx");
    expectSheets(wb, prague.expected);
  });
});
