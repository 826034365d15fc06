import * as codes from "../../../src/xlsx/read/codes";
import { zeroBomb } from "./helpers/bomb";
import { REL_TYPE, miniParts, miniXlsx, relsXml, sheetXml } from "./helpers/mini-xlsx";
import { READER_PATHS } from "./helpers/reader-paths";
import { refusalsOn, SAFETY_MS } from "./helpers/refusal";
import { writeZip, type RawEntry } from "./helpers/zip-writer";

/**
 * Hostile sheet details: hyperlinks, merges, comments and formulas cost no more than their bytes,
 * are never expanded, and every part they bring (the sheet's .rels, its comments) is checked like
 * any other before it is parsed.
 */

const SHEET_RELS = "xl/worksheets/_rels/sheet1.xml.rels";
const COMMENTS = "xl/comments1.xml";
const commentsRel = (target = "../comments1.xml"): string => `<Relationship Id="rIdC" Type="${REL_TYPE}/comments" Target="${target}"/>`;
const linkRel = (id: string, target: string): string => `<Relationship Id="${id}" Type="${REL_TYPE}/hyperlink" Target="${target}" TargetMode="External"/>`;
const comments = (list: string, authors = "<author>A</author>"): string => `<comments xmlns="x"><authors>${authors}</authors><commentList>${list}</commentList></comments>`;
const withAfter = (after: string, rows = ""): { name: string; xml: string } => ({ name: "S", xml: sheetXml(rows, "", after) });

/** A workbook whose first sheet has these relationships and these extra parts. */
function bookWith(rels: string, extra: Record<string, string | Uint8Array> = {}, sheet = withAfter("")): Uint8Array {
  return miniXlsx({ sheets: [sheet, { name: "T" }], extra: { [SHEET_RELS]: relsXml(rels), ...extra } });
}

function entriesOf(parts: Record<string, string | Uint8Array>): RawEntry[] {
  return Object.entries(parts).map(([name, data]) => ({ name, data }));
}

function timed<T>(work: () => T): T {
  const started = performance.now();
  const out = work();
  expect(performance.now() - started).toBeLessThan(SAFETY_MS);
  return out;
}

/** Every case below runs on both of the reader's paths (helpers/reader-paths.ts) and must give the same code on each. */
describe.each(READER_PATHS)("$name path", (path) => {
  const { readWorkbook } = path;
  const { expectCode } = refusalsOn(path);

  describe("ranges are never expanded", () => {
    it("a hyperlink over the whole grid costs one entry, on its top-left cell", () => {
      const after = `<hyperlinks>${`<hyperlink ref="A1:XFD1048576" location="S!A1"/>`.repeat(1000)}<hyperlink ref="B2:XFD1048576" location="T!A1"/></hyperlinks>`;
      const wb = timed(() => readWorkbook(miniXlsx({ sheets: [withAfter(after)] }), "links.xlsx", { maxDetails: 2000 }));
      expect(Object.fromEntries(wb.sheets[0]?.details.links ?? [])).toEqual({ A1: "#S!A1", B2: "#T!A1" });
    });

    it("small linked ranges count each cell they mark against the details cap", () => {
      const after = `<hyperlinks><hyperlink ref="A1:J100" location="S!A1"/><hyperlink ref="A101:J200" location="S!A1"/></hyperlinks>`;
      expectCode(miniXlsx({ sheets: [withAfter(after)] }), codes.READ_TOO_MANY_ITEMS, { maxDetails: 1500 });
      expect(readWorkbook(miniXlsx({ sheets: [withAfter(after)] }), "ok.xlsx", { maxDetails: 2000 }).sheets[0]?.details.links.size).toBe(2000);
    });

    it("a million merged ranges are refused by the merge cap, early", () => {
      const after = `<mergeCells>${`<mergeCell ref="A1:B2"/>`.repeat(1_000_000)}</mergeCells>`;
      const e = expectCode(miniXlsx({ sheets: [withAfter(after)] }), codes.READ_TOO_MANY_ITEMS);
      expect(e.message).toMatch(/100000 merged ranges/);
      expect(e.place.sheet).toBe("S");
    });
  });

  describe("caps on details", () => {
    it("formula cells without values count against the details cap", () => {
      const rows = `<row r="1">${Array.from({ length: 11 }, (_, i) => `<c r="${String.fromCharCode(65 + i)}1"><f>1+${i}</f></c>`).join("")}</row>`;
      expectCode(miniXlsx({ sheets: [{ name: "S", rows }] }), codes.READ_TOO_MANY_ITEMS, { maxDetails: 10 });
    });

    it("a formula, a comment, an author or a link address over the text cap → too long, naming the place", () => {
      const long = "1".repeat(2001);
      const caps = { maxText: 2000 };
      const f = expectCode(miniXlsx({ sheets: [{ name: "S", rows: `<row r="4"><c r="C4"><f>${long}</f></c></row>` }] }), codes.READ_STRING_TOO_LONG, caps);
      expect(f.place).toMatchObject({ sheet: "S", cell: "C4" });
      const c = expectCode(bookWith(commentsRel(), { [COMMENTS]: comments(`<comment ref="B2" authorId="0"><text><t>${long}</t></text></comment>`) }), codes.READ_STRING_TOO_LONG, caps);
      expect(c.place).toMatchObject({ sheet: "S", cell: "B2" });
      expectCode(bookWith(commentsRel(), { [COMMENTS]: comments("", `<author>${long}</author>`) }), codes.READ_STRING_TOO_LONG, caps);
      const l = expectCode(bookWith(linkRel("rId1", `https://x.org/${"a".repeat(1990)}`), {}, withAfter(`<hyperlinks><hyperlink ref="D9" r:id="rId1" location="S!A1"/></hyperlinks>`)), codes.READ_STRING_TOO_LONG, caps);
      expect(l.place).toMatchObject({ sheet: "S", cell: "D9" });
    });

    it("more comments or authors than the details cap", () => {
      const list = Array.from({ length: 11 }, (_, i) => `<comment ref="A${i + 1}"><text><t>n</t></text></comment>`).join("");
      expectCode(bookWith(commentsRel(), { [COMMENTS]: comments(list) }), codes.READ_TOO_MANY_ITEMS, { maxDetails: 10 });
      expectCode(bookWith(commentsRel(), { [COMMENTS]: comments("", "<author>A</author>".repeat(11)) }), codes.READ_TOO_MANY_ITEMS, { maxDetails: 10 });
    });

    it("the sheet's relationships part is capped like the workbook's", () => {
      const rels = Array.from({ length: 30 }, (_, i) => linkRel(`x${i}`, `https://x.org/${i}`)).join("");
      expectCode(bookWith(rels), codes.READ_TOO_MANY_ITEMS, { maxEntries: 20 });
    });
  });

  describe("the parts details bring are checked like every part", () => {
    const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>`;

    it("a DOCTYPE in the comments part or in the sheet's relationships → refused", () => {
      expectCode(bookWith(commentsRel(), { [COMMENTS]: `${laughs}${comments(`<comment ref="A1"><text><t>&lol1;</t></text></comment>`)}` }), codes.READ_XML_DTD);
      expectCode(miniXlsx({ sheets: [{ name: "S" }], extra: { [SHEET_RELS]: `${laughs}<Relationships xmlns="r"/>` } }), codes.READ_XML_DTD);
    });

    it("a comments part or a sheet's relationships part that is a zip bomb → too large, before any sheet is parsed", () => {
      const bomb = zeroBomb(1.5e9);
      for (const [part, rels] of [
        [COMMENTS, commentsRel()],
        [SHEET_RELS, commentsRel()],
      ] as const) {
        const parts = { ...miniParts({ sheets: [withAfter("", `<row><c t="zz"/></row>`)] }), [SHEET_RELS]: relsXml(rels), [COMMENTS]: comments("") };
        const list = entriesOf(parts).map((e): RawEntry => (e.name === part ? { name: part, compressed: bomb.deflated, declaredSize: 2048, crc: 0 } : e));
        // The sheet holds a cell of unknown type: had it been parsed first, the code would be "invalid".
        // A small part cap stops the bomb sooner; hostile.test.ts shows the default cap does the same.
        const e = expectCode(writeZip(list), codes.READ_TOO_LARGE, { maxEntryBytes: 4_000_000 });
        expect(e.message).toMatch(/one part/);
      }
    });

    it("a dangling comments relationship, or one to a part read already → invalid", () => {
      const missing = expectCode(bookWith(commentsRel()), codes.READ_WORKBOOK_INVALID);
      expect(missing.place.sheet).toBe("S");
      expect(missing.message).toMatch(/comments part 'xl\/comments1.xml' is missing/);
      expectCode(bookWith(commentsRel("sheet1.xml")), codes.READ_WORKBOOK_INVALID);
      expectCode(bookWith(commentsRel("/xl/workbook.xml")), codes.READ_WORKBOOK_INVALID);
      const twice = miniXlsx({
        sheets: [{ name: "S" }, { name: "T" }],
        extra: { [SHEET_RELS]: relsXml(commentsRel()), "xl/worksheets/_rels/sheet2.xml.rels": relsXml(commentsRel()), [COMMENTS]: comments("") },
      });
      expect(expectCode(twice, codes.READ_WORKBOOK_INVALID).message).toMatch(/a part read already/);
    });

    it("a bomb in a part no relationship names is never unpacked", () => {
      const bomb = zeroBomb(1.5e9);
      const list = [...entriesOf(miniParts({ sheets: [{ name: "S" }] })), { name: "xl/threadedComments/threadedComment1.xml", compressed: bomb.deflated, declaredSize: 2048, crc: 0 }];
      expect(timed(() => readWorkbook(writeZip(list), "ok.xlsx")).sheets).toHaveLength(1);
    });
  });

  describe("inconsistent details → invalid, naming the place", () => {
    it.each([
      ["a hyperlink to a relationship the sheet lacks", withAfter(`<hyperlinks><hyperlink ref="C3" r:id="rId9"/></hyperlinks>`), "C3"],
      ["a shared formula with no master before it", { name: "S", rows: `<row r="2"><c r="B2"><f t="shared" si="4"/><v>1</v></c></row>` }, "B2"],
      ["a shared formula with a bad index", { name: "S", rows: `<row r="2"><c r="B2"><f t="shared" si="x">1</f></c></row>` }, "B2"],
      ["a formula of unknown type", { name: "S", rows: `<row r="2"><c r="B2"><f t="macro">1</f></c></row>` }, "B2"],
      ["a data table with a bad input cell", { name: "S", rows: `<row r="2"><c r="B2"><f t="dataTable" r1="$A$1"/></c></row>` }, "B2"],
    ])("%s", (_, sheet, cell) => {
      const e = expectCode(miniXlsx({ sheets: [sheet] }), codes.READ_WORKBOOK_INVALID);
      expect(e.place).toMatchObject({ sheet: "S", cell });
    });

    it.each([
      ["a merge with no reference", `<mergeCells><mergeCell/></mergeCells>`],
      ["a merge over whole columns", `<mergeCells><mergeCell ref="A:C"/></mergeCells>`],
      ["a merge with two colons", `<mergeCells><mergeCell ref="A1:B2:C3"/></mergeCells>`],
      ["a hyperlink over two areas", `<hyperlinks><hyperlink ref="A1 B2" location="S!A1"/></hyperlinks>`],
    ])("%s", (_, after) => {
      expect(expectCode(miniXlsx({ sheets: [withAfter(after)] }), codes.READ_WORKBOOK_INVALID).place.sheet).toBe("S");
    });

    it("comments on a bad cell, or by an author not in the list", () => {
      expectCode(bookWith(commentsRel(), { [COMMENTS]: comments(`<comment ref="A1:B2"><text><t>n</t></text></comment>`) }), codes.READ_WORKBOOK_INVALID);
      const e = expectCode(bookWith(commentsRel(), { [COMMENTS]: comments(`<comment ref="B7" authorId="3"><text><t>n</t></text></comment>`) }), codes.READ_WORKBOOK_INVALID);
      expect(e.place).toMatchObject({ sheet: "S", cell: "B7" });
    });

    it("merges, hyperlinks and comments outside the grid → outside", () => {
      expectCode(miniXlsx({ sheets: [withAfter(`<mergeCells><mergeCell ref="A1:XFE1"/></mergeCells>`)] }), codes.READ_OUT_OF_GRID);
      expectCode(miniXlsx({ sheets: [withAfter(`<hyperlinks><hyperlink ref="A1048577" location="S!A1"/></hyperlinks>`)] }), codes.READ_OUT_OF_GRID);
      expectCode(bookWith(commentsRel(), { [COMMENTS]: comments(`<comment ref="XFE1"><text><t>n</t></text></comment>`) }), codes.READ_OUT_OF_GRID);
    });
  });
});
