import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { validateWorkbook } from "../../src/core/validation/validate-workbook";
import { readWorkbook } from "../../src/xlsx/read/read-workbook";
import { RULE_CASES, caseReturn } from "../support/rule-cases";
import { catalogue, fillAll, templateSpec } from "../support/returns";
import { filledByOpenpyxl, filledReturn } from "../support/xlsx-returns";
import { hasOpenpyxl, hasSoffice, sofficeConvert, tempDir } from "../support/tools";

/** Every rule, on real files: written by our writer, filled by exceljs, read by our hardened reader. */

function validateBytes(bytes: Uint8Array, name: string) {
  const wb = readWorkbook(bytes, name);
  return validateWorkbook(wb.sheets.map((s) => ({ grid: s.grid, hiddenColumns: s.hiddenColumns, details: s.details, date1904: wb.date1904 })), catalogue);
}

// A file is always read whole; only the Office.js reader can leave details unread (PT-STRUCT-018).
describe.each(RULE_CASES.filter((c) => !c.unread).map((c) => [c.code, c.what, c] as const))("%s (%s) in a real .xlsx", (code, _what, c) => {
  it("passes on the valid file and is found on the broken one", async () => {
    const { spec, valid, broken, damage } = caseReturn(c);
    const ok = validateBytes(await filledReturn(spec, valid), `${code}-valid.xlsx`);
    expect(ok.findings).toEqual([]);
    const bad = validateBytes(await filledReturn(spec, broken, { hideColumns: c.hideColumns ?? [], damage }), `${code}-broken.xlsx`);
    expect(bad.findings.map((f) => f.code)).toContain(code);
  });
});

describe("returns saved by other programs validate without spurious findings", () => {
  const dir = tempDir("resaved");
  const withOpenpyxl = hasOpenpyxl();
  const withSoffice = hasSoffice();

  it.each(catalogue.frameworks.map((f) => [f.id] as const))("%s filled by openpyxl", async (id) => {
    if (!withOpenpyxl) return;
    const party = catalogue.partiesOf(catalogue.framework(id))[1];
    if (!party) throw new Error("no party");
    const { spec, framework } = templateSpec(id, party.code);
    const file = await filledByOpenpyxl(spec, fillAll(spec, framework, party), dir, id);
    const result = validateBytes(readFileSync(file), file);
    expect(result.findings).toEqual([]);
    expect(result.contributions).toHaveLength(spec.sheets.length - 1);
  });

  it.each(catalogue.frameworks.map((f) => [f.id] as const))("%s filled, then re-saved by LibreOffice", async (id) => {
    if (!withSoffice) return;
    const party = catalogue.partiesOf(catalogue.framework(id))[2];
    if (!party) throw new Error("no party");
    const { spec, framework } = templateSpec(id, party.code);
    const sub = tempDir(`lo-${id}`);
    const source = join(sub, `${id}.xlsx`);
    writeFileSync(source, await filledReturn(spec, fillAll(spec, framework, party)));
    const outDir = tempDir(`lo-out-${id}`);
    sofficeConvert(source, "xlsx:Calc MS Excel 2007 XML", outDir);
    const result = validateBytes(readFileSync(join(outDir, `${id}.xlsx`)), `${id}.xlsx (LibreOffice)`);
    expect(result.findings).toEqual([]);
    expect(result.contributions.map((c) => c.party?.code)).toEqual(spec.sheets.slice(0, -1).map(() => party.code));
  }, 120000);
});

describe("contributed text stays text", () => {
  it("reads formula-looking entries back verbatim as strings", async () => {
    const { spec, framework, party } = templateSpec("emn-ahq-2010", "LU");
    const hostile = ['=HYPERLINK("http://example.invalid","click")', "+cmd|' /C calc'!A0", "@SUM(1)", "-1+2", "=1+1"];
    const edits = fillAll(spec, framework, party).map((e, i) => (e.col === 3 ? { ...e, value: hostile[i % hostile.length] ?? "" } : e));
    const wb = readWorkbook(await filledReturn(spec, edits), "hostile.xlsx");
    const grid = wb.sheets[0]?.grid;
    const answers = edits.filter((e) => e.col === 3).map((e) => grid?.get(e.row, e.col));
    expect(answers).toEqual(edits.filter((e) => e.col === 3).map((e) => e.value));
  });
});
