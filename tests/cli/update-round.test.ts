import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ConsolidateJson } from "../../src/cli/commands/consolidate";
import type { FileValidation } from "../../src/cli/commands/validate";
import { CARRIED_SHEET } from "../../src/core/cycles/carried";
import { FIRST_BODY_ROW, TABLE_HEADER_ROW } from "../../src/core/template/layout";
import { catalogue, fillAll, templateSpec, type Edit } from "../support/returns";
import { PYTHON, hasOpenpyxl, openpyxlDump, tempDir, type DumpedSheet, type DumpedWorkbook } from "../support/tools";

/**
 * The update round on real files (README, "The update round"): a generated initial return filled
 * by openpyxl; an update template of which openpyxl fills only two rows validates clean and, under
 * --strict, merges entry by entry with the initial return; `generate --round update --from` the
 * initial return carries its entries into the update template.
 */

const BIN = join(__dirname, "..", "..", "bin", "pact-tracker.js");
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });

type Value = DumpedSheet["cells"][string]["v"];

function at(sheet: DumpedSheet, row: number, col: number): Value {
  const address = `${String.fromCharCode(65 + col)}${row + 1}`;
  const v = sheet.cells[address]?.v ?? null;
  return v === "" ? null : v;
}

function sheetOf(wb: DumpedWorkbook, title: string): DumpedSheet {
  const s = wb.sheets.find((x) => x.title === title);
  if (!s) throw new Error(`no sheet '${title}' among ${wb.sheets.map((x) => x.title).join(", ")}`);
  return s;
}

/** An entry cell of a template sheet found as a user would: by reference (column A) and heading. */
function locateIn(sheet: DumpedSheet, ref: string, header: string): { row: number; col: number } {
  let col = -1;
  for (let c = 0; c < 20 && col < 0; c++) if (at(sheet, TABLE_HEADER_ROW, c) === header) col = c;
  let row = -1;
  for (let r = FIRST_BODY_ROW; r < 400 && row < 0; r++) if (at(sheet, r, 0) === ref) row = r;
  if (row < 0 || col < 0) throw new Error(`no cell for ${ref} / ${header} on ${sheet.title}`);
  return { row, col };
}

function fillWithOpenpyxl(file: string, edits: readonly Edit[], out: string): void {
  // Beside the template, never in the folder of returns (it would be an input there).
  const list = `${file}.edits.json`;
  writeFileSync(list, JSON.stringify(edits));
  execFileSync(PYTHON, [join(__dirname, "..", "support", "openpyxl_fill.py"), file, list, out]);
}

/** Every text of a sheet's cells. */
const textsOf = (sheet: DumpedSheet): Set<string> => new Set(Object.values(sheet.cells).flatMap((c) => (typeof c.v === "string" ? [c.v] : [])));

const maybe = hasOpenpyxl() ? describe : describe.skip;

maybe("the update round on real files", () => {
  const dir = tempDir("update-round");
  const inbox = join(dir, "inbox");
  const pact = catalogue.framework("pact-2008");
  const ACTIONS = pact.entryColumns.find((c) => c.id === "actions")?.header ?? "";
  const PLANNED = pact.entryColumns.find((c) => c.id === "planned")?.header ?? "";
  const FACTUAL = "pact-2008 BE factual";
  const initial = join(inbox, "BE.xlsx");
  const update = join(inbox, "BE-update.xlsx");
  const CHANGED = { "I(a)": "Belgium, January: a new reception centre opened.", "II(b)": "Belgium, January: the return directive is transposed." } as const;
  /** The initial return's answers, by sheet, row and column (as fillAll wrote them). */
  let answers: Edit[] = [];

  beforeAll(() => {
    mkdirSync(inbox);
    const blank = join(dir, "BE-blank.xlsx");
    expect(cli("generate", "--framework", "pact-2008", "--country", "BE", "--cycle", "2026", "--out", blank).status).toBe(0);
    const { spec, framework, party } = templateSpec("pact-2008", "BE", "initial", "2026");
    answers = fillAll(spec, framework, party);
    fillWithOpenpyxl(blank, answers, initial);

    const blankUpdate = join(dir, "BE-update-blank.xlsx");
    const g = cli("generate", "--framework", "pact-2008", "--country", "BE", "--cycle", "2026", "--round", "update", "--out", blankUpdate);
    expect(g.status).toBe(0);
    const sheet = sheetOf(openpyxlDump(blankUpdate), FACTUAL);
    fillWithOpenpyxl(blankUpdate, Object.entries(CHANGED).map(([ref, value]) => ({ sheet: FACTUAL, ...locateIn(sheet, ref, ACTIONS), value })), update);
  }, 120_000);

  const answerAt = (sheet: string, row: number, col: number): Value => (answers.find((e) => e.sheet === sheet && e.row === row && e.col === col)?.value ?? null) as Value;

  it("an update filling only two rows validates clean: no errors, one info per sheet", () => {
    const r = cli("validate", update, "--json");
    expect(r.status).toBe(0);
    const [v] = JSON.parse(r.stdout) as FileValidation[];
    expect(v?.status).toBe("ok");
    expect(v?.findings.filter((f) => f.severity !== "info")).toEqual([]);
    expect(v?.findings.map((f) => [f.sheet, f.code])).toEqual([
      ["pact-2008 BE report", "PT-CONT-020"],
      [FACTUAL, "PT-CONT-020"],
    ]);
    expect(v?.findings[1]?.message).toMatch(/^This update leaves \d+ required entries empty \(I\(a\), I\(b\), /);
  });

  it("consolidate --strict accepts it and merges entry by entry: the update's two texts, the initial's everywhere else", () => {
    const out = join(dir, "combined.xlsx");
    const r = cli("consolidate", inbox, "--strict", "--out", out, "--json");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as ConsolidateJson;
    expect(json.rows.map((x) => [x.file.slice(inbox.length + 1), x.sheet, x.round, x.status, x.errors])).toEqual([
      ["BE-update.xlsx", "pact-2008 BE factual", "update", "accepted", 0],
      ["BE-update.xlsx", "pact-2008 BE report", "update", "accepted", 0],
      ["BE.xlsx", "pact-2008 BE factual", "initial", "accepted", 0],
      ["BE.xlsx", "pact-2008 BE report", "initial", "accepted", 0],
    ]);
    const factualRow = json.rows.find((x) => x.file === update && x.sheet === FACTUAL);
    expect(factualRow?.note).toContain(`carried from ${initial} › ${FACTUAL}`);
    expect(json.rows.find((x) => x.file === initial && x.sheet === FACTUAL)?.note).toContain("2 entries replaced by a later return");

    const report = openpyxlDump(out);
    const compilations = report.sheets.filter((s) => s.title.startsWith("pact-2008") && s.title.includes("compilation"));
    expect(compilations.length).toBeGreaterThan(0);
    const texts = new Set(compilations.flatMap((s) => [...textsOf(s)]));
    // The two rows the update changed show its text, and no longer the initial's.
    const blankFactual = sheetOf(openpyxlDump(join(dir, "BE-blank.xlsx")), FACTUAL);
    for (const [ref, value] of Object.entries(CHANGED)) {
      expect(texts.has(value)).toBe(true);
      const { row, col } = locateIn(blankFactual, ref, ACTIONS);
      expect(texts.has(String(answerAt(FACTUAL, row, col)))).toBe(false);
    }
    // Every other entry is the initial return's: the other rows' actions, and every row's plans.
    const kept = answers.filter((e) => {
      if (e.sheet !== FACTUAL || typeof e.value !== "string") return false;
      const header = at(blankFactual, TABLE_HEADER_ROW, e.col);
      const ref = String(at(blankFactual, e.row, 0));
      return header === PLANNED || (header === ACTIONS && !(ref in CHANGED));
    });
    expect(kept.length).toBeGreaterThan(60);
    for (const e of kept) expect([e.row, e.col, texts.has(String(e.value))]).toEqual([e.row, e.col, true]);
  });

  it("generate --round update --from the initial return carries its entries into the update template", () => {
    const out = join(dir, "BE-update-carried.xlsx");
    const r = cli("generate", "--framework", "pact-2008", "--country", "BE", "--cycle", "2026", "--round", "update", "--from", initial, "--out", out);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(new RegExp(`^Started from cycle 2026 \\(this cycle's return: .+\\): \\d+ entries carried; items no longer in the catalogue: none$`, "m"));
    const wb = openpyxlDump(out);
    expect(sheetOf(wb, CARRIED_SHEET).state).toBe("hidden");
    const factual = sheetOf(wb, FACTUAL);
    expect(at(factual, 8, 1)).toBe("update");
    // No "last cycle" column: the table is the initial template's, so every answer is where it was.
    const blankFactual = sheetOf(openpyxlDump(join(dir, "BE-blank.xlsx")), FACTUAL);
    for (let c = 0; c < 12; c++) expect(at(factual, TABLE_HEADER_ROW, c)).toBe(at(blankFactual, TABLE_HEADER_ROW, c));
    const blank = openpyxlDump(join(dir, "BE-blank.xlsx"));
    const carried = answers.filter((e) => e.value !== null && String(at(sheetOf(blank, e.sheet), TABLE_HEADER_ROW, e.col)) !== "Review state");
    expect(carried.length).toBeGreaterThan(100);
    for (const e of carried) {
      const sheet = sheetOf(wb, e.sheet);
      expect([e.sheet, e.row, e.col, at(sheet, e.row, e.col)]).toEqual([e.sheet, e.row, e.col, e.value]);
    }
    // As carried it is a clean update (nothing is "unchanged since" anything); one change, and it merges.
    const v = JSON.parse(cli("validate", out, "--json").stdout) as FileValidation[];
    expect(v[0]?.findings).toEqual([]);
    const changedDir = join(dir, "carried-inbox");
    mkdirSync(changedDir);
    const target = locateIn(factual, "III(a)", ACTIONS);
    fillWithOpenpyxl(out, [{ sheet: FACTUAL, ...target, value: "Changed in the carried update." }], join(changedDir, "BE-update.xlsx"));
    const combined = join(dir, "combined-carried.xlsx");
    const c = cli("consolidate", initial, join(changedDir, "BE-update.xlsx"), "--strict", "--out", combined, "--json");
    expect(c.status).toBe(0);
    expect((JSON.parse(c.stdout) as ConsolidateJson).rows.every((x) => x.status === "accepted" || x.status === "superseded")).toBe(true);
    const texts = new Set(openpyxlDump(combined).sheets.filter((s) => s.title.includes("compilation")).flatMap((s) => [...textsOf(s)]));
    expect(texts.has("Changed in the carried update.")).toBe(true);
    expect(texts.has(String(answerAt(FACTUAL, target.row, target.col)))).toBe(false);
  });

  it("an update cannot start from a later cycle's return, nor another party's", () => {
    const later = cli("generate", "--framework", "pact-2008", "--country", "BE", "--cycle", "2025", "--round", "update", "--from", initial, "--out", join(dir, "x.xlsx"));
    expect(later.status).toBe(2);
    expect(later.stderr).toMatch(/^pact-tracker: PT-CYCLE-004 /);
    const other = cli("generate", "--framework", "pact-2008", "--country", "FR", "--cycle", "2026", "--round", "update", "--from", initial, "--out", join(dir, "y.xlsx"));
    expect(other.status).toBe(2);
    expect(other.stderr).toMatch(/^pact-tracker: PT-CYCLE-001 /);
  });
});
