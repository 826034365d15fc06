import fc from "fast-check";
import { buildRegister, type Register } from "../../../src/core/consolidation/register";
import { NOTES_HEADER, buildCombinedReport } from "../../../src/core/consolidation/report";
import { gridsFromSpec } from "../../../src/core/grid/from-spec";
import { cellAddress, type SheetGrid } from "../../../src/core/grid/grid";
import { FIRST_BODY_ROW } from "../../../src/core/template/layout";
import { tableHeadingRow } from "../../../src/core/template/read-template";
import { IDENTITY_DAMAGE, buildCase, casePlan, partyOf, recognisablyYes, valueText, type BuiltFile, type CasePlan, type FilePlan } from "../../support/random-returns";
import { catalogue, templateSpec } from "../../support/returns";
import { previousFromReturns, type PreviousCycle } from "../../../src/core/cycles/previous";
import { previousFromReport } from "../../../src/core/cycles/report-reader";

/**
 * The two properties that outrank everything, over hundreds of random returns with random damage
 * (empty cells, formulas with and without a cached value, cached errors, links, comments, inserted
 * columns, dissemination spellings, rounds, party spellings, another party's code).
 */

const RUNS = Number(process.env.PT_PROPERTY_RUNS ?? 200);

function registerOf(files: readonly BuiltFile[], strict = false): Register {
  return buildRegister(
    files.map((f) => f.outcome),
    catalogue,
    { strict },
  );
}

/**
 * Parties whose responses the public edition must withhold, decided independently of the code under
 * test. A return with another party's code (its name, title, sheet and file name still its own) that
 * is not a clear yes cannot be attributed: it withholds both parties it points to.
 */
function withheldParties(files: readonly BuiltFile[]): Set<string> {
  const out = new Set<string>();
  for (const f of files) {
    // Any other source of the choice (a "No" beside it, a formula, a comment, a second row…) withholds.
    if (recognisablyYes(f.plan.dissemination) && f.plan.choiceDamage === null) continue;
    out.add(f.party.code);
    if (f.plan.spelling === "other party") out.add(partyOf(catalogue.framework("emn-ahq-2010"), f.plan.party + 1).code);
  }
  return out;
}

/** Whether the return's header names its party for sure (identity damage and another party's code do not). */
const attributed = (f: BuiltFile): boolean => f.plan.spelling !== "other party" && !(IDENTITY_DAMAGE as readonly string[]).includes(f.plan.spelling);

/** Every text a file's party wrote: entry values and the text of formulas, links and comments. */
function contributedTexts(f: BuiltFile): string[] {
  const out: string[] = [];
  for (const g of f.grids) {
    for (const c of g.cells()) if (c.row > tableHeadingRow(g, (h) => h !== "") && typeof c.value === "string" && c.value.includes(" #")) out.push(c.value);
    const d = f.details.get(g.name);
    if (d) for (const m of [d.formulas, d.links, d.comments]) for (const v of m.values()) if (v.includes("#")) out.push(v);
  }
  return out;
}

describe("a withheld response never reaches the public edition", () => {
  const mutation = fc.record({
    textSeed: fc.nat(),
    blanks: fc.array(fc.nat({ max: 400 }), { maxLength: 30 }),
    damage: fc.array(fc.record({ kind: fc.constantFrom("formula", "formula-uncached", "error", "link", "comment", "comment-on-text") as fc.Arbitrary<FilePlan["damage"][number]["kind"]>, at: fc.nat({ max: 400 }) }), { maxLength: 4 }),
    insertColumnAt: fc.option(fc.integer({ min: 2, max: 9 }), { freq: 4 }),
  });

  it("is a function of the published parties' content only: change what a withheld party wrote, and the public workbook is identical (with or without --strict)", () => {
    fc.assert(
      fc.property(casePlan(["emn-ahq-2010"], 4), fc.array(mutation, { minLength: 5, maxLength: 5 }), fc.boolean(), (plan: CasePlan, mutations, strict) => {
        const files = buildCase(plan);
        const withheld = withheldParties(files);
        const publicSpec = buildCombinedReport(registerOf(files, strict), catalogue, { edition: "public" });
        // What withheld parties wrote, and whatever an unattributable return holds (it is never published).
        const secret = (f: BuiltFile): boolean => withheld.has(f.party.code) || !attributed(f);
        const changedPlan: CasePlan = { ...plan, files: plan.files.map((f, i) => (secret(files[i] as BuiltFile) ? { ...f, ...mutations[i] } : f)) };
        const changed = buildCase(changedPlan);
        const publicAgain = buildCombinedReport(registerOf(changed, strict), catalogue, { edition: "public" });
        expect(JSON.stringify(publicAgain)).toBe(JSON.stringify(publicSpec));

        // And not one word of theirs is in it, whichever file of theirs it came from.
        const cells = gridsFromSpec(publicSpec).flatMap((g) => [...g.cells()].map((c) => valueText(c.value)));
        for (const f of [...files, ...changed]) {
          if (!secret(f)) continue;
          for (const t of contributedTexts(f)) expect(cells.some((c) => c.includes(t))).toBe(false);
        }
      }),
      { numRuns: RUNS },
    );
  });

  it("publishes a party whose every return says yes, in any case and spacing", () => {
    fc.assert(
      fc.property(casePlan(["emn-ahq-2010"], 4), (plan) => {
        const files = buildCase(plan);
        const withheld = withheldParties(files);
        const register = registerOf(files);
        const comp = gridsFromSpec(buildCombinedReport(register, catalogue, { edition: "public" })).find((g) => g.name.endsWith("compilation"));
        // A sheet whose role is not the framework's is rejected: it makes no party present by itself.
        const published = new Set(files.filter((f) => attributed(f) && !f.plan.wrongRole && !withheld.has(f.party.code)).map((f) => f.party.code));
        for (const code of published) {
          const rows = comp ? [...comp.cells()].filter((c) => c.col === 3 && c.value === code).length : 0;
          expect(rows).toBe(5); // one row per question, and one for the single response to all (1.–4.)
        }
        // A party withheld only by a return that cannot be attributed to it is not made present.
        const present = new Set(files.filter(attributed).map((f) => f.party.code));
        // A cycle only withheld parties sent is not in the public edition at all.
        const anyPublished = files.some((f) => attributed(f) && !withheld.has(f.party.code));
        for (const code of withheld) {
          const rows = comp ? [...comp.cells()].filter((c) => c.col === 3 && c.value === code).length : 0;
          expect(rows).toBe(present.has(code) && anyPublished ? 1 : 0); // the standard sentence, once for the block
        }
      }),
      { numRuns: RUNS },
    );
  });
});

describe("no entry of any input leaves the internal report without a finding or a register note", () => {
  /** The template's own texts (refs, catalogue text, guidance), which are not entries. */
  const templateTexts = new Map<string, Set<string>>();
  function isTemplateText(framework: string, text: string): boolean {
    let set = templateTexts.get(framework);
    if (!set) {
      const party = catalogue.partiesOf(catalogue.framework(framework))[0]?.code ?? "";
      set = new Set(templateSpec(framework, party).spec.sheets.flatMap((s) => s.cells.filter((c) => c.row >= FIRST_BODY_ROW).map((c) => valueText(c.value))));
      templateTexts.set(framework, set);
    }
    return set.has(text);
  }

  it("accounts for every value, formula, link and comment of every input", () => {
    fc.assert(
      fc.property(casePlan(), (plan) => {
        const files = buildCase(plan);
        const register = registerOf(files);
        const report = gridsFromSpec(buildCombinedReport(register, catalogue, { edition: "internal" }));
        const compilations = report.filter((g) => g.name.endsWith(" compilation") || g.name.endsWith(" political"));
        let checked = 0;
        for (const f of files) {
          for (const g of f.grids) {
            if (g.name === "pt_lists") continue;
            const row = register.rows.find((r) => r.file === f.name && r.sheet === g.name);
            if (!row && f.plan.extraSheet?.name === g.name) {
              // A sheet of the ministry's own is not read: a finding names it, and the file's register row says so.
              checked++;
              const findings = "validation" in f.outcome ? f.outcome.validation.findings : [];
              expect(findings.some((x) => x.code === "PT-STRUCT-022" && x.sheet === g.name)).toBe(true);
              expect(register.rows.some((r) => r.file === f.name && r.note.includes(`sheet '${g.name}'`))).toBe(true);
              continue;
            }
            if (!row) throw new Error(`no register row for ${f.name} › ${g.name}`);
            // Rows inserted above the table move it: the heading row is found as a reader would find it.
            const headingRow = tableHeadingRow(g, (h) => h !== "");
            const rejected = row.status === "rejected";
            const replaceable = row.status === "superseded" || row.note.includes("replaced");
            const findingAt = new Set(
              f.outcome && "validation" in f.outcome ? f.outcome.validation.findings.filter((x) => x.sheet === g.name && x.cell).map((x) => x.cell) : [],
            );
            const inReport = (r: number, text: string, exact: boolean): boolean => {
              const ref = g.text(r, 0).trim();
              return compilations.some((comp) =>
                reportRows(comp, ref, f.party.code).some((rr) => rowTexts(comp, rr).some((t) => (exact ? t === text : t.includes(text)))),
              );
            };
            // Replaced only where a later return filled the same entry: the report shows a value under the same heading.
            const replacedThere = (r: number, c: number): boolean => {
              const heading = g.text(headingRow, c).trim();
              const ref = g.text(r, 0).trim();
              return compilations.some((comp) => {
                const col = headingColumn(comp, heading);
                const notes = headingColumn(comp, NOTES_HEADER.internal);
                // A later formula or error stands for a value (with its own finding there).
                const standIn = (rr: number): boolean => notes !== undefined && [`${heading}: formula: `, `${heading}: cell error: `].some((p) => comp.text(rr, notes).includes(p));
                return col !== undefined && reportRows(comp, ref, f.party.code).some((rr) => comp.text(rr, col) !== "" || standIn(rr));
              });
            };
            const account = (r: number, c: number, text: string, exact: boolean): void => {
              checked++;
              if (findingAt.has(cellAddress(r, c)) || rejected) return;
              if (inReport(r, text, exact)) return;
              if (replaceable && replacedThere(r, c)) return;
              throw new Error(`${f.name} › ${g.name} ${cellAddress(r, c)} '${text.slice(0, 60)}' is neither in the report nor named by a finding or register note`);
            };
            for (const c of g.cells()) {
              if (c.row <= headingRow) continue;
              const text = valueText(c.value);
              if (isTemplateText(plan.framework, text)) continue;
              account(c.row, c.col, text, true);
            }
            const d = f.details.get(g.name);
            for (const m of d ? [d.formulas, d.links, d.comments] : []) {
              for (const [a1, text] of m) {
                const match = /^([A-Z]+)(\d+)$/.exec(a1);
                const r = Number(match?.[2]) - 1;
                const c = [...(match?.[1] ?? "A")].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
                account(r, c, text, false);
              }
            }
          }
        }
        expect(checked).toBeGreaterThan(0);
      }),
      { numRuns: RUNS },
    );
  });
});

function headingColumn(comp: SheetGrid, heading: string): number | undefined {
  for (let r = 0; r < Math.min(comp.rowCount, 5); r++) {
    if (comp.text(r, 0) !== "Ref" && comp.text(r, 0) !== "Area") continue;
    for (let c = 0; c < comp.colCount; c++) if (comp.text(r, c) === heading) return c;
  }
  return undefined;
}

function reportRows(comp: SheetGrid, ref: string, code: string): number[] {
  const rows: number[] = [];
  for (let r = 0; r < comp.rowCount; r++) if (comp.text(r, 0) === ref && comp.text(r, 3) === code) rows.push(r);
  return rows;
}

function rowTexts(comp: SheetGrid, row: number): string[] {
  return Array.from({ length: comp.colCount }, (_, c) => comp.text(row, c));
}

describe("a withheld response of any cycle never reaches the public edition", () => {
  const mutation = fc.record({ textSeed: fc.nat(), blanks: fc.array(fc.nat({ max: 400 }), { maxLength: 30 }) });
  type Via = "returns" | "report" | "both";

  /** Last cycle as the CLI takes it: its returns (--previous-dir), its internal report (--previous), or both. */
  function previousOf(files: readonly BuiltFile[], via: Via): PreviousCycle[] {
    const outcomes = files.map((f) => f.outcome);
    const out: PreviousCycle[] = [];
    if (via !== "report") out.push(previousFromReturns(outcomes, catalogue));
    if (via !== "returns") {
      const report = gridsFromSpec(buildCombinedReport(buildRegister(outcomes, catalogue), catalogue, { edition: "internal" }));
      const read = previousFromReport(report, catalogue, "combined-2025.xlsx");
      if (read) out.push(read);
    }
    return out;
  }

  it("is a function of the published parties' content only: change what a party withheld now or then wrote, this cycle or last, and the public workbook is identical", () => {
    fc.assert(
      fc.property(
        casePlan(["emn-ahq-2010"], 4),
        casePlan(["emn-ahq-2010"], 4),
        fc.array(mutation, { minLength: 5, maxLength: 5 }),
        fc.array(mutation, { minLength: 5, maxLength: 5 }),
        fc.constantFrom<Via>("returns", "report", "both"),
        (now, then, mutateNow, mutateThen, via) => {
          const filesNow = buildCase(now);
          const filesThen = buildCase(then, undefined, "2025");
          // Last cycle's answers of a party withheld now or then are secret; this cycle's, of a party withheld now.
          const withheldNow = withheldParties(filesNow);
          const withheldThen = new Set([...withheldNow, ...withheldParties(filesThen)]);
          const secret = (f: BuiltFile): boolean => !attributed(f) || (filesThen.includes(f) || changedThenOf(f) ? withheldThen : withheldNow).has(f.party.code);
          const changedThenOf = (f: BuiltFile): boolean => f.name.startsWith("2025-");
          const publicOf = (a: readonly BuiltFile[], b: readonly BuiltFile[]) => buildCombinedReport(registerOf(a), catalogue, { edition: "public", previous: previousOf(b, via) });
          const before = publicOf(filesNow, filesThen);
          const mutate = (plan: CasePlan, files: readonly BuiltFile[], m: readonly { textSeed: number; blanks: number[] }[]): CasePlan => ({
            ...plan,
            files: plan.files.map((f, i) => (secret(files[i] as BuiltFile) ? { ...f, ...m[i] } : f)),
          });
          const changedNow = buildCase(mutate(now, filesNow, mutateNow));
          const changedThen = buildCase(mutate(then, filesThen, mutateThen), undefined, "2025");
          expect(JSON.stringify(publicOf(changedNow, changedThen))).toBe(JSON.stringify(before));
          const cells = gridsFromSpec(before).flatMap((g) => [...g.cells()].map((c) => valueText(c.value)));
          for (const f of [...filesNow, ...filesThen]) if (secret(f)) for (const t of contributedTexts(f)) expect(cells.some((c) => c.includes(t))).toBe(false);
        },
      ),
      { numRuns: RUNS },
    );
  });
});
