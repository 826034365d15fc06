import fc from "fast-check";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { buildRegister } from "../../src/core/consolidation/register";
import { buildCombinedReport } from "../../src/core/consolidation/report";
import { workbookBytes } from "../../src/xlsx/write-spec";
import { buildCase, casePlan } from "../support/random-returns";
import { catalogue } from "../support/returns";
import { sofficeConvertAll } from "../support/openpyxl-damage";
import { PYTHON, hasOpenpyxl, hasSoffice, tempDir } from "../support/tools";

/**
 * Reports always open (issue 26), over generated cases: random returns with random damage, of two
 * cycles whose labels are whatever a return may hold (Excel's forbidden / : ? * [ ] \, apostrophes,
 * long labels, case variants), written by our writer — both editions open in openpyxl, and a sample
 * of them converts in LibreOffice.
 */

const CASES = Number(process.env.PT_OPEN_CASES ?? 40);
const label = fc.oneof(fc.constantFrom("2009/10", "2010/11", "H1: 2026?", "[draft] 2026", "'2026'", "h1 2026", "H1 2026", "a*b\\c", "History"), fc.string({ minLength: 1, maxLength: 40 }));

(hasOpenpyxl() ? describe : describe.skip)("every combined report opens", () => {
  it(`in openpyxl (${CASES} generated cases, both editions) and in LibreOffice (a sample)`, async () => {
    const dir = tempDir("reports-open");
    const samples = fc.sample(fc.record({ a: casePlan(), b: casePlan(), cycleA: label, cycleB: label }), { numRuns: CASES, seed: 20261207 });
    const files: string[] = [];
    for (const [i, s] of samples.entries()) {
      const outcomes = [...buildCase(s.a, undefined, s.cycleA), ...buildCase({ ...s.b, framework: s.a.framework }, undefined, s.cycleB)].map((f) => f.outcome);
      const register = buildRegister(outcomes, catalogue);
      for (const edition of ["internal", "public"] as const) {
        if (edition === "public" && register.publicBlocked.length) continue;
        const file = join(dir, `case-${i}-${edition}.xlsx`);
        writeFileSync(file, await workbookBytes(buildCombinedReport(register, catalogue, { edition })));
        files.push(file);
      }
    }
    const opened = execFileSync(PYTHON, ["-c", "import openpyxl,sys\nfor f in sys.argv[1:]:\n    wb=openpyxl.load_workbook(f)\n    print(len(wb.sheetnames))", ...files], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
    expect(opened.trim().split("\n")).toHaveLength(files.length);
    if (hasSoffice()) {
      const sample = files.filter((_, i) => i % 8 === 0);
      sofficeConvertAll(sample, "csv", dir);
      for (const f of sample) expect(() => execFileSync("test", ["-s", f.replace(/\.xlsx$/, ".csv")])).not.toThrow();
    }
  }, 300_000);
});
