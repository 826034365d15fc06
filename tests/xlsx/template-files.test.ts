import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { shippedCatalogue } from "../../src/core/catalogue/builtin";
import { catalogueFingerprint } from "../../src/core/catalogue/fingerprint";
import { itemsOf } from "../../src/core/catalogue/catalogue";
import type { Framework, Party } from "../../src/core/catalogue/schema";
import { buildTemplate } from "../../src/core/template/builder";
import { FIRST_BODY_ROW, TABLE_HEADER_ROW, tableColumns, sheetRoles, listRangeName, REVIEW_STATES } from "../../src/core/template/layout";
import { cellAddress } from "../../src/core/grid/grid";
import { workbookBytes } from "../../src/xlsx/write-spec";
import type { WorkbookSpec } from "../../src/core/template/spec";
import { hasOpenpyxl, hasSoffice, openpyxlDump, sofficeConvert, tempDir, type DumpedSheet, type DumpedWorkbook } from "../support/tools";
import { CARRIED_SHEET } from "../../src/core/cycles/carried";
import { CARRIED_FILL } from "../../src/core/template/styles";
import { carriedCycle } from "../support/returns";
import { readFileSync } from "node:fs";
import { buildRegister } from "../../src/core/consolidation/register";
import { buildCombinedReport } from "../../src/core/consolidation/report";
import { gridsFromSpec } from "../../src/core/grid/from-spec";
import { readReturnBytes } from "../../src/xlsx/read-return";
import { privateAnswer, readPublished, seedReturn, seedTable } from "../support/emn-seed";
import { filledByOpenpyxl } from "../support/xlsx-returns";

const catalogue = shippedCatalogue();
const withOpenpyxl = hasOpenpyxl();
const run = withOpenpyxl ? describe : describe.skip;
const dir = tempDir("templates");

async function generated(fw: Framework, party: Party, round: "initial" | "update" = "initial"): Promise<DumpedWorkbook> {
  const file = join(dir, `${fw.id}-${party.code}-${round}.xlsx`);
  writeFileSync(file, await workbookBytes(buildTemplate({ framework: fw, party, cycle: "2026", round })));
  return openpyxlDump(file);
}

const value = (s: DumpedSheet, row: number, col: number) => s.cells[cellAddress(row, col)]?.v ?? null;
const locked = (s: DumpedSheet, row: number, col: number) => s.cells[cellAddress(row, col)]?.locked ?? true;

/** Values of a named list, read from the hidden lists sheet through the defined name. */
function listValues(wb: DumpedWorkbook, name: string): unknown[] {
  const ref = wb.definedNames[name];
  if (!ref) return [];
  const m = /^'?([^'!]+)'?!\$([A-Z]+)\$(\d+):\$([A-Z]+)\$(\d+)$/.exec(ref);
  if (!m) throw new Error(`unexpected ref ${ref}`);
  const sheet = wb.sheets.find((s) => s.title === m[1]);
  const out: unknown[] = [];
  for (let r = Number(m[3]); r <= Number(m[5]); r++) out.push(sheet?.cells[`${m[2]}${r}`]?.v);
  return out;
}

const cases = catalogue.frameworks.flatMap((fw) => {
  const parties = catalogue.partiesOf(fw);
  return [parties[0], parties.at(-1)].map((p) => [`${fw.id} ${p?.code}`, fw, p as Party] as const);
});

run.each(cases)("template %s read back with openpyxl", (_label, fw, party) => {
  let wb: DumpedWorkbook;
  beforeAll(async () => {
    wb = await generated(fw, party);
  });

  it("has the framework's sheets plus a hidden lists sheet", () => {
    const roles = sheetRoles(fw);
    expect(wb.sheets.map((s) => s.state)).toEqual([...roles.map(() => "visible"), "hidden"]);
    expect(wb.sheets.map((s) => s.title).slice(0, roles.length).every((t) => t.includes(party.code) && t.length <= 31)).toBe(true);
  });

  it("states framework, version, fingerprint, party, cycle and round in a locked header", () => {
    for (const sheet of wb.sheets.filter((s) => s.state === "visible")) {
      const meta = Object.fromEntries(Array.from({ length: 12 }, (_, r) => [value(sheet, r, 0), value(sheet, r, 1)]));
      expect(meta).toMatchObject({
        Template: "pact-tracker/1",
        Framework: fw.id,
        "Catalogue version": fw.version,
        "Catalogue fingerprint": catalogueFingerprint(fw),
        Party: party.name,
        "Party code": party.code,
        "Reporting cycle": "2026",
        Round: "initial",
      });
      for (let r = 0; r < 10; r++) expect(locked(sheet, r, 1)).toBe(true);
      expect(sheet.protected).toBe(true);
    }
  });

  it("lists every item with its reference, per area, in locked cells", () => {
    const sheet = wb.sheets.find((s) => s.title.endsWith(fw.kind === "pact" ? "factual" : fw.kind === "ad-hoc-query" ? "answers" : "actions"));
    if (!sheet) throw new Error("no item sheet");
    const refs: string[] = [];
    const perArea: Record<string, number> = {};
    let area = "";
    const areaIds = new Set(fw.areas.map((a) => a.id));
    for (let r = FIRST_BODY_ROW; r < FIRST_BODY_ROW + 400; r++) {
      const ref = value(sheet, r, 0);
      if (ref === null) break;
      expect(locked(sheet, r, 0)).toBe(true);
      expect(locked(sheet, r, 1)).toBe(true);
      if (areaIds.has(String(ref)) && !String(ref).match(/^Q\d/)) {
        area = String(ref);
        continue;
      }
      refs.push(String(ref));
      perArea[area] = (perArea[area] ?? 0) + 1;
      const item = itemsOf(fw).find((x) => x.item.ref === ref)?.item;
      expect(String(value(sheet, r, 1)).startsWith(item?.text ?? "?")).toBe(true);
    }
    expect(refs).toEqual(itemsOf(fw).map((x) => x.item.ref));
    expect(perArea).toEqual(Object.fromEntries(fw.areas.map((a) => [a.id, a.items.length])));
  });

  it("unlocks exactly the entry and collaboration cells of item rows", () => {
    const sheet = wb.sheets[0] as DumpedSheet;
    const role = sheetRoles(fw)[0] ?? "matrix";
    const columns = tableColumns(fw, role);
    const firstItemRow = role === "political" ? FIRST_BODY_ROW : FIRST_BODY_ROW + 1;
    columns.forEach((c, col) => {
      const editable = c.kind === "entry" || c.kind === "responsible" || c.kind === "review";
      expect([c.header, locked(sheet, firstItemRow, col)]).toEqual([c.header, !editable]);
      expect(value(sheet, TABLE_HEADER_ROW, col)).toBe(c.header);
      if (c.kind === "entry" && c.entry.type === "date") expect(sheet.cells[cellAddress(firstItemRow, col)]?.fmt).toBe("yyyy-mm-dd");
      if (c.kind === "entry" && c.entry.type === "text") expect(sheet.cells[cellAddress(firstItemRow, col)]?.fmt).toBe("@");
    });
    const unlocked = Object.entries(sheet.cells).filter(([, c]) => !c.locked).map(([a]) => a);
    const editableCols = columns.filter((c) => c.kind === "entry" || c.kind === "responsible" || c.kind === "review").length;
    const itemRows = role === "political" ? fw.areas.length : itemsOf(fw).length;
    const metaEntries = fw.dissemination ? 1 : 0;
    expect(unlocked).toHaveLength(itemRows * editableCols + metaEntries);
  });

  it("offers dropdown lists backed by named ranges on the lists sheet", () => {
    const sheet = wb.sheets[0] as DumpedSheet;
    const role = sheetRoles(fw)[0] ?? "matrix";
    const columns = tableColumns(fw, role);
    const listCols = columns.flatMap((c, col) => (c.kind === "review" ? [[col, "reviewState"] as const] : c.kind === "entry" && c.entry.type === "list" && c.entry.list ? [[col, c.entry.list] as const] : []));
    expect(listCols.length).toBeGreaterThan(0);
    for (const [col, listId] of listCols) {
      const name = listRangeName(fw.id, listId);
      const dv = sheet.validations.find((v) => v.type === "list" && v.formula1 === name && v.sqref.startsWith(cellAddress(FIRST_BODY_ROW, col)));
      expect(dv).toBeDefined();
      // Bounded to the table, never whole columns.
      expect(dv?.sqref).toMatch(/^[A-Z]+\d+:[A-Z]+\d+$/);
      const expected = listId === "reviewState" ? [...REVIEW_STATES] : fw.lists.find((l) => l.id === listId)?.values;
      expect(listValues(wb, name)).toEqual(expected);
    }
    if (fw.kind === "action-plan") {
      expect(listValues(wb, listRangeName(fw.id, "status"))).toEqual(["not started", "planned", "ongoing", "completed", "not applicable"]);
      expect(sheet.validations.some((v) => v.type === "date")).toBe(true);
    }
    if (fw.dissemination) {
      expect(sheet.validations.some((v) => v.type === "list" && v.sqref === "B11" && v.formula1 === listRangeName(fw.id, "dissemination"))).toBe(true);
      expect(locked(sheet, 10, 1)).toBe(false);
    }
  });

  it("is ready to print and to scroll: frozen header, print titles, landscape fit to width, wrapped text", () => {
    for (const sheet of wb.sheets.filter((s) => s.state === "visible")) {
      expect(sheet.freeze).toBe(cellAddress(FIRST_BODY_ROW, 2));
      expect(sheet.printTitleRows).toBe(`$${TABLE_HEADER_ROW + 1}:$${TABLE_HEADER_ROW + 1}`);
      expect(sheet.orientation).toBe("landscape");
      // One page wide where that keeps 8 pt, else at 80 % over pages across with Ref and item repeated.
      if (sheet.fitToPage) expect(sheet.fitToWidth).toBe(1);
      else expect([sheet.scale, sheet.printTitleCols]).toEqual([80, expect.stringMatching(/^\$A:\$[AB]$/)]);
      expect(sheet.cells[cellAddress(FIRST_BODY_ROW + 1, 1)]?.wrap).toBe(true);
      expect(sheet.widths["B"]).toBeGreaterThanOrEqual(28);
    }
  });
});

(withOpenpyxl ? it : it.skip)("an update-round template says so in its header", async () => {
  const fw = catalogue.framework("pact-2008");
  const wb = await generated(fw, catalogue.party(fw, "FR"), "update");
  const sheet = wb.sheets[0] as DumpedSheet;
  expect(value(sheet, 8, 1)).toBe("update");
  // With the timetable's due day: the update of the 2026 contribution is due mid-January 2027.
  expect(value(sheet, 8, 2)).toBe("Update of the contribution — due 15 January 2027 (timetable: mid-January)");
});

(withOpenpyxl ? it : it.skip)("the EMN compilation's 18 responses, filled into templates by openpyxl and consolidated, give the published table", async () => {
  const seed = seedTable();
  const outcomes = [];
  for (const row of seed) {
    const { spec, edits } = seedReturn(row);
    const file = await filledByOpenpyxl(spec, edits, dir, `emn-${row.country.replace(/ /g, "-")}`);
    outcomes.push(readReturnBytes(new Uint8Array(readFileSync(file)), file, catalogue));
  }
  const register = buildRegister(outcomes, catalogue);
  expect(register.rows.map((r) => r.status)).toEqual(seed.map(() => "accepted"));
  const publishedOf = (edition: "internal" | "public") => {
    const sheet = gridsFromSpec(buildCombinedReport(register, catalogue, { edition, generatedAt: "2010-10-08" })).find((g) => g.name === "emn-ahq-2010 as published");
    if (!sheet) throw new Error(`no compilation as published in the ${edition} edition`);
    return readPublished(sheet);
  };
  // Public: the seed's table, the standard sentence where the seed prints it.
  expect(publishedOf("public").rows.slice(1)).toEqual(seed.map((r) => [r.country, r.dissemination, r.response]));
  // Internal: what each country sent.
  expect(publishedOf("internal").rows.slice(1)).toEqual(seed.map((r) => [r.country, r.dissemination, r.dissemination === "No" ? privateAnswer(r.country) : r.response]));
});

/** A sheet as the dump gives it, with its conditional-format rules (openpyxl_dump.py). */
type DumpedRules = DumpedSheet & { conditional: { sqref: string; type: string; operator: string | null; formula: string[]; fill: string | null }[] };

/** The rule our carried fills write: relative to the range's top-left, comparing with the copy on the carried sheet. */
const SAME_AS = /^AND\(([A-Z]+)(\d+)<>"",EXACT\(\1\2,'?((?:[^'!]|'')+)'?!\$?([A-Z]+)\$?(\d+)\)\)$/;

/** Checks a carried template's sheets as read back: the hidden carried sheet, the rules on the entry columns, the carried values. */
function expectCarried(wb: DumpedWorkbook, spec: WorkbookSpec, fw: Framework, party: Party, from: string): void {
  const carried = wb.sheets.find((s) => s.title === CARRIED_SHEET);
  expect([carried?.state, carried?.protected]).toEqual(["hidden", true]);
  for (const role of sheetRoles(fw)) {
    const sheet = wb.sheets.find((s) => s.title === spec.sheets.find((x) => x.role === role)?.name) as DumpedRules | undefined;
    if (!sheet || !carried) throw new Error(`no ${role} sheet read back (${from})`);
    const columns = tableColumns(fw, role, party.code, "2025");
    // The text entries and the responsible unit: what the fill marks until someone edits it.
    const entryCols = columns.flatMap((c, col) => ((c.kind === "entry" && c.entry.type === "text") || c.kind === "responsible" ? [col] : []));
    expect(entryCols.length).toBeGreaterThan(1);
    const rules = sheet.conditional.filter((r) => r.type === "expression");
    // One rule per carried text column, over the body rows, with the carried fill.
    for (const col of entryCols) {
      const letter = cellAddress(0, col).replace(/\d+$/, "");
      const rule = rules.find((r) => r.sqref.startsWith(`${letter}${FIRST_BODY_ROW + 1}:`));
      expect([from, letter, rule?.fill]).toEqual([from, letter, CARRIED_FILL]);
      const m = SAME_AS.exec(rule?.formula[0] ?? "");
      if (!m) throw new Error(`${from}: unexpected rule ${JSON.stringify(rule)}`);
      const [, here, top, target, copyCol, copyRow] = m as unknown as [string, string, string, string, string, string];
      expect([from, here, Number(top), target.replace(/''/g, "'")]).toEqual([from, letter, FIRST_BODY_ROW + 1, CARRIED_SHEET]);
      // Each carried entry holds its carried value, and the rule, moved to its row, reaches the same value on the carried sheet.
      let compared = 0;
      for (let row = FIRST_BODY_ROW; row < FIRST_BODY_ROW + 200; row++) {
        const entry = value(sheet, row, col);
        if (typeof entry !== "string" || sheet.cells[cellAddress(row, col)]?.locked !== false) continue;
        expect(entry.startsWith("2025: ")).toBe(true);
        expect(carried.cells[`${copyCol}${Number(copyRow) + row - FIRST_BODY_ROW}`]?.v).toBe(entry);
        compared++;
      }
      expect(compared).toBeGreaterThan(0);
    }
  }
}

(withOpenpyxl ? describe : describe.skip)("a template started from last cycle's return", () => {
  const fw = catalogue.framework("pact-2008");
  const party = catalogue.party(fw, "FR");
  const spec = buildTemplate({ framework: fw, party, cycle: "2026", round: "initial", previous: carriedCycle(fw, party) });
  const file = join(dir, "pact-2008-FR-carried.xlsx");
  beforeAll(async () => {
    writeFileSync(file, await workbookBytes(spec));
  });

  it("has the hidden carried sheet, expression rules comparing each text entry with its copy there, and the carried values", () => {
    const wb = openpyxlDump(file);
    expect(wb.sheets.map((s) => [s.title, s.state])).toEqual(spec.sheets.map((s) => [s.name, s.hidden ? "hidden" : "visible"]));
    expectCarried(wb, spec, fw, party, "our file");
    // Last cycle's plans beside this cycle's actions: locked, unshaded.
    const factual = wb.sheets.find((s) => s.title === spec.sheets.find((x) => x.role === "factual")?.name) as DumpedRules;
    const prev = tableColumns(fw, "factual", party.code, "2025").findIndex((c) => c.kind === "previous");
    expect(value(factual, TABLE_HEADER_ROW, prev)).toBe("Planned last cycle (2025)");
    expect(locked(factual, FIRST_BODY_ROW + 1, prev)).toBe(true);
    expect(factual.conditional.some((r) => r.sqref.startsWith(cellAddress(FIRST_BODY_ROW, prev)))).toBe(false);
  });

  (hasSoffice() ? it : it.skip)(
    "opens in LibreOffice, which keeps the carried sheet, the rules and the values when it saves the file again",
    () => {
      const out = tempDir("lo-carried");
      sofficeConvert(file, "xlsx:Calc MS Excel 2007 XML", out);
      expectCarried(openpyxlDump(join(out, "pact-2008-FR-carried.xlsx")), spec, fw, party, "LibreOffice");
    },
    180000,
  );
});
