import type { WorkbookSpec } from "../../../src/core/template/spec";
import { validateWorkbook } from "../../../src/core/validation/validate-workbook";
import { countProgress } from "../../../src/core/collaboration/progress";
import { catalogue, editAt, gridsWith, locate, templateSpec, type Edit } from "../../support/returns";

function contributions(spec: WorkbookSpec, edits: readonly Edit[]) {
  const grids = gridsWith(spec, edits);
  return validateWorkbook(grids.map((grid) => ({ grid })), catalogue).contributions;
}

describe("countProgress", () => {
  const { spec, framework } = templateSpec("prague-ap-2012", "AT");
  const at = (ref: string, header: string, value: Edit["value"]): Edit => editAt(spec, framework, ref, header, value);
  const items = framework.areas.reduce((n, a) => n + a.items.length, 0);

  it("counts item rows, filled rows and review states per responsible unit", () => {
    const edits = [
      at("I.1", "Responsible unit / contact", "Unit A"),
      at("I.1", "Participation", "yes"),
      at("I.1", "Status", "ongoing"),
      at("I.1", "Activities undertaken", "A visa facilitation agreement was signed."),
      at("I.1", "Review state", "approved"),
      at("I.2", "Responsible unit / contact", "  unit   a "),
      at("I.2", "Participation", "yes"),
      at("I.2", "Status", "planned"),
      at("I.2", "Activities undertaken", "nothing to report"),
      at("I.2", "Review state", "Ready for review"),
      at("II.1", "Responsible unit / contact", "Border Police"),
      at("II.1", "Participation", "no"),
      at("II.2", "Responsible unit / contact", "Border Police"),
      at("II.2", "Review state", "draft"),
    ];
    const report = countProgress(contributions(spec, edits));

    expect(report.sheets).toEqual([spec.sheets[0]?.name]);
    expect(report.units.map((u) => u.unit)).toEqual(["Border Police", "Unit A", ""]);
    const [police, unitA, nobody] = report.units;
    // "not participating" counts as done; an empty row does not.
    expect(police).toEqual({ unit: "Border Police", items: 2, filled: 1, review: { draft: 1, "ready for review": 0, approved: 0, "not set": 1 } });
    // Spacing and case do not split a unit; a case slip in the review state still counts as that state,
    // but it is a warning (PT-CONT-003) until fixed or accepted, so that row is not done yet.
    expect(unitA).toEqual({ unit: "Unit A", items: 2, filled: 1, review: { draft: 0, "ready for review": 1, approved: 1, "not set": 0 } });
    expect(nobody?.items).toBe(items - 4);
    expect(nobody?.filled).toBe(0);
    expect(report.total).toEqual({ unit: "", items, filled: 2, review: { draft: 1, "ready for review": 1, approved: 1, "not set": items - 3 } });
  });

  it("counts a row as filled only when validation finds nothing left on it", () => {
    const edits = [
      at("I.1", "Responsible unit / contact", "Unit A"),
      // Text, but no participation or status: Validate reports the row, so it is not done.
      at("I.1", "Activities undertaken", "A visa facilitation agreement was signed."),
      at("I.2", "Responsible unit / contact", "Unit A"),
      at("I.2", "Participation", "yes"),
      at("I.2", "Status", "Ongoing"),
      at("I.2", "Activities undertaken", "Training of border guards."),
    ];
    const unitA = countProgress(contributions(spec, edits)).units.find((u) => u.unit === "Unit A");
    // I.2's "Ongoing" is a warning (PT-CONT-003) until chosen from the list or accepted.
    expect(unitA).toMatchObject({ items: 2, filled: 0 });
    const fixed = countProgress(contributions(spec, [...edits, at("I.2", "Status", "ongoing")])).units.find((u) => u.unit === "Unit A");
    expect(fixed).toMatchObject({ items: 2, filled: 1 });
  });

  it("counts both Pact sheets, the political report by policy area", () => {
    const pact = templateSpec("pact-2008", "BE");
    const area = pact.framework.areas[0]?.id ?? "";
    const edits: Edit[] = [
      { ...locate(pact.spec, pact.framework, 0, area, "Political assessment of progress"), value: "Good progress." },
      { ...locate(pact.spec, pact.framework, 0, area, "Responsible unit / contact"), value: "Cabinet" },
    ];
    const report = countProgress(contributions(pact.spec, edits));
    expect(report.sheets).toHaveLength(2);
    const items = pact.framework.areas.length + pact.framework.areas.reduce((n, a) => n + a.items.length, 0);
    expect(report.total.items).toBe(items);
    expect(report.units.find((u) => u.unit === "Cabinet")).toMatchObject({ items: 1, filled: 1 });
  });

  it("is empty for a workbook without template sheets", () => {
    expect(countProgress([])).toEqual({ units: [], total: { unit: "", items: 0, filled: 0, review: { draft: 0, "ready for review": 0, approved: 0, "not set": 0 } }, sheets: [] });
  });
});

describe("the EMN's single response", () => {
  const emn = templateSpec("emn-ahq-2010", "SE");
  const refs = emn.framework.areas.flatMap((a) => a.items.map((i) => i.ref));
  const answer = (ref: string, value: Edit["value"]): Edit => editAt(emn.spec, emn.framework, ref, "Response", value);

  it("counts every question as done when one response covers them all, and the single response as done when each is answered", () => {
    const single = refs.find((r) => emn.framework.areas.some((a) => a.items.some((i) => i.ref === r && i.covers)));
    expect(single).toBeDefined();
    const questions = refs.filter((r) => r !== single);
    const bySingle = countProgress(contributions(emn.spec, [answer(single ?? "", "We have mobility partnerships with Moldova and Cape Verde.")]));
    expect(bySingle.total).toMatchObject({ items: refs.length, filled: refs.length });
    const byEach = countProgress(contributions(emn.spec, questions.map((q) => answer(q, `Answer to ${q}.`))));
    expect(byEach.total).toMatchObject({ items: refs.length, filled: refs.length });
    const partly = countProgress(contributions(emn.spec, [answer(questions[0] ?? "", "Only the first.")]));
    expect(partly.total.filled).toBeLessThan(refs.length);
  });
});
