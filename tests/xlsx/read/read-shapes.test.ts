import { SAFETY_MS } from "./helpers/refusal";
import { readWorkbook, type ReadWorkbook } from "../../../src/xlsx/read/read-workbook";
import { cellsOf } from "./helpers/expect-workbook";
import { DATE_STYLES, MAIN_NS, REL_NS, miniParts, miniXlsx, sheetXml, zipParts } from "./helpers/mini-xlsx";
import { writeZip } from "./helpers/zip-writer";

/** Workbook shapes other writers produce, built by hand so each feature is pinned exactly. */

function sheetCells(wb: ReadWorkbook, i = 0): Record<string, unknown> {
  const s = wb.sheets[i];
  if (!s) throw new Error(`no sheet ${i}`);
  return Object.fromEntries(cellsOf(s.grid));
}

const serial1900 = (iso: string): number => (Date.parse(`${iso}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;

describe("cells written without r attributes, inline strings and x:-prefixed elements", () => {
  const prefixedSheet =
    `<?xml version="1.0" encoding="UTF-8"?>\n<x:worksheet xmlns:x="${MAIN_NS}"><x:sheetData>` +
    `<x:row><x:c t="inlineStr"><x:is><x:t>first</x:t></x:is></x:c><x:c><x:v>2</x:v></x:c></x:row>` +
    `<x:row r="3"><x:c r="C3" t="inlineStr"><x:is><x:r><x:t>rich </x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t xml:space="preserve">inline\ntext </x:t></x:r>` +
    `<x:rPh sb="0" eb="1"><x:t>PHONETIC</x:t></x:rPh></x:is></x:c><x:c><x:v>4</x:v></x:c></x:row>` +
    `<x:row><x:c t="s">  <x:v> 1 </x:v>  </x:c><x:c/><x:c t="s"><x:v>0</x:v></x:c></x:row>` +
    `</x:sheetData></x:worksheet>`;
  const prefixedWorkbook =
    `<?xml version="1.0" encoding="UTF-8"?>\n<x:workbook xmlns:x="${MAIN_NS}" xmlns:rel="${REL_NS}"><x:sheets>` +
    `<x:sheet name="Prefixed" sheetId="7" rel:id="rId1"/></x:sheets></x:workbook>`;
  const sst = [
    `<x:si><x:t>shared &amp; escaped</x:t></x:si>`,
    `<x:si><x:r><x:t>run one</x:t></x:r><x:r><x:t xml:space="preserve"> and_x000D_\nrun two</x:t></x:r><x:rPh><x:t>ignored</x:t></x:rPh></x:si>`,
  ];
  const bytes = zipParts({
    ...miniParts({ sheets: [{ name: "Prefixed", xml: prefixedSheet }] }),
    "xl/workbook.xml": prefixedWorkbook,
    "xl/sharedStrings.xml": `<x:sst xmlns:x="${MAIN_NS}">${sst.join("")}</x:sst>`,
    "xl/_rels/workbook.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL_NS}/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${REL_NS}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
  });

  it("places each cell after the previous one and reads every string form", () => {
    const wb = readWorkbook(bytes, "prefixed.xlsx");
    expect(wb.sheets.map((s) => s.grid.name)).toEqual(["Prefixed"]);
    expect(sheetCells(wb)).toEqual({
      A1: "first",
      B1: 2,
      C3: "rich inline\ntext ",
      D3: 4,
      A4: "run one and\r\nrun two",
      C4: "shared & escaped",
    });
  });
});

describe("Excel's own markup around the values", () => {
  it("ignores markup-compatibility blocks, revision ids and extension lists (whole-column x14 validations included)", () => {
    const ns = `xmlns="${MAIN_NS}" xmlns:r="${REL_NS}" xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac xr" xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac" xmlns:xr="http://schemas.microsoft.com/office/spreadsheetml/2014/revision"`;
    const sheet =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<worksheet ${ns} xr:uid="{00000000-0001-0000-0000-000000000000}"><sheetPr codeName="Sheet1"/><dimension ref="A1:C2"/>` +
      `<sheetViews><sheetView tabSelected="1" workbookViewId="0"><selection activeCell="B2" sqref="B2"/></sheetView></sheetViews><sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/>` +
      `<sheetData><row r="1" spans="1:3" x14ac:dyDescent="0.25"><c r="A1" s="0" t="s"><v>0</v></c><c r="B1" t="str"><f>A1&amp;"!"</f><v>Entry!</v></c><c r="C1" cm="1"><f t="array" ref="C1:C2">SEQUENCE(2)</f><v>1</v></c></row>` +
      `<row r="2" spans="1:3" x14ac:dyDescent="0.25"><c r="C2"><v>2</v></c></row></sheetData><phoneticPr fontId="1" type="noConversion"/>` +
      `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>` +
      `<extLst><ext uri="{CCE6A557-97BC-4b89-ADB6-D9C93CAAB3DF}" xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"><x14:dataValidations count="1" xmlns:xm="http://schemas.microsoft.com/office/excel/2006/main">` +
      `<x14:dataValidation type="list" allowBlank="1"><x14:formula1><xm:f>Lists!$A$1:$A$3</xm:f></x14:formula1><xm:sqref>A2:J1048576</xm:sqref></x14:dataValidation></x14:dataValidations></ext></extLst></worksheet>`;
    const workbook =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<workbook ${ns}><fileVersion appName="xl" lastEdited="7" lowestEdited="7" rupBuild="27425"/><workbookPr defaultThemeVersion="166925"/>` +
      `<mc:AlternateContent xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"><mc:Choice Requires="x15"><x15ac:absPath url="C:\\Users\\x\\" xmlns:x15ac="http://schemas.microsoft.com/office/spreadsheetml/2010/11/ac"/></mc:Choice></mc:AlternateContent>` +
      `<xr:revisionPtr revIDLastSave="0" documentId="8_{A}" xr6:coauthVersionLast="47" xmlns:xr6="http://schemas.microsoft.com/office/spreadsheetml/2016/revision6"/>` +
      `<bookViews><workbookView xWindow="-120" yWindow="-120" windowWidth="29040" windowHeight="15840"/></bookViews><sheets><sheet name="Returned" sheetId="1" r:id="rId1"/></sheets><calcPr calcId="191029"/></workbook>`;
    const core =
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:creator>pact-tracker</dc:creator><cp:lastModifiedBy>Ministry</cp:lastModifiedBy><dcterms:created xsi:type="dcterms:W3CDTF">2026-01-05T09:00:00Z</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">2026-02-10T16:30:12Z</dcterms:modified></cp:coreProperties>`;
    const wb = readWorkbook(
      miniXlsx({ sheets: [{ name: "Returned", xml: sheet }], sharedStrings: ["<si><t>Entry</t><phoneticPr fontId=\"1\"/></si>"], core, extra: { "xl/workbook.xml": workbook } }),
      "excel.xlsx",
    );
    expect(sheetCells(wb)).toEqual({ A1: "Entry", B1: "Entry!", C1: 1, C2: 2 });
    expect(Object.fromEntries(wb.sheets[0]?.details.formulas ?? [])).toEqual({ B1: '=A1&"!"', C1: "=SEQUENCE(2)" });
    expect(wb.properties).toEqual({ creator: "pact-tracker", created: "2026-01-05T09:00:00Z", modified: "2026-02-10T16:30:12Z" });
  });
});

describe("cell types", () => {
  const rows =
    `<row r="1"><c r="A1" t="e"><v>#N/A</v></c><c r="B1" t="e"><f>1/0</f><v>#DIV/0!</v></c></row>` +
    `<row r="2"><c r="A2"><f>1+1</f><v>2</v></c><c r="B2" t="str"><f>"a"&amp;"b"</f><v>ab</v></c><c r="C2" t="b"><f>TRUE()</f><v>1</v></c><c r="D2"><f>NOW()</f></c></row>` +
    `<row r="3"><c r="A3" t="str"><v>=HYPERLINK("http://x")</v></c><c r="B3" t="inlineStr"><is><t>=cmd|' /C calc'!A0</t></is></c><c r="C3" t="b"><v>0</v></c></row>` +
    `<row r="4"><c r="A4" t="d"><v>2026-03-31T00:00:00Z</v></c><c r="B4"><v>-1.5E+3</v></c><c r="C4"><v>  42 </v></c><c r="D4" t="inlineStr"><is><t><![CDATA[<cdata & text>]]></t></is></c></row>` +
    `<row r="5"><c r="A5" t="inlineStr"><is><t>_x005F_x0041_ stays, _x0041_ decodes</t></is></c><c r="B5" t="str"><v></v></c><c r="C5"><v></v></c></row>` +
    `<row r="6"><c r="XFD6"><v>1</v></c></row><row r="1048576"><c r="A1048576"><v>3</v></c></row>`;

  it("uses cached formula results and never the formula, and reads errors as their text", () => {
    const wb = readWorkbook(miniXlsx({ sheets: [{ name: "Types", rows }] }), "types.xlsx");
    expect(sheetCells(wb)).toEqual({
      A1: "#N/A",
      B1: "#DIV/0!",
      A2: 2,
      B2: "ab",
      C2: true,
      A3: '=HYPERLINK("http://x")',
      B3: "=cmd|' /C calc'!A0",
      C3: false,
      A4: { date: "2026-03-31" },
      B4: -1500,
      C4: 42,
      D4: "<cdata & text>",
      A5: "_x0041_ stays, A decodes",
      XFD6: 1,
      A1048576: 3,
    });
  });
});

describe("dates", () => {
  const rows = (cells: string): string => `<row r="1">${cells}</row>`;

  it("reads numbers in date formats as ISO days (custom and built-in formats), others as numbers", () => {
    const wb = readWorkbook(
      miniXlsx({
        styles: DATE_STYLES,
        sheets: [
          {
            name: "D",
            rows: rows(
              `<c r="A1" s="1"><v>${serial1900("2026-03-31")}</v></c><c r="B1" s="2"><v>45292.75</v></c><c r="C1" s="3"><v>45292</v></c><c r="D1"><v>45292</v></c>` +
                `<c r="E1" s="1"><v>1</v></c><c r="F1" s="1"><v>59</v></c><c r="G1" s="1"><v>60</v></c><c r="H1" s="1"><v>61</v></c><c r="I1" s="1"><v>0</v></c>` +
                `<c r="J1" s="1"><v>2958465</v></c><c r="K1" s="1"><v>2958466</v></c><c r="L1" s="99"><v>7</v></c><c r="M1" s="2"><v>45292.99999999999</v></c>`,
            ),
          },
        ],
      }),
      "dates.xlsx",
    );
    expect(sheetCells(wb)).toEqual({
      A1: { date: "2026-03-31" },
      B1: { date: "2024-01-01" },
      C1: 45292,
      D1: 45292,
      E1: { date: "1900-01-01" },
      F1: { date: "1900-02-28" },
      G1: 60, // Lotus's 1900-02-29 does not exist
      H1: { date: "1900-03-01" },
      I1: 0,
      J1: { date: "9999-12-31" },
      K1: 2958466,
      L1: 7, // unknown style index: General
      M1: { date: "2024-01-02" },
    });
  });

  it("honours the 1904 date system", () => {
    const wb = readWorkbook(
      miniXlsx({
        styles: DATE_STYLES,
        workbookPr: `<workbookPr date1904="1"/>`,
        sheets: [{ name: "D", rows: rows(`<c r="A1" s="1"><v>0</v></c><c r="B1" s="2"><v>${serial1900("2024-01-01") - 1462}</v></c><c r="C1" s="1"><v>-1</v></c>`) }],
      }),
      "1904.xlsx",
    );
    expect(sheetCells(wb)).toEqual({ A1: { date: "1904-01-01" }, B1: { date: "2024-01-01" }, C1: -1 });
    // Said too, for bare serials the validator meets in date columns.
    expect(wb.date1904).toBe(true);
    expect(readWorkbook(miniXlsx({ sheets: [{ name: "D" }] }), "1900.xlsx").date1904).toBe(false);
  });
});

describe("hidden sheets, columns and rows", () => {
  const cols = `<cols><col min="2" max="4" hidden="1"/><col min="3" max="6" hidden="true"/><col min="8" max="8" width="3"/><col min="10" max="10" hidden="0"/></cols>`;
  const rows = `<row r="2" hidden="1"><c r="A2"><v>1</v></c></row><row hidden="1"/><row r="9" hidden="true"/><row r="10" hidden="0"/>`;

  it("reports sheet states, hidden column indices and hidden rows", () => {
    const wb = readWorkbook(
      miniXlsx({
        sheets: [
          { name: "Shown", xml: sheetXml(rows, cols) },
          { name: "Hidden", state: "hidden", rows: `<row r="1"><c r="A1"><v>1</v></c></row>` },
          { name: "Very hidden", state: "veryHidden" },
        ],
      }),
      "hidden.xlsx",
    );
    expect(wb.sheets.map((s) => [s.grid.name, s.state, s.grid.hidden])).toEqual([
      ["Shown", "visible", false],
      ["Hidden", "hidden", true],
      ["Very hidden", "veryHidden", true],
    ]);
    const shown = wb.sheets[0];
    expect([...(shown?.hiddenColumns ?? [])].sort((a, b) => a - b)).toEqual([1, 2, 3, 4, 5]);
    expect([...(shown?.hiddenRows ?? [])].sort((a, b) => a - b)).toEqual([1, 2, 8]);
  });

  it("merges thousands of whole-sheet hidden column ranges without walking each", () => {
    const many = `<cols>${`<col min="1" max="16384" hidden="1"/>`.repeat(5000)}</cols>`;
    const started = performance.now();
    const wb = readWorkbook(miniXlsx({ sheets: [{ name: "S", xml: sheetXml("", many) }] }), "cols.xlsx");
    expect(wb.sheets[0]?.hiddenColumns.size).toBe(16_384);
    expect(performance.now() - started).toBeLessThan(SAFETY_MS);
  });
});

describe("package layout", () => {
  it("resolves absolute targets, a workbook outside xl/, strict-OOXML relationship types and a chart sheet", () => {
    const strict = "http://purl.oclc.org/ooxml/officeDocument/relationships";
    const bytes = zipParts({
      "[Content_Types].xml": `<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/Book/Main.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`,
      "_rels/.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="a" Type="${strict}/officeDocument" Target="/Book/Main.xml"/><Relationship Id="b" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="meta/core.xml"/></Relationships>`,
      "Book/Main.xml": `<workbook xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main" xmlns:r="${strict}"><sheets><sheet name="One" sheetId="1" r:id="s1"/><sheet name="Chart" sheetId="2" r:id="s2"/><sheet name="Two" sheetId="3" r:id="s3"/></sheets><definedNames><definedName name="Local" localSheetId="2">Two!$A$1</definedName></definedNames></workbook>`,
      "Book/_rels/Main.xml.rels": `<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="s1" Type="${strict}/worksheet" Target="/Sheets/one.xml"/><Relationship Id="s2" Type="${strict}/chartsheet" Target="charts/c.xml"/><Relationship Id="s3" Type="${strict}/worksheet" Target="../Sheets/./two%20b.xml"/><Relationship Id="x" Type="${strict}/hyperlink" Target="http://example.org" TargetMode="External"/></Relationships>`,
      "Sheets/one.xml": sheetXml(`<row><c><v>1</v></c></row>`),
      "Book/charts/c.xml": `<chartsheet xmlns="http://purl.oclc.org/ooxml/spreadsheetml/main"/>`,
      "Sheets/two b.xml": sheetXml(`<row><c t="inlineStr"><is><t>two</t></is></c></row>`),
      "meta/core.xml": `<cp:coreProperties xmlns:cp="x" xmlns:dc="y" xmlns:t="z"><dc:title> Title </dc:title><t:modified>2026-01-02T03:04:05Z</t:modified><dc:creator></dc:creator></cp:coreProperties>`,
    });
    const wb = readWorkbook(bytes, "layout.xlsx");
    expect(wb.sheets.map((s) => [s.grid.name, s.grid.rowCount])).toEqual([["One", 1], ["Chart", 0], ["Two", 1]]);
    expect(sheetCells(wb, 2)).toEqual({ A1: "two" });
    expect(wb.definedNames).toEqual([{ name: "Local", localSheet: 2, ref: "Two!$A$1" }]);
    expect(wb.properties).toEqual({ title: "Title", modified: "2026-01-02T03:04:05Z" });
  });

  it("reads a UTF-16 part with a byte-order mark and a stored (uncompressed) entry", () => {
    const parts = miniParts({ sheets: [{ name: "S" }] });
    const xml = sheetXml(`<row><c t="inlineStr"><is><t>wide ✓</t></is></c></row>`).replace("UTF-8", "UTF-16");
    const utf16 = new Uint8Array(2 + xml.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < xml.length; i++) {
      utf16[2 + i * 2] = xml.charCodeAt(i) & 0xff;
      utf16[3 + i * 2] = xml.charCodeAt(i) >> 8;
    }
    const entries = Object.entries({ ...parts, "xl/worksheets/sheet1.xml": utf16 }).map(([name, data]) => ({ name, data, method: 0 }));
    expect(sheetCells(readWorkbook(writeZip(entries), "utf16.xlsx"))).toEqual({ A1: "wide ✓" });
  });

  it.each([0, 8])("streams a part too big to keep (method %d), with characters split across chunks", (method) => {
    const text = "é😀 ünïcode ✓ ";
    const rows = Array.from({ length: 20_000 }, (_, i) => `<row r="${i + 1}"><c r="A${i + 1}" t="inlineStr"><is><t>${text}${i}</t></is></c><c r="B${i + 1}"><v>${i}.5</v></c></row>`).join("");
    const parts = miniParts({ sheets: [{ name: "Big", rows }] });
    const bytes = writeZip(Object.entries(parts).map(([name, data]) => ({ name, data, method })));
    const grid = readWorkbook(bytes, "big.xlsx").sheets[0]?.grid;
    expect(grid?.rowCount).toBe(20_000);
    expect([...(grid?.cells() ?? [])]).toHaveLength(40_000);
    for (const i of [0, 1234, 9_999, 19_999]) {
      expect(grid?.get(i, 0)).toBe(`${text}${i}`);
      expect(grid?.get(i, 1)).toBe(i + 0.5);
    }
  });

  it("reads ZIP64 directory fields", () => {
    const parts = miniParts({ sheets: [{ name: "S", rows: `<row><c><v>64</v></c></row>` }] });
    const entries = Object.entries(parts).map(([name, data]) => ({ name, data, zip64: true }));
    expect(sheetCells(readWorkbook(writeZip(entries), "zip64.xlsx"))).toEqual({ A1: 64 });
  });
});
