import { buildRegister, type ReadOutcome } from "../../../src/core/consolidation/register";
import { buildCombinedReport, type Edition } from "../../../src/core/consolidation/report";
import { previousFromReturns } from "../../../src/core/cycles/previous";
import { gridsFromSpec } from "../../../src/core/grid/from-spec";
import type { SheetGrid } from "../../../src/core/grid/grid";
import { tableColumns } from "../../../src/core/template/layout";
import type { CellValue } from "../../../src/core/template/spec";
import { validateWorkbook } from "../../../src/core/validation/validate-workbook";
import { applyEdits, catalogue, fillAll, templateSpec } from "../../support/returns";

const FW = "prague-ap-2023";
const framework = catalogue.framework(FW);
const col = (id: string): number => tableColumns(framework, "matrix", "AM").findIndex((c) => c.kind === "entry" && c.entry.id === id);

/** A filled return of a cycle, with cells changed by item reference and column id. */
function returnOf(party: string, cycle: string, changes: Record<string, Record<string, CellValue>> = {}): ReadOutcome {
  const { spec, framework: fw, party: p } = templateSpec(FW, party, "initial", cycle);
  const grids = applyEdits(gridsFromSpec(spec), fillAll(spec, fw, p).map((e) => (typeof e.value === "string" && e.value.includes(" for ") ? { ...e, value: `${e.value} (first)` } : e)));
  const sheet = grids[0] as SheetGrid;
  for (let row = 0; row < sheet.rowCount; row++) {
    const byCol = changes[sheet.text(row, 0)];
    if (byCol) for (const [id, v] of Object.entries(byCol)) sheet.set(row, col(id), v);
  }
  return { source: { file: `${party}-${cycle}.xlsx`, sha256: `${party}${cycle}`, received: `${cycle}-10-01` }, validation: validateWorkbook(grids.map((grid) => ({ grid })), catalogue) };
}

function sheetOf(edition: Edition, suffix: string, previous = true): SheetGrid {
  const before = previousFromReturns([returnOf("AM", "2025"), returnOf("AZ", "2025"), returnOf("GE", "2025")], catalogue);
  const register = buildRegister(
    [
      returnOf("AM", "2026", { "I.2": { actions: "Two new reception centres opened." }, "II.1": { status: "completed", end: { date: "2026-06-30" } } }),
      returnOf("AZ", "2026", { "III.3": { participation: null, status: null, start: null, end: null, actions: null, planned: null } }),
    ],
    catalogue,
  );
  const grids = gridsFromSpec(buildCombinedReport(register, catalogue, { edition, ...(previous ? { previous: [before] } : {}) }));
  const g = grids.find((x) => x.name === `${FW} ${suffix}`);
  if (!g) throw new Error(`no sheet '${FW} ${suffix}' among ${grids.map((x) => x.name).join(", ")}`);
  return g;
}

/** The Changes sheet's body as rows of [ref, code, change, column, then, now]. */
function changeRows(g: SheetGrid): string[][] {
  let header = -1;
  for (let r = 0; r < g.rowCount && header < 0; r++) if (g.text(r, 4) === "Change") header = r;
  const rows: string[][] = [];
  for (let r = header + 1; r < g.rowCount; r++) if (g.text(r, 4)) rows.push([0, 3, 4, 5, 6, 7].map((c) => g.text(r, c)));
  return rows;
}

describe("changes since the previous cycle", () => {
  const items = framework.areas.flatMap((a) => a.items.map((i) => i.ref));

  test("lists exactly the items that changed, per party, with both values", () => {
    const g = sheetOf("internal", "changes");
    expect(g.text(0, 0)).toContain("changes since cycle 2025 — cycle 2026");
    const rows = changeRows(g);
    const notUnchanged = rows.filter((r) => r[2] !== "unchanged" && r[2] !== "no return this cycle");
    expect(notUnchanged).toEqual([
      ["I.2", "AM", "changed", "Activities undertaken", expect.stringContaining("(first)"), "Two new reception centres opened."],
      ["II.1", "AM", "changed", "Status", "ongoing", "completed"],
      ["II.1", "AM", "changed", "End date", expect.any(String), "2026-06-30"],
      ["III.3", "AZ", "no longer reported", "Participation", "yes", ""],
      ["III.3", "AZ", "no longer reported", "Status", "ongoing", ""],
      ["III.3", "AZ", "no longer reported", "Start date", expect.any(String), ""],
      ["III.3", "AZ", "no longer reported", "End date", expect.any(String), ""],
      ["III.3", "AZ", "no longer reported", "Activities undertaken", expect.stringContaining("(first)"), ""],
      ["III.3", "AZ", "no longer reported", "Activities planned", expect.stringContaining("(first)"), ""],
    ]);
    expect(rows.filter((r) => r[2] === "unchanged")).toHaveLength(2 * items.length - 3);
    const silent = rows.filter((r) => r[2] === "no return this cycle");
    expect(new Set(silent.map((r) => r[1]))).toEqual(new Set(["GE"]));
    expect(new Set(silent.map((r) => r[0])).size).toBe(items.length);
  });

  test("the coverage sheet's trend per area counts the reported cells of each cycle", () => {
    const g = sheetOf("internal", "coverage");
    let at = -1;
    for (let r = 0; r < g.rowCount; r++) if (g.text(r, 0).startsWith("Trend per area")) at = r;
    expect(g.text(at + 1, 2)).toBe("Cycle 2025");
    expect(g.text(at + 1, 3)).toBe("Cycle 2026");
    framework.areas.forEach((area, i) => {
      const n = area.items.length;
      expect([g.text(at + 2 + i, 0), g.get(at + 2 + i, 2), g.get(at + 2 + i, 3)]).toEqual([area.id, 3 * n, 2 * n - (area.id === "III" ? 1 : 0)]);
    });
  });

  test("the status matrix shows status moves", () => {
    const g = sheetOf("internal", "status");
    const cells = [...g.cells()].map((c) => c.value);
    expect(cells).toContain("ongoing → completed");
    expect(cells.filter((v) => typeof v === "string" && v.includes(" → ") && !v.startsWith("Cells:"))).toEqual(["ongoing → completed", "ongoing → not reported"]);
  });

  test("without earlier cycles there is no Changes sheet and no trend", () => {
    expect(() => sheetOf("internal", "changes", false)).toThrow(/no sheet/);
    const g = sheetOf("internal", "coverage", false);
    expect([...g.cells()].some((c) => String(c.value).startsWith("Trend per area"))).toBe(false);
  });
});

test("earlier-cycle answers the report cannot compare with are named on the internal Summary, with why", () => {
  const before = previousFromReturns([returnOf("AM", "2026"), returnOf("AZ", "2025")], catalogue);
  const pact = templateSpec("pact-2008", "FR", "initial", "2024");
  const pactReturn: ReadOutcome = { source: { file: "FR-pact.xlsx", sha256: "p" }, validation: validateWorkbook(applyEdits(gridsFromSpec(pact.spec), fillAll(pact.spec, pact.framework, pact.party)).map((grid) => ({ grid })), catalogue) };
  const other = previousFromReturns([pactReturn], catalogue);
  const register = buildRegister([returnOf("AM", "2026")], catalogue);
  const summary = gridsFromSpec(buildCombinedReport(register, catalogue, { edition: "internal", previous: [before, other] })).find((g) => g.name === "Summary");
  const lines = [...(summary?.cells() ?? [])].map((c) => String(c.value));
  expect(lines).toContain("PT-CYCLE-004 prague-ap-2023 cycle 2026 (1 party) is not compared: it is not before the cycle consolidated (2026)");
  expect(lines).toContain("PT-CYCLE-002 pact-2008 cycle 2024 (1 party) is not compared: no return of pact-2008 is consolidated");
  expect(lines).toContain("AM-2026.xlsx");
  expect(lines).toContain("FR-pact.xlsx");
});
