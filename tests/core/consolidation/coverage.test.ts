import fc from "fast-check";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { Party } from "../../../src/core/catalogue/schema";
import { COVERAGE, COVERAGE_FILLS, coverageOf, itemCoverage } from "../../../src/core/consolidation/coverage";
import { buildRegister } from "../../../src/core/consolidation/register";
import { NOT_FOR_DISSEMINATION, buildCombinedReport, type Edition } from "../../../src/core/consolidation/report";
import { gridsFromSpec } from "../../../src/core/grid/from-spec";
import type { SheetGrid } from "../../../src/core/grid/grid";
import { META_ROWS, type TableColumn } from "../../../src/core/template/layout";
import type { CellValue, WorkbookSpec } from "../../../src/core/template/spec";
import { validateWorkbook } from "../../../src/core/validation/validate-workbook";
import { readMatrix, summaryCoverage } from "../../support/coverage-matrix";
import { catalogue, fillAll, gridsWith, locate, templateSpec, type Edit } from "../../support/returns";
import { buildCase, casePlan } from "../../support/random-returns";
import type { ReadOutcome } from "../../../src/core/consolidation/register";

const RUNS = Number(process.env.PT_PROPERTY_RUNS ?? 100);
const pact = catalogue.framework("pact-2008");
const ACTIONS = "Main actions undertaken at Member State level";
const PLANNED = "Most significant developments planned at Member State level";

function sheet(grids: readonly SheetGrid[], name: string): SheetGrid {
  const g = grids.find((x) => x.name === name);
  if (!g) throw new Error(`no sheet ${name}; have ${grids.map((x) => x.name).join(", ")}`);
  return g;
}

function outcomeOf(file: string, spec: WorkbookSpec, edits: readonly Edit[]): ReadOutcome {
  const grids = gridsWith(spec, edits);
  return { source: { file, sha256: `sha-${file}` }, validation: validateWorkbook(grids.map((grid) => ({ grid })), catalogue) };
}

/** A Pact return with every entry filled, but the actions undertaken left empty for `emptyActions`. */
function pactReturn(code: string, emptyActions: readonly string[] = []): ReadOutcome {
  const { spec, framework, party } = templateSpec("pact-2008", code);
  const factual = spec.sheets.findIndex((s) => s.role === "factual");
  const blank = new Set(emptyActions.map((ref) => { const at = locate(spec, framework, factual, ref, ACTIONS); return `${at.sheet} ${at.row} ${at.col}`; }));
  return outcomeOf(`${code}.xlsx`, spec, fillAll(spec, framework, party).map((e) => (blank.has(`${e.sheet} ${e.row} ${e.col}`) ? { ...e, value: null } : e)));
}

describe("coverage as the documents mean it", () => {
  it("marks the entry each framework asks of every item, citing the document", () => {
    const primary = catalogue.frameworks.map((fw) => [fw.id, fw.entryColumns.filter((c) => c.primary).map((c) => c.id)]);
    expect(Object.fromEntries(primary)).toEqual({ "pact-2008": ["actions"], "prague-ap-2012": ["actions"], "prague-ap-2023": ["actions"], "prague-jd-2009": ["actions"], "emn-ahq-2010": ["response"] });
    // Every passage the mark quotes is in the document's text.
    const fold = (t: string): string => t.toLowerCase().replace(/<[^>]+>/g, "").replace(/\s+/g, " ");
    for (const fw of catalogue.frameworks) {
      const text = fold(readFileSync(join(__dirname, "..", "..", "..", "seeds", "sources", fw.source.file ?? ""), "utf8"));
      for (const c of fw.entryColumns.filter((x) => x.primary)) {
        const quoted = [...(c.primary?.source ?? "").matchAll(/“([^”]+)”/g)].map((q) => fold(q[1] ?? ""));
        expect(quoted.length).toBeGreaterThan(0);
        for (const q of quoted) expect([fw.id, q, text.includes(q)]).toEqual([fw.id, q, true]);
      }
    }
  });

  it("is reported only when the required entry is given, partly reported when only another is", () => {
    const at = (entries: Record<string, CellValue>) => coverageOf(pact, entries);
    expect(at({ actions: "New act on labour migration", planned: null })).toBe("reported");
    expect(at({ actions: "New act", planned: "A review in 2027" })).toBe("reported");
    expect(at({ actions: null, planned: "A review in 2027" })).toBe("partly reported");
    expect(at({ actions: "  ", planned: "A review in 2027" })).toBe("partly reported");
    expect(at({ actions: "Nothing to report", planned: "A review in 2027" })).toBe("partly reported");
    expect(at({ actions: "nothing to report", planned: "n/a" })).toBe("nothing to report");
    expect(at({ actions: null, planned: "none" })).toBe("nothing to report");
    expect(at({ actions: null, planned: null })).toBe("empty");
    expect(coverageOf(pact, undefined)).toBe("empty");
    const ap = catalogue.framework("prague-ap-2012");
    expect(coverageOf(ap, { participation: "no", actions: null, planned: "later" })).toBe("not participating");
    expect(coverageOf(ap, { participation: "yes", actions: null, impact: "Results" })).toBe("partly reported");
    expect(coverageOf(ap, { participation: "yes", actions: "A seminar", impact: null })).toBe("reported");
  });

  it("keeps the EMN query's single response standing for each question", () => {
    const emn = catalogue.framework("emn-ahq-2010");
    const single = new Map([["Q1-4", { response: "One answer to all" }]]);
    expect(itemCoverage(emn, (r) => single.get(r), "Q2")).toBe("reported");
    const each = new Map([["Q1", { response: "Yes" }]]);
    expect(itemCoverage(emn, (r) => each.get(r), "Q1-4")).toBe("reported");
  });
});

describe("Poland's Pact return: planned filled, actions undertaken empty for I(a)–I(f)", () => {
  const EMPTY = ["I(a)", "I(b)", "I(c)", "I(d)", "I(e)", "I(f)"];
  const register = buildRegister([pactReturn("PL", EMPTY), pactReturn("FR")], catalogue);
  for (const edition of ["internal", "public"] as const) {
    const spec = buildCombinedReport(register, catalogue, { edition });
    const grids = gridsFromSpec(spec);
    const m = readMatrix(sheet(grids, "pact-2008 coverage"));

    it(`shows "partly reported" for those items, and the totals and the Summary agree with the cells (${edition})`, () => {
      expect(EMPTY.map((ref) => m.cells.get(`${ref} PL`))).toEqual(EMPTY.map(() => "partly reported"));
      expect(["I(g)", "I(h)", "II(a)"].map((ref) => m.cells.get(`${ref} PL`))).toEqual(["reported", "reported", "reported"]);
      expect(EMPTY.map((ref) => m.cells.get(`${ref} FR`))).toEqual(EMPTY.map(() => "reported"));
      const items = pact.areas.reduce((n, a) => n + a.items.length, 0);
      // Counted here from the cells: readMatrix has checked every row, area and party total against them.
      const byHand = new Map<string, number>();
      for (const st of m.cells.values()) byHand.set(st, (byHand.get(st) ?? 0) + 1);
      expect(Object.fromEntries(byHand)).toEqual({ reported: 2 * items - 6, "partly reported": 6 });
      expect(m.states).toEqual([...COVERAGE]);
      expect(Object.fromEntries(summaryCoverage(sheet(grids, "Summary")))).toEqual({ reported: 2 * items - 6, "partly reported": 6, "nothing to report": 0, empty: 0, "not participating": 0 });
    });

    it(`says what each state means, one line each, and colours "partly reported" its own way (${edition})`, () => {
      expect([...m.key.keys()]).toEqual([...COVERAGE]);
      expect(m.key.get("reported")).toBe(`reported: “${ACTIONS}” is given (text other than a “nothing to report” phrase).`);
      expect(m.key.get("partly reported")).toBe(`partly reported: “${ACTIONS}” is not given, but another entry is (“${PLANNED}”).`);
      const fills = spec.sheets.find((s) => s.name === "pact-2008 coverage")?.conditionalFills ?? [];
      expect(fills.find((f) => f.when.kind === "equals" && f.when.text === "partly reported")?.fill).toBe(COVERAGE_FILLS["partly reported"]);
      expect(new Set(Object.values(COVERAGE_FILLS)).size).toBe(COVERAGE.length);
    });
  }
});

/** A return whose every text entry is, by a seed, text, a "nothing to report" phrase or empty; participation by the seed too. */
function seededReturn(frameworkId: string, party: Party, seed: number, dissemination: "yes" | "no"): { outcome: ReadOutcome; values: Map<string, Record<string, CellValue>> } {
  const { spec, framework } = templateSpec(frameworkId, party.code);
  const values = new Map<string, Record<string, CellValue>>();
  const pick = (salt: string, n: number): number => {
    let h = seed >>> 0;
    for (const ch of salt) h = (Math.imul(h ^ ch.charCodeAt(0), 2654435761) >>> 0) + 1;
    return h % n;
  };
  const answer = (_fw: unknown, column: TableColumn, ref: string): CellValue => {
    if (column.kind === "responsible") return `Unit ${ref}`;
    if (column.kind !== "entry") return null;
    const e = column.entry;
    let v: CellValue;
    if (e.id === "participation") v = pick(`${ref}:p`, 5) === 0 ? "no" : "yes";
    else if (e.type === "list") v = e.id === "status" ? "ongoing" : (framework.lists.find((l) => l.id === e.list)?.values[0] ?? null);
    else if (e.type === "date") v = { date: e.id === "end" ? (framework.timeframe?.end ?? "2016-12-31") : (framework.timeframe?.start ?? "2012-01-01") };
    else v = [`${party.name} on ${ref}: ${e.id}`, "nothing to report", "n/a", null][pick(`${ref}:${e.id}`, 4)] ?? null;
    values.set(ref, { ...values.get(ref), [e.id]: v });
    return v;
  };
  const edits = fillAll(spec, framework, party, answer);
  if (framework.dissemination) edits.push({ sheet: spec.sheets[0]?.name ?? "", row: META_ROWS.dissemination, col: 1, value: dissemination });
  return { outcome: outcomeOf(`${party.code}-${seed}.xlsx`, spec, edits), values };
}

/** The state an item has by the documents' rule, worked out here from what was written (no single response to all). */
function expectedState(frameworkId: string, v: Record<string, CellValue> | undefined): string {
  const fw = catalogue.framework(frameworkId);
  if (!v) return "empty";
  if (v["participation"] === "no") return "not participating";
  const texts = fw.entryColumns.filter((c) => c.type === "text").map((c) => [c.id, typeof v[c.id] === "string" ? (v[c.id] as string) : ""] as const);
  const given = (t: string): boolean => t !== "" && t !== "nothing to report" && t !== "n/a";
  if (texts.every(([, t]) => t === "")) return "empty";
  const primary = fw.entryColumns.find((c) => c.primary)?.id;
  if (texts.some(([id, t]) => id === primary && given(t))) return "reported";
  return texts.some(([, t]) => given(t)) ? "partly reported" : "nothing to report";
}

describe("the coverage totals equal the counts of the states in the matrix, in both editions (property)", () => {
  const frameworks = ["pact-2008", "prague-ap-2012", "prague-jd-2009", "emn-ahq-2010"];

  it("for returns whose entries are text, nothing to report or empty, item by item", () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...frameworks),
        fc.uniqueArray(fc.record({ party: fc.nat({ max: 20 }), seed: fc.nat(), dissemination: fc.constantFrom<"yes" | "no">("yes", "yes", "no") }), { minLength: 1, maxLength: 4, selector: (p) => p.party }),
        (frameworkId, plans) => {
          const fw = catalogue.framework(frameworkId);
          const all = catalogue.partiesOf(fw);
          const made = plans.map((p) => ({ ...p, who: all[p.party % all.length] as Party }));
          const unique = made.filter((p, i) => made.findIndex((q) => q.who.code === p.who.code) === i);
          const returns = unique.map((p) => ({ ...p, ...seededReturn(frameworkId, p.who, p.seed, p.dissemination) }));
          const register = buildRegister(returns.map((r) => r.outcome), catalogue);
          const byEdition = new Map<Edition, ReturnType<typeof readMatrix>>();
          for (const edition of ["internal", "public"] as const) {
            const grids = gridsFromSpec(buildCombinedReport(register, catalogue, { edition }));
            const cov = grids.find((g) => g.name === `${frameworkId} coverage`);
            // The public edition of a cycle only withheld parties sent has no such sheet at all.
            if (!cov) {
              expect(edition === "public" && returns.every((r) => fw.dissemination && r.dissemination === "no")).toBe(true);
              continue;
            }
            const m = readMatrix(cov);
            byEdition.set(edition, m);
            const summary = summaryCoverage(sheet(grids, "Summary"));
            expect(Object.fromEntries(summary)).toEqual(Object.fromEntries(m.states.map((st) => [st, m.counted.get(st) ?? 0])));
            expect([...m.key.keys()]).toEqual(m.states);
            for (const r of returns) {
              const withheld = edition === "public" && fw.dissemination !== undefined && r.dissemination === "no";
              for (const item of fw.areas.flatMap((a) => a.items)) {
                const cell = m.cells.get(`${item.ref} ${r.who.code}`);
                if (withheld) expect(cell).toBe(NOT_FOR_DISSEMINATION);
                else if (!fw.areas.some((a) => a.items.some((i) => i.covers))) expect(cell).toBe(expectedState(frameworkId, r.values.get(item.ref)));
                else expect(COVERAGE as readonly string[]).toContain(cell);
              }
            }
          }
          // The public edition counts a withheld party in no state but its own; the shown parties' cells are the internal edition's.
          const pub = byEdition.get("public");
          const internal = byEdition.get("internal");
          if (pub && internal) for (const [k, st] of pub.cells) if (st !== NOT_FOR_DISSEMINATION) expect(internal.cells.get(k)).toBe(st);
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("for random returns with random damage", () => {
    fc.assert(
      fc.property(casePlan(), (plan) => {
        const register = buildRegister(buildCase(plan).map((f) => f.outcome), catalogue);
        for (const edition of ["internal", "public"] as const) {
          let grids: SheetGrid[];
          try {
            grids = gridsFromSpec(buildCombinedReport(register, catalogue, { edition }));
          } catch (e) {
            // A return that may withhold and cannot be attributed stops the public edition (PT-CONS-…).
            if (edition === "public") continue;
            throw e;
          }
          const cov = grids.find((g) => g.name.endsWith(" coverage"));
          if (!cov) continue;
          const m = readMatrix(cov);
          expect(Object.fromEntries(summaryCoverage(sheet(grids, "Summary")))).toEqual(Object.fromEntries(m.states.map((st) => [st, m.counted.get(st) ?? 0])));
        }
      }),
      { numRuns: Math.max(20, Math.floor(RUNS / 2)) },
    );
  });
});
