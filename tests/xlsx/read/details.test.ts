import { execFileSync } from "node:child_process";
import { readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { SheetDetails } from "../../../src/core/grid/sheet-details";
import { readWorkbook, type ReadSheet, type ReadWorkbook } from "../../../src/xlsx/read/read-workbook";
import { hasOpenpyxl, hasSoffice, PYTHON, tempDir } from "../../support/tools";
import { cellsOf } from "./helpers/expect-workbook";
import { MAIN_NS, REL_NS, REL_TYPE, miniXlsx, relsXml, sheetXml } from "./helpers/mini-xlsx";
import { sofficeConvertBytes } from "./helpers/tools";

/**
 * What a sheet holds beyond its values — formulas, cached errors, hyperlinks, comments, merged
 * ranges — read from files openpyxl and LibreOffice write, and from Excel's own markup by hand.
 */

/** SheetDetails as plain objects, for exact comparisons with readable diffs. */
function plain(d: SheetDetails): Record<string, unknown> {
  return {
    formulas: Object.fromEntries(d.formulas),
    errors: Object.fromEntries(d.errors),
    links: Object.fromEntries(d.links),
    comments: Object.fromEntries(d.comments),
    merges: d.merges,
  };
}

const EMPTY = { formulas: {}, errors: {}, links: {}, comments: {}, merges: [] };

function sheet(wb: ReadWorkbook, i = 0): ReadSheet {
  const s = wb.sheets[i];
  if (!s) throw new Error(`no sheet ${i}`);
  return s;
}

const cells = (s: ReadSheet): Record<string, unknown> => Object.fromEntries(cellsOf(s.grid));

describe("files written by openpyxl, and the same files saved by LibreOffice", () => {
  const haveOpenpyxl = hasOpenpyxl();
  const haveSoffice = haveOpenpyxl && hasSoffice();
  let details = new Uint8Array(0);
  let date1904 = new Uint8Array(0);

  beforeAll(() => {
    if (!haveOpenpyxl) return;
    const dir = tempDir("details");
    try {
      execFileSync(PYTHON, [join(__dirname, "helpers", "openpyxl_details.py"), dir], { timeout: 60_000 });
      details = new Uint8Array(readFileSync(join(dir, "details.xlsx")));
      date1904 = new Uint8Array(readFileSync(join(dir, "date1904.xlsx")));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  const formulas = {
    B1: "=A1*10",
    C1: '=IF(A1>1,"big & bold","small")',
    D1: "=1/0",
    E1: "=A1:A2*2",
  };
  const links = {
    B5: "https://example.org/a?b=1&c=2",
    B6: "#'Other sheet'!A1",
    B7: "mailto:desk@example.org",
  };
  const merges = [{ top: 7, left: 0, bottom: 8, right: 2 }];

  it("openpyxl: formulas without cached values, an array formula, three kinds of link, a note, a merge over a value", () => {
    if (!haveOpenpyxl) return;
    const wb = readWorkbook(details, "openpyxl.xlsx");
    const entries = sheet(wb);
    expect(plain(entries.details)).toEqual({
      formulas,
      errors: {},
      links,
      comments: { C5: "Anna Berg: Please check & confirm" },
      merges,
    });
    // openpyxl caches no results: the formula cells stay empty in the grid.
    expect(cells(entries)).toEqual({ A1: 2, A2: 3, B5: "site", C5: "noted", B6: "jump", B7: "mail", A8: "merged head", B8: "hidden under merge" });
    expect(plain(sheet(wb, 1).details)).toEqual(EMPTY);
    expect(wb.date1904).toBe(false);
  });

  it("LibreOffice: cached results, a cached error, shared strings, its own comments part and relationships", () => {
    if (!haveSoffice) return;
    const wb = readWorkbook(sofficeConvertBytes(details, "xlsx"), "libreoffice.xlsx");
    const entries = sheet(wb);
    const { comments, ...rest } = plain(entries.details);
    expect(rest).toEqual({ formulas, errors: { D1: "#DIV/0!" }, links, merges });
    // LibreOffice writes a blank author (" ") for the note: only its text remains.
    expect(comments).toEqual({ C5: expect.stringMatching(/^(Anna Berg: )?Please check & confirm$/) as unknown });
    expect(cells(entries)).toEqual({
      A1: 2,
      A2: 3,
      B1: 20,
      C1: "big & bold",
      D1: "#DIV/0!",
      E1: 4,
      E2: 6,
      B5: "site",
      C5: "noted",
      B6: "jump",
      B7: "mail",
      A8: "merged head",
      B8: "hidden under merge",
    });
  });

  it.each([
    ["openpyxl", false],
    ["LibreOffice", true],
  ])("a 1904 workbook (%s) says so, and its dates are read in that system", (_, viaSoffice) => {
    if (!haveOpenpyxl || (viaSoffice && !haveSoffice)) return;
    const wb = readWorkbook(viaSoffice ? sofficeConvertBytes(date1904, "xlsx") : date1904, "mac.xlsx");
    expect(wb.date1904).toBe(true);
    expect(cells(sheet(wb))).toEqual({ A1: { date: "2026-03-31" } });
  });
});

const sheetRels = (rels: string): Record<string, string> => ({ "xl/worksheets/_rels/sheet1.xml.rels": relsXml(rels) });
const hyperlinkRel = (id: string, target: string): string => `<Relationship Id="${id}" Type="${REL_TYPE}/hyperlink" Target="${target}" TargetMode="External"/>`;
const commentsRel = (target: string): string => `<Relationship Id="rIdC" Type="${REL_TYPE}/comments" Target="${target}"/>`;

function commentsXml(authors: readonly string[], list: string): string {
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<comments xmlns="${MAIN_NS}"><authors>${authors.map((a) => `<author>${a}</author>`).join("")}</authors><commentList>${list}</commentList></comments>`;
}

describe("Excel's markup, by hand", () => {
  it("shared formulas: followers take their master's text as written; entities are decoded", () => {
    const rows =
      `<row r="2"><c r="A2"><v>1</v></c><c r="B2"><f t="shared" ref="B2:B4" si="0">A2*2</f><v>2</v></c><c r="C2" t="str"><f t="shared" ref="C2:C3" si="1">"a&amp;b"&amp;A2</f><v>a&amp;b1</v></c></row>` +
      `<row r="3"><c r="A3"><v>2</v></c><c r="B3"><f t="shared" si="0"/><v>4</v></c><c r="C3" t="str"><f t="shared" si="1"/><v>a&amp;b2</v></c></row>` +
      `<row r="4"><c r="B4"><f t="shared" si="0"/><v>0</v></c></row>`;
    const s = sheet(readWorkbook(miniXlsx({ sheets: [{ name: "S", rows }] }), "shared.xlsx"));
    expect(plain(s.details)).toEqual({
      ...EMPTY,
      formulas: { B2: "=A2*2", B3: "=A2*2", B4: "=A2*2", C2: '="a&b"&A2', C3: '="a&b"&A2' },
    });
    expect(cells(s)).toEqual({ A2: 1, B2: 2, C2: "a&b1", A3: 2, B3: 4, C3: "a&b2", B4: 0 });
  });

  it("array and data-table formulas, cached errors with and without a formula", () => {
    const rows =
      `<row r="1"><c r="A1" cm="1"><f t="array" ref="A1:A2">SEQUENCE(2)</f><v>1</v></c><c r="B1" t="e"><v>#REF!</v></c><c r="C1" t="e"><f>VLOOKUP(9,A1:A2,2,FALSE)</f><v>#N/A</v></c></row>` +
      `<row r="2"><c r="A2"><v>2</v></c><c r="D2"><f t="dataTable" ref="D2:D3" dt2D="0" dtr="0" r1="A1"/><v>5</v></c><c r="E2"><f t="dataTable" ref="E2" dt2D="1" r1="A1" r2="B1"/><v>6</v></c></row>`;
    const s = sheet(readWorkbook(miniXlsx({ sheets: [{ name: "S", rows }] }), "array.xlsx"));
    expect(plain(s.details)).toEqual({
      ...EMPTY,
      formulas: { A1: "=SEQUENCE(2)", C1: "=VLOOKUP(9,A1:A2,2,FALSE)", D2: "=TABLE(,A1)", E2: "=TABLE(A1,B1)" },
      errors: { B1: "#REF!", C1: "#N/A" },
    });
    expect(cells(s)).toEqual({ A1: 1, B1: "#REF!", C1: "#N/A", A2: 2, D2: 5, E2: 6 });
  });

  it("hyperlinks: a URL with a location, a small range on every cell, a large range on its top-left cell only", () => {
    const after =
      `<mergeCells count="2"><mergeCell ref="C3:D4"/><mergeCell ref="F1:F1"/></mergeCells>` +
      `<hyperlinks><hyperlink ref="A1" r:id="rId7" location="Data!B2" display="report"/><hyperlink ref="B2:C3" location="'My sheet'!A1"/>` +
      `<hyperlink ref="A10:Z100" r:id="rId8"/><hyperlink ref="E5"/></hyperlinks>`;
    const rels = hyperlinkRel("rId7", "https://example.org/report.xlsx") + hyperlinkRel("rId8", "mailto:desk@example.org?subject=Return%202026");
    const wb = readWorkbook(miniXlsx({ sheets: [{ name: "S", xml: sheetXml("", "", after) }], extra: sheetRels(rels) }), "links.xlsx");
    expect(plain(sheet(wb).details)).toEqual({
      ...EMPTY,
      links: {
        A1: "https://example.org/report.xlsx#Data!B2",
        B2: "#'My sheet'!A1",
        C2: "#'My sheet'!A1",
        B3: "#'My sheet'!A1",
        C3: "#'My sheet'!A1",
        A10: "mailto:desk@example.org?subject=Return%202026",
      },
      merges: [
        { top: 2, left: 2, bottom: 3, right: 3 },
        { top: 0, left: 5, bottom: 0, right: 5 },
      ],
    });
  });

  it("Excel's notes: the author's own bold prefix is not repeated; threaded comments' legacy copies keep their text", () => {
    const list =
      `<comment ref="B5" authorId="0" shapeId="0"><text><r><rPr><b/><sz val="9"/></rPr><t>Anna Berg:</t></r><r><rPr><sz val="9"/></rPr><t xml:space="preserve">\nFigures from the 2025 report_x000D_\nsee annex</t></r></text></comment>` +
      `<comment ref="c7" authorId="1"><text><t>[Threaded comment]\n\nComment:\n    Is this final?</t></text></comment>` +
      `<comment ref="D1"><text><t>No author</t><rPh sb="0" eb="1"><t>PHONETIC</t></rPh></text></comment>` +
      `<comment ref="E1" authorId="0"><text><t>Second note by Anna</t></text></comment>`;
    const extra = {
      ...sheetRels(commentsRel("/xl/comments/comment1.xml") + hyperlinkRel("rId2", "https://example.org")),
      "xl/comments/comment1.xml": commentsXml(["Anna Berg", "tc={5F1C3A9B-0000-4000-8000-000000000001}"], list),
    };
    const wb = readWorkbook(miniXlsx({ sheets: [{ name: "S", rows: `<row r="5"><c r="B5"><v>1</v></c></row>` }, { name: "T" }], extra }), "notes.xlsx");
    expect(plain(sheet(wb).details)).toEqual({
      ...EMPTY,
      comments: {
        B5: "Anna Berg: Figures from the 2025 report\r\nsee annex",
        C7: "[Threaded comment]\n\nComment:\n    Is this final?",
        D1: "No author",
        E1: "Anna Berg: Second note by Anna",
      },
    });
    expect(plain(sheet(wb, 1).details)).toEqual(EMPTY);
  });

  it("a comments part named relative to the sheet, and x:-prefixed elements", () => {
    const xml =
      `<x:worksheet xmlns:x="${MAIN_NS}" xmlns:rel="${REL_NS}"><x:sheetData/><x:mergeCells><x:mergeCell ref="A1:B1"/></x:mergeCells>` +
      `<x:hyperlinks><x:hyperlink ref="A2" rel:id="rId1"/></x:hyperlinks></x:worksheet>`;
    const comments = `<x:comments xmlns:x="${MAIN_NS}"><x:authors><x:author>Ana</x:author></x:authors><x:commentList><x:comment ref="A3" authorId="0"><x:text><x:t>hi</x:t></x:text></x:comment></x:commentList></x:comments>`;
    const extra = { ...sheetRels(hyperlinkRel("rId1", "https://example.org") + commentsRel("../comments1.xml")), "xl/comments1.xml": comments };
    const wb = readWorkbook(miniXlsx({ sheets: [{ name: "S", xml }], extra }), "prefixed.xlsx");
    expect(plain(sheet(wb).details)).toEqual({
      ...EMPTY,
      links: { A2: "https://example.org" },
      comments: { A3: "Ana: hi" },
      merges: [{ top: 0, left: 0, bottom: 0, right: 1 }],
    });
  });
});
