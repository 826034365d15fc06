import { MIN_SCALE, PRINTABLE_WIDTH_PT, fitWidthScale, printSetup, sheetWidthPt } from "../../../src/core/template/print";
import { catalogue, templateSpec } from "../../support/returns";

const titleRows = { first: 2, last: 2 };

describe("how a sheet prints", () => {
  it("fits a sheet narrow enough one page wide, as many pages tall as it needs", () => {
    const p = printSetup({ widths: [21, 60, 48], titleRows, keyCols: 2 });
    expect(p).toEqual({ titleRows });
  });

  it("prints a sheet too wide for that at 80 % over pages across, a band of rows across consecutive pages, the key columns on each", () => {
    const widths = [8, 30, 16, 6, 12, 12, 12, 12, 12, 12, 12, 40, 40, 40, 20];
    expect(fitWidthScale(widths)).toBeLessThan(MIN_SCALE);
    expect(printSetup({ widths, titleRows, keyCols: 2 })).toEqual({ titleRows, titleCols: { first: 0, last: 1 }, scale: MIN_SCALE, acrossFirst: true });
    // A template's Ref and Action (21 + 60 characters) take more than 40 % of a page across: only the Ref repeats.
    expect(printSetup({ widths: [21, 60, 36, 18, 18, 13, 13, 18, 18, 18, 48, 48, 48, 24, 17], titleRows, keyCols: 2 }).titleCols).toEqual({ first: 0, last: 0 });
  });

  it("repeats only as many key columns as leave room for the rest", () => {
    const widths = [120, 120, 60, 60, 60];
    const p = printSetup({ widths, titleRows, keyCols: 2 });
    expect(p.titleCols).toBeUndefined();
    expect(sheetWidthPt(widths.slice(0, 1)) * (MIN_SCALE / 100)).toBeGreaterThan(0.4 * PRINTABLE_WIDTH_PT);
  });

  it("gives every template sheet of every framework a print scale of 80 % or more", () => {
    for (const fw of catalogue.frameworks) {
      const party = catalogue.partiesOf(fw)[0]?.code ?? "";
      for (const sheet of templateSpec(fw.id, party).spec.sheets.filter((s) => s.print)) {
        const p = sheet.print;
        if (p?.scale === undefined) expect([sheet.name, fitWidthScale(sheet.columnWidths)]).toEqual([sheet.name, expect.any(Number)]);
        const scale = p?.scale ?? fitWidthScale(sheet.columnWidths);
        expect([sheet.name, scale >= MIN_SCALE]).toEqual([sheet.name, true]);
        if (p?.scale !== undefined) expect([sheet.name, p.acrossFirst]).toEqual([sheet.name, true]);
      }
    }
  });
});
