import { spawnSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { RULE_CASES, caseReturn } from "../support/rule-cases";
import { filledReturn } from "../support/xlsx-returns";
import { tempDir } from "../support/tools";

const BIN = join(__dirname, "..", "..", "bin", "pact-tracker.js");
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });

describe("pact-tracker validate", () => {
  const dir = tempDir("cli-validate");
  let valid = "";
  let withErrors = "";
  let withWarning = "";
  const notXlsx = join(dir, "letter.xlsx");

  beforeAll(async () => {
    const errCase = RULE_CASES.find((c) => c.code === "PT-CONT-005");
    const warnCase = RULE_CASES.find((c) => c.code === "PT-CONT-003");
    if (!errCase || !warnCase) throw new Error("cases missing");
    const e = caseReturn(errCase);
    valid = join(dir, "AT-valid.xlsx");
    writeFileSync(valid, await filledReturn(e.spec, e.valid));
    withErrors = join(dir, "AT-errors.xlsx");
    writeFileSync(withErrors, await filledReturn(e.spec, e.broken));
    const w = caseReturn(warnCase);
    withWarning = join(dir, "AT-warning.xlsx");
    writeFileSync(withWarning, await filledReturn(w.spec, w.broken));
    writeFileSync(notXlsx, "Dear colleagues, please find our contribution attached.");
  });

  it("says which template sheets a file holds and exits 0 when there are no errors", () => {
    const r = cli("validate", valid);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('sheet "prague-ap-2012 AT actions": prague-ap-2012, party AT, cycle 2026, round initial');
    expect(r.stdout).toMatch(/: ok — 0 errors, 0 warnings/);
  });

  it("allows warnings (exit 0) and lists them with cell and reference", () => {
    const r = cli("validate", withWarning);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/WARNING PT-CONT-003 D\d+ \[I\.2\] 'Ongoing' in Status is read as 'ongoing'/);
  });

  it("exits 1 when a file has errors, grouping findings by sheet", () => {
    const r = cli("validate", valid, withErrors);
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/AT-errors\.xlsx: errors — 1 error, 0 warnings/);
    expect(r.stdout).toMatch(/ {4}ERROR PT-CONT-005 E\d+ \[IV\.2\] For IV\.2 the start date 2015-06-01 is after the end date 2013-01-31\./);
  });

  it("exits 2 when a file is unreadable, still reporting the others", () => {
    const r = cli("validate", notXlsx, valid, join(dir, "missing.xlsx"));
    expect(r.status).toBe(2);
    expect(r.stdout).toMatch(/letter\.xlsx: unreadable — PT-READ-\d{3} /);
    expect(r.stdout).toMatch(/missing\.xlsx: unreadable — PT-IO-002 cannot read: no such file or folder \(ENOENT\)/);
    expect(r.stdout).toMatch(/AT-valid\.xlsx: ok/);
  });

  it("prints the documented JSON with --json", () => {
    const r = cli("validate", "--json", withErrors, notXlsx);
    expect(r.status).toBe(2);
    const json = JSON.parse(r.stdout) as { file: string; status: string; error?: { code: string; message: string }; contributions: unknown[]; findings: { code: string; severity: string; sheet: string; cell?: string; ref?: string; message: string }[] }[];
    expect(json.map((f) => f.status)).toEqual(["errors", "unreadable"]);
    expect(json[0]?.contributions).toEqual([{ sheet: "prague-ap-2012 AT actions", framework: "prague-ap-2012", party: "AT", cycle: "2026", round: "initial" }]);
    expect(json[0]?.findings).toEqual([expect.objectContaining({ code: "PT-CONT-005", severity: "error", sheet: "prague-ap-2012 AT actions", ref: "IV.2", cell: expect.stringMatching(/^E\d+$/) })]);
    expect(json[1]?.error?.code).toMatch(/^PT-READ-\d{3}$/);
    expect(json[1]?.findings).toEqual([]);
  });

  it("refuses to run without files", () => {
    const r = cli("validate");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/PT-CLI-001 missing required argument 'paths' \(see 'pact-tracker validate --help'\)/);
  });

  it("validates every file in a folder, and names the Excel lock files it skips", () => {
    writeFileSync(join(dir, "~$AT-valid.xlsx"), "lock");
    writeFileSync(join(dir, "notes.txt"), "not a return");
    const r = cli("validate", "--json", dir);
    const json = JSON.parse(r.stdout) as { file: string; status: string; skipped?: string }[];
    expect(json.map((f) => [f.file.slice(dir.length + 1), f.status, f.skipped])).toEqual([
      ["AT-errors.xlsx", "errors", undefined],
      ["AT-valid.xlsx", "ok", undefined],
      ["AT-warning.xlsx", "ok", undefined],
      ["letter.xlsx", "unreadable", undefined],
      ["notes.txt", "unreadable", undefined],
      ["~$AT-valid.xlsx", "skipped", "Excel lock file"],
    ]);
    expect(r.status).toBe(2);
    const text = cli("validate", dir);
    expect(text.stdout).toMatch(/notes\.txt: unreadable — PT-READ-001 /);
    expect(text.stdout.trimEnd().split("\n").at(-1)).toBe(`skipped 1 file in folders — Excel lock file (1): ${join(dir, "~$AT-valid.xlsx")}`);
  });
});
