import { cellAddress } from "../../src/core/grid/grid";
import type { Finding } from "../../src/core/validation/finding";
import { HIGHLIGHT_SHEET, SEVERITY_FILLS } from "../../src/excel/highlights";
import { PAYLOAD_LIMIT, type FakeExcel } from "./fake-excel";
import { setup } from "./fixture";
import { templateSpec } from "../support/returns";

/**
 * Thousands of findings (a return pasted full of stray text, a malformed sheet) are thousands of
 * per-cell loads and fills. Each request stays within the budget, measured as Office encodes it.
 */

const COUNT = 20_000;

/** The fill a cell shows: its colour, or null without one. */
function shown(fake: FakeExcel, sheet: string, cell: string): string | null {
  const fill = fake.cell(sheet, cell)?.fill;
  return !fill || fill.pattern === "None" ? null : fill.color;
}

function manyFindings(sheet: string): Finding[] {
  return Array.from({ length: COUNT }, (_, i) => ({
    code: "PT-STRUCT-009",
    severity: i % 3 === 0 ? "error" : "warning",
    sheet,
    cell: cellAddress(40 + Math.floor(i / 20), i % 20),
    message: "stray",
  }));
}

describe(`highlighting ${COUNT.toLocaleString("en")} findings`, () => {
  it("stays under the request limit in every request, on a protected template sheet, and Clear puts every fill back", async () => {
    const budget = 1_000_000;
    const { fake, workspace } = setup({ requestBytes: budget });
    const { spec } = templateSpec("prague-ap-2023", "AL");
    await workspace.insertSpec(spec);
    const name = spec.sheets[0]?.name ?? "";
    const findings = manyFindings(name);
    const before = findings.slice(0, 50).map((f) => shown(fake, name, f.cell ?? ""));
    const protection = { ...fake.sheet(name).protection };
    fake.reset();
    await workspace.highlight(findings);
    expect(fake.requests.filter((r) => r.failed)).toEqual([]);
    expect(fake.requests.length).toBeGreaterThan(5);
    expect(fake.maxRequestBytes).toBeLessThan(PAYLOAD_LIMIT);
    // The adapter's estimate agrees with the fake's Office-like encoding within a margin.
    expect(fake.maxRequestBytes).toBeLessThan(budget * 1.25);
    expect(fake.maxResponseBytes).toBeLessThan(PAYLOAD_LIMIT);
    findings.forEach((f, i) => {
      if (i % 997 === 0) expect(fake.cell(name, f.cell ?? "")?.fill.color).toBe(f.severity === "error" ? SEVERITY_FILLS.error : SEVERITY_FILLS.warning);
    });
    expect(fake.sheet(name).protection).toEqual(protection);
    expect(fake.sheet(HIGHLIGHT_SHEET).visibility).toBe("Hidden");

    fake.reset();
    await workspace.clearHighlights();
    expect(fake.requests.filter((r) => r.failed)).toEqual([]);
    expect(fake.maxRequestBytes).toBeLessThan(budget * 1.25);
    expect(findings.slice(0, 50).map((f) => shown(fake, name, f.cell ?? ""))).toEqual(before);
    expect(fake.sheet(name).protection).toEqual(protection);
  });

  it("a request failing halfway leaves no cell coloured without its original on record: Clear restores them all", async () => {
    const { fake, workspace } = setup({ requestBytes: 200_000 });
    const { spec } = templateSpec("prague-ap-2023", "AL");
    await workspace.insertSpec(spec);
    const name = spec.sheets[0]?.name ?? "";
    const findings = manyFindings(name).slice(0, 3_000);
    const before = findings.map((f) => shown(fake, name, f.cell ?? ""));
    fake.reset();
    // Fail a request after the store is written and some fills are in.
    let fills = 0;
    fake.failOperation(new Error("network"), (op) => op.name === "color" && ++fills === 1_500);
    await expect(workspace.highlight(findings)).rejects.toMatchObject({ code: "PT-XL-004" });
    const coloured = findings.filter((f) => Object.values(SEVERITY_FILLS).includes(fake.cell(name, f.cell ?? "")?.fill.color as never));
    expect(coloured.length).toBeGreaterThan(0);
    expect(coloured.length).toBeLessThan(findings.length);
    await workspace.clearHighlights();
    expect(findings.map((f) => shown(fake, name, f.cell ?? ""))).toEqual(before);
  });
});
