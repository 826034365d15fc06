import { join } from "node:path";
import { buildCombinedReport } from "../../src/core/consolidation/report";
import { COVERAGE } from "../../src/core/consolidation/coverage";
import { writeSpecToFile } from "../../src/xlsx/write-spec-file";
import { catalogue } from "../support/returns";
import { generatedReturn, registerOf, seeded } from "../support/consolidation";
import { hasOpenpyxl, openpyxlDump, tempDir, type DumpedSheet } from "../support/tools";

/** The combined report of every framework, streamed to a file and read back by openpyxl. */
const run = hasOpenpyxl() ? describe : describe.skip;
const dir = tempDir("report-files");

const values = (s: DumpedSheet): string[] => Object.values(s.cells).map((c) => (c.v !== null && typeof c.v === "object" ? c.v.date : String(c.v ?? "")));

run.each(catalogue.frameworks.map((f) => [f.id] as const))("the %s report read back by openpyxl", (id) => {
  const rand = seeded(id.length * 97);
  const parties = catalogue.partiesOf(catalogue.framework(id)).slice(0, 4);
  const returns = parties.map((p, i) => generatedReturn(`${p.code}.xlsx`, id, p.code, { rand, ...(i === 3 ? { blankRefs: [catalogue.framework(id).areas[0]?.items[0]?.ref ?? ""] } : {}) }));
  const fw = catalogue.framework(id);
  let internal: DumpedSheet[];
  let publicSheets: DumpedSheet[];

  beforeAll(async () => {
    const register = registerOf(returns);
    await writeSpecToFile(buildCombinedReport(register, catalogue, { edition: "internal" }), join(dir, `${id}-internal.xlsx`));
    await writeSpecToFile(buildCombinedReport(register, catalogue, { edition: "public" }), join(dir, `${id}-public.xlsx`));
    internal = openpyxlDump(join(dir, `${id}-internal.xlsx`)).sheets;
    publicSheets = openpyxlDump(join(dir, `${id}-public.xlsx`)).sheets;
  });

  it("has the sheets the framework needs", () => {
    const expected = ["Summary", ...(fw.kind === "pact" ? [`${id} political`] : []), `${id} compilation`, ...(fw.request ? [`${id} as published`] : []), `${id} coverage`, ...(fw.entryColumns.some((c) => c.id === "status") ? [`${id} status`] : []), "Register"];
    expect(internal.map((s) => s.title)).toEqual(expected);
    expect(publicSheets.map((s) => s.title)).toEqual(expected.filter((n) => n !== "Register"));
  });

  it("loses no contributed value and writes none as a formula", () => {
    const all = new Set(internal.flatMap(values));
    const lost = returns.flatMap((r) => r.edits).filter((e) => e.value !== null && !all.has(typeof e.value === "object" ? e.value.date : String(e.value))).map((e) => e.value);
    expect(lost).toEqual([]);
    for (const s of internal) for (const c of Object.values(s.cells)) expect(c.t).not.toBe("f");
  });

  it("counts coverage: every item × party cell in one state, totals per party add up", () => {
    const cov = internal.find((s) => s.title === `${id} coverage`) as DumpedSheet;
    const stateCells = Object.entries(cov.cells).filter(([, c]) => (COVERAGE as readonly string[]).includes(String(c.v)));
    const items = fw.areas.reduce((n, a) => n + a.items.length, 0);
    expect(stateCells).toHaveLength(items * parties.length);
    // The fourth party left the first item without text: exactly one "empty" cell.
    expect(stateCells.filter(([, c]) => c.v === "empty")).toHaveLength(1);
    const totalRow = Object.entries(cov.cells).find(([, c]) => c.v === "Total per party: reported")?.[0].slice(1);
    const cols = ["C", "D", "E", "F"];
    const reportedPerParty = cols.map((col) => cov.cells[`${col}${totalRow}`]?.v);
    // Counted from the cells: a random text that is only "nothing to report" in the required entry makes an item partly reported.
    const counted = cols.map((col) => stateCells.filter(([a, c]) => a.replace(/\d+$/, "") === col && c.v === "reported").length);
    expect(reportedPerParty).toEqual(counted);
    expect(counted[3]).toBeLessThanOrEqual(items - 1);
  });

  it("shows the status of each action where the framework has one", () => {
    const st = internal.find((s) => s.title === `${id} status`);
    if (!st) return expect(fw.entryColumns.some((c) => c.id === "status")).toBe(false);
    const items = fw.areas.reduce((n, a) => n + a.items.length, 0);
    expect(Object.values(st.cells).filter((c) => c.v === "ongoing")).toHaveLength(items * parties.length);
  });
});
