import { cellAddress } from "../../src/core/grid/grid";
import { gridsFromSpec } from "../../src/core/grid/from-spec";
import { CARRIED_SHEET, isCarriedSheet } from "../../src/core/cycles/carried";
import { fillFormula } from "../../src/core/template/fill-formula";
import { LISTS_SHEET, tableColumns } from "../../src/core/template/layout";
import type { WorkbookSpec } from "../../src/core/template/spec";
import type { Finding } from "../../src/core/validation/finding";
import { validateWorkbook } from "../../src/core/validation/validate-workbook";
import { placeSpec, specNameValues } from "../../src/excel/placement";
import type { ExcelSheetInput } from "../../src/excel/read-sheets";
import { carriedCycle, catalogue, templateSpec } from "../support/returns";
import { parseAddress, type FakeExcel } from "./fake-excel";
import { setup } from "./fixture";

/**
 * Year after year in Excel: a template started from last cycle's return goes in with its hidden
 * carried sheet, its carried entries shaded by Custom conditional formats that compare each entry
 * with its copy on the carried sheet as actually named, and the pane's validation sees the copy.
 */

function carriedTemplate(party: string): { spec: WorkbookSpec; factual: string } {
  const framework = catalogue.framework("pact-2008");
  const { spec } = templateSpec("pact-2008", party, "initial", "2026", carriedCycle(framework, catalogue.party(framework, party)));
  return { spec, factual: spec.sheets.find((s) => s.role === "factual")?.name ?? "" };
}

/** Text as EXACT compares it: a number or a boolean as Excel shows it, an empty cell as "". */
function text(fake: FakeExcel, sheet: string, row: number, col: number): string {
  const v = fake.cell(sheet, cellAddress(row, col))?.value;
  return v === undefined ? "" : typeof v === "boolean" ? (v ? "TRUE" : "FALSE") : String(v);
}

/** The one formula shape our carried fills use (fill-formula.ts); any other is a test failure, not a guess. */
const SAME_AS = /^=AND\(([A-Z]+\d+)<>"",EXACT\(\1,'((?:[^']|'')+)'!([A-Z]+\d+)\)\)$/;

/**
 * Whether a cell shows a carried fill, as Excel evaluates the sheet's Custom formats: a format's
 * formula is written for its range's top-left cell and moves with each cell of the range.
 */
function shaded(fake: FakeExcel, sheet: string, row: number, col: number): boolean {
  return fake.sheet(sheet).conditionalFormats.some((f) => {
    const r = f.range;
    if (f.type !== "Custom" || row < r.top || row > r.bottom || col < r.left || col > r.right) return false;
    const m = SAME_AS.exec(f.formula ?? "");
    if (!m) throw new Error(`unexpected conditional formula ${f.formula ?? ""}`);
    const [, here, quoted, there] = m as unknown as [string, string, string, string];
    expect(parseAddress(here)).toMatchObject({ top: r.top, left: r.left });
    const copy = parseAddress(there);
    const value = text(fake, sheet, row, col);
    return value !== "" && value === text(fake, quoted.replace(/''/g, "'"), copy.top + row - r.top, copy.left + col - r.left);
  });
}

const places = (findings: readonly Finding[], code: string): string[] =>
  findings
    .filter((f) => f.code === code)
    .map((f) => `${f.sheet} ${f.cell ?? ""}`)
    .sort();

describe("a template started from last cycle's return, inserted into Excel", () => {
  it("adds the carried sheet hidden and shades every carried entry by a Custom fill pointing at it", async () => {
    const { fake, workspace } = setup();
    const { spec, factual } = carriedTemplate("FR");
    const result = await workspace.insertSpec(spec);
    expect(result.notes).toEqual([]);
    expect(fake.sheet(CARRIED_SHEET).visibility).toBe("Hidden");
    expect(fake.sheet(CARRIED_SHEET).protection.protected).toBe(true);
    for (const sheet of spec.sheets) {
      const expected = (sheet.conditionalFills ?? []).map((f) => ({ range: f.range, type: "Custom", fill: `#${f.fill}`, formula: `=${fillFormula(f) ?? ""}` }));
      expect(fake.sheet(sheet.name).conditionalFormats.map(({ range, type, fill, formula }) => ({ range, type, fill, formula }))).toEqual(expected);
    }
    expect(fake.sheet(factual).conditionalFormats.length).toBeGreaterThan(0);
    expect(fake.sheet(factual).conditionalFormats.every((f) => f.formula?.includes(`'${CARRIED_SHEET}'!`))).toBe(true);
    // Every entry cell the template carried a value into shows the fill; last cycle's column does not.
    const sheetSpec = spec.sheets.find((s) => s.name === factual);
    const carried = sheetSpec?.cells.filter((c) => c.style === "entryText" && c.value !== null) ?? [];
    expect(carried.length).toBeGreaterThan(20);
    for (const c of carried) expect([cellAddress(c.row, c.col), shaded(fake, factual, c.row, c.col)]).toEqual([cellAddress(c.row, c.col), true]);
    for (const c of sheetSpec?.cells.filter((x) => x.style === "previousText") ?? []) expect(shaded(fake, factual, c.row, c.col)).toBe(false);
  });

  it("into a workbook that already holds a carried sheet: the new one is 'pt_carried (2)' (the lists are reused) and the fills compare with it", async () => {
    const { fake, workspace } = setup();
    await workspace.insertSpec(carriedTemplate("DE").spec);
    const { spec, factual } = carriedTemplate("FR");
    const result = await workspace.insertSpec(spec);
    expect(result.sheets).toEqual(expect.arrayContaining([{ wanted: CARRIED_SHEET, actual: `${CARRIED_SHEET} (2)` }]));
    expect(result.sheets.map((s) => s.wanted)).not.toContain(LISTS_SHEET);
    expect(result.notes).toContain(`'${CARRIED_SHEET}' existed; inserted as '${CARRIED_SHEET} (2)'.`);
    expect(fake.workbook.sheets.filter((s) => isCarriedSheet(s.name)).map((s) => [s.name, s.visibility])).toEqual([
      [CARRIED_SHEET, "Hidden"],
      [`${CARRIED_SHEET} (2)`, "Hidden"],
    ]);
    const formulas = fake.sheet(factual).conditionalFormats.map((f) => f.formula ?? "");
    expect(formulas.length).toBeGreaterThan(0);
    for (const formula of formulas) expect(formula).toContain(`'${CARRIED_SHEET} (2)'!`);
    // France's entries are shaded against France's copy (against Germany's, none would be).
    const columns = tableColumns(catalogue.framework("pact-2008"), "factual", "FR", "2025");
    const actions = columns.findIndex((c) => c.kind === "entry" && c.entry.id === "actions");
    const i1 = spec.sheets.find((s) => s.name === factual)?.cells.find((c) => c.col === 0 && c.value === "I(a)")?.row ?? -1;
    expect(text(fake, factual, i1, actions)).toContain("2025: ");
    expect(shaded(fake, factual, i1, actions)).toBe(true);
  });

  it("validates in the pane as on the grids: each entry still as carried is a PT-CONT-017 warning, and editing one clears it and its fill", async () => {
    const { fake, workspace } = setup();
    await workspace.insertSpec(carriedTemplate("DE").spec);
    const { spec, factual } = carriedTemplate("FR");
    await workspace.insertSpec(spec);
    const sheets = (await workspace.readSheets()) as ExcelSheetInput[];
    // Both carried sheets are read whole, not by their header block.
    for (const s of sheets.filter((x) => isCarriedSheet(x.grid.name))) expect([s.grid.name, s.extent]).toEqual([s.grid.name, undefined]);
    const inExcel = validateWorkbook(sheets, catalogue);
    const onGrids = validateWorkbook([...gridsFromSpec(carriedTemplate("DE").spec), ...gridsFromSpec(spec)].map((grid) => ({ grid })), catalogue);
    const framework = catalogue.framework("pact-2008");
    const perTemplate = framework.areas.flatMap((a) => a.items).length * 2 + framework.areas.length;
    expect(places(inExcel.findings, "PT-CONT-017")).toHaveLength(2 * perTemplate);
    expect(places(inExcel.findings, "PT-CONT-017")).toEqual(places(onGrids.findings, "PT-CONT-017"));
    expect(inExcel.findings.filter((f) => f.severity === "error")).toEqual([]);

    const columns = tableColumns(framework, "factual", "FR", "2025");
    const actions = columns.findIndex((c) => c.kind === "entry" && c.entry.id === "actions");
    const i1 = spec.sheets.find((s) => s.name === factual)?.cells.find((c) => c.col === 0 && c.value === "I(a)")?.row ?? -1;
    await fake.type(factual, i1, actions, "Updated for 2026.");
    expect(shaded(fake, factual, i1, actions)).toBe(false);
    expect(shaded(fake, factual, i1, actions + 1)).toBe(true);
    const after = validateWorkbook(await workspace.readSheets(), catalogue);
    const cleared = `${factual} ${cellAddress(i1, actions)}`;
    expect(places(inExcel.findings, "PT-CONT-017")).toContain(cleared);
    expect(places(after.findings, "PT-CONT-017")).toEqual(places(inExcel.findings, "PT-CONT-017").filter((p) => p !== cleared));
  });
});

describe("placement keeps the carried sheet", () => {
  it("adds it even where every list name is reused: it holds no lists (its names list is empty)", () => {
    const { spec } = carriedTemplate("FR");
    const existing = spec.definedNames.map((n) => ({ name: n.name, values: specNameValues(spec, n).map((v) => [v]) }));
    const plan = placeSpec(spec, ["Sheet1", LISTS_SHEET, CARRIED_SHEET], existing);
    expect(spec.sheets.find((s) => s.name === CARRIED_SHEET)).toMatchObject({ role: "lists", hidden: true });
    expect(spec.definedNames.filter((n) => n.sheet === CARRIED_SHEET)).toEqual([]);
    expect(plan.sheets.map((s) => [s.spec.name, s.actual])).toEqual([
      ...spec.sheets.filter((s) => s.role !== "lists").map((s) => [s.name, s.name]),
      [CARRIED_SHEET, `${CARRIED_SHEET} (2)`],
    ]);
    expect(plan.names.every((n) => n.reused)).toBe(true);
  });
});
