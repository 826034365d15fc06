import fc from "fast-check";
import { Catalogue, parseFramework } from "../../../src/core/catalogue/catalogue";
import { columnWithRole, valuesMeaning } from "../../../src/core/catalogue/roles";
import type { ColumnRole, Framework, ValueMeaning } from "../../../src/core/catalogue/schema";
import { buildRegister } from "../../../src/core/consolidation/register";
import { buildCombinedReport } from "../../../src/core/consolidation/report";
import { buildTemplate } from "../../../src/core/template/builder";
import type { CellValue, WorkbookSpec } from "../../../src/core/template/spec";
import { validateWorkbook } from "../../../src/core/validation/validate-workbook";
import { carriedCycle, catalogue, fillAll, gridsWith, locate, type Edit } from "../../support/returns";

/**
 * Issue 23: rules, matrices and layouts find the columns they depend on by role and the values by
 * meaning, never by id or wording. The same framework with every column id, heading, list id and
 * list value renamed gives the same findings in the same cells, the same status and coverage
 * matrices and last cycle's column.
 */

const WORDS: Readonly<Record<ValueMeaning, string>> = {
  "not-started": "nicht begonnen",
  planned: "geplant",
  "under-way": "laufend",
  completed: "abgeschlossen",
  "not-applicable": "entfällt",
  yes: "ja",
  no: "nein",
};

function renamed(fw: Framework): Framework {
  const ids = new Map(fw.entryColumns.map((c, i) => [c.id, `entry${i}`]));
  const listIds = new Map(fw.lists.map((l, i) => [l.id, `choices${i}`]));
  const id = (old: string): string => ids.get(old) ?? old;
  return parseFramework(
    {
      ...fw,
      entryColumns: fw.entryColumns.map((c) => ({
        ...c,
        id: id(c.id),
        header: `Heading ${id(c.id)}`,
        ...(c.euLevelHeader ? { euLevelHeader: `EU heading ${id(c.id)}` } : {}),
        ...(c.list ? { list: listIds.get(c.list) } : {}),
      })),
      lists: fw.lists.map((l) => {
        const word = (v: string): string => {
          const m = l.meaning?.[v];
          return m ? WORDS[m] : `${v} (renamed)`;
        };
        return { ...l, id: listIds.get(l.id), values: l.values.map(word), ...(l.meaning ? { meaning: Object.fromEntries(Object.keys(l.meaning).map((v) => [word(v), l.meaning?.[v]])) } : {}) };
      }),
      ...(fw.funding ? { funding: { ...fw.funding, sources: fw.funding.sources.map((s) => ({ ...s, column: id(s.column) })) } } : {}),
    },
    `${fw.id} renamed`,
  );
}

const FRAMEWORKS = ["prague-ap-2012", "prague-ap-2023", "prague-jd-2009", "pact-2008", "emn-ahq-2010"] as const;

interface Variant {
  readonly framework: Framework;
  readonly catalogue: Catalogue;
}

const variants = (frameworkId: string): readonly [Variant, Variant] => {
  const shipped = catalogue.framework(frameworkId);
  const other = renamed(shipped);
  return [
    { framework: shipped, catalogue },
    { framework: other, catalogue: new Catalogue([other], catalogue.partyLists) },
  ];
};

const header = (fw: Framework, role: ColumnRole): string => columnWithRole(fw, role)?.header ?? "?";
const meaning = (fw: Framework, role: ColumnRole, m: ValueMeaning): CellValue => valuesMeaning(fw, columnWithRole(fw, role), m)[0] ?? null;
const firstPrimary = (fw: Framework): string => fw.entryColumns.find((c) => c.primary)?.header ?? "?";

/** An item's entry on whichever template sheet has the column (the Pact's factual table is its second sheet). */
function cell(spec: WorkbookSpec, fw: Framework, ref: string, column: string): Omit<Edit, "value"> {
  for (let i = 0; i < spec.sheets.length; i++) {
    try {
      return locate(spec, fw, i, ref, column);
    } catch {
      // not on this sheet
    }
  }
  throw new Error(`no sheet has ${ref} / ${column}`);
}

/** Breakages written by role and meaning, so that each variant gets the same one in its own words. */
type Breakage = (spec: WorkbookSpec, fw: Framework, refs: readonly string[]) => Edit[];
const BREAKAGES: Readonly<Record<string, { readonly roles: readonly ColumnRole[]; readonly previous?: boolean; readonly valid?: true; readonly edits: Breakage }>> = {
  "start after end": {
    roles: ["start-date", "end-date"],
    edits: (s, fw, [a = ""]) => [
      { ...cell(s, fw, a, header(fw, "start-date")), value: { date: "2015-06-01" } },
      { ...cell(s, fw, a, header(fw, "end-date")), value: { date: "2013-01-31" } },
    ],
  },
  "completed without end date": {
    roles: ["status", "end-date"],
    edits: (s, fw, [a = ""]) => [
      { ...cell(s, fw, a, header(fw, "status")), value: meaning(fw, "status", "completed") },
      { ...cell(s, fw, a, header(fw, "end-date")), value: null },
    ],
  },
  "activities while not participating": {
    roles: ["participation"],
    edits: (s, fw, [a = ""]) => [{ ...cell(s, fw, a, header(fw, "participation")), value: meaning(fw, "participation", "no") }],
  },
  // Valid: shown on the coverage matrix as "not participating", which the comparison covers.
  "not participating, and nothing else given": {
    roles: ["participation"],
    valid: true,
    edits: (s, fw, [a = ""]) => [
      { ...cell(s, fw, a, header(fw, "participation")), value: meaning(fw, "participation", "no") },
      ...fw.entryColumns.filter((c) => c.role !== "participation").map((c) => ({ ...cell(s, fw, a, c.header), value: null })),
    ],
  },
  "completed last cycle, now not started": {
    roles: ["status"],
    previous: true,
    edits: (s, fw, [, b = ""]) => [{ ...cell(s, fw, b, header(fw, "status")), value: meaning(fw, "status", "not-started") }],
  },
  "a case slip in the status": {
    roles: ["status"],
    edits: (s, fw, [a = ""]) => [{ ...cell(s, fw, a, header(fw, "status")), value: ` ${String(meaning(fw, "status", "under-way")).toUpperCase()} ` }],
  },
  "primary entry left empty": {
    roles: [],
    edits: (s, fw, [a = ""]) => [{ ...cell(s, fw, a, firstPrimary(fw)), value: null }],
  },
};

/** A return of the variant, broken as named, validated and consolidated. */
function outcome(v: Variant, refs: readonly string[], breakage: string) {
  const b = BREAKAGES[breakage];
  if (!b) throw new Error(breakage);
  const party = v.catalogue.party(v.framework, v.framework.euLevel ? "BE" : v.framework.id === "emn-ahq-2010" ? "SE" : "AT");
  const previous = b.previous ? { previous: carriedCycle(v.framework, party, { completed: [refs[1] ?? ""] }) } : {};
  const spec = buildTemplate({ framework: v.framework, party, cycle: "2026", round: "initial", ...previous });
  const grids = gridsWith(spec, [...fillAll(spec, v.framework, party), ...b.edits(spec, v.framework, refs)]);
  const validation = validateWorkbook(grids.map((grid) => ({ grid })), v.catalogue);
  const register = buildRegister([{ source: { file: "return.xlsx", sha256: "sha" }, validation }], v.catalogue, {});
  const report = buildCombinedReport(register, v.catalogue, { edition: "internal", generatedAt: "2026-12-07T00:00:00Z" });
  const matrix = (suffix: string) => {
    const sheet = report.sheets.find((s) => s.name.endsWith(suffix));
    return sheet ? { cells: sheet.cells.length, fills: sheet.conditionalFills?.map((f) => f.fill).sort() } : undefined;
  };
  return {
    findings: validation.findings.map((f) => [f.code, f.severity, f.cell, f.ref]),
    previousColumn: spec.sheets[0]?.cells.some((c) => typeof c.value === "string" && c.value.includes("last cycle (2025)")) ?? false,
    status: matrix(" status"),
    coverage: matrix(" coverage"),
  };
}

const refsOf = (fw: Framework): string[] => fw.areas.flatMap((a) => a.items.filter((i) => !i.covers).map((i) => i.ref));

describe("a framework whose columns and values are named otherwise keeps every rule", () => {
  it.each(FRAMEWORKS.map((f) => [f] as const))("%s: every breakage gives the same findings, matrices and last cycle's column, renamed or not", (frameworkId) => {
    const [shipped, other] = variants(frameworkId);
    const refs = refsOf(shipped.framework);
    const applicable = Object.entries(BREAKAGES).filter(([, b]) => b.roles.every((r) => columnWithRole(shipped.framework, r)) && (b.roles.length > 0 || shipped.framework.entryColumns.some((c) => c.primary)));
    expect(applicable.length).toBeGreaterThan(0);
    fc.assert(
      fc.property(fc.constantFrom(...applicable.map(([name]) => name)), fc.shuffledSubarray(refs, { minLength: 2, maxLength: 2 }), (breakage, pair) => {
        const want = outcome(shipped, pair, breakage);
        // Each breakage is found at all: the comparison is not of two empty lists.
        if (BREAKAGES[breakage]?.valid) expect(want.findings.filter(([, severity]) => severity === "error")).toEqual([]);
        else expect(want.findings.length).toBeGreaterThan(0);
        expect(outcome(other, pair, breakage)).toEqual(want);
      }),
      { numRuns: 12 },
    );
  });

  it("finds each role rule in the renamed action plan, in its own words", () => {
    const [, other] = variants("prague-ap-2012");
    const codes = (breakage: string) => outcome(other, ["II.1", "II.2"], breakage).findings.map(([code]) => code);
    expect(codes("start after end")).toContain("PT-CONT-005");
    expect(codes("completed without end date")).toContain("PT-CONT-007");
    expect(codes("activities while not participating")).toContain("PT-CONT-008");
    expect(codes("completed last cycle, now not started")).toContain("PT-CONT-018");
    expect(codes("a case slip in the status")).toContain("PT-CONT-003");
    const o = outcome(other, ["II.1", "II.2"], "completed last cycle, now not started");
    expect(o.previousColumn).toBe(true);
    expect(o.status?.fills?.length).toBeGreaterThan(0);
  });
});

describe("the catalogue schema checks roles and meanings", () => {
  const base = catalogue.framework("prague-ap-2012");
  const refused = (change: (fw: Framework) => unknown): string => {
    try {
      parseFramework(change(base), "planted.json");
    } catch (e) {
      return (e as Error).message;
    }
    return "accepted";
  };
  it("refuses two columns with one role, a role on the wrong type, a meaning of no value, a participation list without 'no'", () => {
    expect(refused((fw) => ({ ...fw, entryColumns: fw.entryColumns.map((c) => (c.id === "end" ? { ...c, role: "start-date" } : c)) }))).toMatch(/both have role 'start-date'/);
    expect(refused((fw) => ({ ...fw, entryColumns: fw.entryColumns.map((c) => (c.id === "actions" ? { ...c, role: "end-date" } : c.id === "end" ? { ...c, role: undefined } : c)) }))).toMatch(/role 'end-date', which needs a date column, not text/);
    expect(refused((fw) => ({ ...fw, lists: fw.lists.map((l) => (l.id === "status" ? { ...l, meaning: { ...l.meaning, finished: "completed" } } : l)) }))).toMatch(/meaning to 'finished', which is not one of its values/);
    expect(refused((fw) => ({ ...fw, lists: fw.lists.map((l) => (l.id === "yesNo" ? { ...l, meaning: { yes: "yes" } } : l)) }))).toMatch(/gives no value the meaning "no"/);
    expect(refused((fw) => fw)).toBe("accepted");
  });
});
