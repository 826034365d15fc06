import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { buildRegister, type ReadOutcome } from "../../../src/core/consolidation/register";
import { buildCombinedReport, type ReportOptions } from "../../../src/core/consolidation/report";
import { previousFromReturns, type PreviousCycle } from "../../../src/core/cycles/previous";
import { cellAddress } from "../../../src/core/grid/grid";
import { NO_DETAILS, type SheetDetails } from "../../../src/core/grid/sheet-details";
import { META_ROWS } from "../../../src/core/template/layout";
import type { WorkbookSpec } from "../../../src/core/template/spec";
import { validateWorkbook } from "../../../src/core/validation/validate-workbook";
import { seedReturn, seedTable } from "../../support/emn-seed";
import { catalogue, editAt, fillAll, gridsWith, locate, templateSpec, type Edit } from "../../support/returns";

/**
 * The combined report, cell for cell, against a committed golden file: every sheet spec of the
 * internal and public editions (names, cells with values and styles, widths, merges, freeze, print
 * setup, filters, conditional fills, validations), serialised canonically (keys sorted, one cell a line).
 * The inputs reach every sheet kind the report makes: all five frameworks, the Pact's EU level and
 * political report, withheld EMN answers (and the EMN "as published" sheet), an update round carrying
 * earlier entries, notes (formula, link, comment), a rejected input, a late return, a framework with
 * two cycles in one register, and earlier cycles (changes, trend, status moves, dropped items,
 * earlier-cycle problems, a party that reported only then).
 *
 * To write the golden file anew from the current code (only when a change of the report is meant):
 *   UPDATE_GOLDEN=1 npx jest tests/core/consolidation/report-golden.test.ts
 * and review the diff of __golden__/combined-report.json before committing it.
 */

const GOLDEN = join(__dirname, "__golden__", "combined-report.json");

interface ReturnOpts {
  readonly cycle?: string;
  readonly round?: "initial" | "update";
  readonly received?: string;
  readonly modified?: string;
  /** Only the first `keep` entry edits of each sheet are given (an update that carries the rest from the initial return). */
  readonly keep?: number;
  readonly mark?: string;
  readonly details?: (spec: WorkbookSpec) => Map<string, SheetDetails>;
  readonly extra?: (spec: WorkbookSpec) => Edit[];
}

/** A filled template of a framework, validated from grids, as the register reads it. */
function returned(file: string, frameworkId: string, party: string, opts: ReturnOpts = {}): ReadOutcome {
  const { spec, framework, party: p } = templateSpec(frameworkId, party, opts.round ?? "initial", opts.cycle ?? "2026");
  const perSheet = new Map<string, number>();
  const edits = fillAll(spec, framework, p)
    .filter((e) => {
      const n = perSheet.get(e.sheet) ?? 0;
      perSheet.set(e.sheet, n + 1);
      return opts.keep === undefined || n < opts.keep;
    })
    .map((e) => (opts.mark && typeof e.value === "string" && e.value.includes(" for ") ? { ...e, value: `${e.value} (${opts.mark})` } : e));
  edits.push(...(opts.extra?.(spec) ?? []));
  const details = opts.details?.(spec);
  const validation = validateWorkbook(gridsWith(spec, edits).map((grid) => ({ grid, details: details?.get(grid.name) ?? NO_DETAILS })), catalogue);
  return {
    source: { file, sha256: `sha-${file}`, ...(opts.received ? { received: opts.received } : {}), ...(opts.modified ? { modified: opts.modified } : {}) },
    validation,
  };
}

/** Notes on the Pact's factual table of a party: a formula, a link and a comment on entries, a link on the contact column. */
function pactNotes(spec: WorkbookSpec): Map<string, SheetDetails> {
  const framework = catalogue.framework("pact-2008");
  const index = spec.sheets.findIndex((s) => s.role === "factual");
  const sheet = spec.sheets[index]?.name ?? "";
  const ref = framework.areas[0]?.items[0]?.ref ?? "";
  const entry = framework.entryColumns.find((c) => c.type === "text" && spec.sheets[index]?.cells.some((x) => x.value === c.header));
  const headers = spec.sheets[index]?.cells.filter((c) => c.style === "columnHeader").map((c) => String(c.value)) ?? [];
  const at = (header: string): string => {
    const { row, col } = locate(spec, framework, index, ref, header);
    return cellAddress(row, col);
  };
  const text = headers.find((h) => h.startsWith("Main actions")) ?? entry?.header ?? "";
  const planned = headers.find((h) => h.startsWith("Most significant")) ?? text;
  const contact = headers.find((h) => h.startsWith("Responsible")) ?? text;
  return new Map([
    [
      sheet,
      {
        ...NO_DETAILS,
        formulas: new Map([[at(planned), '=CONCAT("a","b")']]),
        links: new Map([
          [at(text), "https://example.gov/report"],
          [at(contact), "mailto:unit@example.gov"],
        ]),
        comments: new Map([[at(text), "Reviewer: check the figures"]]),
      },
    ],
  ]);
}

/** An EMN answer of a seed country, for a cycle of the seed's query (the seed itself is cycle 2010). */
function emnReturn(country: string, cycle: string, dissemination: "yes" | "no", answer: string): ReadOutcome {
  const { spec, framework } = templateSpec("emn-ahq-2010", country, "initial", cycle);
  const edits: Edit[] = [editAt(spec, framework, "Q1", "Response", `${answer} (Q1)`), editAt(spec, framework, "Q3", "Response", `${answer} (Q3)`), { sheet: spec.sheets[0]?.name ?? "", row: META_ROWS.dissemination, col: 1, value: dissemination }];
  const validation = validateWorkbook(gridsWith(spec, edits).map((grid) => ({ grid })), catalogue);
  return { source: { file: `emn-${country}-${cycle}.xlsx`, sha256: `emn-${country}-${cycle}`, received: `${cycle}-08-20` }, validation };
}

function emnSeedReturns(): ReadOutcome[] {
  const rows = seedTable();
  const chosen = [rows.find((r) => r.dissemination === "No"), ...rows.filter((r) => r.dissemination !== "No").slice(0, 2)].filter((r) => r !== undefined);
  return chosen.map((row) => {
    const { spec, edits } = seedReturn(row);
    const validation = validateWorkbook(gridsWith(spec, edits).map((grid) => ({ grid })), catalogue);
    return { source: { file: `${row.country}.xlsx`, sha256: row.country, received: "2010-08-20" }, validation };
  });
}

function inputs(): { outcomes: ReadOutcome[]; previous: PreviousCycle[] } {
  const seedCountries = emnSeedReturns();
  const outcomes: ReadOutcome[] = [
    // The Pact: the Commission (EU level) and two Member States; France sends an initial return and a partial update.
    returned("EC.xlsx", "pact-2008", "EC", { received: "2026-10-01" }),
    returned("BE.xlsx", "pact-2008", "BE", { received: "2026-10-20", details: pactNotes }),
    returned("FR-initial.xlsx", "pact-2008", "FR", { received: "2026-10-02", modified: "2026-09-30T08:15:00+02:00" }),
    returned("FR-update.xlsx", "pact-2008", "FR", { round: "update", keep: 4, mark: "updated", received: "2026-12-01T09:30:00Z", modified: "2026-11-30" }),
    // Prague Action Plan 2012: one complete return, one partly filled, one blank template sent back.
    returned("AT-ap12.xlsx", "prague-ap-2012", "AT", { received: "2026-10-03" }),
    returned("AL-ap12.xlsx", "prague-ap-2012", "AL", { received: "2026-10-03", keep: 30 }),
    returned("UA-ap12.xlsx", "prague-ap-2012", "UA", { received: "2026-10-03", keep: 0 }),
    // Prague Action Plan 2023: compared with cycle 2025 (changes, trend, status moves).
    returned("AM-ap23.xlsx", "prague-ap-2023", "AM", {
      received: "2026-10-04",
      extra: (spec) => [editAt(spec, catalogue.framework("prague-ap-2023"), "I.2", "Activities undertaken", "Two new reception centres opened."), editAt(spec, catalogue.framework("prague-ap-2023"), "II.1", "Status", "completed")],
    }),
    returned("AZ-ap23.xlsx", "prague-ap-2023", "AZ", { received: "2026-10-04", keep: 60 }),
    // The Joint Declaration in two cycles of one register: its sheets are named with the cycle.
    returned("AT-jd-2025.xlsx", "prague-jd-2009", "AT", { cycle: "2025", received: "2025-10-05" }),
    returned("AT-jd-2026.xlsx", "prague-jd-2009", "AT", { received: "2026-10-05", mark: "2026" }),
    // EMN: seed countries (one withholding) and a country answering per question.
    ...seedCountries,
    emnReturn("Belgium", "2010", "yes", "Belgian answer"),
    { source: { file: "legacy.xls", sha256: "legacy" }, error: { code: "PT-READ-002", message: "legacy .xls" } },
  ];
  const earlier = previousFromReturns(
    [
      returned("AM-ap23-2025.xlsx", "prague-ap-2023", "AM", { cycle: "2025" }),
      returned("AZ-ap23-2025.xlsx", "prague-ap-2023", "AZ", { cycle: "2025", keep: 70 }),
      returned("GE-ap23-2025.xlsx", "prague-ap-2023", "GE", { cycle: "2025", keep: 12, mark: "first" }),
      returned("FR-2025.xlsx", "pact-2008", "FR", { cycle: "2025", keep: 30 }),
      emnReturn("Austria", "2009", "no", "Austrian answer of 2009"),
      emnReturn("Belgium", "2009", "yes", "Belgian answer of 2009"),
      { source: { file: "old-broken.xls", sha256: "old" }, error: { code: "PT-READ-002", message: "legacy .xls" } },
    ],
    catalogue,
  );
  // An item of cycle 2025 this catalogue no longer has: listed on the changes sheet, not compared.
  const withDropped: PreviousCycle = { ...earlier, responses: earlier.responses.map((r) => (r.framework.id === "prague-ap-2023" && r.party.code === "AZ" ? { ...r, dropped: ["IX.9"] } : r)) };
  const older = previousFromReturns([returned("AM-ap23-2024.xlsx", "prague-ap-2023", "AM", { cycle: "2024", keep: 20, mark: "2024" })], catalogue);
  return { outcomes, previous: [withDropped, older] };
}

/** JSON with object keys sorted, on one line. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v !== null && typeof v === "object") {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .filter((k) => o[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical(o[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v);
}

/** A workbook spec as lines: the workbook's own fields, then per sheet its fields and one cell a line. */
function serialise(spec: WorkbookSpec): string[] {
  const { sheets, ...book } = spec;
  const lines = [`book ${canonical(book)}`];
  for (const sheet of sheets) {
    const { cells, ...rest } = sheet;
    lines.push(`sheet ${canonical(rest)}`);
    // A cell as [row, col, value, style], with any other field of its spec after them.
    for (const { row, col, value, style, ...more } of cells) lines.push(canonical([row, col, value, style, ...(Object.keys(more).length ? [more] : [])]));
  }
  return lines;
}

function reports(): Record<string, string[]> {
  const { outcomes, previous } = inputs();
  const register = buildRegister(outcomes, catalogue, { deadlines: { initial: "2026-10-15" } });
  // Alphabetical order, no earlier cycle and no date, on the Pact and EMN inputs only: the golden file stays small.
  const few = buildRegister(outcomes.filter((o) => /^(EC|BE|FR-|Austria|Belgium|emn-)/.test(o.source.file)), catalogue);
  const made: Record<string, [typeof register, ReportOptions]> = {
    internal: [register, { edition: "internal", generatedAt: "2026-12-07T10:00:00Z", previous }],
    public: [register, { edition: "public", generatedAt: "2026-12-07T10:00:00Z", previous }],
    "internal-alpha-no-previous": [few, { edition: "internal", order: "alpha" }],
    "public-alpha-no-date": [few, { edition: "public", order: "alpha" }],
  };
  return Object.fromEntries(Object.entries(made).map(([name, [r, o]]) => [name, serialise(buildCombinedReport(r, catalogue, o))]));
}

describe("the combined report against its golden file", () => {
  const actual = reports();

  if (process.env["UPDATE_GOLDEN"]) {
    it("writes the golden file", () => {
      if (!existsSync(dirname(GOLDEN))) mkdirSync(dirname(GOLDEN), { recursive: true });
      writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 1)}\n`);
    });
    return;
  }

  const golden = JSON.parse(readFileSync(GOLDEN, "utf8")) as Record<string, string[]>;

  it("makes the same reports", () => {
    expect(Object.keys(actual)).toEqual(Object.keys(golden));
  });

  it.each(Object.keys(golden))("%s: every sheet, cell for cell", (name) => {
    const want = golden[name] ?? [];
    const got = actual[name] ?? [];
    const at = want.findIndex((line, i) => got[i] !== line);
    const first = at >= 0 ? at : want.length < got.length ? want.length : -1;
    // The first line that differs, with the sheet it is on: a readable failure, not a diff of megabytes.
    const sheet = [...want.slice(0, Math.max(first, 0) + 1)].reverse().find((l) => l.startsWith("sheet ")) ?? "";
    expect(first < 0 ? null : { line: first, sheet: sheet.slice(0, 120), want: want[first], got: got[first] }).toBeNull();
  });

  it("covers every sheet kind the report makes", () => {
    const names = (actual["internal"] ?? []).filter((l) => l.startsWith("sheet ")).map((l) => (JSON.parse(l.slice(6)) as { name: string }).name);
    for (const kind of ["Summary", "political", "compilation", "as published", "changes", "coverage", "status", "Register"]) expect(names.some((n) => n.endsWith(kind))).toBe(true);
    expect(names.filter((n) => n.startsWith("prague-jd-2009 2025")).length).toBeGreaterThan(0);
  });
});
