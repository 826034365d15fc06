import { consolidateReturns } from "../../../src/core/consolidation/consolidate";
import { buildCombinedReport } from "../../../src/core/consolidation/report";
import { buildRegister, type ReadOutcome } from "../../../src/core/consolidation/register";
import { validateWorkbook } from "../../../src/core/validation/validate-workbook";
import { META_ROWS } from "../../../src/core/template/layout";
import { catalogue, fillAll, gridsWith, templateSpec } from "../../support/returns";

function returned(file: string, frameworkId: string, party: string, header: { partyCode?: string | null; party?: string; dissemination?: string } = {}, rename?: { sheet: string; title: string }): ReadOutcome {
  const t = templateSpec(frameworkId, party);
  const spec = rename ? { ...t.spec, sheets: t.spec.sheets.map((s, i) => (i === 0 ? { ...s, name: rename.sheet } : s)) } : t.spec;
  const sheet = spec.sheets[0]?.name ?? "";
  const edits = [
    ...fillAll(spec, t.framework, t.party),
    ...Object.entries(header).map(([k, value]) => ({ sheet, row: META_ROWS[k as keyof typeof META_ROWS], col: 1, value: value ?? null })),
    ...(rename ? [{ sheet, row: 0, col: 0, value: rename.title }] : []),
  ];
  return { source: { file, sha256: `sha-${file}` }, validation: validateWorkbook(gridsWith(spec, edits).map((grid) => ({ grid })), catalogue) };
}

describe("the one consolidation flow (CLI and pane)", () => {
  it("gives the register and both editions as the register and report builders make them", () => {
    const outcomes = [returned("AT.xlsx", "emn-ahq-2010", "AT"), returned("BE.xlsx", "emn-ahq-2010", "BE", { dissemination: "no" })];
    const made = consolidateReturns(outcomes, catalogue, { strict: false, order: "protocol", generatedAt: "2026-12-07" });
    if (made.kind !== "report") throw new Error("no report");
    const register = buildRegister(outcomes, catalogue, { strict: false });
    expect(made.register).toEqual(register);
    expect(made.internal).toEqual(buildCombinedReport(register, catalogue, { edition: "internal", order: "protocol", generatedAt: "2026-12-07" }));
    expect(made.publicEdition()).toEqual(buildCombinedReport(register, catalogue, { edition: "public", order: "protocol", generatedAt: "2026-12-07" }));
    expect(made.earlier).toBeUndefined();
  });

  it("says nothing could be consolidated, with the code, and makes no report", () => {
    const made = consolidateReturns([{ source: { file: "notes.txt", sha256: "" }, error: { code: "PT-READ-001", message: "not a workbook" } }], catalogue, { order: "alpha" });
    expect(made.kind).toBe("nothing");
    if (made.kind === "nothing") expect(made.failure).toEqual({ code: "PT-CONS-005", message: "nothing could be consolidated from 1 input" });
    expect(made.register.rows.map((r) => [r.file, r.status])).toEqual([["notes.txt", "rejected"]]);
  });

  it("makes no public edition while a return may withhold and names no party: fails closed for every caller", () => {
    // "no", the code blanked, a name not in the list, the sheet renamed and the title overwritten: nobody's return.
    const outcomes = [returned("AT.xlsx", "emn-ahq-2010", "AT"), returned("reply.xlsx", "emn-ahq-2010", "PL", { dissemination: "no", partyCode: null, party: "Our ministry" }, { sheet: "Sheet1", title: "Reply" })];
    const made = consolidateReturns(outcomes, catalogue, { order: "protocol" });
    if (made.kind !== "report") throw new Error("no report");
    expect(made.register.publicBlocked.length).toBeGreaterThan(0);
    expect(made.publicEdition()).toBeUndefined();
  });
});
