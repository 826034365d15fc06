import fc from "fast-check";
import { buildRegister } from "../../../src/core/consolidation/register";
import { buildCombinedReport } from "../../../src/core/consolidation/report";
import { previousFromReturns, type PreviousCycle } from "../../../src/core/cycles/previous";
import { gridsFromSpec } from "../../../src/core/grid/from-spec";
import { buildCase, casePlan, recognisablyYes, valueText, type BuiltFile, type CasePlan } from "../../support/random-returns";
import { catalogue } from "../../support/returns";

/**
 * The two properties that outrank everything, with earlier cycles in the report: a withheld
 * response (this cycle, or then) never reaches the public edition, and every answer of the earlier
 * cycle compared with is in the internal edition.
 */

const RUNS = Number(process.env.PT_PROPERTY_RUNS ?? 150);

const attributed = (f: BuiltFile): boolean => f.plan.spelling !== "other party";
function withheldParties(files: readonly BuiltFile[]): Set<string> {
  return new Set(files.filter((f) => attributed(f) && !recognisablyYes(f.plan.dissemination)).map((f) => f.party.code));
}

/** Last cycle's returns, as the earlier cycle "2025" (the generator makes returns of 2026). */
function asEarlier(files: readonly BuiltFile[]): PreviousCycle {
  const read = previousFromReturns(files.map((f) => f.outcome), catalogue);
  return { ...read, responses: read.responses.map((r) => ({ ...r, cycle: "2025" })) };
}

const mutation = fc.record({ textSeed: fc.nat(), blanks: fc.array(fc.nat({ max: 400 }), { maxLength: 30 }) });

describe("earlier cycles in the combined report", () => {
  it("the public edition is a function of published content only: change what a party withheld (now or then) and it is identical", () => {
    fc.assert(
      fc.property(casePlan(["emn-ahq-2010"], 4), casePlan(["emn-ahq-2010"], 4), fc.array(mutation, { minLength: 5, maxLength: 5 }), (nowPlan: CasePlan, thenPlan: CasePlan, mutations) => {
        const now = buildCase(nowPlan);
        const then = buildCase(thenPlan, () => 7);
        const withheldNow = withheldParties(now);
        const withheldThen = withheldParties(then);
        const report = (n: readonly BuiltFile[], t: readonly BuiltFile[]) =>
          JSON.stringify(buildCombinedReport(buildRegister(n.map((f) => f.outcome), catalogue), catalogue, { edition: "public", previous: [asEarlier(t)] }));
        const before = report(now, then);
        const mutate = (plan: CasePlan, files: readonly BuiltFile[], targets: (code: string) => boolean): CasePlan => ({
          ...plan,
          files: plan.files.map((f, i) => {
            const built = files[i] as BuiltFile;
            return attributed(built) && targets(built.party.code) ? { ...f, ...mutations[i] } : f;
          }),
        });
        const nowChanged = buildCase(mutate(nowPlan, now, (c) => withheldNow.has(c)));
        const thenChanged = buildCase(mutate(thenPlan, then, (c) => withheldNow.has(c) || withheldThen.has(c)), () => 7);
        expect(report(nowChanged, thenChanged)).toBe(before);
      }),
      { numRuns: RUNS },
    );
  });

  it("every answer of the earlier cycle compared with is in the internal edition (Changes sheet or compilation), or named as no longer in the catalogue", () => {
    fc.assert(
      fc.property(fc.constantFrom("pact-2008", "prague-ap-2012", "emn-ahq-2010"), fc.array(mutation, { minLength: 1, maxLength: 5 }), casePlan(["pact-2008"], 3), (framework, mutations, shape) => {
        const plan: CasePlan = { framework, files: shape.files };
        const now = buildCase(plan);
        const thenPlan: CasePlan = { framework, files: plan.files.map((f, i) => ({ ...f, ...(mutations[i] ?? {}) })) };
        const earlier = asEarlier(buildCase(thenPlan, () => 3));
        const spec = buildCombinedReport(buildRegister(now.map((f) => f.outcome), catalogue), catalogue, { edition: "internal", previous: [earlier] });
        const texts = gridsFromSpec(spec).flatMap((g) => [...g.cells()].map((c) => valueText(c.value)));
        const fw = catalogue.framework(framework);
        const entryIds = new Set([...fw.entryColumns.map((c) => c.id), "assessment"]);
        for (const r of earlier.responses) {
          for (const [ref, values] of r.entries) {
            for (const [id, v] of Object.entries(values)) {
              if (!entryIds.has(id) || v === null) continue;
              const t = valueText(v);
              expect({ ref, id, found: texts.some((c) => c.includes(t)) }).toEqual({ ref, id, found: true });
            }
          }
          for (const ref of r.dropped) expect(texts.some((c) => c.includes("no longer in the catalogue") && c.includes(ref))).toBe(true);
        }
      }),
      { numRuns: Math.max(20, Math.floor(RUNS / 5)) },
    );
  });
});
