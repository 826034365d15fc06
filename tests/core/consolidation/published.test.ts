import { buildRegister, type ReadOutcome } from "../../../src/core/consolidation/register";
import { buildCombinedReport, type Edition } from "../../../src/core/consolidation/report";
import { gridsFromSpec } from "../../../src/core/grid/from-spec";
import type { SheetGrid } from "../../../src/core/grid/grid";
import { validateWorkbook } from "../../../src/core/validation/validate-workbook";
import { EMN_FRAMEWORK, EMN_SEED, privateAnswer, readPublished, seedRespondents, seedReturn, seedTable, type SeedRow } from "../../support/emn-seed";
import { catalogue, editAt, gridsWith } from "../../support/returns";

/**
 * The published compilation of the EMN query, rebuilt: the 18 responses of the seed filled into
 * templates (each as the single response to all questions, as the countries wrote them), consolidated,
 * give a "compilation as published" sheet whose rows are the seed's table.
 */

const FW = "emn-ahq-2010";
const framework = EMN_FRAMEWORK;
const seed = seedTable();

function returned(row: SeedRow, answers?: Parameters<typeof seedReturn>[1]): ReadOutcome {
  const { spec, edits } = seedReturn(row, answers);
  const validation = validateWorkbook(gridsWith(spec, edits).map((grid) => ({ grid })), catalogue);
  return { source: { file: `${row.country}.xlsx`, sha256: row.country, received: "2010-08-20" }, validation };
}

const single = (row: SeedRow) => returned(row);

function published(outcomes: readonly ReadOutcome[], edition: Edition): SheetGrid {
  const report = buildCombinedReport(buildRegister(outcomes, catalogue), catalogue, { edition, generatedAt: "2010-10-08T09:00:00Z" });
  const sheet = gridsFromSpec(report).find((g) => g.name === `${FW} as published`);
  if (!sheet) throw new Error(`no 'as published' sheet in ${report.sheets.map((s) => s.name).join(", ")}`);
  return sheet;
}

const read = readPublished;

describe("the EMN compilation as published", () => {
  const outcomes = seed.map(single);

  it("reads the seed's table: 18 countries, two withholding", () => {
    expect(seed.map((r) => r.country)).toEqual(seedRespondents().countries);
    expect(seed).toHaveLength(seedRespondents().total);
    expect(seed.filter((r) => r.dissemination === "No").map((r) => r.country)).toEqual(["Austria", "Czech Republic"]);
    // The single response is valid on its own: no question needs an answer of its own.
    for (const o of outcomes) expect("validation" in o ? o.validation.findings.filter((f) => f.severity === "error") : []).toEqual([]);
  });

  it("public edition: the seed's table row for row, with the standard sentence exactly as the seed prints it", () => {
    const { rows } = read(published(outcomes, "public"));
    expect(rows[0]).toEqual(["Country", "Wider Dissemination?", "Response (1.–4.)"]);
    expect(rows.slice(1)).toEqual(seed.map((r) => [r.country, r.dissemination, r.response]));
    const sentence = framework.dissemination?.standardSentence ?? "?";
    for (const country of ["Austria", "Czech Republic"]) {
      expect(rows.find((r) => r[0] === country)?.[2]).toBe(sentence);
      expect(EMN_SEED).toContain(`${country}\tNo\t${sentence}`);
    }
    // Nothing a withholding country wrote is anywhere in the sheet.
    const all = [...published(outcomes, "public").cells()].map((c) => String(c.value)).join("\n");
    expect(all).not.toContain("own answer");
  });

  it("opens as the seed does: the request, the compilation date, the respondents, the disclaimer, then 1. Background Information", () => {
    const sheet = published(outcomes, "public");
    const heading = [...sheet.cells()].find((c) => c.col === 0 && c.value === "Country")?.row ?? -1;
    const lines: string[] = [];
    for (let r = 0; r < heading; r++) if (sheet.text(r, 0)) lines.push(sheet.text(r, 0));
    // The seed's own lines, with the PDF's markup and stray bracket taken off.
    const seedLine = (start: string): string => (EMN_SEED.split("\n").find((l) => l.replace(/<\/?u>/g, "").startsWith(start)) ?? "?").replace(/<\/?u>/g, "").replace(/\]$/, "").trim();
    const background = EMN_SEED.split("\n1. Background Information\n")[1]?.split("\n2. Responses")[0]?.split("\n").map((l) => l.trim()).filter(Boolean).join("\n");
    expect(lines.slice(0, 2)).toEqual(["Ad-Hoc Query on Migration Partnerships", expect.stringMatching(/^Public edition — compilation as published\. Source document: EMN Ad-Hoc Query/)]);
    expect(lines.slice(2)).toEqual([
      seedLine("Requested by"),
      seedLine("Compilation produced on"),
      seedLine("Responses from"),
      seedLine("Disclaimer"),
      "1. Background Information",
      background,
      "2. Responses",
      expect.stringMatching(/^1\. Do you currently/),
    ]);
    expect(lines[2]).toBe("Requested by Austria EMN NCP on 26th July 2010");
    expect(lines[4]).toBe(`Responses from ${seedRespondents().countries.join(", ")} (18 in Total)`);
  });

  it("internal edition: the same rows, with what the withholding countries sent", () => {
    const { rows } = read(published(outcomes, "internal"));
    expect(rows.slice(1)).toEqual(seed.map((r) => [r.country, r.dissemination, r.dissemination === "No" ? privateAnswer(r.country) : r.response]));
  });

  it("counts questions answered in the single response as covered, and the single response as covered by answers to each", () => {
    const finland: SeedRow = { country: "Finland", dissemination: "Yes", response: "" };
    const split = returned(finland, (spec) => ["No.", "None.", "Development aid.", "Too early to say."].map((text, i) => editAt(spec, framework, `Q${i + 1}`, "Response", text)));
    const latvia = single(seed.find((r) => r.country === "Latvia") as SeedRow);
    const blank = returned({ country: "Sweden", dissemination: "Yes", response: "" }, () => []);
    const grids = gridsFromSpec(buildCombinedReport(buildRegister([split, latvia, blank], catalogue), catalogue, { edition: "internal" }));
    const coverage = grids.find((g) => g.name === `${FW} coverage`);
    if (!coverage) throw new Error("no coverage");
    const heading = [...coverage.cells()].find((c) => c.value === "Ref")?.row ?? -1;
    const codes = [2, 3, 4].map((c) => coverage.text(heading, c));
    const byRef = Object.fromEntries(["Q1", "Q2", "Q3", "Q4", "Q1-4"].map((ref) => {
      const row = [...coverage.cells()].find((c) => c.col === 0 && c.value === ref)?.row ?? -1;
      return [ref, Object.fromEntries(codes.map((code, i) => [code, coverage.text(row, 2 + i)]))];
    }));
    for (const ref of ["Q1", "Q2", "Q3", "Q4", "Q1-4"]) expect([ref, byRef[ref]]).toEqual([ref, { FI: "reported", LV: "reported", SE: "empty" }]);
  });

  it("numbers answers given question by question into one box", () => {
    const row: SeedRow = { country: "Finland", dissemination: "Yes", response: "" };
    const split = returned(row, (spec) => ["No.", "None.", "n/a", "Too early to say."].map((text, i) => editAt(spec, framework, `Q${i + 1}`, "Response", text)));
    expect("validation" in split ? split.validation.findings : []).toEqual([]);
    expect(read(published([split], "public")).rows[1]).toEqual(["Finland", "Yes", "1. No.\n2. None.\n3. n/a\n4. Too early to say."]);
  });
});
