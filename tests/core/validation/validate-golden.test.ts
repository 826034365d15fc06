import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Framework, Party } from "../../../src/core/catalogue/schema";
import { SheetGrid } from "../../../src/core/grid/grid";
import type { SheetDetails } from "../../../src/core/grid/sheet-details";
import { FIRST_BODY_ROW, META_ROWS, TABLE_HEADER_ROW } from "../../../src/core/template/layout";
import type { CellValue, WorkbookSpec } from "../../../src/core/template/spec";
import type { Round } from "../../../src/core/template/builder";
import { ACK_SHEET } from "../../../src/core/validation/acknowledgements";
import { validateWorkbook } from "../../../src/core/validation/validate-workbook";
import type { SheetInput } from "../../../src/core/validation/validate-sheet";
import { damageGrids, type Damage } from "../../support/damage";
import { mulberry32 } from "../../support/mulberry32";
import { buildFile, CHOICE_DAMAGE, DISSEMINATION_SPELLINGS, IDENTITY_DAMAGE, type FilePlan, type Spelling } from "../../support/random-returns";
import { caseReturn, RULE_CASES } from "../../support/rule-cases";
import { carriedCycle, catalogue, fillAll, gridsWith, templateSpec, type Edit } from "../../support/returns";

/**
 * Characterisation of the validator (issue 23): every finding, in order, of a broad set of returns,
 * plus a digest of what each template sheet was read as, compared with a golden file written from
 * the code as it stood before validate-sheet.ts was split by rule family. A difference is a change
 * of behaviour. Only for an intended one, rewrite the golden and review its diff:
 *   UPDATE_GOLDEN=1 npx jest tests/core/validation/validate-golden
 */

const GOLDEN = join(__dirname, "__golden__", "findings.json");
const FRAMEWORKS = ["pact-2008", "prague-jd-2009", "emn-ahq-2010", "prague-ap-2012", "prague-ap-2023"] as const;

interface Scenario {
  readonly name: string;
  readonly inputs: () => SheetInput[];
}

const inputsOf = (grids: readonly SheetGrid[], details: ReadonlyMap<string, SheetDetails> = new Map(), extra: Partial<SheetInput> = {}): SheetInput[] =>
  grids.map((grid, i) => ({ grid, ...(details.has(grid.name) ? { details: details.get(grid.name) } : {}), ...(i === 0 ? extra : {}) }));

/** What validation gives, as plain JSON: findings whole, each contribution's reading as a digest. */
function outcome(inputs: readonly SheetInput[]): unknown {
  const v = validateWorkbook(inputs, catalogue);
  const digest = (x: unknown): string => createHash("sha256").update(JSON.stringify(x, (_k, val: unknown) => (val instanceof Map ? [...val.entries()] : val))).digest("hex").slice(0, 16);
  return {
    findings: v.findings,
    counts: v.counts,
    readyToSubmit: v.readyToSubmit,
    contributions: v.contributions.map((c) => ({
      sheet: c.sheet,
      title: c.title,
      framework: c.framework?.id,
      party: c.party?.code,
      role: c.role,
      dissemination: c.dissemination,
      emptyRequired: c.emptyRequired,
      entries: digest(c.entries),
      notes: digest(c.notes),
      meta: digest(c.meta),
    })),
  };
}

// ---- Every rule's own case, valid and broken (hidden columns, damage, unread details as the case says).
const ruleCases: Scenario[] = RULE_CASES.flatMap((c) => {
  const run = (broken: boolean) => (): SheetInput[] => {
    const r = caseReturn(c);
    const grids = gridsWith(r.spec, broken ? r.broken : r.valid);
    const details = damageGrids(grids, broken ? r.damage : []);
    return inputsOf(grids, details, broken ? { hiddenColumns: new Set(c.hideColumns ?? []), ...(c.unread ? { unread: c.unread } : {}) } : {});
  };
  return [
    { name: `rule ${c.code} ${c.what}: valid`, inputs: run(false) },
    { name: `rule ${c.code} ${c.what}: broken`, inputs: run(true) },
  ];
});

// ---- Entry values of every kind, good and bad, spread over every framework's entry cells.
const DATE_VALUES: readonly CellValue[] = ["next spring", "2013-02-30", "2013-01-31T10:00:00Z", 41000, 41000.5, { date: "1999-01-01" }, { date: "2030-01-01" }, " 2014-05-01 ", "nothing to report", true, null, "31/12/2013", "2014-05-01", { date: "2014-06-30" }];
const LIST_VALUES: readonly CellValue[] = ["finished", " Ongoing ", "COMPLETED", "completed", "not started", "planned", null, 42, "yes", "No", "no", "n/a", true, "ready  for review", "in progress"];
const TEXT_VALUES: readonly CellValue[] = [null, 12, true, "x".repeat(32768), "y ".repeat(3000), "nothing to report", "N/A", " ", "=SUM(A1)", "ok", "\n", "Nil"];

function mutatedEntries(spec: WorkbookSpec, framework: Framework, party: Party, seed: number, share: number): Edit[] {
  const rnd = mulberry32(seed);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const styleOf = new Map(spec.sheets.flatMap((s) => s.cells.map((c) => [`${s.name}!${c.row}:${c.col}`, c.style] as const)));
  return fillAll(spec, framework, party).map((e) => {
    if (rnd() >= share) return e;
    const style = styleOf.get(`${e.sheet}!${e.row}:${e.col}`);
    return { ...e, value: pick(style === "entryDate" ? DATE_VALUES : style === "entryList" ? LIST_VALUES : TEXT_VALUES) };
  });
}

const entryValues: Scenario[] = FRAMEWORKS.flatMap((id, fi) => {
  const fw = catalogue.framework(id);
  const parties = catalogue.partiesOf(fw).slice(0, 2);
  return parties.flatMap((p, pi) =>
    (["initial", "update"] as Round[]).flatMap((round) =>
      [0.15, 0.6].map((share, si) => ({
        name: `entries ${id} ${p.code} ${round} share ${share}`,
        inputs: () => {
          const { spec, framework, party } = templateSpec(id, p.code, round);
          const date1904 = si === 1 && pi === 1;
          return inputsOf(gridsWith(spec, mutatedEntries(spec, framework, party, 1000 * fi + 100 * pi + 10 * si + (round === "update" ? 1 : 0), share)), new Map(), date1904 ? { date1904 } : {});
        },
      })),
    ),
  );
});

// ---- Empty templates: every required entry missing, in both rounds.
const emptyReturns: Scenario[] = FRAMEWORKS.flatMap((id) =>
  (["initial", "update"] as Round[]).map((round) => ({
    name: `empty ${id} ${round}`,
    inputs: () => {
      const p = catalogue.partiesOf(catalogue.framework(id))[0] as Party;
      return inputsOf(gridsWith(templateSpec(id, p.code, round).spec, []));
    },
  })),
);

// ---- The header block and identity.
const HEADER_EDITS: readonly (readonly [string, keyof typeof META_ROWS, CellValue])[] = [
  ["cycle not a label", "cycle", "twenty twenty-six"],
  ["cycle long", "cycle", "x".repeat(80)],
  ["round unknown", "round", "final"],
  ["round cleared", "round", null],
  ["code lower case", "partyCode", "__lower__"],
  ["code as the name", "partyCode", "__name__"],
  ["code padded", "partyCode", "__padded__"],
  ["name of another party", "party", "__other name__"],
  ["name unknown", "party", "Republic of Nowhere"],
  ["framework cleared", "framework", null],
  ["version cleared", "version", null],
  ["sheet role unknown", "sheet", "annex"],
  ["sheet role lists", "sheet", "lists"],
  ["template cleared", "template", null],
  ["previous cycle typed", "previous", "2024"],
];

const headerEdits: Scenario[] = FRAMEWORKS.flatMap((id) =>
  HEADER_EDITS.map(([what, key, value]) => ({
    name: `header ${id} ${what}`,
    inputs: () => {
      const { spec, framework, party } = templateSpec(id, catalogue.partiesOf(catalogue.framework(id))[1]?.code ?? "");
      const other = catalogue.partiesOf(framework)[2] as Party;
      const resolved =
        value === "__lower__" ? party.code.toLowerCase() : value === "__name__" ? party.name : value === "__padded__" ? ` ${party.code} ` : value === "__other name__" ? other.name : value;
      const sheet = spec.sheets[0]?.name ?? "";
      return inputsOf(gridsWith(spec, [...fillAll(spec, framework, party), { sheet, row: META_ROWS[key], col: 1, value: resolved }]));
    },
  })),
);

// ---- Around the table: titles, area headings, locked text, strays, hidden columns, details of every kind.
function aroundTable(id: string): Scenario[] {
  const build = (f: (spec: WorkbookSpec, framework: Framework, party: Party, sheet: string) => { edits?: Edit[]; damage?: Damage[]; extra?: Partial<SheetInput> }) => () => {
    const fw = catalogue.framework(id);
    const p = catalogue.partiesOf(fw)[0] as Party;
    const { spec, framework, party } = templateSpec(id, p.code);
    const sheet = spec.sheets[0]?.name ?? "";
    const r = f(spec, framework, party, sheet);
    const grids = gridsWith(spec, [...fillAll(spec, framework, party), ...(r.edits ?? [])]);
    return inputsOf(grids, damageGrids(grids, r.damage ?? []), r.extra);
  };
  const cellsOf = (spec: WorkbookSpec, style: string) => spec.sheets[0]?.cells.filter((c) => c.style === style) ?? [];
  const other = (fw: Framework) => catalogue.partiesOf(fw)[3] as Party;
  return [
    { name: "title of another party", inputs: build((_s, fw, _p, sheet) => ({ edits: [{ sheet, row: 0, col: 0, value: `Report — ${other(fw).name}` }] })) },
    { name: "title typed over", inputs: build((_s, _fw, _p, sheet) => ({ edits: [{ sheet, row: 0, col: 0, value: "Draft, not for circulation" }] })) },
    {
      name: "area headings edited and doubled",
      inputs: build((spec, _fw, _p, sheet) => {
        const areas = cellsOf(spec, "areaHeading").filter((c) => c.col === 0);
        const [a, b] = areas;
        const edits: Edit[] = [];
        if (a) edits.push({ sheet, row: a.row, col: 1, value: "Our own heading" }, { sheet, row: a.row, col: 5, value: "note beside a heading" });
        // The second area's heading row pasted over the first item of the third area: the heading twice.
        if (b && areas[2]) edits.push({ sheet, row: areas[2].row + 1, col: 0, value: String(b.value) }, { sheet, row: areas[2].row + 1, col: 1, value: "again" });
        return { edits };
      }),
    },
    {
      name: "locked and item text edited",
      inputs: build((spec, _fw, _p, sheet) => {
        const edits: Edit[] = [];
        for (const style of ["guidance", "catalogueText"]) {
          const c = cellsOf(spec, style)[1];
          if (c) edits.push({ sheet, row: c.row, col: c.col, value: `${String(c.value)} (edited)` }, { sheet, row: c.row + 1, col: c.col, value: `  ${String(cellsOf(spec, style)[2]?.value ?? "")}  ` });
        }
        return { edits };
      }),
    },
    {
      name: "strays and hidden columns",
      inputs: build((_s, _fw, _p, sheet) => ({
        edits: [
          { sheet, row: 1, col: 4, value: "remark in the header" },
          { sheet, row: TABLE_HEADER_ROW - 1, col: 0, value: "above the table" },
          { sheet, row: FIRST_BODY_ROW + 2, col: 11, value: "beside a row" },
          { sheet, row: FIRST_BODY_ROW + 3, col: 14, value: 7 },
          { sheet, row: 200, col: 2, value: "far below" },
          { sheet, row: 201, col: 0, value: "ZZ.9" },
        ],
        extra: { hiddenColumns: new Set([1, 3, 4, 11]) },
      })),
    },
    {
      name: "details everywhere",
      inputs: build((spec, _fw, _p, sheet) => {
        const entries = spec.sheets[0]?.cells.filter((c) => c.style === "entryText" || c.style === "entryList" || c.style === "entryDate") ?? [];
        const at = (i: number) => entries[i % Math.max(1, entries.length)] ?? { row: FIRST_BODY_ROW, col: 2 };
        return {
          damage: [
            { kind: "formula", sheet, row: at(0).row, col: at(0).col, formula: "=B2", cached: "cached text" },
            { kind: "formula", sheet, row: at(1).row, col: at(1).col, formula: '=CONCAT("a")', cached: null },
            { kind: "error", sheet, row: at(2).row, col: at(2).col, formula: "=1/0", error: "#DIV/0!" },
            { kind: "link", sheet, row: at(3).row, col: at(3).col, text: "see the site", address: "https://example.org" },
            { kind: "comment", sheet, row: at(4).row, col: at(4).col, text: "Reviewer: check" },
            { kind: "comment", sheet, row: 1, col: 0, text: "on the header" },
            { kind: "formula", sheet, row: 0, col: 0, formula: '="Title"', cached: "Title" },
            { kind: "link", sheet, row: FIRST_BODY_ROW, col: 1, text: "linked heading", address: "https://example.org/h" },
            { kind: "merge", sheet, range: { top: at(5).row, left: at(5).col, bottom: at(5).row + 1, right: at(5).col + 1 } },
            { kind: "merge", sheet, range: { top: 1, left: 1, bottom: 2, right: 2 } },
            { kind: "duplicate", sheet, row: at(6).row, col: at(6).col, earlier: "first" },
            { kind: "duplicate", sheet, row: at(6).row, col: at(6).col, earlier: "second" },
          ],
          extra: { unread: [{ detail: "comments", reason: "comments need a newer Excel" }] },
        };
      }),
    },
    {
      name: "acknowledged warnings",
      inputs: () => {
        const fw = catalogue.framework(id);
        const p = catalogue.partiesOf(fw)[0] as Party;
        const { spec, framework, party } = templateSpec(id, p.code);
        const grids = gridsWith(spec, mutatedEntries(spec, framework, party, 77, 0.5));
        const first = validateWorkbook(inputsOf(grids), catalogue).findings.filter((f) => f.cell);
        const acks = new SheetGrid(ACK_SHEET, true);
        ["Sheet", "Cell", "Code", "Justification", "By", "Date"].forEach((h, col) => acks.set(0, col, h));
        // Every other finding acknowledged: warnings take it, errors and infos do not; one with no justification.
        first.forEach((f, i) => {
          if (i % 2 === 0) [f.sheet, (f.cell ?? "").toLowerCase(), f.code, i % 6 === 0 ? "" : `known ${i}`].forEach((v, col) => acks.set(1 + i, col, v));
        });
        return inputsOf([...grids, acks]);
      },
    },
    {
      name: "rows and a column inserted",
      inputs: build((spec, _fw, _p, sheet) => ({
        edits: [
          { sheet, row: TABLE_HEADER_ROW, col: (spec.sheets[0]?.cells.filter((c) => c.row === TABLE_HEADER_ROW).length ?? 5) + 1, value: "Our remarks" },
          { sheet, row: FIRST_BODY_ROW + 1, col: (spec.sheets[0]?.cells.filter((c) => c.row === TABLE_HEADER_ROW).length ?? 5) + 1, value: "remark" },
        ],
      })),
    },
  ].map((s) => ({ ...s, name: `around ${id} ${s.name}` }));
}

// ---- Year after year: templates started from last cycle, entries left as carried, status gone backwards.
const carried: Scenario[] = (["prague-ap-2012", "prague-ap-2023", "pact-2008", "emn-ahq-2010"] as const).flatMap((id) =>
  (["initial", "update"] as Round[]).map((round) => ({
    name: `carried ${id} ${round}`,
    inputs: () => {
      const fw = catalogue.framework(id);
      const p = catalogue.partiesOf(fw)[0] as Party;
      const refs = fw.areas.flatMap((a) => a.items.map((i) => i.ref));
      const previous = carriedCycle(fw, p, { cycle: round === "update" ? "2026" : "2025", completed: refs.filter((_, i) => i % 3 === 0) });
      const { spec, framework, party } = templateSpec(id, p.code, round, "2026", previous);
      const rnd = mulberry32(refs.length);
      // Some entries put back to what the template carried into them, some statuses sent backwards.
      const carriedCells = spec.sheets.flatMap((s) => s.cells.filter((c) => c.value !== null && (c.style === "entryText" || c.style === "entryList" || c.style === "entryDate")).map((c) => ({ sheet: s.name, row: c.row, col: c.col, value: c.value })));
      const edits = mutatedEntries(spec, framework, party, 5, 0.2);
      for (const c of carriedCells) if (rnd() < 0.3) edits.push(c);
      for (const e of fillAll(spec, framework, party)) if (e.value === "ongoing" && rnd() < 0.5) edits.push({ ...e, value: rnd() < 0.5 ? "not started" : "planned" });
      // Last cycle's read-only column edited here and there.
      for (const c of spec.sheets[0]?.cells.filter((x) => x.style === "previousText" || x.style === "previousCompleted") ?? []) if (rnd() < 0.2) edits.push({ sheet: spec.sheets[0]?.name ?? "", row: c.row, col: c.col, value: "changed" });
      return inputsOf(gridsWith(spec, edits));
    },
  })),
);

// ---- Random returns with random damage (the consolidation fuzz's files), from a fixed seed.
function randomPlan(rnd: () => number, parties: number): FilePlan {
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
  const n = (max: number) => Math.floor(rnd() * (max + 1));
  const kinds = ["formula", "formula-uncached", "error", "link", "comment", "comment-on-text"] as const;
  return {
    party: n(parties - 1),
    spelling: pick<Spelling>(["code", "code", "lower", "name", "padded", "other party", ...IDENTITY_DAMAGE]),
    round: pick(["initial", "update"] as const),
    receivedDay: n(20),
    dissemination: pick(DISSEMINATION_SPELLINGS),
    blanks: Array.from({ length: n(30) }, () => n(400)),
    damage: Array.from({ length: n(4) }, () => ({ kind: pick(kinds), at: n(400) })),
    insertColumnAt: rnd() < 0.3 ? 2 + n(7) : null,
    textSeed: n(1_000_000),
    wrongRole: rnd() < 0.1,
    choiceDamage: rnd() < 0.4 ? pick(CHOICE_DAMAGE) : null,
    rowsInserted: pick([0, 0, 0, 1, 2]),
    extraSheet: rnd() < 0.3 ? { name: pick(["Annex", "Cover letter", "Notes (internal)"]), hidden: rnd() < 0.5, cells: 1 + n(5) } : null,
  };
}

const randomReturns: Scenario[] = FRAMEWORKS.flatMap((id, fi) => {
  const rnd = mulberry32(4242 + fi);
  return Array.from({ length: 8 }, (_, i) => {
    const plan = randomPlan(rnd, 3);
    return {
      name: `random ${id} #${i}`,
      inputs: () => {
        const built = buildFile(id, plan, i);
        return inputsOf(built.grids, built.details);
      },
    };
  });
});

const SCENARIOS: readonly Scenario[] = [...ruleCases, ...entryValues, ...emptyReturns, ...headerEdits, ...FRAMEWORKS.flatMap(aroundTable), ...carried, ...randomReturns];

describe("validation findings match the golden file", () => {
  const actual: Record<string, unknown> = Object.fromEntries(SCENARIOS.map((s) => [s.name, outcome(s.inputs())]));

  it("has a unique name per scenario", () => {
    expect(new Set(SCENARIOS.map((s) => s.name)).size).toBe(SCENARIOS.length);
  });

  if (process.env["UPDATE_GOLDEN"] === "1" || !existsSync(GOLDEN)) {
    it("writes the golden file (UPDATE_GOLDEN=1)", () => {
      if (process.env["UPDATE_GOLDEN"] !== "1") throw new Error(`no golden file at ${GOLDEN}: run with UPDATE_GOLDEN=1 on code known to be right`);
      mkdirSync(join(__dirname, "__golden__"), { recursive: true });
      writeFileSync(GOLDEN, `${JSON.stringify(actual, null, 1)}\n`);
    });
    return;
  }

  const golden = JSON.parse(readFileSync(GOLDEN, "utf8")) as Record<string, unknown>;
  it("covers the same scenarios", () => {
    expect(Object.keys(actual)).toEqual(Object.keys(golden));
  });
  it.each(SCENARIOS.map((s) => [s.name] as const))("%s", (name) => {
    // Through JSON, so that absent and undefined fields compare as the file stores them.
    expect(JSON.parse(JSON.stringify(actual[name]))).toEqual(golden[name]);
  });
});
