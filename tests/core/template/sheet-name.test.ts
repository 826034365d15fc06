import fc from "fast-check";
import { SheetNames, validSheetName } from "../../../src/core/template/sheet-name";

/** Excel's rules, written out independently of the code under test. */
const valid = (name: string): boolean => name.length >= 1 && name.length <= 31 && !/[\\/?*[\]:]/.test(name) && !name.startsWith("'") && !name.endsWith("'") && name.toLowerCase() !== "history";

describe("sheet names", () => {
  it("are valid and unique whatever the cycle label a return wrote", () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 12 }), (labels) => {
        const names = new SheetNames();
        const taken = labels.map((l) => names.take(`pact-2008 ${l} compilation`));
        for (const n of taken) expect(valid(n)).toBe(true);
        expect(new Set(taken.map((n) => n.toLowerCase())).size).toBe(taken.length);
      }),
      { numRuns: 300 },
    );
  });

  it("keep what is allowed and replace what is not", () => {
    expect(validSheetName("pact-2008 2009/10 compilation")).toBe("pact-2008 2009-10 compilation");
    expect(validSheetName("'quoted'")).toBe("quoted");
    expect(validSheetName("History")).toBe("History sheet");
    const names = new SheetNames();
    expect([names.take("prague-ap-2023 2025 political"), names.take("prague-ap-2023 2025 political")]).toEqual(["prague-ap-2023 2025 political", "prague-ap-2023 2025 political 2"]);
  });
});
