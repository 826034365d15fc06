import { buildCfb } from "./helpers/cfb";
import { cfbEntryNames } from "../../../src/xlsx/read/cfb";
import { parseCellRef, parseRangeRef, parseRowNumber } from "../../../src/xlsx/read/cell-ref";
import { crc32 } from "../../../src/xlsx/read/crc32";
import { serialToIsoDay } from "../../../src/core/grid/excel-date";
import { isDateFormat, isDateFormatCode } from "../../../src/core/grid/number-format";
import { decodeXstring, encodeXstring } from "../../../src/xlsx/ooxml-string";
import { relsPathOf, resolveTarget } from "../../../src/xlsx/read/part-paths";

/** The small pure pieces of the reader. */

it("crc32 matches the standard check value", () => {
  expect(crc32(0, new TextEncoder().encode("123456789"))).toBe(0xcbf43926);
  const data = new TextEncoder().encode("split across chunks");
  expect(crc32(crc32(0, data.subarray(0, 7)), data.subarray(7))).toBe(crc32(0, data));
});

it.each([
  ["A1", { row: 0, col: 0 }],
  ["b2", { row: 1, col: 1 }],
  ["XFD1048576", { row: 1_048_575, col: 16_383 }],
  ["XFE1", "outside"],
  ["A1048577", "outside"],
  ["ZZZZ1", "outside"],
  ["A0", "malformed"],
  ["1A", "malformed"],
  ["A", "malformed"],
  ["", "malformed"],
  ["A1:B2", "malformed"],
  ["$A$1", "malformed"],
])("parseCellRef(%s)", (ref, expected) => {
  expect(parseCellRef(ref)).toEqual(expected);
});

it.each([
  ["B2:D5", { top: 1, left: 1, bottom: 4, right: 3 }],
  ["D5:B2", { top: 1, left: 1, bottom: 4, right: 3 }],
  ["B5:D2", { top: 1, left: 1, bottom: 4, right: 3 }],
  ["c3", { top: 2, left: 2, bottom: 2, right: 2 }],
  ["A1:XFD1048576", { top: 0, left: 0, bottom: 1_048_575, right: 16_383 }],
  ["A1:XFE1", "outside"],
  ["A1:", "malformed"],
  [":A1", "malformed"],
  ["A:C", "malformed"],
  ["1:3", "malformed"],
  ["A1:B2:C3", "malformed"],
  ["A1 B2", "malformed"],
  ["", "malformed"],
])("parseRangeRef(%s)", (ref, expected) => {
  expect(parseRangeRef(ref)).toEqual(expected);
});

it("parseRowNumber bounds", () => {
  expect(parseRowNumber("1")).toBe(0);
  expect(parseRowNumber("1048576")).toBe(1_048_575);
  expect(parseRowNumber("1048577")).toBe("outside");
  expect(parseRowNumber("0")).toBe("malformed");
  expect(parseRowNumber("-1")).toBe("malformed");
  expect(parseRowNumber("1e3")).toBe("malformed");
});

it.each([
  [1, false, "1900-01-01"],
  [59, false, "1900-02-28"],
  [60, false, undefined],
  [61, false, "1900-03-01"],
  [45292, false, "2024-01-01"],
  [45292.5, false, "2024-01-01"],
  [0, false, undefined],
  [-3, false, undefined],
  [2958465, false, "9999-12-31"],
  [2958466, false, undefined],
  [0, true, "1904-01-01"],
  [43830, true, "2024-01-01"],
  [-1, true, undefined],
  [Number.NaN, false, undefined],
])("serialToIsoDay(%d, 1904=%s) = %s", (serial, date1904, iso) => {
  expect(serialToIsoDay(serial, date1904)).toBe(iso);
});

it.each([
  ["yyyy-mm-dd", true],
  ["yyyy\\-mm\\-dd", true],
  ["DD/MM/YYYY", true],
  ["[$-409]d-mmm-yy;@", true],
  ["[$-F800]dddd, mmmm dd, yyyy", true],
  ["h:mm", true], // minutes are an m token, as the built-in time formats are date formats
  ["General", false],
  ["0.00", false],
  ["#,##0_);[Red](#,##0)", false],
  ['0.0" days"', false],
  ["\\d0", false],
  ["0_m", false],
  ["[Red][<=100]0", false],
  ["@", false],
])("isDateFormatCode(%s) = %s", (code, date) => {
  expect(isDateFormatCode(code)).toBe(date);
});

it("built-in date ids, and a workbook's own code over its id", () => {
  for (const id of [14, 15, 22, 27, 36, 45, 47, 50, 58]) expect(isDateFormat(id, undefined)).toBe(true);
  for (const id of [0, 1, 2, 13, 23, 26, 37, 44, 48, 49, 59, 164]) expect(isDateFormat(id, undefined)).toBe(false);
  expect(isDateFormat(14, "0.00")).toBe(false);
  expect(isDateFormat(164, "yyyy-mm-dd")).toBe(true);
});

it("decodes _xHHHH_ escapes and leaves other text alone", () => {
  expect(decodeXstring("a_x000D_b")).toBe("a\rb");
  expect(decodeXstring("_x005F_x0041_")).toBe("_x0041_");
  expect(decodeXstring("_x12_ _xZZZZ_ plain")).toBe("_x12_ _xZZZZ_ plain");
});

it("resolves relationship targets like OPC", () => {
  expect(relsPathOf("xl/workbook.xml")).toBe("xl/_rels/workbook.xml.rels");
  expect(relsPathOf("book.xml")).toBe("_rels/book.xml.rels");
  expect(resolveTarget("xl/workbook.xml", "worksheets/sheet1.xml")).toBe("xl/worksheets/sheet1.xml");
  expect(resolveTarget("xl/workbook.xml", "/xl/worksheets/sheet1.xml")).toBe("xl/worksheets/sheet1.xml");
  expect(resolveTarget("xl/workbook.xml", "../customXml/item1.xml")).toBe("customXml/item1.xml");
  expect(resolveTarget("xl/workbook.xml", "../../../../etc/passwd")).toBe("etc/passwd");
  expect(resolveTarget("", "xl/workbook.xml")).toBe("xl/workbook.xml");
  expect(resolveTarget("xl/workbook.xml", "sheet%201.xml")).toBe("xl/sheet 1.xml");
  expect(resolveTarget("xl/workbook.xml", "bad%zz.xml")).toBe("xl/bad%zz.xml");
});

it("lists OLE directory names, and survives a looping chain", () => {
  expect(cfbEntryNames(buildCfb(["Workbook", "EncryptionInfo"]))).toEqual(["Root Entry", "Workbook", "EncryptionInfo"]);
  expect(cfbEntryNames(buildCfb(["a", "b", "c", "d", "e"], { loop: true }))).toEqual(["Root Entry", "a", "b", "c", "d", "e"]);
  expect(cfbEntryNames(buildCfb(["a"]).slice(0, 100))).toBeUndefined();
});

describe("encodeXstring", () => {
  it.each(["_x0041_", "a_x000D_b", "bell\u0007", "del\u007f", "nul\u0000", "plain text", "_x005F_ nested", "\ttab and\nnewline"])("round-trips %j through decodeXstring", (s) => {
    expect(decodeXstring(encodeXstring(s))).toBe(s);
  });
  it("leaves tabs, line breaks and ordinary text alone", () => {
    expect(encodeXstring("a\tb\nc")).toBe("a\tb\nc");
    expect(encodeXstring("_x0041_")).toBe("_x005F_x0041_");
    expect(encodeXstring("\u0007")).toBe("_x0007_");
  });
});
