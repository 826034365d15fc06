import { CodedError } from "../../src/core/errors/coded-error";
import { OFFICE_GUIDANCE, PANE_UNEXPECTED, toPaneError } from "../../src/taskpane/errors";
import { isDarkColour, officeThemeIsDark, type OfficeGlobal } from "../../src/taskpane/office-host";
import { fromPlainSheet, toPlainSheet } from "../../src/taskpane/consolidate/plain-sheet";
import { SheetGrid } from "../../src/core/grid/grid";

describe("toPaneError", () => {
  it("keeps our code and place", () => {
    expect(toPaneError(new CodedError("PT-READ-002", "a legacy .xls workbook", { file: "AT.xls" }))).toEqual({
      code: "PT-READ-002",
      message: "a legacy .xls workbook",
      source: "pact-tracker",
      place: "AT.xls",
    });
  });

  it("keeps Office's code when the Excel adapter wrapped an Office error", () => {
    const wrapped = new CodedError("PT-XL-001", "inserting the template: The argument is invalid or missing");
    wrapped.cause = Object.assign(new Error("The argument is invalid or missing"), { code: "InvalidArgument" });
    expect(toPaneError(wrapped)).toMatchObject({ code: "PT-XL-001", officeCode: "InvalidArgument", source: "pact-tracker" });
  });

  it("shows a raw Office error with its own code and location", () => {
    const e = Object.assign(new Error("The requested resource doesn't exist."), { name: "RichApi.Error", code: "ItemNotFound", debugInfo: { errorLocation: "Worksheet.getRange" } });
    expect(toPaneError(e)).toEqual({ code: "ItemNotFound", message: "The requested resource doesn't exist.", source: "office", place: "Worksheet.getRange" });
  });

  it("tells the user what to do about Office's own errors, after Office's message, with both codes kept", () => {
    const codes = ["ResponsePayloadSizeLimitExceeded", "RangeExceedsLimit", "AccessDenied", "Conflict", "ItemAlreadyExists", "InvalidOperation"];
    for (const code of codes) {
      const raw = Object.assign(new Error(`Office says ${code}.`), { code });
      const pane = toPaneError(raw);
      expect({ code, guidance: pane.guidance }).toEqual({ code, guidance: OFFICE_GUIDANCE[code] });
      expect(pane.message).toBe(`Office says ${code}. ${OFFICE_GUIDANCE[code] ?? ""}`);
      const wrapped = new CodedError("PT-XL-001", `Could not insert 'x': Office says ${code}. (${code})`);
      wrapped.cause = raw;
      expect(toPaneError(wrapped)).toEqual({ code: "PT-XL-001", officeCode: code, guidance: OFFICE_GUIDANCE[code], source: "pact-tracker", message: `${wrapped.message} ${OFFICE_GUIDANCE[code] ?? ""}` });
    }
    expect(OFFICE_GUIDANCE["AccessDenied"]).toContain("Unprotect Sheet");
    // An Office code without advice: Office's message alone.
    expect(toPaneError(Object.assign(new Error("The requested resource doesn't exist."), { code: "ItemNotFound" })).guidance).toBeUndefined();
  });

  it("gives anything else the unexpected-problem code, message kept", () => {
    expect(toPaneError(new TypeError("x is undefined"))).toEqual({ code: PANE_UNEXPECTED, message: "Unexpected problem: x is undefined", source: "pact-tracker" });
    expect(toPaneError("boom").code).toBe(PANE_UNEXPECTED);
  });
});

describe("officeThemeIsDark", () => {
  const office = (theme: { isDarkTheme?: boolean; bodyBackgroundColor?: string } | undefined): OfficeGlobal => ({
    onReady: async () => ({ host: "Excel", platform: "PC" }),
    context: { requirements: { isSetSupported: () => true }, ...(theme ? { officeTheme: theme } : {}) },
  });
  const excel = { kind: "excel", platform: "PC", requiredApiSupported: true } as const;

  it("follows Office's dark theme flag, else the body colour", () => {
    expect(officeThemeIsDark(excel, office({ isDarkTheme: true }))).toBe(true);
    expect(officeThemeIsDark(excel, office({ isDarkTheme: false, bodyBackgroundColor: "#000000" }))).toBe(false);
    expect(officeThemeIsDark(excel, office({ bodyBackgroundColor: "#262626" }))).toBe(true);
    expect(officeThemeIsDark(excel, office({ bodyBackgroundColor: "#FFFFFF" }))).toBe(false);
    expect(officeThemeIsDark(excel, office(undefined))).toBe(false);
  });

  it("is light in a browser", () => {
    expect(officeThemeIsDark({ kind: "browser" }, office({ isDarkTheme: true }))).toBe(false);
    expect(isDarkColour("not a colour")).toBe(false);
  });
});

describe("plain sheets (what crosses to the worker)", () => {
  it("round-trips values, hidden state and hidden columns", () => {
    const grid = new SheetGrid("pact-2008 BE factual", false);
    grid.set(0, 0, "=SUM(A1)");
    grid.set(14, 3, { date: "2026-03-31" });
    grid.set(20, 5, 42);
    const back = fromPlainSheet(structuredClone(toPlainSheet({ grid, hiddenColumns: new Set([7]) })));
    expect(back.grid.name).toBe(grid.name);
    expect([...back.grid.cells()]).toEqual([...grid.cells()]);
    expect([...(back.hiddenColumns ?? [])]).toEqual([7]);
  });
});
