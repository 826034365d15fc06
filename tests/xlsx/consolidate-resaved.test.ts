import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { buildRegister } from "../../src/core/consolidation/register";
import { buildCombinedReport } from "../../src/core/consolidation/report";
import { gridsFromSpec } from "../../src/core/grid/from-spec";
import { readReturnBytes } from "../../src/xlsx/read-return";
import { catalogue, fillAll, templateSpec } from "../support/returns";
import { filledByOpenpyxl, filledReturn } from "../support/xlsx-returns";
import { hasOpenpyxl, hasSoffice, sofficeConvert, tempDir } from "../support/tools";

/**
 * For every framework: one return filled by exceljs, one by openpyxl, one re-saved by LibreOffice,
 * consolidated together. All three are accepted and every entry reaches the compilation verbatim.
 */
const withOpenpyxl = hasOpenpyxl();
const withSoffice = hasSoffice();

it.each(catalogue.frameworks.map((f) => [f.id] as const))("%s returns from three programs consolidate together", async (id) => {
  const dir = tempDir(`resaved-${id}`);
  const parties = catalogue.partiesOf(catalogue.framework(id)).slice(0, 3);
  const inputs: { file: string; bytes: Uint8Array; values: string[] }[] = [];
  for (const [i, p] of parties.entries()) {
    const { spec, framework, party } = templateSpec(id, p.code);
    const edits = fillAll(spec, framework, party);
    const values = edits.flatMap((e) => (typeof e.value === "string" ? [e.value] : []));
    if (i === 0) inputs.push({ file: `${p.code}-exceljs.xlsx`, bytes: await filledReturn(spec, edits), values });
    if (i === 1 && withOpenpyxl) inputs.push({ file: `${p.code}-openpyxl.xlsx`, bytes: readFileSync(await filledByOpenpyxl(spec, edits, dir, p.code)), values });
    if (i === 2 && withSoffice) {
      const src = join(dir, "src");
      mkdirSync(src, { recursive: true });
      writeFileSync(join(src, `${p.code}.xlsx`), await filledReturn(spec, edits));
      sofficeConvert(join(src, `${p.code}.xlsx`), "xlsx:Calc MS Excel 2007 XML", dir);
      inputs.push({ file: `${p.code}-libreoffice.xlsx`, bytes: readFileSync(join(dir, `${p.code}.xlsx`)), values });
    }
  }
  const register = buildRegister(inputs.map((x) => readReturnBytes(x.bytes, x.file, catalogue)), catalogue);
  expect(new Set(register.rows.map((r) => r.status))).toEqual(new Set(["accepted"]));
  const report = gridsFromSpec(buildCombinedReport(register, catalogue, { edition: "internal" }));
  const compiled = new Set(report.flatMap((g) => [...g.cells()].map((c) => String(c.value))));
  for (const x of inputs) for (const v of x.values) expect(compiled.has(v)).toBe(true);
}, 120000);
