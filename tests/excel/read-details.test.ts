import { BAD_ADDRESS } from "../../src/excel/codes";
import { commentLine, linkTarget, parseAreas } from "../../src/excel/read-details";

describe("reading details from what Office.js gives", () => {
  it("parses a RangeAreas address: quoted names with commas, quotes and '!', whole rows and columns, $", () => {
    expect(parseAreas("'a, b!''c'!B2:C3, 'a, b!''c'!$E$5, 'a, b!''c'!7:8, 'a, b!''c'!D:E", "a, b!'c")).toEqual([
      { top: 1, left: 1, bottom: 2, right: 2 },
      { top: 4, left: 4, bottom: 4, right: 4 },
      { top: 6, left: 0, bottom: 7, right: 16_383 },
      { top: 0, left: 3, bottom: 1_048_575, right: 4 },
    ]);
    expect(parseAreas("Sheet1!A1:B2,Sheet1!AA10:AB11", "Sheet1")).toEqual([
      { top: 0, left: 0, bottom: 1, right: 1 },
      { top: 9, left: 26, bottom: 10, right: 27 },
    ]);
  });

  it("an address it cannot read is a coded error, not a lost merge", () => {
    expect(() => parseAreas("Sheet1!R1C1:R2C2", "Sheet1")).toThrow(expect.objectContaining({ code: BAD_ADDRESS }));
  });

  it("a link's target: the address, else '#' and the place in the workbook, else none", () => {
    expect(linkTarget({ address: "mailto:desk@example.org", textToDisplay: "write" })).toBe("mailto:desk@example.org");
    expect(linkTarget({ address: "", documentReference: "'My sheet'!B3" })).toBe("#'My sheet'!B3");
    expect(linkTarget({ documentReference: "#Sheet1!A1" })).toBe("#Sheet1!A1");
    // Both, as the file reader joins a relationship target and a location.
    expect(linkTarget({ address: "https://example.org/page", documentReference: "part2" })).toBe("https://example.org/page#part2");
    expect(linkTarget({ address: "https://example.org/page#part2", documentReference: "part2" })).toBe("https://example.org/page#part2");
    expect(linkTarget({ address: "", documentReference: "" })).toBeUndefined();
    expect(linkTarget(undefined)).toBeUndefined();
    expect(linkTarget(null)).toBeUndefined();
  });

  it("a comment line names its author when known", () => {
    expect(commentLine("Anna", "why?")).toBe("Anna: why?");
    expect(commentLine(" ", "why?")).toBe("why?");
    expect(commentLine(undefined, undefined)).toBe("");
    // Excel starts a note with its author's name: not repeated.
    expect(commentLine("Anna", "Anna:\nwhy?")).toBe("Anna: why?");
    expect(commentLine("Anna", "Anna:")).toBe("Anna:");
  });
});
