import { cellAddress } from "../../src/core/grid/grid";
import { gridsFromSpec } from "../../src/core/grid/from-spec";
import { serialToIsoDay } from "../../src/core/grid/excel-date";
import type { CarriedCycle } from "../../src/core/cycles/carried";
import type { CellValue, SheetRole, WorkbookSpec } from "../../src/core/template/spec";
import { validateWorkbook } from "../../src/core/validation/validate-workbook";
import { carriedCycle, catalogue, templateSpec } from "../support/returns";
import { isoToSerial } from "./fake-excel";
import { setup } from "./fixture";

/**
 * Dates go into the open workbook as serials of its own date system, as the reader reads them:
 * a 1904 workbook (Excel for Mac's old default) gets 1904 serials, not dates four years late.
 */

/** A Prague 2012 template for Austria carried from a 2025 return with these dates in its date entries. */
function datedTemplate(): { spec: WorkbookSpec; dates: string[] } {
  const framework = catalogue.framework("prague-ap-2012");
  const base = carriedCycle(framework, catalogue.party(framework, "AT"));
  const dates: string[] = [];
  const entries = new Map<SheetRole, Map<string, Record<string, CellValue>>>();
  let day = 1;
  for (const [role, byRef] of base.entries) {
    const copy = new Map<string, Record<string, CellValue>>();
    for (const [ref, values] of byRef) {
      const next: Record<string, CellValue> = { ...values };
      for (const [id, v] of Object.entries(values)) {
        if (typeof v === "object" && v !== null && "date" in v) {
          const date = `2014-0${(day % 9) + 1}-1${day % 10}`;
          day++;
          next[id] = { date };
          dates.push(date);
        }
      }
      copy.set(ref, next);
    }
    entries.set(role, copy);
  }
  const cycle: CarriedCycle = { ...base, entries };
  return { spec: templateSpec("prague-ap-2012", "AT", "initial", "2026", cycle).spec, dates };
}

describe("the workbook's date system on insert", () => {
  it.each([
    ["1900", false],
    ["1904", true],
  ])("a %s workbook gets its own serials, and reads back the same days as the file of the same template", async (_, date1904) => {
    const { fake, workspace } = setup();
    fake.workbook.date1904 = date1904;
    const { spec, dates } = datedTemplate();
    expect(dates.length).toBeGreaterThan(5);
    const result = await workspace.insertSpec(spec);
    expect(result.notes).toEqual([]);
    const written = spec.sheets.flatMap((s) => s.cells.filter((c) => typeof c.value === "object" && c.value !== null).map((c) => ({ c, sheet: s.name })));
    for (const { c, sheet } of written) {
      const iso = (c.value as { date: string }).date;
      expect({ at: `${sheet}!${cellAddress(c.row, c.col)}`, serial: fake.cell(sheet, cellAddress(c.row, c.col))?.value }).toEqual({ at: `${sheet}!${cellAddress(c.row, c.col)}`, serial: isoToSerial(iso, date1904) });
      expect(serialToIsoDay(fake.cell(sheet, cellAddress(c.row, c.col))?.value as number, date1904)).toBe(iso);
    }
    const inExcel = validateWorkbook(await workspace.readSheets(), catalogue);
    const onGrids = validateWorkbook(gridsFromSpec(spec).map((grid) => ({ grid })), catalogue);
    const places = (r: typeof inExcel): string[] => r.findings.map((f) => `${f.code} ${f.sheet}!${f.cell ?? ""}`).sort();
    expect(places(inExcel)).toEqual(places(onGrids));
  });

  it("a time of day is kept as the serial's fraction, shown with hours and minutes (a report's 'received' moment)", async () => {
    const { fake, workspace } = setup();
    fake.workbook.date1904 = true;
    const spec: WorkbookSpec = {
      title: "received",
      subject: "received",
      definedNames: [],
      sheets: [{ name: "Register", role: "factual", hidden: false, protect: false, columnWidths: [20], merges: [], validations: [], cells: [
        { row: 0, col: 0, value: { date: "2026-11-15", time: "18:00:00" }, style: "reportDateTime" },
        { row: 1, col: 0, value: { date: "2026-11-15", time: "06:30:00" }, style: "reportText" },
      ] }],
    };
    await workspace.insertSpec(spec);
    expect(fake.cell("Register", "A1")).toMatchObject({ value: isoToSerial("2026-11-15", true) + 0.75, numberFormat: "yyyy-mm-dd hh:mm" });
    expect(fake.cell("Register", "A2")).toMatchObject({ value: isoToSerial("2026-11-15", true) + 0.2708333333333333, numberFormat: "yyyy-mm-dd hh:mm" });
  });

  it("when the date system cannot be told, the insert says so in its notes (dates written as 1900 dates)", async () => {
    const { fake, workspace } = setup();
    const { spec } = datedTemplate();
    // The probe answers an error: a workbook whose DATE function is not what Excel's is.
    fake.dateProbeError = "#VALUE!";
    const result = await workspace.insertSpec(spec);
    expect(result.notes.some((n) => n.startsWith("Dates were written as 1900-system dates: the workbook's date system could not be told (DATE(1904,1,1) gave the error #VALUE!)"))).toBe(true);
  });
});
