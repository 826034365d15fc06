import ExcelJS from "exceljs";
import { execFileSync, spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ConsolidateJson } from "../../src/cli/commands/consolidate";
import type { FileValidation } from "../../src/cli/commands/validate";
import { CARRIED_SHEET } from "../../src/core/cycles/carried";
import { columnIndex, cellAddress } from "../../src/core/grid/grid";
import { FIRST_BODY_ROW, TABLE_HEADER_ROW, tableColumns } from "../../src/core/template/layout";
import type { CellValue, SheetRole } from "../../src/core/template/spec";
import { catalogue, fillAll, templateSpec, type Edit } from "../support/returns";
import { filledByOpenpyxl } from "../support/xlsx-returns";
import { PYTHON, hasOpenpyxl, openpyxlDump, tempDir, type DumpedSheet, type DumpedWorkbook } from "../support/tools";

/**
 * Year after year on real files (issue 13): a 2025 return filled by openpyxl starts the 2026
 * template (`generate --from`, `--from-dir`), read back by openpyxl; and the 2026 returns are
 * compared with 2025 (`consolidate --previous-dir`, `--previous REPORT`) with known edits.
 */

const BIN = join(__dirname, "..", "..", "bin", "pact-tracker.js");
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });

type Value = DumpedSheet["cells"][string]["v"];

/** A dumped sheet's values by zero-based row and column; blank cells are null. */
function valuesOf(sheet: DumpedSheet): { at: (row: number, col: number) => Value; rows: number } {
  const byCell = new Map<string, Value>();
  let rows = 0;
  for (const [address, cell] of Object.entries(sheet.cells)) {
    const m = /^([A-Z]+)(\d+)$/.exec(address);
    if (!m?.[1] || !m[2]) continue;
    const row = Number(m[2]) - 1;
    rows = Math.max(rows, row + 1);
    byCell.set(`${row}:${columnIndex(m[1])}`, cell.v === "" ? null : cell.v);
  }
  return { at: (row, col) => byCell.get(`${row}:${col}`) ?? null, rows };
}

function sheetOf(wb: DumpedWorkbook, title: string): DumpedSheet {
  const s = wb.sheets.find((x) => x.title === title);
  if (!s) throw new Error(`no sheet '${title}' among ${wb.sheets.map((x) => x.title).join(", ")}`);
  return s;
}

/** Where an item's entry is on a template sheet, found as a user would: by reference and heading. */
function locateIn(sheet: DumpedSheet, ref: string, header: string): { row: number; col: number } {
  const v = valuesOf(sheet);
  let col = -1;
  for (let c = 0; c < 40 && col < 0; c++) if (v.at(TABLE_HEADER_ROW, c) === header) col = c;
  let row = -1;
  for (let r = FIRST_BODY_ROW; r < v.rows && row < 0; r++) if (v.at(r, 0) === ref) row = r;
  if (row < 0 || col < 0) throw new Error(`no cell for ${ref} / ${header} on ${sheet.title}`);
  return { row, col };
}

/** A 2025 answer as the test wrote it: where (by reference and heading) and what. */
interface Answer {
  readonly sheet: string;
  readonly role: SheetRole;
  readonly ref: string;
  readonly header: string;
  readonly kind: string;
  readonly type?: string;
  readonly value: CellValue;
}

function answersOf(frameworkId: string, party: string, edits: readonly Edit[]): Answer[] {
  const { spec, framework } = templateSpec(frameworkId, party, "initial", "2025");
  return edits.map((e) => {
    const sheet = spec.sheets.find((s) => s.name === e.sheet);
    if (!sheet) throw new Error(`no sheet ${e.sheet}`);
    const column = tableColumns(framework, sheet.role, party)[e.col];
    if (!column) throw new Error(`no column ${e.col}`);
    const ref = String(sheet.cells.find((c) => c.row === e.row && c.col === 0)?.value ?? "");
    return { sheet: e.sheet, role: sheet.role, ref, header: column.header, kind: column.kind, ...(column.kind === "entry" ? { type: column.entry.type } : {}), value: e.value };
  });
}

/** Edits an existing workbook with openpyxl (another program, as a ministry's colleague would). */
function editWithOpenpyxl(file: string, edits: readonly Edit[], out: string): void {
  // Beside the source, never in the folder of returns (it would be an input there).
  const list = `${file}.edits.json`;
  writeFileSync(list, JSON.stringify(edits));
  execFileSync(PYTHON, [join(__dirname, "..", "support", "openpyxl_fill.py"), file, list, out]);
}

const withOpenpyxl = hasOpenpyxl();
const maybe = withOpenpyxl ? describe : describe.skip;

maybe("next cycle on real files", () => {
  const dir = tempDir("next-cycle");
  const y2025 = join(dir, "2025");
  const mixed = join(dir, "mixed");
  const answers = new Map<string, Answer[]>();
  const pact = catalogue.framework("pact-2008");
  const PARTIES = ["AT", "DE", "FR"] as const;

  beforeAll(async () => {
    mkdirSync(y2025);
    mkdirSync(mixed);
    for (const [frameworkId, party, folder] of [...PARTIES.map((p) => ["pact-2008", p, y2025] as const), ["prague-ap-2023", "AM", mixed] as const]) {
      const { spec, framework, party: p } = templateSpec(frameworkId, party, "initial", "2025");
      const edits = fillAll(spec, framework, p);
      answers.set(`${frameworkId} ${party}`, answersOf(frameworkId, party, edits));
      const filled = await filledByOpenpyxl(spec, edits, dir, `${frameworkId}-${party}-2025`);
      copyFileSync(filled, join(folder, `${party}.xlsx`));
    }
    for (const p of PARTIES) copyFileSync(join(y2025, `${p}.xlsx`), join(mixed, `${p}.xlsx`));
    // Two bad files: one no reader opens, one a workbook that is neither a return nor our report.
    writeFileSync(join(mixed, "scan.xlsx"), "%PDF-1.4 not a workbook");
    const notes = new ExcelJS.Workbook();
    notes.addWorksheet("Notes").getCell("A1").value = "call FR about II(b)";
    await notes.xlsx.writeFile(join(mixed, "notes.xlsx"));
  }, 180_000);

  const ofParty = (frameworkId: string, party: string): Answer[] => answers.get(`${frameworkId} ${party}`) ?? [];
  /** What a previous return carries: every value but the review state. */
  const carriedAnswers = (frameworkId: string, party: string): Answer[] => ofParty(frameworkId, party).filter((a) => a.kind !== "review" && a.value !== null);
  const textAnswers = (frameworkId: string, party: string): Answer[] => carriedAnswers(frameworkId, party).filter((a) => a.kind === "entry" && a.type === "text");

  describe("generate --from", () => {
    const fr2026 = join(dir, "FR-2026.xlsx");

    it("carries every entry of the 2025 return into the 2026 template, beside last cycle's plans, marked and in draft", () => {
      const from = join(y2025, "FR.xlsx");
      const r = cli("generate", "--framework", "pact-2008", "--country", "FR", "--cycle", "2026", "--from", from, "--out", fr2026);
      expect(r.stderr).toBe("");
      expect(r.status).toBe(0);
      const carried = carriedAnswers("pact-2008", "FR");
      const [political, factual] = [`pact-2008 FR report`, `pact-2008 FR factual`];
      const started = r.stdout.split("\n").find((l) => l.startsWith("Started from"));
      expect(started).toMatch(new RegExp(`^Started from cycle 2025 \\(.+\\): ${carried.length} entries carried; items no longer in the catalogue: none$`));
      expect(started).toContain(`${from} › ${political}`);
      expect(started).toContain(`${from} › ${factual}`);

      const wb = openpyxlDump(fr2026);
      // Every entry where it was, found by reference and heading (the new previous column moved them).
      for (const a of carried) {
        const sheet = sheetOf(wb, a.sheet);
        const { row, col } = locateIn(sheet, a.ref, a.header);
        expect([a.ref, a.header, valuesOf(sheet).at(row, col)]).toEqual([a.ref, a.header, a.value]);
      }
      // Last cycle's plans, read-only beside this cycle's actions.
      const fact = sheetOf(wb, factual);
      const plannedHeader = pact.entryColumns.find((c) => c.id === "planned")?.header ?? "";
      const actionsHeader = pact.entryColumns.find((c) => c.id === "actions")?.header ?? "";
      const planned = carried.filter((a) => a.sheet === factual && a.header === plannedHeader);
      expect(planned).toHaveLength(pact.areas.flatMap((x) => x.items).length);
      for (const a of planned) {
        const { row, col } = locateIn(fact, a.ref, "Planned last cycle (2025)");
        expect(valuesOf(fact).at(row, col)).toBe(a.value);
        expect(fact.cells[cellAddress(row, col)]?.locked).toBe(true);
        expect(locateIn(fact, a.ref, actionsHeader).col).toBe(col + 1);
      }
      // The hidden copy that marks carried entries until edited.
      expect(sheetOf(wb, CARRIED_SHEET).state).toBe("hidden");
      // Review states start again from draft.
      for (const title of [political, factual]) {
        const sheet = sheetOf(wb, title);
        const { col } = locateIn(sheet, title === political ? "I" : "I(a)", "Review state");
        const v = valuesOf(sheet);
        const states = new Set<Value>();
        for (let row = FIRST_BODY_ROW; row < v.rows; row++) if (v.at(row, col) !== null) states.add(v.at(row, col));
        expect([...states]).toEqual(["draft"]);
      }
    });

    it("validate warns once per carried text entry, unchanged since 2025; editing one clears its warning only", () => {
      const texts = textAnswers("pact-2008", "FR");
      const unchanged = (file: string) => {
        const r = cli("validate", file, "--json");
        expect(r.status).toBe(0);
        const [v] = JSON.parse(r.stdout) as FileValidation[];
        return v?.findings.filter((f) => f.code === "PT-CONT-017") ?? [];
      };
      const before = unchanged(fr2026);
      expect(before).toHaveLength(texts.length);
      for (const f of before) expect(f.message).toContain("unchanged since cycle 2025");

      const target = texts.find((a) => a.ref === "II(c)" && a.kind === "entry");
      if (!target) throw new Error("no II(c) entry");
      const at = locateIn(sheetOf(openpyxlDump(fr2026), target.sheet), target.ref, target.header);
      const edited = join(dir, "FR-2026-edited.xlsx");
      editWithOpenpyxl(fr2026, [{ sheet: target.sheet, ...at, value: "Confirmed and updated for 2026." }], edited);
      const after = unchanged(edited);
      expect(after).toHaveLength(texts.length - 1);
      expect(after.some((f) => f.sheet === target.sheet && f.cell === cellAddress(at.row, at.col))).toBe(false);
      expect(before.some((f) => f.sheet === target.sheet && f.cell === cellAddress(at.row, at.col))).toBe(true);
    });

    it("a Prague return carries status, dates, funding and activities, with last cycle's status beside", () => {
      const out = join(dir, "AM-2026.xlsx");
      const r = cli("generate", "--framework", "prague-ap-2023", "--country", "AM", "--cycle", "2026", "--from", join(mixed, "AM.xlsx"), "--out", out);
      expect(r.status).toBe(0);
      expect(r.stdout).toMatch(/^Started from cycle 2025 /m);
      const wb = openpyxlDump(out);
      const carried = carriedAnswers("prague-ap-2023", "AM");
      for (const a of carried) {
        const sheet = sheetOf(wb, a.sheet);
        const { row, col } = locateIn(sheet, a.ref, a.header);
        expect([a.ref, a.header, valuesOf(sheet).at(row, col)]).toEqual([a.ref, a.header, a.value]);
      }
      const status = carried.filter((a) => a.header === "Status");
      expect(status.length).toBeGreaterThan(0);
      for (const a of status) {
        const sheet = sheetOf(wb, a.sheet);
        const { row, col } = locateIn(sheet, a.ref, "Status last cycle (2025)");
        expect(valuesOf(sheet).at(row, col)).toBe(a.value);
      }
      expect(sheetOf(wb, CARRIED_SHEET).state).toBe("hidden");
    });

    it.each([
      ["another party's return", ["--country", "FR", "--from", "2025/DE.xlsx"], "PT-CYCLE-001"],
      ["another framework's return", ["--country", "FR", "--from", "mixed/AM.xlsx"], "PT-CYCLE-002"],
      ["a return of the same cycle", ["--country", "FR", "--from", "2025/FR.xlsx", "--cycle", "2025"], "PT-CYCLE-004"],
      ["a file no reader opens", ["--country", "FR", "--from", "mixed/scan.xlsx"], "PT-READ-001"],
      ["a workbook that is neither a return nor a report", ["--country", "FR", "--from", "mixed/notes.xlsx"], "PT-CONS-002"],
      ["a file that is not there", ["--country", "FR", "--from", "2025/XX.xlsx"], "PT-IO-002"],
    ])("%s is refused with its code (exit 2) and nothing is written", (_, args, code) => {
      const out = join(dir, `refused-${code}.xlsx`);
      const r = cli("generate", "--framework", "pact-2008", "--cycle", "2026", ...args.map((a) => (a.includes("/") ? join(dir, a) : a)), "--out", out);
      expect(r.status).toBe(2);
      expect(r.stderr).toMatch(new RegExp(`^pact-tracker: ${code} \\S+`));
      expect(r.stdout).toBe("");
      expect(existsSync(out)).toBe(false);
    });

    it("--from takes a file and --from-dir a folder", () => {
      expect(cli("generate", "--framework", "pact-2008", "--country", "FR", "--from", y2025, "--out", join(dir, "x.xlsx")).stderr).toMatch(/PT-CLI-001 --from takes a file; .* \(give it with --from-dir\)/);
      expect(cli("generate", "--framework", "pact-2008", "--all-parties", "--from-dir", join(y2025, "FR.xlsx"), "--out-dir", join(dir, "x")).stderr).toMatch(/PT-CLI-001 --from-dir takes a folder/);
    });
  });

  describe("generate --all-parties --from-dir", () => {
    it("starts each party from its own return; one without gets a blank template, said so; bad files are named and do not stop the batch", () => {
      const out = join(dir, "requests");
      const r = cli("generate", "--framework", "pact-2008", "--all-parties", "--cycle", "2026", "--from-dir", mixed, "--out-dir", out);
      expect(r.status).toBe(0);
      const parties = catalogue.partiesOf(pact);
      expect(readdirSync(out)).toHaveLength(parties.length);
      const lines = r.stdout.trim().split("\n");
      for (const p of parties) {
        const i = lines.findIndex((l) => new RegExp(`^\\[\\d+/${parties.length}\\] ${p.code} `).test(l));
        expect(i).toBeGreaterThanOrEqual(0);
        const next = lines[i + 1] ?? "";
        if ((PARTIES as readonly string[]).includes(p.code)) expect(next).toMatch(new RegExp(`^  Started from cycle 2025 \\(${join(mixed, `${p.code}.xlsx`).replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} › `));
        else expect(next).toBe(`  No previous return of ${p.name} (${p.code}) in ${mixed}: blank template`);
      }
      // Every file that gave nothing is named with its code; the other framework's return is said to be unused.
      expect(r.stderr).toContain(`previous: ${join(mixed, "scan.xlsx")} — PT-READ-001 `);
      expect(r.stderr).toContain(`previous: ${join(mixed, "notes.xlsx")} — PT-CONS-002 `);
      expect(r.stderr).toContain("previous: not used, not of pact-2008: prague-ap-2023 2025");

      const files = readdirSync(out);
      const fr = openpyxlDump(join(out, files.find((f) => f.includes("FR")) ?? ""));
      const be = openpyxlDump(join(out, files.find((f) => f.includes("BE")) ?? ""));
      expect(fr.sheets.map((s) => s.title)).toContain(CARRIED_SHEET);
      expect(be.sheets.map((s) => s.title)).not.toContain(CARRIED_SHEET);
      const a = carriedAnswers("pact-2008", "FR")[0];
      if (!a) throw new Error("no answer");
      const sheet = sheetOf(fr, a.sheet);
      const { row, col } = locateIn(sheet, a.ref, a.header);
      expect(valuesOf(sheet).at(row, col)).toBe(a.value);
    }, 180_000);

    it("a folder with nothing readable writes nothing (exit 2, every file named)", () => {
      const bad = join(dir, "bad");
      mkdirSync(bad);
      copyFileSync(join(mixed, "scan.xlsx"), join(bad, "scan.xlsx"));
      const out = join(dir, "requests-bad");
      const r = cli("generate", "--framework", "pact-2008", "--all-parties", "--cycle", "2026", "--from-dir", bad, "--out-dir", out);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`previous: ${join(bad, "scan.xlsx")} — PT-READ-001 `);
      expect(r.stderr).toMatch(/PT-CYCLE-003 .*nothing of a previous cycle could be read from 1 file/);
      expect(existsSync(out)).toBe(false);
    });
  });

  describe("consolidate --previous-dir / --previous", () => {
    const y2026 = join(dir, "2026");
    const actionsHeader = pact.entryColumns.find((c) => c.id === "actions")?.header ?? "";
    const plannedHeader = pact.entryColumns.find((c) => c.id === "planned")?.header ?? "";
    const UPDATED = "France updated this for 2026.";
    const valueOf = (party: string, ref: string, header: string): CellValue => ofParty("pact-2008", party).find((a) => a.ref === ref && a.header === header)?.value ?? null;

    beforeAll(() => {
      mkdirSync(y2026);
      // 2026: France and Germany start from 2025 and edit; Austria does not return.
      for (const party of ["FR", "DE"]) {
        const generated = join(dir, `${party}-2026-generated.xlsx`);
        const r = cli("generate", "--framework", "pact-2008", "--country", party, "--cycle", "2026", "--from", join(y2025, `${party}.xlsx`), "--out", generated);
        expect(r.status).toBe(0);
        const factual = sheetOf(openpyxlDump(generated), `pact-2008 ${party} factual`);
        const edits: Edit[] =
          party === "FR"
            ? [{ sheet: factual.title, ...locateIn(factual, "I(a)", actionsHeader), value: UPDATED }]
            : [
                // One entry cleared (the item still reported), and one item cleared altogether.
                { sheet: factual.title, ...locateIn(factual, "I(b)", plannedHeader), value: null },
                { sheet: factual.title, ...locateIn(factual, "I(c)", actionsHeader), value: null },
                { sheet: factual.title, ...locateIn(factual, "I(c)", plannedHeader), value: null },
              ];
        editWithOpenpyxl(generated, edits, join(y2026, `${party}.xlsx`));
      }
    }, 120_000);

    interface ChangeRow {
      ref: Value;
      party: Value;
      code: Value;
      change: Value;
      column: Value;
      previous: Value;
      current: Value;
    }
    const HEADINGS = ["Ref", "Item", "Party", "Code", "Change", "Column", "Cycle 2025", "Cycle 2026"];
    const STATES = ["new", "changed", "unchanged", "no longer reported", "no return this cycle"];

    function changeRows(report: string): ChangeRow[] {
      const sheet = sheetOf(openpyxlDump(report), "pact-2008 changes");
      const v = valuesOf(sheet);
      let heading = -1;
      for (let r = 0; r < v.rows && heading < 0; r++) if (HEADINGS.every((h, c) => v.at(r, c) === h)) heading = r;
      expect(heading).toBeGreaterThanOrEqual(2); // a title row and a legend row above
      const rows: ChangeRow[] = [];
      for (let r = heading + 1; r < v.rows; r++) {
        if (!STATES.includes(String(v.at(r, 4)))) continue;
        rows.push({ ref: v.at(r, 0), party: v.at(r, 2), code: v.at(r, 3), change: v.at(r, 4), column: v.at(r, 5), previous: v.at(r, 6), current: v.at(r, 7) });
      }
      return rows;
    }

    function trend(report: string): Map<Value, Value[]> {
      const sheet = sheetOf(openpyxlDump(report), "pact-2008 coverage");
      const v = valuesOf(sheet);
      let top = -1;
      for (let r = 0; r < v.rows && top < 0; r++) if (String(v.at(r, 0) ?? "").startsWith("Trend per area")) top = r;
      expect(top).toBeGreaterThan(0);
      expect([v.at(top + 1, 2), v.at(top + 1, 3)]).toEqual(["Cycle 2025", "Cycle 2026"]);
      const out = new Map<Value, Value[]>();
      for (let r = top + 2; r < v.rows; r++) if (v.at(r, 0) !== null) out.set(v.at(r, 0), [v.at(r, 2), v.at(r, 3)]);
      return out;
    }

    const refs = [...pact.areas.map((a) => a.id), ...pact.areas.flatMap((a) => a.items.map((i) => i.ref))];
    const expectedStates = new Map<string, string>();
    for (const ref of refs) {
      expectedStates.set(`${ref} FR`, ref === "I(a)" ? "changed" : "unchanged");
      expectedStates.set(`${ref} DE`, ref === "I(b)" ? "changed" : ref === "I(c)" ? "no longer reported" : "unchanged");
      expectedStates.set(`${ref} AT`, "no return this cycle");
    }
    const statesOf = (rows: readonly ChangeRow[]): Map<string, string> => new Map(rows.map((r) => [`${String(r.ref)} ${String(r.code)}`, String(r.change)]));

    let byDir: ChangeRow[] = [];

    it("lists exactly the items that changed per party, with both values, and counts the trend per area", () => {
      const out = join(dir, "combined-2026.xlsx");
      const pub = join(dir, "public-2026.xlsx");
      const r = cli("consolidate", y2026, "--previous-dir", y2025, "--out", out, "--public", pub, "--json");
      expect(r.status).toBe(0);
      const json = JSON.parse(r.stdout) as ConsolidateJson;
      expect(json.rows.filter((x) => x.status === "rejected")).toEqual([]);
      expect(json.previous).toEqual({ files: PARTIES.map((p) => join(y2025, `${p}.xlsx`)), cycles: [{ framework: "pact-2008", cycle: "2025", parties: expect.arrayContaining([...PARTIES]) as unknown }], problems: [], skipped: [] });
      expect(json.previous?.cycles[0]?.parties).toHaveLength(3);

      byDir = changeRows(out);
      expect(statesOf(byDir)).toEqual(expectedStates);
      expect(byDir.filter((x) => x.change === "changed").map((x) => [x.ref, x.code, x.party, x.column, x.previous, x.current])).toEqual([
        ["I(a)", "FR", "France", actionsHeader, valueOf("FR", "I(a)", actionsHeader), UPDATED],
        ["I(b)", "DE", "Germany", plannedHeader, valueOf("DE", "I(b)", plannedHeader), null],
      ]);
      // Austria: last cycle's answers shown, nothing this cycle.
      for (const x of byDir.filter((y) => y.code === "AT")) expect([x.previous !== null, x.current]).toEqual([true, null]);

      const counts = trend(out);
      for (const area of pact.areas) {
        const items = area.items.length;
        expect([area.id, counts.get(area.id)]).toEqual([area.id, [items * 3, items * 2 - (area.id === "I" ? 1 : 0)]]);
      }
      // The public edition has the Changes sheet too (the Pact asks no dissemination choice).
      expect(openpyxlDump(pub).sheets.map((s) => s.title)).toContain("pact-2008 changes");
    }, 120_000);

    it("our own 2025 report as --previous gives the same Changes rows as the 2025 returns", () => {
      const report2025 = join(dir, "combined-2025.xlsx");
      expect(cli("consolidate", y2025, "--out", report2025).status).toBe(0);
      const out = join(dir, "combined-2026-from-report.xlsx");
      const r = cli("consolidate", y2026, "--previous", report2025, "--out", out, "--json");
      expect(r.status).toBe(0);
      const json = JSON.parse(r.stdout) as ConsolidateJson;
      expect(json.previous?.files).toEqual([report2025]);
      expect(json.previous?.problems).toEqual([]);
      expect(changeRows(out)).toEqual(byDir);
    }, 120_000);

    it("names every previous input it could not use, in the summary and in --json", () => {
      const out = join(dir, "combined-2026-mixed.xlsx");
      const text = cli("consolidate", y2026, "--previous-dir", mixed, "--out", out);
      expect(text.status).toBe(0);
      expect(text.stdout).toMatch(/^previous: pact-2008 2025 — 3 parties: /m);
      expect(text.stdout).toContain(`previous: ${join(mixed, "scan.xlsx")} — PT-READ-001 `);
      expect(text.stdout).toContain(`previous: ${join(mixed, "notes.xlsx")} — PT-CONS-002 `);
      expect(text.stdout).toMatch(/^previous: .*AM\.xlsx — PT-CYCLE-002 prague-ap-2023 cycle 2025 \(1 party\) is not compared/m);

      const r = cli("consolidate", y2026, "--previous-dir", mixed, "--out", out, "--force", "--json");
      expect(r.status).toBe(0);
      const json = JSON.parse(r.stdout) as ConsolidateJson;
      expect(json.previous?.files).toHaveLength(6);
      expect(json.previous?.problems.map((p) => [p.file, p.code])).toEqual(
        expect.arrayContaining([
          [join(mixed, "scan.xlsx"), "PT-READ-001"],
          [join(mixed, "notes.xlsx"), "PT-CONS-002"],
          [join(mixed, "AM.xlsx"), "PT-CYCLE-002"],
        ]),
      );
      expect(json.previous?.problems).toHaveLength(3);
      expect(r.stderr).toContain("PT-READ-001");
      expect(statesOf(changeRows(out))).toEqual(expectedStates);
    }, 120_000);

    it("nothing readable as the previous cycle: exit 2, each file named, no report", () => {
      const out = join(dir, "none.xlsx");
      const r = cli("consolidate", y2026, "--previous", join(mixed, "scan.xlsx"), "--out", out);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`previous: ${join(mixed, "scan.xlsx")} — PT-READ-001 `);
      expect(r.stderr).toMatch(/pact-tracker: PT-CYCLE-003 nothing of a previous cycle could be read from 1 file/);
      expect(existsSync(out)).toBe(false);
      expect(cli("consolidate", y2026, "--previous-dir", join(y2025, "FR.xlsx"), "--out", out).stderr).toMatch(/PT-CLI-001 --previous-dir takes a folder/);
      expect(cli("consolidate", y2026, "--previous", y2025, "--out", out).stderr).toMatch(/PT-CLI-001 --previous takes a file/);
    });
  });
});
