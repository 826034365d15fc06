import { readFileSync } from "node:fs";
import { join } from "node:path";
import { shippedCatalogue } from "../../../src/core/catalogue/builtin";
import { cycleYear, dueDate, dueText } from "../../../src/core/catalogue/timetable";
import { buildTemplate, headerNote } from "../../../src/core/template/builder";
import { META_ROWS } from "../../../src/core/template/layout";
import { validateWorkbook } from "../../../src/core/validation/validate-workbook";
import { fillAll, gridsWith, templateSpec } from "../../support/returns";

const catalogue = shippedCatalogue();
const pact = catalogue.framework("pact-2008");

describe("the timetable as data", () => {
  it("reads the cycle's year from its label: the first year written", () => {
    expect(["2009", "2009-2010", "2009/10", "H1 2026", "2026 update", "H1", "cycle 7"].map(cycleYear)).toEqual([2009, 2009, 2009, 2026, 2026, undefined, undefined]);
  });

  it("gives the Pact's rounds the tracking method's days: mid-November, then mid-January of the next year, as the 15th", () => {
    expect([dueDate(pact, "2009", "initial"), dueDate(pact, "2009", "update")]).toEqual(["2009-11-15", "2010-01-15"]);
    expect(dueDate(pact, "2026/27", "update")).toBe("2027-01-15");
    expect(dueDate(pact, "H1", "initial")).toBeUndefined();
    expect(dueText(pact, "H1", "initial")).toBe("mid-November");
    const source = readFileSync(join(__dirname, "..", "..", "..", "seeds", "sources", pact.source.file ?? ""), "utf8");
    for (const round of pact.rounds) {
      expect(round.due?.source).toMatch(/COM\(2009\) 266 final, section 4/);
      expect(source).toContain(`${round.due?.text ?? "?"}`);
    }
    expect(source).toMatch(/mid-November\tMember States to provide contribution/);
    expect(source).toMatch(/mid-January 2010\tMember States to update their contribution/);
  });

  it("has no due dates where the document gives none", () => {
    for (const id of ["prague-ap-2012", "prague-ap-2023", "prague-jd-2009", "emn-ahq-2010"]) {
      const fw = catalogue.framework(id);
      expect([id, dueDate(fw, "2026", "initial"), dueDate(fw, "2026", "update")]).toEqual([id, undefined, undefined]);
    }
  });

  it("shows the due date in the template header, and the validator expects exactly that note", () => {
    const sheets = buildTemplate({ framework: pact, party: catalogue.party(pact, "FR"), cycle: "2026", round: "update" }).sheets;
    const note = sheets[0]?.cells.find((c) => c.row === META_ROWS.round && c.col === 2)?.value;
    expect(note).toBe("Update of the contribution — due 15 January 2027 (timetable: mid-January)");
    expect(headerNote(pact, "round", "initial", "2026")).toBe("Contribution — due 15 November 2026 (timetable: mid-November)");
    const prague = catalogue.framework("prague-ap-2012");
    // The plan sets no rounds: its progress report is labelled as the tool's.
    expect(headerNote(prague, "round", "initial", "2026")).toBe("Progress report (a round of pact-tracker's)");
    // The EU level has no due date of the Member States'; its own timetable instead.
    expect(headerNote(pact, "round", "initial", "2026", "EC")).toMatch(/^Contribution — the EU level: no due date .*; the Commission's timetable: from November — To start preparing the annual report/);

    const { spec, framework, party } = templateSpec("pact-2008", "FR", "initial", "2026");
    const run = (edits: Parameters<typeof gridsWith>[1]) => validateWorkbook(gridsWith(spec, [...fillAll(spec, framework, party), ...edits]).map((grid) => ({ grid })), catalogue).findings;
    expect(run([])).toEqual([]);
    const sheet = spec.sheets[0]?.name ?? "";
    expect(run([{ sheet, row: META_ROWS.round, col: 2, value: "Contribution — due 30 November 2026" }]).map((f) => [f.code, f.cell])).toEqual([["PT-STRUCT-009", "C9"]]);
  });
});
