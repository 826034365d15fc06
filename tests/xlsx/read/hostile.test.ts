import { sofficeConvertBytes } from "./helpers/tools";
import { hasSoffice } from "../../support/tools";
import { inflateSync } from "fflate";
import * as codes from "../../../src/xlsx/read/codes";
import { crc32 } from "../../../src/xlsx/read/crc32";
import { zeroBomb } from "./helpers/bomb";
import { buildCfb } from "./helpers/cfb";
import { filledReturn } from "./helpers/returns";
import { miniParts, miniXlsx, sheetXml, zipParts } from "./helpers/mini-xlsx";
import { READER_PATHS } from "./helpers/reader-paths";
import { refusalsOn, SAFETY_MS } from "./helpers/refusal";
import { bytesOf, writeZip, type RawEntry } from "./helpers/zip-writer";

/**
 * Hostile and broken files: each is refused with its own code, quickly (helpers/refusal.ts).
 * Hostile sheet details (links, merges, comments, formulas) are in hostile-details.test.ts.
 */

/** The entries of a small valid workbook, to damage one at a time. */
function entries(book = miniParts({ sheets: [{ name: "S", rows: `<row><c><v>1</v></c></row>` }] })): RawEntry[] {
  return Object.entries(book).map(([name, data]) => ({ name, data }));
}

function replace(list: RawEntry[], name: string, entry: Partial<RawEntry>): RawEntry[] {
  return list.map((e) => (e.name === name ? { ...e, ...entry } : e));
}

const SHEET = "xl/worksheets/sheet1.xml";

/** A return saved as .xls by LibreOffice, converted once for both paths (the conversion takes seconds). */
let xls: Promise<Uint8Array> | undefined;
const realXls = (): Promise<Uint8Array> => (xls ??= filledReturn("prague-ap-2012").then(({ bytes }) => sofficeConvertBytes(bytes, "xls")));

it("every code is distinct and in the PT-READ series", () => {
  const all = Object.values(codes);
  expect(new Set(all).size).toBe(all.length);
  for (const c of all) expect(c).toMatch(/^PT-READ-\d{3}$/);
});

/** Every case below runs on both of the reader's paths (helpers/reader-paths.ts) and must give the same code on each. */
describe.each(READER_PATHS)("$name path", (path) => {
  const { readWorkbook } = path;
  const { expectCode } = refusalsOn(path);

  describe("not a workbook at all", () => {
    it.each([
      ["an empty file", new Uint8Array(0)],
      ["text", bytesOf("name,value\nx,1\n")],
      ["a PDF", bytesOf("%PDF-1.7\n%âãÏÓ\n")],
      ["a cut-off zip signature", bytesOf("PK\x03")],
    ])("%s → not a zip", (_, bytes) => {
      expectCode(bytes, codes.READ_NOT_ZIP);
    });

    it("a zip without [Content_Types].xml, or of another document type → not a workbook", () => {
      expectCode(writeZip([{ name: "hello.txt", data: "hi" }]), codes.READ_NOT_WORKBOOK);
      expectCode(miniXlsx({ sheets: [], workbookType: "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml" }), codes.READ_NOT_WORKBOOK);
      const noWorkbook = entries().filter((e) => e.name !== "xl/workbook.xml");
      expectCode(writeZip(noWorkbook), codes.READ_NOT_WORKBOOK);
    });
  });

  describe("OLE containers", () => {
    it("a legacy .xls → its own code", () => {
      expectCode(buildCfb(["Workbook", "\u0005SummaryInformation"]), codes.READ_LEGACY_XLS);
    });

    it("a password-protected .xlsx (EncryptionInfo/EncryptedPackage) → its own code", () => {
      const e = expectCode(buildCfb(["\u0006DataSpaces", "EncryptionInfo", "EncryptedPackage"]), codes.READ_ENCRYPTED);
      expect(e.message).toMatch(/password/);
    });

    it("a directory chain that loops is walked once", () => {
      expectCode(buildCfb(["EncryptionInfo", "EncryptedPackage", "a", "b", "c"], { loop: true }), codes.READ_ENCRYPTED);
    });

    it("a truncated container is still told apart from a zip", () => {
      expectCode(buildCfb(["EncryptedPackage"]).slice(0, 600), codes.READ_LEGACY_XLS);
    });

    it("a real .xls saved by LibreOffice → legacy", async () => {
      if (!hasSoffice()) return;
      expectCode(await realXls(), codes.READ_LEGACY_XLS);
    });
  });

  describe("macro-enabled and binary workbooks", () => {
    it.each([
      ["an .xlsm main part", { workbookType: "application/vnd.ms-excel.sheet.macroEnabled.main+xml" }],
      ["an .xlsb main part", { workbookType: "application/vnd.ms-excel.sheet.binary.macroEnabled.main" }],
      ["a VBA project content type", { contentTypesExtra: `<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/>` }],
      ["an Excel 4.0 macro sheet", { contentTypesExtra: `<Override PartName="/xl/macrosheets/sheet1.xml" ContentType="application/vnd.ms-excel.macrosheet+xml"/>` }],
      ["a vbaProject.bin without its content type", { extra: { "xl/vbaProject.bin": new Uint8Array([1, 2, 3]) } }],
    ])("%s → refused", (_, book) => {
      expectCode(miniXlsx({ sheets: [{ name: "S" }], ...book }), codes.READ_MACRO_OR_BINARY);
    });
  });

  describe("broken zips", () => {
    const good = writeZip(entries());

    it("truncated → corrupt", () => {
      expectCode(good.slice(0, Math.floor(good.length / 2)), codes.READ_ZIP_CORRUPT);
      expectCode(good.slice(0, good.length - 5), codes.READ_ZIP_CORRUPT);
    });

    it("a directory pointing outside the file → corrupt", () => {
      const bad = good.slice();
      const v = new DataView(bad.buffer);
      v.setUint32(bad.length - 6, bad.length + 1000, true); // central directory offset
      expectCode(bad, codes.READ_ZIP_CORRUPT);
    });

    it("a wrong CRC, a wrong size, bad deflate data or a mismatched local header → corrupt", () => {
      expectCode(writeZip(replace(entries(), SHEET, { crc: 12345 })), codes.READ_ZIP_CORRUPT);
      expectCode(writeZip(replace(entries(), SHEET, { declaredSize: 10 })), codes.READ_ZIP_CORRUPT);
      expectCode(writeZip(replace(entries(), SHEET, { compressed: new Uint8Array([0xff, 0xff, 0xff, 0xff]), declaredSize: 100 })), codes.READ_ZIP_CORRUPT);
      const renamed = good.slice();
      const at = Buffer.from(renamed).indexOf("xl/worksheets/sheet1.xml"); // first occurrence: the local header
      renamed[at] = "X".charCodeAt(0);
      expectCode(renamed, codes.READ_ZIP_CORRUPT);
    });

    it("duplicate entry names, also differing only in case → duplicate", () => {
      expectCode(writeZip([...entries(), { name: SHEET, data: sheetXml("") }]), codes.READ_ZIP_DUPLICATE);
      expectCode(writeZip([...entries(), { name: "XL/Workbook.xml", data: "<x/>" }]), codes.READ_ZIP_DUPLICATE);
    });

    it("other compression methods and zip encryption → unsupported", () => {
      expectCode(writeZip(replace(entries(), SHEET, { method: 12 })), codes.READ_ZIP_UNSUPPORTED);
      expectCode(writeZip(replace(entries(), SHEET, { method: 99 })), codes.READ_ZIP_UNSUPPORTED);
      expectCode(writeZip(replace(entries(), SHEET, { flags: 1 })), codes.READ_ZIP_UNSUPPORTED);
    });
  });

  describe("size caps", () => {
    it("a 1.5 GB zip bomb declaring a small size is stopped by counting real output", () => {
      const bomb = zeroBomb(1.5e9);
      expect(bomb.deflated.length).toBeLessThan(2_000_000);
      const bytes = writeZip(replace(entries(), SHEET, { compressed: bomb.deflated, declaredSize: 2048, crc: 0 }));
      const e = expectCode(bytes, codes.READ_TOO_LARGE);
      expect(e.message).toMatch(/one part/);
    });

    it("a small bomb (under the one-call inflate bound) declaring a small size is refused as corrupt", () => {
      const bomb = zeroBomb(100_000_000);
      expect(bomb.deflated.length).toBeLessThan(128 * 1024);
      const started = Date.now();
      const e = expectCode(writeZip(replace(entries(), SHEET, { compressed: bomb.deflated, declaredSize: 2048, crc: 0 })), codes.READ_ZIP_CORRUPT);
      expect(e.message).toMatch(/unpacks to more than the 2048 bytes/);
      expect(Date.now() - started).toBeLessThan(SAFETY_MS);
    });

    it("the same bomb declaring its true size is refused the same way", () => {
      const bomb = zeroBomb(1.5e9);
      expectCode(writeZip(replace(entries(), SHEET, { compressed: bomb.deflated, declaredSize: bomb.size, crc: 0 })), codes.READ_TOO_LARGE);
    });

    it("the bomb generator makes valid deflate data", () => {
      const small = zeroBomb(1_000_000);
      const out = inflateSync(small.deflated);
      expect(out.length).toBe(small.size);
      expect(out.every((b) => b === 0)).toBe(true);
    });

    it("parts each under the part cap but together over the total cap", () => {
      const bomb = zeroBomb(3_000_000);
      const crc = crc32(0, new Uint8Array(bomb.size)); // a true CRC, so only the total cap can stop it
      const book = miniParts({ sheets: [1, 2, 3].map((i) => ({ name: `S${i}` })) });
      const list = Object.entries(book).map(([name, data]): RawEntry => (name.startsWith("xl/worksheets/") ? { name, compressed: bomb.deflated, declaredSize: bomb.size, crc } : { name, data }));
      const e = expectCode(writeZip(list), codes.READ_TOO_LARGE, { maxEntryBytes: 4_000_000, maxTotalBytes: 8_000_000 });
      expect(e.message).toMatch(/whole workbook/);
    });

    it("a file over the file cap", () => {
      expectCode(writeZip(entries()), codes.READ_TOO_LARGE, { maxFileBytes: 100 });
    });

    it("more entries than the cap (10,000)", () => {
      const many = Array.from({ length: 10_001 }, (_, i): RawEntry => ({ name: `junk/${i}`, data: "", method: 0 }));
      expectCode(writeZip([...entries(), ...many]), codes.READ_TOO_MANY_ENTRIES);
    });
  });

  describe("XML declarations", () => {
    const laughs =
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">` +
      `<!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;"><!ENTITY lol9 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>`;

    it.each(["[Content_Types].xml", "xl/workbook.xml", SHEET, "_rels/.rels"])("a billion-laughs DTD in %s → refused", (part) => {
      const list = entries();
      const target = list.find((e) => e.name === part);
      const body = String(new TextDecoder().decode(bytesOf(target?.data))).replace(/^<\?xml[^>]*\?>\s*/, "");
      expectCode(writeZip(replace(list, part, { data: `${laughs}${body}` })), codes.READ_XML_DTD);
    });

    it("in the shared strings, and an external entity (XXE) → refused", () => {
      const sst = `${laughs}<sst xmlns="x"><si><t>&lol9;</t></si></sst>`;
      expectCode(miniXlsx({ sheets: [{ name: "S" }], sharedStrings: [], extra: { "xl/sharedStrings.xml": sst } }), codes.READ_XML_DTD);
      const xxe = `<?xml version="1.0"?><!DOCTYPE worksheet SYSTEM "file:///etc/passwd"><worksheet/>`;
      expectCode(miniXlsx({ sheets: [{ name: "S", xml: xxe }] }), codes.READ_XML_DTD);
    });

    it("a DOCTYPE split across two stream chunks is still seen", () => {
      const pad = 64 * 1024 - "<?xml version=\"1.0\"?><!--".length - "--><!DOC".length;
      const xml = `<?xml version="1.0"?><!--${" ".repeat(pad)}--><!DOCTYPE worksheet><worksheet/>`;
      expectCode(writeZip(replace(entries(), SHEET, { data: xml, method: 0 })), codes.READ_XML_DTD);
    });
  });

  describe("malformed XML", () => {
    it.each([
      ["an unclosed element", sheetXml("<row><c><v>1</v></c>")],
      ["an undefined entity", sheetXml("<row><c t='inlineStr'><is><t>&nbsp;</t></is></c></row>")],
      ["binary junk", "\u0000\u0001\u0002PK"],
      ["a non-UTF encoding", `<?xml version="1.0" encoding="ISO-8859-1"?><worksheet/>`],
      ["an empty part", ""],
    ])("%s → malformed", (_, xml) => {
      expectCode(miniXlsx({ sheets: [{ name: "S", xml }] }), codes.READ_XML_MALFORMED);
    });
  });

  describe("strings and cells over their caps", () => {
    const long = "x".repeat(32_768);

    it("a cell over the cell-text cap → too long, naming the cell; Excel's 32,767 is left to the validator", () => {
      const caps = { maxCellText: 32_767 };
      const e = expectCode(miniXlsx({ sheets: [{ name: "S", rows: `<row r="3"><c r="B3" t="s"><v>0</v></c></row>` }], sharedStrings: [`<si><t>${long}</t></si>`] }), codes.READ_STRING_TOO_LONG, caps);
      expect(e.place).toMatchObject({ sheet: "S", cell: "B3" });
      expectCode(miniXlsx({ sheets: [{ name: "S", rows: `<row><c t="inlineStr"><is><t>${long}</t></is></c></row>` }] }), codes.READ_STRING_TOO_LONG, caps);
      const fits = readWorkbook(miniXlsx({ sheets: [{ name: "S", rows: `<row><c t="inlineStr"><is><t>${long.slice(1)}</t></is></c></row>` }] }), "ok.xlsx", caps);
      expect(fits.sheets[0]?.grid.text(0, 0).length).toBe(32_767);
      // With the default caps a 32,768-character cell is read, so PT-CONT-010 can name it.
      const over = readWorkbook(miniXlsx({ sheets: [{ name: "S", rows: `<row><c t="inlineStr"><is><t>${long}</t></is></c></row>` }] }), "over.xlsx");
      expect(over.sheets[0]?.grid.text(0, 0).length).toBe(32_768);
    });

    it("an unused long shared string is read; one over the shared-string cap is refused", () => {
      expect(() => readWorkbook(miniXlsx({ sheets: [{ name: "S" }], sharedStrings: [`<si><t>${long}</t></si>`] }), "ok.xlsx")).not.toThrow();
      expectCode(miniXlsx({ sheets: [{ name: "S" }], sharedStrings: [`<si><t>${"y".repeat(2000)}</t></si>`] }), codes.READ_STRING_TOO_LONG, { maxText: 1000 });
    });

    it("a run of text too long to be any allowed string is refused before it reaches the parser", () => {
      const e = expectCode(miniXlsx({ sheets: [{ name: "S", xml: sheetXml(`<row>${" ".repeat(20_001)}</row>`) }] }), codes.READ_STRING_TOO_LONG, { maxText: 2000 });
      expect(e.message).toMatch(/without markup/);
    });

    it("more defined names, cell formats, relationships or attributes than allowed", () => {
      const names = Array.from({ length: 11 }, (_, i) => `<definedName name="n${i}">S!A1</definedName>`).join("");
      expectCode(miniXlsx({ sheets: [{ name: "S" }], definedNames: names }), codes.READ_TOO_MANY_ITEMS, { maxDefinedNames: 10 });
      const xfs = `<styleSheet xmlns="x"><cellXfs>${"<xf/>".repeat(65_491)}</cellXfs></styleSheet>`;
      expectCode(miniXlsx({ sheets: [{ name: "S" }], styles: xfs }), codes.READ_TOO_MANY_ITEMS);
      const rels = Array.from({ length: 30 }, (_, i) => `<Relationship Id="x${i}" Type="t" Target="a${i}.xml"/>`).join("");
      expectCode(miniXlsx({ sheets: [{ name: "S" }], extra: { "_rels/.rels": `<Relationships xmlns="r">${rels}</Relationships>` } }), codes.READ_TOO_MANY_ITEMS, { maxEntries: 20 });
      const attrs = Array.from({ length: 300 }, (_, i) => `a${i}="1"`).join(" ");
      expectCode(miniXlsx({ sheets: [{ name: "S", rows: `<row ${attrs}/>` }] }), codes.READ_TOO_MANY_ITEMS);
    });

    it("more cells, or shared strings, than the cap", () => {
      const rows = Array.from({ length: 11 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}"><v>${i}</v></c></row>`).join("");
      expectCode(miniXlsx({ sheets: [{ name: "S", rows }] }), codes.READ_TOO_MANY_ITEMS, { maxCells: 10 });
      expectCode(miniXlsx({ sheets: [{ name: "S" }], sharedStrings: Array.from({ length: 11 }, () => "<si><t>a</t></si>") }), codes.READ_TOO_MANY_ITEMS, { maxSharedStrings: 10 });
    });
  });

  describe("references outside Excel's grid", () => {
    it.each([
      ["cell XFE1", `<row r="1"><c r="XFE1"><v>1</v></c></row>`],
      ["cell A1048577", `<row r="1"><c r="A1048577"><v>1</v></c></row>`],
      ["row 1048577", `<row r="1048577"><c><v>1</v></c></row>`],
      ["a four-letter column", `<row r="1"><c r="AAAA1"><v>1</v></c></row>`],
      ["a cell after XFD with no reference", `<row r="1"><c r="XFD1"><v>1</v></c><c><v>2</v></c></row>`],
      ["a row after the last with no reference", `<row r="1048576"/><row/>`],
      ["a huge row number", `<row r="99999999999999999999"/>`],
    ])("%s → outside the grid", (_, rows) => {
      expectCode(miniXlsx({ sheets: [{ name: "S", rows }] }), codes.READ_OUT_OF_GRID);
    });

    it("hidden columns past XFD → outside the grid", () => {
      expectCode(miniXlsx({ sheets: [{ name: "S", xml: sheetXml("", `<cols><col min="1" max="16385" hidden="1"/></cols>`) }] }), codes.READ_OUT_OF_GRID);
    });
  });

  describe("inconsistent workbooks", () => {
    it.each([
      ["a shared string that does not exist", { sheets: [{ name: "S", rows: `<row><c t="s"><v>5</v></c></row>` }], sharedStrings: ["<si><t>a</t></si>"] }],
      ["an unknown cell type", { sheets: [{ name: "S", rows: `<row><c t="zz"><v>1</v></c></row>` }] }],
      ["a hexadecimal number", { sheets: [{ name: "S", rows: `<row><c><v>0x10</v></c></row>` }] }],
      ["a bad boolean", { sheets: [{ name: "S", rows: `<row><c t="b"><v>yes</v></c></row>` }] }],
      ["a malformed reference", { sheets: [{ name: "S", rows: `<row><c r="$A$1"><v>1</v></c></row>` }] }],
      ["two sheets named alike", { sheets: [{ name: "Data" }, { name: "DATA" }] }],
      ["a name local to a missing sheet", { sheets: [{ name: "S" }], definedNames: `<definedName name="n" localSheetId="3">S!A1</definedName>` }],
      ["an unknown sheet state", { sheets: [{ name: "S", state: "gone" }] }],
    ])("%s → invalid", (_, book) => {
      expectCode(miniXlsx(book), codes.READ_WORKBOOK_INVALID);
    });

    it("a sheet whose part is missing → invalid", () => {
      expectCode(writeZip(entries().filter((e) => e.name !== SHEET)), codes.READ_WORKBOOK_INVALID);
    });
  });

  describe("ranges are never expanded", () => {
    it("a 6 KB file validating, formatting and merging whole-sheet ranges reads at once", () => {
      const huge =
        `<mergeCells count="1"><mergeCell ref="A1:XFD1048576"/></mergeCells>` +
        `<conditionalFormatting sqref="A1:XFD1048576"><cfRule type="expression" priority="1"><formula>TRUE</formula></cfRule></conditionalFormatting>` +
        `<dataValidations count="1"><dataValidation type="list" allowBlank="1" sqref="A2:J1048576 K1:XFD1048576"><formula1>"a,b,c"</formula1></dataValidation></dataValidations>`;
      const xml = sheetXml(`<row r="1"><c r="A1" t="inlineStr"><is><t>only cell</t></is></c></row>`, `<dimension ref="A1:XFD1048576"/>`).replace("</sheetData>", `</sheetData>${huge}`);
      // Incompressible padding brings the file to ~6 KB, the size of a real small return.
      let seed = 7;
      const pad = Array.from({ length: 8000 }, () => ((seed = (seed * 48271) % 2147483647) % 16).toString(16)).join("");
      const bytes = miniXlsx({ sheets: [{ name: "S", xml: `${xml}<!--${pad}-->` }] });
      expect(bytes.length).toBeGreaterThan(5000);
      expect(bytes.length).toBeLessThan(8000);
      const started = performance.now();
      const wb = readWorkbook(bytes, "ranges.xlsx");
      expect(performance.now() - started).toBeLessThan(1000);
      expect(wb.sheets[0]?.grid.text(0, 0)).toBe("only cell");
      expect(wb.sheets[0]?.details.merges).toEqual([{ top: 0, left: 0, bottom: 1_048_575, right: 16_383 }]);
    });
  });

  it("zip parts are written as given (sanity of the hostile zip writer)", () => {
    expect(readWorkbook(writeZip(entries()), "ok.xlsx").sheets[0]?.grid.get(0, 0)).toBe(1);
    expect(readWorkbook(zipParts(miniParts({ sheets: [{ name: "S" }] })), "ok.xlsx").sheets).toHaveLength(1);
  });
});
