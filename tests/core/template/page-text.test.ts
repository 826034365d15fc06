import { pageTextCode } from "../../../src/core/template/print";

describe("page header text", () => {
  it("a long title keeps its sheet kind and cycle, and shortens the framework's name instead", () => {
    const title = "European Pact on Immigration and Asylum — tracking method — compilation — cycle 2026";
    const code = pageTextCode(title);
    expect(code.length).toBeLessThanOrEqual(70);
    expect(code.endsWith("— compilation — cycle 2026")).toBe(true);
    expect(code.startsWith("European Pact")).toBe(true);
    const jd = pageTextCode("Building Migration Partnerships — Prague Ministerial Conference: Draft Joint Declaration — cycle 2026");
    expect(jd.length).toBeLessThanOrEqual(70);
    expect(jd).toContain("cycle 2026");
  });

  it("a short title is kept whole; & is doubled and fields become Excel's codes", () => {
    expect(pageTextCode("Page {page} of {pages} — A & B")).toBe("Page &P of &N — A && B");
  });

  it("a title without parts keeps its end", () => {
    const code = pageTextCode("x".repeat(100) + "END");
    expect(code.length).toBeLessThanOrEqual(70);
    expect(code.endsWith("END")).toBe(true);
  });
});
