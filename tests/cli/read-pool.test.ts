import fc from "fast-check";
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseFramework } from "../../src/core/catalogue/catalogue";
import { shippedCatalogue } from "../../src/core/catalogue/builtin";
import { buildTemplate } from "../../src/core/template/builder";
import { META_ROWS } from "../../src/core/template/layout";
import type { ReadOutcome } from "../../src/core/consolidation/register";
import { readReturns } from "../../src/cli/read-pool";
import { readWorkbook } from "../../src/xlsx/read/read-workbook";
import { fillAll, templateSpec, type Edit } from "../support/returns";
import { filledReturn } from "../support/xlsx-returns";
import { tempDir } from "../support/tools";

/**
 * Reading on several threads (validate and consolidate of a folder) must give exactly what reading
 * the files one by one gives: every outcome, in the order of the files, with the catalogue's own
 * framework and party objects — and a failure in a thread stops the command naming the file.
 */

const ROOT = join(__dirname, "..", "..");
const WORKER = join(ROOT, "dist", "cli", "read-worker.js");
const BIN = join(ROOT, "bin", "pact-tracker.js");
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });

const dir = tempDir("read-pool");
const inbox = join(dir, "inbox");
const files: string[] = [];
/** A catalogue with an extra framework, as `--framework-file` loads one. */
const custom = shippedCatalogue();
const extraFile = join(dir, "pact-custom.json");

function sheetOf(spec: ReturnType<typeof templateSpec>["spec"]): string {
  return spec.sheets[0]?.name ?? "";
}

beforeAll(async () => {
  mkdirSync(inbox, { recursive: true });
  const add = (name: string, bytes: Uint8Array | string): void => {
    writeFileSync(join(inbox, name), bytes);
    files.push(join(inbox, name));
  };
  // Valid returns of three frameworks, one withheld from dissemination, one with an update.
  for (const [fw, party, round] of [["emn-ahq-2010", "AT", "initial"], ["emn-ahq-2010", "BE", "initial"], ["prague-ap-2023", "MD", "initial"], ["pact-2008", "FR", "initial"], ["pact-2008", "FR", "update"]] as const) {
    const { spec, framework, party: p } = templateSpec(fw, party, round);
    const edits = fillAll(spec, framework, p);
    if (party === "AT") edits.push({ sheet: sheetOf(spec), row: META_ROWS.dissemination, col: 1, value: "no" });
    add(`${fw}-${party}-${round}.xlsx`, await filledReturn(spec, edits));
  }
  // Errors and damage: a wrong list value, formulas, an error, a link and a comment on entries.
  {
    const { spec, framework, party } = templateSpec("prague-ap-2023", "GE");
    const edits = fillAll(spec, framework, party);
    const entries = edits.filter((e) => e.row > META_ROWS.dissemination && typeof e.value === "string");
    const at = (i: number): Edit => entries[i] as Edit;
    const wrong: Edit = { ...at(0), value: "maybe later" };
    add("prague-GE-damaged.xlsx", await filledReturn(spec, [...edits, wrong], {
      damage: [
        { kind: "formula", sheet: at(1).sheet, row: at(1).row, col: at(1).col, formula: '="typed by a formula"', cached: "typed by a formula" },
        { kind: "error", sheet: at(2).sheet, row: at(2).row, col: at(2).col, formula: "=1/0", error: "#DIV/0!" },
        { kind: "link", sheet: at(3).sheet, row: at(3).row, col: at(3).col, text: "see the ministry's page", address: "https://example.org/ge" },
        { kind: "comment", sheet: at(4).sheet, row: at(4).row, col: at(4).col, text: "Reviewer: check with the border police" },
      ],
    }));
  }
  // A header naming another party than the file's code: unattributable, so rejected with a reason.
  {
    const { spec, framework, party } = templateSpec("emn-ahq-2010", "SE");
    add("emn-SE-wrong-party.xlsx", await filledReturn(spec, [...fillAll(spec, framework, party), { sheet: sheetOf(spec), row: META_ROWS.party, col: 1, value: "Norway" }]));
  }
  // Files that are not returns at all.
  add("scan.xlsx", "%PDF-1.4 not a workbook");
  const real = readFileSync(files[0] as string);
  add("truncated.xlsx", real.subarray(0, Math.floor(real.length / 2)));
  add("empty.xlsx", "");
  mkdirSync(join(inbox, "a folder.xlsx"));
  files.push(join(inbox, "a folder.xlsx"));
  files.push(join(inbox, "gone.xlsx"));
  // A return of a framework only a --framework-file brings.
  const base = JSON.parse(readFileSync(join(ROOT, "seeds", "frameworks", "pact-2008.json"), "utf8")) as Record<string, unknown>;
  const extra = { ...base, id: "pact-custom", title: "A framework loaded from a file" };
  writeFileSync(extraFile, JSON.stringify(extra));
  custom.add(parseFramework(extra, extraFile), extraFile);
  const fw = custom.framework("pact-custom");
  const party = custom.party(fw, "DE");
  const spec = buildTemplate({ framework: fw, party, cycle: "2026", round: "initial" });
  add("custom-DE.xlsx", await filledReturn(spec, fillAll(spec, fw, party)));
}, 120000);

const oneByOne = (list: readonly string[], received = new Map<string, string>()): Promise<ReadOutcome[]> => readReturns(list, custom, received, { jobs: 1 });
const onThreads = (list: readonly string[], jobs: number, received = new Map<string, string>()): Promise<ReadOutcome[]> => readReturns(list, custom, received, { jobs, workerScript: WORKER });

describe("reading returns on several threads", () => {
  it("gives every outcome one by one reading gives, in the files' order, with the catalogue's own objects", async () => {
    const received = new Map([[files[2] as string, "2026-10-01T09:00:00Z"]]);
    const expected = await oneByOne(files, received);
    const seen: string[] = [];
    const got = await readReturns(files, custom, received, { jobs: 3, workerScript: WORKER, onRead: (f) => seen.push(f) });
    expect(got).toEqual(expected);
    expect([...seen].sort()).toEqual([...files].sort());
    // What the register and report compare by identity is the receiving catalogue's.
    const sheets = got.flatMap((o) => ("validation" in o ? o.validation.contributions : []));
    expect(sheets.filter((s) => s.framework).length).toBeGreaterThanOrEqual(8);
    for (const s of sheets) {
      if (s.framework) expect(s.framework).toBe(custom.framework(s.framework.id));
      if (s.framework && s.party) expect(custom.partiesOf(s.framework)).toContain(s.party);
    }
    expect(sheets.find((s) => s.framework?.id === "pact-custom")?.party?.code).toBe("DE");
    // The bad files are outcomes with their codes, not failures.
    const codes = got.filter((o): o is Extract<ReadOutcome, { error: unknown }> => "error" in o).map((o) => o.error.code);
    expect(codes.length).toBe(5);
    expect(got[2]?.source.received).toBe("2026-10-01T09:00:00Z");
  });

  it("whatever the files, their repeats and order, and the number of threads, nothing differs from one by one", async () => {
    const expected = new Map((await oneByOne(files)).map((o, i) => [files[i] as string, o]));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...files), { minLength: 0, maxLength: 30 }), fc.integer({ min: 1, max: 4 }), async (list, jobs) => {
        const got = await onThreads(list, jobs);
        expect(got).toEqual(list.map((f) => expected.get(f)));
      }),
      { numRuns: 8 },
    );
  }, 60000);

  it("stops naming the file when reading fails in a thread, and when a thread dies", async () => {
    const failing = join(dir, "failing-worker.js");
    writeFileSync(failing, `const { parentPort } = require("node:worker_threads");\nparentPort.on("message", (t) => parentPort.postMessage({ index: t.index, failure: "Error: a bug in reading\\n    at read (reader.ts:1)" }));\n`);
    const list = files.slice(0, 8);
    await expect(readReturns(list, custom, new Map(), { jobs: 2, workerScript: failing })).rejects.toThrow(/^reading .*\.xlsx failed: Error: a bug in reading/);
    const dying = join(dir, "dying-worker.js");
    writeFileSync(dying, `const { parentPort } = require("node:worker_threads");\nparentPort.on("message", () => process.exit(7));\n`);
    await expect(readReturns(list, custom, new Map(), { jobs: 2, workerScript: dying })).rejects.toThrow(/a reading thread stopped \(exit code 7\) while reading .*\.xlsx/);
    const broken = join(dir, "broken-worker.js");
    writeFileSync(broken, `throw new Error("cannot start");\n`);
    await expect(readReturns(list, custom, new Map(), { jobs: 2, workerScript: broken })).rejects.toThrow(/a reading thread failed while reading .*\.xlsx: Error: cannot start/);
  });

  it("the command line reads on threads with --jobs and says the same as with --jobs 1", () => {
    const one = cli("validate", inbox, "--framework-file", extraFile, "--json", "--jobs", "1");
    const four = cli("validate", inbox, "--framework-file", extraFile, "--json", "--jobs", "4");
    expect(four.status).toBe(one.status);
    expect(four.stdout).toBe(one.stdout);
    expect(JSON.parse(four.stdout)).toHaveLength(files.length - 2);
    const out1 = join(dir, "c1.xlsx");
    const out4 = join(dir, "c4.xlsx");
    const c1 = cli("consolidate", inbox, "--framework-file", extraFile, "--out", out1, "--public", join(dir, "p1.xlsx"), "--json", "--jobs", "1");
    const c4 = cli("consolidate", inbox, "--framework-file", extraFile, "--out", out4, "--public", join(dir, "p4.xlsx"), "--json", "--jobs", "4");
    expect([c4.status, c4.stderr]).toEqual([c1.status, c1.stderr]);
    expect(JSON.parse(c4.stdout).rows).toEqual(JSON.parse(c1.stdout).rows);
    const cells = (file: string) => readWorkbook(readFileSync(file), file).sheets.map((s) => [s.grid.name, [...s.grid.cells()]]);
    expect(cells(out4)).toEqual(cells(out1));
    expect(cells(join(dir, "p4.xlsx"))).toEqual(cells(join(dir, "p1.xlsx")));
  }, 60000);

  it("--jobs takes a whole number from 1", () => {
    for (const bad of ["0", "two", "-1", "1.5"]) {
      const r = cli("validate", inbox, "--jobs", bad);
      expect(r.status).toBe(2);
      expect(r.stderr).toContain(`--jobs takes a whole number from 1 to 99, not '${bad}'`);
    }
  });
});
