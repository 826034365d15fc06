import { buildTemplate } from "../../../src/core/template/builder";
import { gridsFromSpec } from "../../../src/core/grid/from-spec";
import { validateWorkbook } from "../../../src/core/validation/validate-workbook";
import { carriedFor, previousFromReturns, PREVIOUS_OTHER_FRAMEWORK, PREVIOUS_OTHER_PARTY, PREVIOUS_SAME_CYCLE } from "../../../src/core/cycles/previous";
import { CARRIED_SHEET } from "../../../src/core/cycles/carried";
import { tableColumns } from "../../../src/core/template/layout";
import type { ReadOutcome } from "../../../src/core/consolidation/register";
import type { SheetGrid } from "../../../src/core/grid/grid";
import { applyEdits, catalogue, fillAll, templateSpec } from "../../support/returns";

function returnOf(frameworkId: string, party: string, cycle: string, file = `${party}-${cycle}.xlsx`): { outcome: ReadOutcome; grids: SheetGrid[] } {
  const { spec, framework, party: p } = templateSpec(frameworkId, party, "initial", cycle);
  const grids = applyEdits(gridsFromSpec(spec), fillAll(spec, framework, p));
  return { outcome: { source: { file, sha256: "x", received: `${cycle}-11-01` }, validation: validateWorkbook(grids.map((grid) => ({ grid })), catalogue) }, grids };
}

describe("starting a cycle from last cycle's return", () => {
  test("a Pact return of 2025 carries every entry into the 2026 template, with last cycle's plans beside this cycle's actions", () => {
    const previous = previousFromReturns([returnOf("pact-2008", "FR", "2025").outcome], catalogue);
    const framework = catalogue.framework("pact-2008");
    const party = catalogue.party(framework, "FR");
    const start = carriedFor(previous, framework, party, "2026", "FR-2025.xlsx");
    expect(start.carried.cycle).toBe("2025");
    const spec = buildTemplate({ framework, party, cycle: "2026", round: "initial", previous: start.carried });
    expect(spec.sheets.map((s) => s.name)).toContain(CARRIED_SHEET);
    const factual = spec.sheets.find((s) => s.role === "factual");
    if (!factual) throw new Error("no factual sheet");
    const columns = tableColumns(framework, "factual", "FR", "2025");
    const prevCol = columns.findIndex((c) => c.kind === "previous");
    const actionsCol = columns.findIndex((c) => c.kind === "entry" && c.entry.id === "actions");
    expect(prevCol).toBe(actionsCol - 1);
    expect(columns[prevCol]?.header).toBe("Planned last cycle (2025)");
    const i1 = factual.cells.find((c) => c.col === 0 && c.value === "I(a)")?.row;
    const at = (col: number) => factual.cells.find((c) => c.row === i1 && c.col === col)?.value;
    expect(String(at(prevCol))).toContain("Most significant developments planned at Member State level for I(a)");
    expect(String(at(actionsCol))).toContain("Main actions undertaken at Member State level for I(a)");
    expect(factual.conditionalFills?.some((f) => f.when.kind === "sameAs")).toBe(true);

    // Validated as it stands: every carried text entry asks to be confirmed; review states are draft.
    const grids = gridsFromSpec(spec);
    const v = validateWorkbook(grids.map((grid) => ({ grid })), catalogue);
    const unchanged = v.findings.filter((f) => f.code === "PT-CONT-017");
    const textEntries = framework.areas.flatMap((a) => a.items).length * 2 + framework.areas.length;
    expect(unchanged).toHaveLength(textEntries);
    expect(unchanged[0]?.message).toContain("unchanged since cycle 2025");
    expect(v.findings.filter((f) => f.severity === "error")).toEqual([]);

    // Editing one entry clears its warning.
    const sheet = grids.find((g) => g.name === factual.name);
    if (!sheet || i1 === undefined) throw new Error("no sheet");
    sheet.set(i1, actionsCol, "Updated for 2026.");
    const after = validateWorkbook(grids.map((grid) => ({ grid })), catalogue);
    expect(after.findings.filter((f) => f.code === "PT-CONT-017")).toHaveLength(textEntries - 1);
    expect(after.findings.some((f) => f.code === "PT-CONT-017" && f.ref === "I(a)" && f.message.startsWith("Main actions"))).toBe(false);
  });

  test("a Prague action completed last cycle and now not started is a warning", () => {
    const prev = returnOf("prague-ap-2023", "AM", "2025");
    const framework = catalogue.framework("prague-ap-2023");
    const party = catalogue.party(framework, "AM");
    const g = prev.grids[0];
    if (!g) throw new Error("no grid");
    const statusCol = tableColumns(framework, "matrix", "AM").findIndex((c) => c.kind === "entry" && c.entry.id === "status");
    const endCol = tableColumns(framework, "matrix", "AM").findIndex((c) => c.kind === "entry" && c.entry.id === "end");
    let firstRow = -1;
    for (const c of g.cells()) if (c.col === statusCol && c.value === "ongoing" && firstRow < 0) firstRow = c.row;
    g.set(firstRow, statusCol, "completed");
    g.set(firstRow, endCol, { date: "2025-06-30" });
    const ref = g.text(firstRow, 0);
    const outcome: ReadOutcome = { source: prev.outcome.source, validation: validateWorkbook(prev.grids.map((grid) => ({ grid })), catalogue) };
    const start = carriedFor(previousFromReturns([outcome], catalogue), framework, party, "2026", "x");
    const spec = buildTemplate({ framework, party, cycle: "2026", round: "initial", previous: start.carried });
    const grids = gridsFromSpec(spec);
    const cols = tableColumns(framework, "matrix", "AM", "2025");
    const newStatus = cols.findIndex((c) => c.kind === "entry" && c.entry.id === "status");
    const prevStatus = cols.findIndex((c) => c.kind === "previous");
    const sheet = spec.sheets[0];
    const row = sheet?.cells.find((c) => c.col === 0 && c.value === ref)?.row ?? -1;
    expect(sheet?.cells.find((c) => c.row === row && c.col === prevStatus)).toMatchObject({ value: "completed", style: "previousCompleted" });
    grids[0]?.set(row, newStatus, "not started");
    const v = validateWorkbook(grids.map((grid) => ({ grid })), catalogue);
    expect(v.findings.filter((f) => f.code === "PT-CONT-018").map((f) => f.ref)).toEqual([ref]);
  });

  test("another party's or framework's return, or one of the same cycle, is refused with a code", () => {
    const previous = previousFromReturns([returnOf("pact-2008", "DE", "2025").outcome], catalogue);
    const pact = catalogue.framework("pact-2008");
    const prague = catalogue.framework("prague-ap-2023");
    expect(() => carriedFor(previous, pact, catalogue.party(pact, "FR"), "2026", "DE.xlsx")).toThrow(expect.objectContaining({ code: PREVIOUS_OTHER_PARTY }));
    expect(() => carriedFor(previous, prague, catalogue.party(prague, "AM"), "2026", "DE.xlsx")).toThrow(expect.objectContaining({ code: PREVIOUS_OTHER_FRAMEWORK }));
    expect(() => carriedFor(previous, pact, catalogue.party(pact, "DE"), "2025", "DE.xlsx")).toThrow(expect.objectContaining({ code: PREVIOUS_SAME_CYCLE }));
  });
});

describe("a carried wider-dissemination choice never weakens", () => {
  const framework = catalogue.framework("emn-ahq-2010");
  const party = catalogue.party(framework, "FR");

  /** FR's 2026 template started from its 2025 return that said `choice`, filled, with the choice cell set to `now`. */
  function nowSaying(choice: string, now: string | null) {
    const { spec: s2025, framework: fw, party: p } = templateSpec("emn-ahq-2010", "FR", "initial", "2025");
    const grids2025 = applyEdits(gridsFromSpec(s2025), [...fillAll(s2025, fw, p), { sheet: s2025.sheets[0]?.name ?? "", row: 10, col: 1, value: choice }]);
    const previous = previousFromReturns([{ source: { file: "FR-2025.xlsx", sha256: "x" }, validation: validateWorkbook(grids2025.map((grid) => ({ grid })), catalogue) }], catalogue);
    const start = carriedFor(previous, framework, party, "2026", "FR-2025.xlsx");
    const spec = buildTemplate({ framework, party, cycle: "2026", round: "initial", previous: start.carried });
    const grids = applyEdits(gridsFromSpec(spec), [{ sheet: spec.sheets[0]?.name ?? "", row: 10, col: 1, value: now }]);
    return { start, spec, validation: validateWorkbook(grids.map((grid) => ({ grid })), catalogue) };
  }

  test("last cycle's no is pre-filled, and cleared it is no yes: the answer is withheld, and the finding says why", () => {
    const { start, spec, validation } = nowSaying("no", null);
    expect(start.carried.dissemination).toBe("no");
    expect(spec.sheets[0]?.cells.find((c) => c.row === 10 && c.col === 1)?.value).toBe("no");
    const sheet = validation.contributions[0];
    expect(sheet?.dissemination?.kind).toBe("in doubt");
    expect(validation.findings.filter((f) => f.code === "PT-CONT-019").map((f) => f.message)).toEqual([
      "The wider-dissemination choice reads blank (the default 'yes'), but the choice carried from cycle 2025 was 'no', and a cleared choice is not a yes: the response is withheld from the public edition until the choice is clear.",
    ]);
  });

  test("a yes typed over last cycle's no is this cycle's choice, and a cleared yes is the default", () => {
    expect(nowSaying("no", "yes").validation.contributions[0]?.dissemination?.kind).toBe("yes");
    expect(nowSaying("yes", null).validation.contributions[0]?.dissemination?.kind).toBe("yes");
  });

  test("a party the public edition withheld starts from its no, with nothing else carried", () => {
    const withheld = { responses: [], problems: [], withheld: [{ framework, cycle: "2025", party, source: "public-2025.xlsx › emn-ahq-2010 compilation" }] };
    const start = carriedFor(withheld, framework, party, "2026", "public-2025.xlsx");
    expect(start.carried).toEqual({ cycle: "2025", entries: new Map(), dissemination: "no" });
    expect(start.sources).toEqual(["public-2025.xlsx › emn-ahq-2010 compilation"]);
  });
});
