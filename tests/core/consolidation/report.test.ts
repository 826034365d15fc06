import { buildCombinedReport } from "../../../src/core/consolidation/report";
import { gridsFromSpec } from "../../../src/core/grid/from-spec";
import type { SheetGrid } from "../../../src/core/grid/grid";
import { catalogue, templateSpec as templateSpecFor } from "../../support/returns";
import { buildRegister } from "../../../src/core/consolidation/register";
import { validateWorkbook } from "../../../src/core/validation/validate-workbook";
import { generatedReturn, registerOf, seeded } from "../../support/consolidation";

function sheetGrid(grids: SheetGrid[], name: string): SheetGrid {
  const g = grids.find((x) => x.name === name);
  if (!g) throw new Error(`no sheet ${name}; have ${grids.map((x) => x.name).join(", ")}`);
  return g;
}
function column(grid: SheetGrid, col: number): string[] {
  return Array.from({ length: grid.rowCount }, (_, r) => grid.text(r, col));
}

describe("the combined report", () => {
  const rand = seeded(7);
  const returns = [
    generatedReturn("at.xlsx", "prague-ap-2012", "AT", { rand }),
    generatedReturn("al.xlsx", "prague-ap-2012", "AL", { rand, blankRefs: ["I.1", "V.4"] }),
    generatedReturn("ua.xlsx", "prague-ap-2012", "UA", { rand }),
  ];
  const register = registerOf(returns);
  const internal = gridsFromSpec(buildCombinedReport(register, catalogue, { edition: "internal" }));

  it("has a summary, compilation, coverage and status matrices and the register", () => {
    expect(internal.map((g) => g.name)).toEqual(["Summary", "prague-ap-2012 compilation", "prague-ap-2012 coverage", "prague-ap-2012 status", "Register"]);
  });

  it("compiles one row per party under each action, in protocol order", () => {
    const comp = sheetGrid(internal, "prague-ap-2012 compilation");
    const refs = column(comp, 0);
    const i = refs.indexOf("II.3");
    expect([comp.text(i, 1), comp.text(i + 1, 2), comp.text(i + 2, 2), comp.text(i + 3, 2)]).toEqual([
      `${catalogue.framework("prague-ap-2012").areas[1]?.items[2]?.text ?? ""}\nSource: Prague Process Action Plan 2012–2016, area II, action 3`,
      "Albania",
      "Austria",
      "Ukraine",
    ]);
  });

  it("orders parties alphabetically on request", () => {
    const r = registerOf([generatedReturn("x.xlsx", "pact-2008", "EL"), generatedReturn("y.xlsx", "pact-2008", "BE"), generatedReturn("z.xlsx", "pact-2008", "DE")]);
    const protocol = gridsFromSpec(buildCombinedReport(r, catalogue, { edition: "internal" }));
    const alpha = gridsFromSpec(buildCombinedReport(r, catalogue, { edition: "internal", order: "alpha" }));
    const parties = (g: SheetGrid[]) => column(sheetGrid(g, "pact-2008 compilation"), 3).filter((c) => /^[A-Z]{2}$/.test(c)).slice(0, 3);
    expect(parties(protocol)).toEqual(["BE", "DE", "EL"]);
    expect(parties(alpha)).toEqual(["BE", "DE", "EL"].sort((a, b) => ({ BE: "Belgium", DE: "Germany", EL: "Greece" })[a]!.localeCompare(({ BE: "Belgium", DE: "Germany", EL: "Greece" })[b]!)));
    expect(sheetGrid(protocol, "pact-2008 political").text(4, 2)).toBe("Belgium");
  });

  it("loses nothing: every non-empty entry of every accepted return appears verbatim", () => {
    const comp = sheetGrid(internal, "prague-ap-2012 compilation");
    const texts = new Set<string>();
    for (const c of comp.cells()) texts.add(typeof c.value === "object" && c.value ? c.value.date : String(c.value));
    let checked = 0;
    for (const r of returns) {
      for (const e of r.edits) {
        if (e.value === null) continue;
        const expected = typeof e.value === "object" ? e.value.date : String(e.value);
        expect(texts.has(expected)).toBe(true);
        checked++;
      }
    }
    expect(checked).toBeGreaterThan(300);
  });

  it("counts coverage per cell, per area and per party", () => {
    const cov = sheetGrid(internal, "prague-ap-2012 coverage");
    const header = Array.from({ length: cov.colCount }, (_, c) => cov.text(2, c));
    expect(header.slice(0, 5)).toEqual(["Ref", "Item", "AL", "AT", "UA"]);
    const states = new Set(["reported", "partly reported", "nothing to report", "empty", "not participating"]);
    const cells = [...cov.cells()].filter((c) => c.col >= 2 && c.col <= 4 && states.has(String(c.value)));
    expect(cells).toHaveLength(22 * 3);
    const perPartyReported = column(cov, 1).indexOf("Total per party: reported");
    expect(column(cov, 1).slice(perPartyReported, perPartyReported + 5)).toEqual([...states].map((st) => `Total per party: ${st}`));
    const reportedAT = cells.filter((c) => c.col === 3 && c.value === "reported").length;
    expect(Number(cov.get(perPartyReported, 3))).toBe(reportedAT);
    expect(reportedAT).toBe(22);
    // Albania left I.1 and V.4 without text.
    expect(cells.filter((c) => c.col === 2 && c.value !== "reported").map((c) => cov.text(c.row, 0))).toEqual(["I.1", "V.4"]);
  });

  it("shows each party's status per action with counts per status", () => {
    const st = sheetGrid(internal, "prague-ap-2012 status");
    const values = [...st.cells()].filter((c) => c.col >= 2 && c.col <= 4 && c.row > 2 && typeof c.value === "string" && !String(c.value).startsWith("Total"));
    expect(new Set(values.map((v) => v.value))).toEqual(new Set(["ongoing"]));
  });

  it("lists every input in the register", () => {
    const reg = sheetGrid(internal, "Register");
    expect(column(reg, 0).filter((f) => f.endsWith(".xlsx"))).toEqual(["al.xlsx", "at.xlsx", "ua.xlsx"]);
  });

  it("is the same, cell for cell, whatever the order of the inputs", () => {
    const again = gridsFromSpec(buildCombinedReport(registerOf([...returns].reverse()), catalogue, { edition: "internal" }));
    expect(again.map((g) => [...g.cells()])).toEqual(internal.map((g) => [...g.cells()]));
  });
});

describe("the public edition", () => {
  const returns = [
    generatedReturn("at.xlsx", "emn-ahq-2010", "AT", { dissemination: "no" }),
    generatedReturn("be.xlsx", "emn-ahq-2010", "BE", { dissemination: "yes" }),
  ];
  const register = registerOf(returns);
  const pub = gridsFromSpec(buildCombinedReport(register, catalogue, { edition: "public" }));
  const internal = gridsFromSpec(buildCombinedReport(register, catalogue, { edition: "internal" }));
  const sentence = catalogue.framework("emn-ahq-2010").dissemination?.standardSentence;

  it("replaces the responses of a party that chose no dissemination with the standard sentence, once per block", () => {
    const comp = sheetGrid(pub, "emn-ahq-2010 compilation");
    const rows = Array.from({ length: comp.rowCount }, (_, r) => r).filter((r) => comp.text(r, 3) === "AT");
    expect(rows).toHaveLength(1);
    for (const r of rows) expect(comp.text(r, 4)).toBe(sentence);
    const be = Array.from({ length: comp.rowCount }, (_, r) => r).filter((r) => comp.text(r, 3) === "BE");
    for (const r of be) expect(comp.text(r, 4)).toMatch(/^Belgium: Response for Q\d/);
  });

  it("keeps everything in the internal edition", () => {
    const comp = sheetGrid(internal, "emn-ahq-2010 compilation");
    const at = Array.from({ length: comp.rowCount }, (_, r) => r).filter((r) => comp.text(r, 3) === "AT");
    for (const r of at) expect(comp.text(r, 4)).toMatch(/^Austria: Response/);
  });

  it("leaves out file names, checksums, contacts and the register", () => {
    expect(pub.map((g) => g.name)).not.toContain("Register");
    const all = pub.flatMap((g) => [...g.cells()].map((c) => String(c.value)));
    expect(all.some((v) => v.includes(".xlsx") || v.includes("sha-"))).toBe(false);
    expect(all.some((v) => v.startsWith("Unit "))).toBe(false);
  });
});

describe("a blank template sent back", () => {
  const blank = generatedReturn("blank-AL.xlsx", "prague-ap-2012", "AL");
  const blankOutcome = (() => {
    // The same template with no entry at all: what a party returns when it sends the request back untouched.
    const { spec } = templateSpecFor("prague-ap-2012", "AL");
    return { ...blank.outcome, validation: validateWorkbook(gridsFromSpec(spec).map((grid) => ({ grid })), catalogue) };
  })();
  const register = buildRegister([blankOutcome, generatedReturn("at.xlsx", "prague-ap-2012", "AT").outcome], catalogue);
  const summary = sheetGrid(gridsFromSpec(buildCombinedReport(register, catalogue, { edition: "internal" })), "Summary");

  it("is counted as returned empty, not among the parties reporting, and the register says so", () => {
    const header = Array.from({ length: summary.colCount }, (_, c) => summary.text(3, c));
    expect(header.slice(0, 5)).toEqual(["Framework", "Cycle", "Parties reporting", "Returned empty", "Missing"]);
    expect([summary.get(4, 2), summary.get(4, 3)]).toEqual([1, 1]);
    expect([...summary.cells()].some((c) => c.value === "Albania (AL) — returned empty")).toBe(true);
    expect(register.rows.find((r) => r.file === "blank-AL.xlsx")?.note).toContain("returned empty");
  });
});
