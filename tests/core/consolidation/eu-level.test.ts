import { itemsOf } from "../../../src/core/catalogue/catalogue";
import { buildCombinedReport, type Edition } from "../../../src/core/consolidation/report";
import { gridsFromSpec } from "../../../src/core/grid/from-spec";
import type { SheetGrid } from "../../../src/core/grid/grid";
import { TABLE_HEADER_ROW } from "../../../src/core/template/layout";
import { generatedReturn, registerOf } from "../../support/consolidation";
import { catalogue, templateSpec } from "../../support/returns";

/** The Pact's EU level: the Commission reports it with its own columns, and the compilation puts it first. */

const pact = catalogue.framework("pact-2008");
const headersOf = (party: string): unknown[] => {
  const factual = templateSpec("pact-2008", party).spec.sheets.find((s) => s.role === "factual");
  return (factual?.cells ?? []).filter((c) => c.row === TABLE_HEADER_ROW).sort((a, b) => a.col - b.col).map((c) => c.value);
};

describe("the Pact's EU level", () => {
  it("gives the Commission's template the EU-level columns, and the Member States theirs", () => {
    expect(headersOf("EC")).toEqual(expect.arrayContaining(["Main actions undertaken at EU level", "Most significant developments planned at EU level"]));
    expect(headersOf("EC")).not.toContain("Main actions undertaken at Member State level");
    expect(headersOf("FR")).toEqual(expect.arrayContaining(["Main actions undertaken at Member State level", "Most significant developments planned at Member State level"]));
  });

  // Given out of order, the Commission's file last: the order of the report is the annual report's, not the inputs'.
  const returns = ["BE", "FR", "DE", "EC"].map((code) => generatedReturn(`${code}.xlsx`, "pact-2008", code));

  it("validates the Commission's filled return without findings", () => {
    expect(returns.at(-1)?.outcome).toMatchObject({ validation: { findings: [] } });
  });

  const parties = (grid: SheetGrid, refs: ReadonlySet<string>): Map<string, string[]> => {
    // Under each commitment (or policy area), the party codes of its rows, in order.
    const out = new Map<string, string[]>();
    let current = "";
    for (let r = 0; r < grid.rowCount; r++) {
      const ref = grid.text(r, 0);
      const code = grid.text(r, 3);
      if (refs.has(ref) && !code) current = ref;
      else if (current && code && code !== "Code") out.set(current, [...(out.get(current) ?? []), code]);
    }
    return out;
  };

  it.each(["internal", "public"] as const)("puts the EU level first under every commitment and policy area (%s edition)", (edition: Edition) => {
    const grids = gridsFromSpec(buildCombinedReport(registerOf(returns), catalogue, { edition }));
    const compilation = grids.find((g) => g.name === "pact-2008 compilation");
    const political = grids.find((g) => g.name === "pact-2008 political");
    if (!compilation || !political) throw new Error("no compilation");
    const byItem = parties(compilation, new Set(itemsOf(pact).map((x) => x.item.ref)));
    expect([...byItem.keys()]).toEqual(itemsOf(pact).map((x) => x.item.ref));
    for (const [ref, codes] of byItem) expect([ref, codes]).toEqual([ref, ["EC", "BE", "DE", "FR"]]);
    const byArea = parties(political, new Set(pact.areas.map((a) => a.id)));
    expect([...byArea.values()]).toEqual(pact.areas.map(() => ["EC", "BE", "DE", "FR"]));
    for (const sheet of [compilation, political]) expect(sheet.text(1, 0)).toMatch(/Under each heading the EU level \(European Commission\) comes first, then the Member State level/);
    // What the Commission wrote under its EU-level headings is compiled like a Member State's.
    const first = itemsOf(pact)[0]?.item.ref ?? "";
    const ecRow = [...compilation.cells()].find((c) => c.col === 3 && c.value === "EC" && compilation.text(c.row, 0) === first)?.row ?? -1;
    expect(compilation.text(ecRow, 4)).toBe(`European Commission: Main actions undertaken at EU level for ${first}.\nSecond line with "quotes" and =SUM(1) kept as text.`);
  });
});
