import { validationConfig } from "../../../src/core/validation/rules";
import { validateWorkbook } from "../../../src/core/validation/validate-workbook";
import { ACK_SHEET } from "../../../src/core/validation/acknowledgements";
import { SheetGrid as Grid } from "../../../src/core/grid/grid";
import { RULE_CASES, caseReturn } from "../../support/rule-cases";
import { headerNote, itemCellText } from "../../../src/core/template/builder";
import { META_ROWS } from "../../../src/core/template/layout";
import { damageGrids, type Damage } from "../../support/damage";
import { catalogue, editAt, fillAll, gridsWith, templateSpec, locate, type Edit } from "../../support/returns";


describe("rule registry", () => {
  it("has a case for every rule, and every case's code is a rule", () => {
    // Rules checked only at consolidation (an update against its initial return) have their own tests.
    expect(RULE_CASES.map((c) => c.code).sort()).toEqual(validationConfig.rules.filter((r) => r.stage !== "consolidation").map((r) => r.code).sort());
  });
});

describe.each(catalogue.frameworks.map((f) => [f.id] as const))("a completely filled %s return", (id) => {
  it("validates without findings for every party's template", () => {
    for (const party of catalogue.partiesOf(catalogue.framework(id)).slice(0, 3)) {
      const { spec, framework } = templateSpec(id, party.code);
      const grids = gridsWith(spec, fillAll(spec, framework, party));
      const result = validateWorkbook(grids.map((grid) => ({ grid })), catalogue);
      expect(result.findings).toEqual([]);
      expect(result.readyToSubmit).toBe(true);
      expect(result.contributions.map((c) => c.party?.code)).toEqual(spec.sheets.filter((s) => s.role !== "lists").map(() => party.code));
    }
  });
});

describe.each(RULE_CASES.map((c) => [c.code, c.what, c] as const))("%s (%s)", (code, _what, c) => {
  const run = (edits: readonly Edit[], hidden: boolean, damage: readonly Damage[] = []) => {
    const { spec } = caseReturn(c);
    const grids = gridsWith(spec, edits);
    const details = damageGrids(grids, damage);
    const first = grids[0];
    return validateWorkbook(
      grids.map((grid) => ({
        grid,
        ...(details.has(grid.name) ? { details: details.get(grid.name) } : {}),
        ...(hidden && grid === first ? { hiddenColumns: new Set(c.hideColumns ?? []), ...(c.unread ? { unread: c.unread } : {}) } : {}),
      })),
      catalogue,
    );
  };
  it("passes on the valid return", () => {
    expect(run(caseReturn(c).valid, false).findings).toEqual([]);
  });
  it("is found, with its place, on the broken return", () => {
    const result = run(caseReturn(c).broken, true, caseReturn(c).damage);
    const found = result.findings.filter((f) => f.code === code);
    expect(found.length).toBeGreaterThan(0);
    for (const f of found) {
      if (code !== "PT-STRUCT-014") expect(f.sheet).toBeTruthy();
      expect(f.message).not.toMatch(/\{\w+\}/);
    }
    // A workbook-level finding has no cell; every other names one.
    if (code !== "PT-STRUCT-014") expect(found.some((f) => f.cell !== undefined)).toBe(true);
  });
});

describe("findings carry the place and a suggestion", () => {
  it("names the cell, the reference and the suggested list value", () => {
    const c = RULE_CASES.find((x) => x.code === "PT-CONT-003");
    if (!c) throw new Error("no case");
    const { spec, broken, framework } = caseReturn(c);
    const result = validateWorkbook(gridsWith(spec, broken).map((grid) => ({ grid })), catalogue);
    const where = locate(spec, framework, 0, "I.2", "Status");
    expect(result.findings).toEqual([
      {
        code: "PT-CONT-003",
        severity: "warning",
        sheet: spec.sheets[0]?.name,
        cell: `D${where.row + 1}`,
        ref: "I.2",
        message: "'Ongoing' in Status is read as 'ongoing'; choose it from the list.",
        suggestion: "ongoing",
      },
    ]);
    expect(result.readyToSubmit).toBe(true);
  });

  it("stores nothing-to-report spellings as data and accepts them in place of an entry", () => {
    const { spec, framework, party } = templateSpec("pact-2008", "DE");
    const edits = fillAll(spec, framework, party).map((e, i) => (typeof e.value === "string" && e.col === 3 ? { ...e, value: validationConfig.nothingToReport[i % validationConfig.nothingToReport.length] ?? null } : e));
    const result = validateWorkbook(gridsWith(spec, edits).map((grid) => ({ grid })), catalogue);
    expect(result.findings).toEqual([]);
  });

  it("excuses status and activities where the party does not take part", () => {
    const { spec, framework, party } = templateSpec("prague-ap-2023", "GE");
    const row = locate(spec, framework, 0, "III.4", "Participation");
    const edits = fillAll(spec, framework, party).filter((e) => e.row !== row.row);
    edits.push({ ...row, value: "no" });
    const result = validateWorkbook(gridsWith(spec, edits).map((grid) => ({ grid })), catalogue);
    expect(result.findings).toEqual([]);
  });
});

describe("acknowledged warnings", () => {
  it("are reported as acknowledged with their justification and no longer count as open warnings", () => {
    const c = RULE_CASES.find((x) => x.code === "PT-CONT-006");
    if (!c) throw new Error("no case");
    const { spec, broken, framework } = caseReturn(c);
    const grids = gridsWith(spec, broken);
    const where = locate(spec, framework, 0, "V.1", "Start date");
    const acks = new Grid(ACK_SHEET, true);
    ["Sheet", "Cell", "Code", "Justification", "By", "Date"].forEach((h, col) => acks.set(0, col, h));
    [where.sheet, `E${where.row + 1}`, "PT-CONT-006", "Pilot project started before the plan was adopted.", "Unit B2", "2026-11-02"].forEach((v, col) => acks.set(1, col, v));
    const result = validateWorkbook([...grids, acks].map((grid) => ({ grid })), catalogue);
    expect(result.findings).toEqual([expect.objectContaining({ code: "PT-CONT-006", acknowledged: { justification: "Pilot project started before the plan was adopted." } })]);
    expect(result.counts).toEqual({ errors: 0, warnings: 0, acknowledged: 1, info: 0 });
  });

  it("an acknowledgement without justification accepts nothing, and errors cannot be acknowledged", () => {
    const c = RULE_CASES.find((x) => x.code === "PT-CONT-005");
    if (!c) throw new Error("no case");
    const { spec, broken, framework } = caseReturn(c);
    const where = locate(spec, framework, 0, "IV.2", "Start date");
    const acks = new Grid(ACK_SHEET, true);
    [where.sheet, `E${where.row + 1}`, "PT-CONT-005", "we know"].forEach((v, col) => acks.set(1, col, v));
    const result = validateWorkbook([...gridsWith(spec, broken), acks].map((grid) => ({ grid })), catalogue);
    expect(result.counts.errors).toBe(1);
    expect(result.readyToSubmit).toBe(false);
  });
});

describe("sheets that are not templates", () => {
  it("are left alone, and a workbook without templates is not ready to submit", () => {
    const other = new Grid("Budget 2026");
    other.set(0, 0, "Template");
    other.set(0, 1, "my own");
    const result = validateWorkbook([{ grid: other }], catalogue);
    expect(result.contributions).toEqual([]);
    // Not read, and named: nothing it holds vanishes without a word.
    expect(result.findings.map((f) => f.code)).toEqual(["PT-STRUCT-022", "PT-STRUCT-014"]);
    expect(result.readyToSubmit).toBe(false);
  });
});

describe("advice fits the column", () => {
  const { spec, framework, party } = templateSpec("prague-ap-2012", "AT");
  const status = locate(spec, framework, 0, "I.2", "Status");
  const actions = locate(spec, framework, 0, "I.2", "Activities undertaken");
  const edits = [...fillAll(spec, framework, party), { ...status, value: null }, { ...actions, value: null }];
  const findings = validateWorkbook(gridsWith(spec, edits).map((grid) => ({ grid })), catalogue).findings.filter((f) => f.code === "PT-CONT-001");

  it("asks to choose from the list for a dropdown, and allows 'nothing to report' only for text", () => {
    expect(findings.map((f) => f.message)).toEqual([
      "Status is empty for I.2; choose a value from the list.",
      'Activities undertaken is empty for I.2; fill it or write "nothing to report".',
    ]);
  });
});

describe("nothing typed around the table is read past", () => {
  const { spec, framework, party } = templateSpec("emn-ahq-2010", "FI");
  const sheet = spec.sheets[0]?.name ?? "";
  const run = (extra: readonly Edit[]) => validateWorkbook(gridsWith(spec, [...fillAll(spec, framework, party), ...extra]).map((grid) => ({ grid })), catalogue).findings;
  const at = (row: number, col: number, value: Edit["value"]): Edit => ({ sheet, row, col, value });

  it("names a remark beside the dissemination choice, in the empty row above the table, and an edited area heading", () => {
    // The area heading row: "Q" in column A, styled as a heading.
    const area = { row: spec.sheets[0]?.cells.find((c) => c.col === 0 && c.value === "Q")?.row ?? -1 };
    const findings = run([at(10, 2, "only for the requesting NCP"), at(12, 0, "see our letter"), at(area.row, 1, "Questions (answered by the Ministry)")]);
    // Typed in the dissemination block, they also put the choice in doubt (one finding for all): the answer is withheld.
    expect(findings.map((f) => [f.code, f.cell])).toEqual([
      ["PT-CONT-019", "C11"],
      ["PT-STRUCT-009", "C11"],
      ["PT-STRUCT-009", "A13"],
      ["PT-STRUCT-009", `B${area.row + 1}`],
    ]);
  });

  it("names a title typed over, and takes a title naming the sheet's own party as the template's", () => {
    expect(run([at(0, 0, "Reply of the Finnish NCP: not for circulation")]).map((f) => [f.code, f.cell])).toEqual([
      ["PT-CONT-019", "A1"],
      ["PT-STRUCT-009", "A1"],
    ]);
    expect(run([at(0, 0, "Migration Partnerships query — Finland")])).toEqual([]);
  });

  it("accepts the template's own header block untouched", () => {
    expect(run([])).toEqual([]);
  });
});

describe("reconstructed guidance", () => {
  const { spec, framework, party } = templateSpec("pact-2008", "FR");
  const sheet = spec.sheets.find((s) => s.role === "factual");
  const guidance = sheet?.cells.find((c) => c.style === "guidance" && String(c.value).includes("reconstructed"));
  const run = (extra: readonly Edit[]) => validateWorkbook(gridsWith(spec, [...fillAll(spec, framework, party), ...extra]).map((grid) => ({ grid })), catalogue).findings;
  it("is what the validator expects in the locked cell: the template as written passes", () => {
    expect(guidance).toBeDefined();
    expect(run([])).toEqual([]);
  });
  it("may not be edited away: the guidance without its note is a change to locked text", () => {
    const bare = String(guidance?.value).split("\n")[0] ?? "";
    const findings = run([{ sheet: sheet?.name ?? "", row: guidance?.row ?? 0, col: guidance?.col ?? 0, value: bare }]);
    expect(findings.map((f) => [f.code, f.ref])).toEqual([["PT-STRUCT-009", "II(f)"]]);
  });
});

describe("the EMN query's single response", () => {
  const { spec, framework } = templateSpec("emn-ahq-2010", "LV");
  const run = (edits: readonly Edit[]) => validateWorkbook(gridsWith(spec, edits).map((grid) => ({ grid })), catalogue).findings.filter((f) => f.code === "PT-CONT-001").map((f) => f.ref);
  const answer = (ref: string, text: string): Edit => editAt(spec, framework, ref, "Response", text);
  it("answers all four questions in one block, or each question answers itself", () => {
    expect(run([answer("Q1-4", "1., 2., 3., 4. Latvia is currently involved in partnerships with Georgia.")])).toEqual([]);
    expect(run(["Q1", "Q2", "Q3", "Q4"].map((q) => answer(q, "Yes.")))).toEqual([]);
  });
  it("still asks for an answer when there is neither, and for each question not answered when only some are", () => {
    expect(run([])).toEqual(["Q1", "Q2", "Q3", "Q4", "Q1-4"]);
    expect(run([answer("Q1", "Yes.")])).toEqual(["Q2", "Q3", "Q4"]);
    // Answering some questions on their own is answering one by one: the single response does not fill the gaps.
    expect(run([answer("Q1", "Yes."), answer("Q1-4", "All of it.")])).toEqual(["Q2", "Q3", "Q4"]);
  });
});

describe("a return made with a template from before items carried their citation", () => {
  it("validates clean: the framework's title alone, uncited item texts and the EU level's old round note are still the template's", () => {
    for (const [id, code] of [["pact-2008", "EC"], ["pact-2008", "BE"], ["prague-ap-2012", "AT"], ["emn-ahq-2010", "AT"]] as const) {
      const { spec, framework, party } = templateSpec(id, code);
      const older: Edit[] = spec.sheets.filter((s) => s.role !== "lists").flatMap((s) =>
        s.cells.flatMap((c): Edit[] => {
          if (c.row === META_ROWS.framework && c.col === 2) return [{ sheet: s.name, row: c.row, col: c.col, value: framework.title }];
          if (c.row === META_ROWS.round && c.col === 2) return [{ sheet: s.name, row: c.row, col: c.col, value: headerNote(framework, "round", "initial", "2026") ?? null }];
          const item = framework.areas.flatMap((a) => a.items).find((i) => c.value === itemCellText(i));
          return item ? [{ sheet: s.name, row: c.row, col: c.col, value: itemCellText(item, false) }] : [];
        }),
      );
      expect(older.filter((e) => typeof e.value === "string" && !e.value.includes("Source: ")).length).toBeGreaterThan(3);
      const result = validateWorkbook(gridsWith(spec, [...older, ...fillAll(spec, framework, party)]).map((grid) => ({ grid })), catalogue);
      expect([id, code, result.findings]).toEqual([id, code, []]);
    }
  });
});
