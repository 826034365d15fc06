import { buildRegister, type ReadOutcome } from "../../../src/core/consolidation/register";
import { buildCombinedReport, type Edition } from "../../../src/core/consolidation/report";
import { previousFromReturns, type PreviousCycle } from "../../../src/core/cycles/previous";
import { previousFromReport, REPORT_HEADING_MISSING, REPORT_UNKNOWN_COMPILATION } from "../../../src/core/cycles/report-reader";
import { gridsFromSpec } from "../../../src/core/grid/from-spec";
import { SheetGrid } from "../../../src/core/grid/grid";
import { META_ROWS } from "../../../src/core/template/layout";
import type { CellValue, WorkbookSpec } from "../../../src/core/template/spec";
import { EXCEL_CELL_LIMIT } from "../../../src/core/validation/rules";
import { validateWorkbook } from "../../../src/core/validation/validate-workbook";
import { readWorkbook } from "../../../src/xlsx/read/read-workbook";
import { workbookBytes } from "../../../src/xlsx/write-spec";
import { applyEdits, catalogue, fillAll, templateSpec, type Edit } from "../../support/returns";

/**
 * Last cycle read back from our own combined report: the compilations give exactly what the returns
 * gave (entry columns and the responsible unit), the public edition only what was published.
 */

interface ReturnOptions {
  readonly dissemination?: "yes" | "no";
  /** Entries left blank: by reference and column header. */
  readonly blank?: (ref: string, header: string) => boolean;
  /** Replaces a text entry. */
  readonly text?: (ref: string, header: string, value: string) => string;
}

function returnOf(frameworkId: string, party: string, cycle: string, opts: ReturnOptions = {}): ReadOutcome {
  const { spec, framework, party: p } = templateSpec(frameworkId, party, "initial", cycle);
  const refAt = (sheet: string, row: number): string => String(spec.sheets.find((s) => s.name === sheet)?.cells.find((c) => c.row === row && c.col === 0)?.value ?? "");
  const headerAt = (sheet: string, row: number, col: number): string => {
    const s = spec.sheets.find((x) => x.name === sheet);
    // The heading of the column: the nearest "columnHeader" cell above.
    const heads = (s?.cells ?? []).filter((c) => c.col === col && c.style === "columnHeader" && c.row < row).sort((a, b) => b.row - a.row);
    return String(heads[0]?.value ?? "");
  };
  const edits: Edit[] = fillAll(spec, framework, p).flatMap((e): Edit[] => {
    const ref = refAt(e.sheet, e.row);
    const header = headerAt(e.sheet, e.row, e.col);
    if (opts.blank?.(ref, header)) return [];
    if (typeof e.value === "string" && opts.text && e.value.includes("kept as text")) return [{ ...e, value: opts.text(ref, header, e.value) }];
    // Each cycle's answers are its own.
    if (typeof e.value === "string" && e.value.includes("kept as text")) return [{ ...e, value: `${e.value} Cycle ${cycle}.` }];
    return [e];
  });
  if (opts.dissemination) edits.push({ sheet: spec.sheets[0]?.name ?? "", row: META_ROWS.dissemination, col: 1, value: opts.dissemination });
  const grids = applyEdits(gridsFromSpec(spec), edits);
  return { source: { file: `${frameworkId}-${party}-${cycle}.xlsx`, sha256: `${frameworkId}-${party}-${cycle}`, received: `${cycle}-11-01` }, validation: validateWorkbook(grids.map((grid) => ({ grid })), catalogue) };
}

function report(outcomes: readonly ReadOutcome[], edition: Edition): WorkbookSpec {
  return buildCombinedReport(buildRegister(outcomes, catalogue), catalogue, { edition, generatedAt: "2026-02-01T10:00:00Z" });
}

/** What a previous cycle says, comparable: per framework, cycle, party and role, its entries, dropped references and publication. */
function view(previous: PreviousCycle): Record<string, unknown>[] {
  return previous.responses
    .filter((r) => r.entries.size > 0 || r.dropped.length > 0)
    .map((r) => ({
      key: `${r.framework.id} ${r.cycle} ${r.party.code} ${r.role}`,
      entries: Object.fromEntries([...r.entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))),
      dropped: [...r.dropped].sort(),
      publishable: r.publishable,
    }))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** What the public edition can give back: the published responses, without the responsible unit (a column it does not have). */
function published(v: readonly Record<string, unknown>[]): Record<string, unknown>[] {
  const strip = (entries: Record<string, Record<string, CellValue>>): Record<string, Record<string, CellValue>> =>
    Object.fromEntries(
      Object.entries(entries)
        .map(([ref, values]) => [ref, Object.fromEntries(Object.entries(values).filter(([col]) => col !== "responsible"))] as const)
        .filter(([, values]) => Object.keys(values).length > 0),
    );
  return v.filter((r) => r["publishable"] === true).map((r) => ({ ...r, entries: strip(r["entries"] as Record<string, Record<string, CellValue>>) }));
}

function fromReport(grids: readonly SheetGrid[], file = "report.xlsx"): PreviousCycle {
  const previous = previousFromReport(grids, catalogue, file);
  if (!previous) throw new Error("not read as a report");
  return previous;
}

const sheetOf = (grids: readonly SheetGrid[], name: string): SheetGrid => {
  const g = grids.find((x) => x.name === name);
  if (!g) throw new Error(`no sheet ${name} in ${grids.map((x) => x.name).join(", ")}`);
  return g;
};

/** Row and column of a cell holding `value` (first found). */
const find = (grid: SheetGrid, value: CellValue): { row: number; col: number } => {
  const c = [...grid.cells()].find((x) => x.value === value);
  if (!c) throw new Error(`no '${String(value)}' on ${grid.name}`);
  return c;
};

// Last cycle: the Pact (political and factual, the Commission's EU level among the Member States),
// a Prague action plan (lists, dates; some entries left blank), the EMN query (one country says no).
const outcomes: readonly ReadOutcome[] = [
  returnOf("pact-2008", "EC", "2025"),
  returnOf("pact-2008", "FR", "2025", { blank: (ref, header) => ref === "I(b)" && header.startsWith("Most significant") }),
  returnOf("pact-2008", "DE", "2025"),
  returnOf("prague-ap-2023", "AM", "2025", { blank: (ref, header) => ref === "I.2" && (header === "End date" || header === "Activities planned") }),
  returnOf("prague-ap-2023", "GE", "2025"),
  returnOf("emn-ahq-2010", "AT", "2025", { dissemination: "no", text: (ref) => `Austria's own answer to ${ref}, not for wider dissemination.` }),
  returnOf("emn-ahq-2010", "FI", "2025", { dissemination: "yes" }),
  returnOf("emn-ahq-2010", "LV", "2025"),
];
const fromReturns = previousFromReturns(outcomes, catalogue);
const internal = report(outcomes, "internal");
const publicEdition = report(outcomes, "public");

describe("reading last cycle from our combined report", () => {
  it("the returns themselves: every framework, party and role, with EMN's 'no' withheld", () => {
    const keys = view(fromReturns).map((r) => r.key);
    expect(keys).toEqual([
      "emn-ahq-2010 2025 AT questionnaire",
      "emn-ahq-2010 2025 FI questionnaire",
      "emn-ahq-2010 2025 LV questionnaire",
      "pact-2008 2025 DE factual",
      "pact-2008 2025 DE political",
      "pact-2008 2025 EC factual",
      "pact-2008 2025 EC political",
      "pact-2008 2025 FR factual",
      "pact-2008 2025 FR political",
      "prague-ap-2023 2025 AM matrix",
      "prague-ap-2023 2025 GE matrix",
    ]);
    expect(view(fromReturns).filter((r) => !r.publishable).map((r) => r.key)).toEqual(["emn-ahq-2010 2025 AT questionnaire"]);
    expect(fromReturns.problems).toEqual([]);
  });

  it("internal edition: exactly the entries of the returns (entry columns and responsible unit), with who was for wider dissemination", () => {
    const previous = fromReport(gridsFromSpec(internal));
    expect(previous.problems).toEqual([]);
    expect(view(previous)).toEqual(view(fromReturns));
    // Values as they were: dates as dates, lists and texts as text, blanks absent.
    const am = previous.responses.find((r) => r.framework.id === "prague-ap-2023" && r.party.code === "AM");
    expect(am?.entries.get("I.1")).toMatchObject({ status: "ongoing", participation: "yes", start: { date: "2023-01-01" }, responsible: "Unit I.1 — AM" });
    expect(am?.entries.get("I.2")).not.toHaveProperty("end");
    expect(am?.entries.get("I.2")).not.toHaveProperty("planned");
    const fr = previous.responses.find((r) => r.framework.id === "pact-2008" && r.party.code === "FR" && r.role === "factual");
    expect(fr?.entries.get("I(b)")).not.toHaveProperty("planned");
    expect(fr?.entries.get("I(a)")?.["actions"]).toBe(`France: Main actions undertaken at Member State level for I(a).\nSecond line with "quotes" and =SUM(1) kept as text. Cycle 2025.`);
    const ec = previous.responses.find((r) => r.framework.id === "pact-2008" && r.party.code === "EC" && r.role === "factual");
    expect(String(ec?.entries.get("I(a)")?.["actions"])).toContain("Main actions undertaken at EU level for I(a)");
    const political = previous.responses.find((r) => r.party.code === "DE" && r.role === "political");
    expect(political?.entries.get("I")?.["assessment"]).toEqual(expect.stringContaining("Germany"));
    // Where each came from.
    expect(political?.sources).toEqual(["report.xlsx › pact-2008 political"]);
    expect(fr?.sources).toEqual(["report.xlsx › pact-2008 compilation"]);
    expect(previous.responses.every((r) => r.dropped.length === 0)).toBe(true);
  });

  it("public edition: only the published parties, all publishable, and nothing of the withheld one", () => {
    const grids = gridsFromSpec(publicEdition);
    // The withheld country is in the report as the standard sentence, under each heading.
    expect(find(sheetOf(grids, "emn-ahq-2010 compilation"), "Austria").row).toBeGreaterThan(0);
    const previous = fromReport(grids);
    expect(previous.problems).toEqual([]);
    expect(view(previous)).toEqual(published(view(fromReturns)));
    expect(previous.responses.some((r) => r.party.code === "AT")).toBe(false);
    expect(JSON.stringify(previous.responses.map((r) => [...r.entries]))).not.toContain("Austria's own answer");
    expect(JSON.stringify(previous.responses.map((r) => [...r.entries]))).not.toContain("not disseminated further");
  });

  it("two cycles of one framework in one report: each read from its own compilation", () => {
    const two = [
      returnOf("prague-ap-2023", "AM", "2024", { blank: (ref) => ref === "I.3" }),
      returnOf("prague-ap-2023", "AM", "2025"),
      returnOf("prague-ap-2023", "GE", "2025"),
      returnOf("emn-ahq-2010", "FI", "2024", { dissemination: "no" }),
      returnOf("emn-ahq-2010", "FI", "2025"),
    ];
    const expected = view(previousFromReturns(two, catalogue));
    expect(expected.map((r) => r.key)).toEqual([
      "emn-ahq-2010 2024 FI questionnaire",
      "emn-ahq-2010 2025 FI questionnaire",
      "prague-ap-2023 2024 AM matrix",
      "prague-ap-2023 2025 AM matrix",
      "prague-ap-2023 2025 GE matrix",
    ]);
    const grids = gridsFromSpec(report(two, "internal"));
    expect(grids.map((g) => g.name)).toEqual(expect.arrayContaining(["prague-ap-2023 2024 compilation", "prague-ap-2023 2025 compilation", "emn-ahq-2010 2024 compilation"]));
    const previous = fromReport(grids);
    expect(previous.problems).toEqual([]);
    expect(view(previous)).toEqual(expected);
    expect(previous.responses.find((r) => r.cycle === "2024" && r.party.code === "AM")?.sources).toEqual(["report.xlsx › prague-ap-2023 2024 compilation"]);
    expect(String(previous.responses.find((r) => r.cycle === "2024" && r.party.code === "AM")?.entries.get("I.1")?.["actions"])).toMatch(/Cycle 2024\.$/);
    // Public: FI withheld in 2024 only.
    const pub = fromReport(gridsFromSpec(report(two, "public")));
    expect(view(pub)).toEqual(published(expected));
    expect(view(pub).map((r) => r.key)).toContain("emn-ahq-2010 2025 FI questionnaire");
    expect(view(pub).map((r) => r.key)).not.toContain("emn-ahq-2010 2024 FI questionnaire");
  });

  it("recognises the report by its content, whatever its sheets are called", () => {
    const grids = gridsFromSpec(internal).map((g, i) => {
      const renamed = new SheetGrid(`Sheet${i + 1}`);
      for (const c of g.cells()) renamed.set(c.row, c.col, c.value);
      return renamed;
    });
    const previous = fromReport(grids);
    expect(previous.problems).toEqual([]);
    expect(view(previous)).toEqual(view(fromReturns));
    expect(previous.responses.every((r) => /^report\.xlsx › Sheet\d+$/.test(r.sources[0] ?? ""))).toBe(true);
  });

  it("is not one of our reports: a template, a return, an empty workbook, a look-alike summary", () => {
    const { spec } = templateSpec("pact-2008", "FR", "initial", "2025");
    expect(previousFromReport(gridsFromSpec(spec), catalogue, "t.xlsx")).toBeUndefined();
    expect(previousFromReport([], catalogue, "t.xlsx")).toBeUndefined();
    const lookalike = new SheetGrid("Summary");
    lookalike.set(0, 0, "Combined report — summary");
    lookalike.set(1, 0, "Made by hand");
    const compilation = sheetOf(gridsFromSpec(internal), "pact-2008 compilation");
    expect(previousFromReport([lookalike, compilation], catalogue, "t.xlsx")).toBeUndefined();
    // Without its Summary, compilations alone are not taken for our report.
    expect(previousFromReport([compilation], catalogue, "t.xlsx")).toBeUndefined();
  });

  it("ignores the sheets that are not compilations (coverage, status, as published, register, a changes sheet, the user's own)", () => {
    const grids = gridsFromSpec(internal);
    expect(grids.map((g) => g.name)).toEqual(expect.arrayContaining(["pact-2008 coverage", "prague-ap-2023 status", "emn-ahq-2010 as published", "Register"]));
    const changes = new SheetGrid("prague-ap-2023 changes");
    changes.set(0, 0, "Prague Process Action Plan 2023–2027 — changes since cycle 2024 — cycle 2025");
    changes.set(2, 0, "Ref");
    const own = new SheetGrid("My notes");
    own.set(0, 0, "Things to check");
    const ownTable = new SheetGrid("budget compilation");
    ownTable.set(0, 0, "Budget lines");
    const previous = fromReport([...grids, changes, own, ownTable]);
    expect(previous.problems).toEqual([]);
    expect(view(previous)).toEqual(view(fromReturns));
  });

  it("a compilation of a framework this catalogue does not know is a coded problem naming file and sheet; the rest is read", () => {
    const grids = gridsFromSpec(internal);
    const sheet = sheetOf(grids, "prague-ap-2023 compilation");
    sheet.set(0, 0, "Prague Process Action Plan 2030–2034 — compilation — cycle 2025");
    const previous = fromReport(grids, "2025/report.xlsx");
    expect(previous.problems).toEqual([{ file: "2025/report.xlsx", sheet: "prague-ap-2023 compilation", code: REPORT_UNKNOWN_COMPILATION, message: expect.stringContaining("'Prague Process Action Plan 2030–2034' is not a framework of this catalogue") }]);
    expect(view(previous)).toEqual(view(fromReturns).filter((r) => !String(r.key).startsWith("prague-ap-2023")));
    expect(REPORT_UNKNOWN_COMPILATION).toBe("PT-CYCLE-005");
  });

  it("a compilation whose headings do not match is a coded problem, never skipped without a word", () => {
    const cases: { sheet: string; heading: string; missing: string }[] = [
      { sheet: "prague-ap-2023 compilation", heading: "Status", missing: "'Status'" },
      { sheet: "pact-2008 political", heading: "Political assessment of progress", missing: "'Political assessment of progress'" },
      { sheet: "emn-ahq-2010 compilation", heading: "Wider dissemination", missing: "'Wider dissemination'" },
      { sheet: "pact-2008 compilation", heading: "Responsible unit / contact", missing: "'Responsible unit / contact'" },
    ];
    for (const c of cases) {
      const grids = gridsFromSpec(internal);
      const sheet = sheetOf(grids, c.sheet);
      const at = find(sheet, c.heading);
      sheet.set(at.row, at.col, `${c.heading} (renamed)`);
      const previous = fromReport(grids);
      expect(previous.problems).toEqual([{ file: "report.xlsx", sheet: c.sheet, code: REPORT_HEADING_MISSING, message: expect.stringContaining(`has no ${c.missing}`) }]);
      expect(previous.responses.some((r) => r.sources.includes(`report.xlsx › ${c.sheet}`))).toBe(false);
    }
    // No heading row at all; a sheet named as a compilation whose title is gone.
    const grids = gridsFromSpec(internal);
    const prague = sheetOf(grids, "prague-ap-2023 compilation");
    prague.set(find(prague, "Ref").row, 0, null);
    sheetOf(grids, "pact-2008 compilation").set(0, 0, "Factual table");
    const previous = fromReport(grids);
    expect(previous.problems.map((p) => [p.sheet, p.code])).toEqual([
      ["pact-2008 compilation", REPORT_HEADING_MISSING],
      ["prague-ap-2023 compilation", REPORT_HEADING_MISSING],
    ]);
    expect(previous.problems[0]?.message).toContain("its title row reads 'Factual table'");
    expect(previous.problems[1]?.message).toContain("no heading row");
    expect(REPORT_HEADING_MISSING).toBe("PT-CYCLE-006");
  });

  it("finds columns by their headings, wherever they stand", () => {
    const grids = gridsFromSpec(internal);
    const sheet = sheetOf(grids, "prague-ap-2023 compilation");
    // Swap two entry columns, headings and values alike.
    const a = find(sheet, "Status").col;
    const b = find(sheet, "Activities planned").col;
    for (let r = 0; r < sheet.rowCount; r++) {
      const x = sheet.get(r, a);
      sheet.set(r, a, sheet.get(r, b));
      sheet.set(r, b, x);
    }
    expect(view(fromReport(grids))).toEqual(view(fromReturns));
  });

  it("lists references the current catalogue does not have (an older version), without carrying them; an unknown party is a problem", () => {
    const grids = gridsFromSpec(internal);
    const sheet = sheetOf(grids, "prague-ap-2023 compilation");
    const status = find(sheet, "Status").col;
    const actions = find(sheet, "Activities undertaken").col;
    const top = sheet.rowCount;
    const row = (r: number, values: readonly CellValue[]): void => values.forEach((v, c) => sheet.set(r, c, v));
    row(top, ["I.99", "An action of the plan's earlier version"]);
    row(top + 1, ["I.99", null, "Armenia", "AM"]);
    sheet.set(top + 1, status, "completed");
    sheet.set(top + 1, actions, "Done in 2025.");
    // A party row with nothing in it gives nothing to drop.
    row(top + 2, ["I.99", null, "Georgia", "GE"]);
    row(top + 3, ["I.1", null, "Atlantis", "XX"]);
    sheet.set(top + 3, actions, "Made up.");
    const previous = fromReport(grids);
    const am = previous.responses.find((r) => r.framework.id === "prague-ap-2023" && r.party.code === "AM");
    expect(am?.dropped).toEqual(["I.99"]);
    expect(am?.entries.has("I.99")).toBe(false);
    expect(previous.responses.find((r) => r.framework.id === "prague-ap-2023" && r.party.code === "GE")?.dropped).toEqual([]);
    expect(view(previous).map((r) => ({ ...r, dropped: [] }))).toEqual(view(fromReturns));
    expect(previous.problems).toEqual([{ file: "report.xlsx", sheet: "prague-ap-2023 compilation", code: REPORT_UNKNOWN_COMPILATION, message: expect.stringContaining("'Atlantis (XX)' is not a party of prague-ap-2023") }]);
  });

  it("finds the party by its name where the code is gone", () => {
    const grids = gridsFromSpec(internal);
    const sheet = sheetOf(grids, "pact-2008 compilation");
    for (const c of [...sheet.cells()]) if (c.col === 3 && c.value === "FR") sheet.set(c.row, c.col, null);
    expect(view(fromReport(grids))).toEqual(view(fromReturns));
  });

  it("fails closed on the wider-dissemination column of the internal edition: only a clear yes is publishable", () => {
    const grids = gridsFromSpec(internal);
    const sheet = sheetOf(grids, "emn-ahq-2010 compilation");
    const col = find(sheet, "Wider dissemination").col;
    const finland = [...sheet.cells()].filter((c) => c.col === 3 && c.value === "FI").map((c) => c.row);
    const latvia = [...sheet.cells()].filter((c) => c.col === 3 && c.value === "LV").map((c) => c.row);
    expect(sheet.get(finland[0] ?? -1, col)).toBe("yes");
    for (const r of finland) sheet.set(r, col, "  YES ");
    // One row of Latvia says otherwise: not a clear yes.
    sheet.set(latvia[1] ?? -1, col, "ja");
    const publishable = Object.fromEntries(fromReport(grids).responses.filter((r) => r.framework.id === "emn-ahq-2010").map((r) => [r.party.code, r.publishable]));
    expect(publishable).toEqual({ AT: false, FI: true, LV: false });
  });

  it("keeps a text the report cut at Excel's cell limit as read, with its cut marker", () => {
    const long = `${"Long account of the action. ".repeat(1500)}End.`;
    const outcome = returnOf("prague-ap-2023", "AM", "2025", { text: (ref, header, value) => (ref === "I.1" && header === "Activities undertaken" ? long : value) });
    // A report made without a date (its Summary says only the edition) is ours all the same.
    const spec = buildCombinedReport(buildRegister([outcome], catalogue), catalogue, { edition: "internal" });
    expect(gridsFromSpec(spec)[0]?.text(1, 0)).toBe("Internal edition by pact-tracker");
    const previous = fromReport(gridsFromSpec(spec));
    const text = String(previous.responses[0]?.entries.get("I.1")?.["actions"]);
    expect(long.length).toBeGreaterThan(EXCEL_CELL_LIMIT);
    expect(text.length).toBeLessThanOrEqual(EXCEL_CELL_LIMIT);
    expect(text).toMatch(new RegExp(`\\n\\[cut: ${long.length} characters in the return; Excel keeps at most ${EXCEL_CELL_LIMIT} in a cell\\]$`));
    expect(long.startsWith(text.slice(0, text.indexOf("\n[cut:")))).toBe(true);
  });
});

describe("reading last cycle from our combined report as a file", () => {
  it.each(["internal", "public"] as const)("gives what the report in memory gives, dates read back as dates (%s edition)", async (edition) => {
    const spec = edition === "internal" ? internal : publicEdition;
    const bytes = await workbookBytes(spec);
    const grids = readWorkbook(bytes, "report-2025.xlsx").sheets.map((s) => s.grid);
    const previous = fromReport(grids, "report-2025.xlsx");
    expect(previous.problems).toEqual([]);
    expect(view(previous)).toEqual(view(fromReport(gridsFromSpec(spec))));
    expect(view(previous)).toEqual(edition === "internal" ? view(fromReturns) : published(view(fromReturns)));
    const am = previous.responses.find((r) => r.framework.id === "prague-ap-2023" && r.party.code === "AM");
    expect(am?.entries.get("I.1")?.["start"]).toEqual({ date: "2023-01-01" });
    expect(am?.sources).toEqual(["report-2025.xlsx › prague-ap-2023 compilation"]);
  }, 60000);
});
