import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { count, describeOsError } from "../../src/cli/wording";
import { fillAll, templateSpec } from "../support/returns";
import { RULE_CASES, caseReturn } from "../support/rule-cases";
import { filledReturn } from "../support/xlsx-returns";
import { tempDir } from "../support/tools";

/** The CLI as a new user meets it (issue 11): pipes, empty folders, odd labels, existing files, ISO codes. */
const BIN = join(__dirname, "..", "..", "bin", "pact-tracker.js");
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });

/** Runs the CLI with a reader that is gone before the first line (what `| head -1` becomes). */
function readerGone(args: readonly string[]): Promise<{ status: number | null; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [BIN, ...args], { stdio: ["ignore", "pipe", "pipe"] });
    child.stdout.destroy();
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    child.on("close", (status) => resolve({ status, stderr }));
  });
}

async function filled(party: string): Promise<Uint8Array> {
  const { spec, framework, party: p } = templateSpec("emn-ahq-2010", party);
  return filledReturn(spec, fillAll(spec, framework, p));
}

const dir = tempDir("daily-use");
const inbox = join(dir, "inbox");
beforeAll(async () => {
  mkdirSync(inbox);
  for (const party of ["AT", "BE", "SE"]) writeFileSync(join(inbox, `${party}.xlsx`), await filled(party));
}, 60_000);

describe("a reader that closes the pipe early is not an error", () => {
  it("frameworks --json | head -1: one line, no stack trace, exit 0 (with pipefail)", () => {
    const r = spawnSync("bash", ["-o", "pipefail", "-c", `"${process.execPath}" "${BIN}" frameworks --json | head -1`], { encoding: "utf8" });
    expect([r.status, r.stdout, r.stderr]).toEqual([0, "{\n", ""]);
  });

  it.each([
    [["frameworks", "--json"]],
    [["validate", "INBOX"]],
    [["validate", "INBOX", "--json"]],
    [["generate", "--help"]],
  ])("%j: quiet, exit 0", async (args) => {
    const r = await readerGone(args.map((a) => (a === "INBOX" ? inbox : a)));
    expect([r.status, r.stderr]).toEqual([0, ""]);
  });

  it("validate keeps its own exit code when the reader is gone (1: a file has errors)", async () => {
    const bad = join(dir, "bad");
    mkdirSync(bad);
    const errCase = RULE_CASES.find((c) => c.code === "PT-CONT-005");
    if (!errCase) throw new Error("case missing");
    const e = caseReturn(errCase);
    writeFileSync(join(bad, "AT.xlsx"), await filledReturn(e.spec, e.broken));
    const open = cli("validate", bad);
    expect(open.status).toBe(1);
    expect(await readerGone(["validate", bad])).toEqual({ status: 1, stderr: "" });
  });

  it("consolidate and generate --all-parties finish their work: the report and every template are written", async () => {
    const out = join(dir, "piped.xlsx");
    expect(await readerGone(["consolidate", inbox, "--out", out])).toEqual({ status: 0, stderr: "" });
    expect(statSync(out).size).toBeGreaterThan(0);
    const json = join(dir, "piped-json.xlsx");
    expect(await readerGone(["consolidate", inbox, "--out", json, "--json"])).toEqual({ status: 0, stderr: "" });
    expect(existsSync(json)).toBe(true);
    const requests = join(dir, "requests");
    expect(await readerGone(["generate", "--framework", "emn-ahq-2010", "--all-parties", "--out-dir", requests])).toEqual({ status: 0, stderr: "" });
    expect(readdirSync(requests)).toHaveLength(26);
  });
});

describe("no input found is a usage error naming the path", () => {
  it("an empty folder: validate and consolidate exit 2", () => {
    const empty = join(dir, "empty");
    mkdirSync(join(empty, "sub"), { recursive: true });
    for (const args of [["validate", empty], ["validate", empty, "--json"], ["consolidate", empty, "--out", join(dir, "never.xlsx")]]) {
      const r = cli(...args);
      expect([args, r.status, r.stdout]).toEqual([args, 2, ""]);
      expect(r.stderr).toBe(`pact-tracker: PT-CLI-001 no input found in '${empty}': no file to read (see 'pact-tracker ${args[0]} --help')\n`);
    }
    expect(existsSync(join(dir, "never.xlsx"))).toBe(false);
  });

  it("a folder holding only skipped files (a lock file) has no input either, and says what was skipped", () => {
    const locks = join(dir, "locks");
    mkdirSync(locks);
    writeFileSync(join(locks, "~$AT.xlsx"), "J. Officer");
    const r = cli("validate", locks);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`pact-tracker: PT-CLI-001 no input found in '${locks}': no file to read; skipped: Excel lock file (1): ${join(locks, "~$AT.xlsx")} (see 'pact-tracker validate --help')\n`);
    // Several folders: all named; one with files is enough.
    const empty = join(dir, "empty2");
    mkdirSync(empty);
    expect(cli("validate", empty, locks).stderr).toContain(`no input found in '${empty}', '${locks}'`);
    expect(cli("validate", empty, inbox).status).toBe(0);
  });
});

describe("--cycle is a sane label, and a template's own validator accepts what generate writes", () => {
  it.each(["", " 2026", "2026 ", "2026  H1", "a".repeat(21), "2026;1", "2026\n"])("refuses %j with exit 2 and writes nothing", (cycle) => {
    const out = join(dir, "cycle-refused.xlsx");
    const r = cli("generate", "--framework", "pact-2008", "--country", "BE", "--cycle", cycle, "--out", out);
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("PT-CLI-001 --cycle must be 1 to 20 letters, digits, spaces, '-', '/' or '.', starting and ending with a letter or digit");
    expect(existsSync(out)).toBe(false);
  });

  it("accepts labels such as 2009/10 and H1 2026: validate reads the same cycle back, with no header finding", () => {
    const cycles = ["2009-2010", "2009/10", "H1 2026", "x", "a".repeat(20)];
    const files = cycles.map((cycle) => {
      const out = join(dir, `cycle-${cycle.replace(/\W/g, "_")}.xlsx`);
      expect(cli("generate", "--framework", "emn-ahq-2010", "--country", "AT", "--cycle", cycle, "--out", out).status).toBe(0);
      return out;
    });
    const v = JSON.parse(cli("validate", ...files, "--json").stdout) as { contributions: { cycle: string }[]; findings: { code: string }[] }[];
    expect(v.map((f) => f.contributions.map((c) => c.cycle))).toEqual(cycles.map((c) => [c]));
    expect(v.flatMap((f) => f.findings.filter((x) => x.code.startsWith("PT-STRUCT")))).toEqual([]);
  });
});

describe("an existing file is never overwritten without --force", () => {
  it("generate --out: exit 2 naming the path, the file untouched; --force replaces it", () => {
    const out = join(dir, "filled-return.xlsx");
    writeFileSync(out, "a colleague's filled return");
    const r = cli("generate", "--framework", "pact-2008", "--country", "BE", "--out", out);
    expect([r.status, r.stdout]).toEqual([2, ""]);
    expect(r.stderr).toBe(`pact-tracker: PT-CLI-002 ${out}: already exists; nothing was written (give --force to overwrite it)\n`);
    expect(readFileSync(out, "utf8")).toBe("a colleague's filled return");
    expect(cli("generate", "--framework", "pact-2008", "--country", "BE", "--out", out, "--force").status).toBe(0);
    expect(readFileSync(out).subarray(0, 2).toString()).toBe("PK");
  });

  it("generate --all-parties checks every target before writing any", () => {
    const outDir = join(dir, "all");
    mkdirSync(outDir);
    const taken = ["emn-ahq-2010_AT_2026_initial.xlsx", "emn-ahq-2010_SE_2026_initial.xlsx"];
    for (const name of taken) writeFileSync(join(outDir, name), "sent last week");
    const r = cli("generate", "--framework", "emn-ahq-2010", "--all-parties", "--out-dir", outDir, "--cycle", "2026");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`pact-tracker: PT-CLI-002 2 files of 26 already exist: ${taken.map((n) => join(outDir, n)).join(", ")}; nothing was written (give --force to overwrite them)\n`);
    expect(readdirSync(outDir).sort()).toEqual(taken);
    const forced = cli("generate", "--framework", "emn-ahq-2010", "--all-parties", "--out-dir", outDir, "--cycle", "2026", "--force");
    expect(forced.status).toBe(0);
    expect(readdirSync(outDir)).toHaveLength(26);
  });

  it("consolidate --out and --public: exit 2 before any return is read; --force replaces them", () => {
    const out = join(dir, "last-week.xlsx");
    const pub = join(dir, "last-week-public.xlsx");
    writeFileSync(pub, "last week's public edition");
    const r = cli("consolidate", inbox, "--out", out, "--public", pub);
    expect(r.status).toBe(2);
    expect(r.stderr).toBe(`pact-tracker: PT-CLI-002 ${pub}: already exists; nothing was written (give --force to overwrite it)\n`);
    expect(existsSync(out)).toBe(false);
    expect(cli("consolidate", inbox, "--out", out, "--public", pub, "--force").status).toBe(0);
    expect(readFileSync(pub).subarray(0, 2).toString()).toBe("PK");
    expect(cli("consolidate", inbox, "--out", out).stderr).toContain(`PT-CLI-002 ${out}: already exists`);
    // A folder is never a report file, and the two editions need a file each.
    expect(cli("consolidate", inbox, "--out", dir, "--force").stderr).toMatch(/PT-CLI-001 '.*' is a folder; give the name of a file to write/);
    expect(cli("consolidate", inbox, "--out", out, "--public", out, "--force").stderr).toMatch(/PT-CLI-001 --out and --public name the same file/);
  });
});

describe("ISO codes for parties", () => {
  it.each([
    ["pact-2008", "GR", "Greece (EL)"],
    ["prague-ap-2012", "GB", "United Kingdom (UK)"],
    ["prague-ap-2012", "GBR", "United Kingdom (UK)"],
    ["emn-ahq-2010", "DEU", "Germany (DE)"],
  ])("%s --country %s writes the template of %s", (framework, country, party) => {
    const out = join(dir, `iso-${framework}-${country}.xlsx`);
    const r = cli("generate", "--framework", framework, "--country", country, "--out", out);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain(`template for ${party}`);
  });

  it("names them in the hint for a party that is not one", () => {
    const r = cli("generate", "--framework", "pact-2008", "--country", "Norway", "--out", join(dir, "no.xlsx"));
    expect(r.status).toBe(2);
    expect(r.stderr).toContain("'Norway' is not a party of pact-2008 (use a code such as BE, BG, CZ; ISO codes also work: GR and GRC for EL, GB and GBR for UK, BEL for BE; or an English name)");
  });
});

describe("plain words", () => {
  it("counts agree with their number", () => {
    expect([count(0, "file"), count(1, "file"), count(2, "file"), count(1, "entry", "entries"), count(3, "entry", "entries")]).toEqual(["0 files", "1 file", "2 files", "1 entry", "3 entries"]);
    const table = cli("frameworks").stdout;
    expect(table).toMatch(/^emn-ahq-2010 +[\d.]+ +1 area, 5 items /m);
    expect(table).toMatch(/^pact-2008 +[\d.]+ +5 areas, 36 items /m);
    expect(table).not.toMatch(/\(s\)/);
  });

  it("common system errors in words, keeping the system's code", () => {
    const err = (code: string) => Object.assign(new Error(`${code}: raw`), { code });
    expect(describeOsError(err("ENOENT"))).toBe("no such file or folder (ENOENT)");
    expect(describeOsError(err("ENOENT"), "write")).toBe("no such folder (ENOENT)");
    expect(describeOsError(err("EACCES"))).toBe("permission denied (EACCES)");
    expect(describeOsError(err("EPERM"))).toBe("permission denied (the operation is not allowed) (EPERM)");
    expect(describeOsError(err("EISDIR"))).toBe("is a folder, not a file (EISDIR)");
    expect(describeOsError(err("ENOTDIR"))).toBe("a part of the path is a file, not a folder (ENOTDIR)");
    expect(describeOsError(err("EEXIST"))).toBe("already exists (EEXIST)");
    expect(describeOsError(err("ENOSPC"))).toBe("no space left on the disk (ENOSPC)");
    expect(describeOsError(err("EWHATEVER"))).toBe("EWHATEVER");
    expect(describeOsError(new Error("plain"))).toBe("plain");
  });

  it("as the CLI prints them, with the PT code", () => {
    expect(cli("validate", join(dir, "missing.xlsx")).stdout).toContain("missing.xlsx: unreadable — PT-IO-002 cannot read: no such file or folder (ENOENT)");
    expect(cli("frameworks", "--framework-file", join(dir, "missing.json")).stderr).toBe(`pact-tracker: PT-IO-002 ${join(dir, "missing.json")}: cannot read framework file: no such file or folder (ENOENT)\n`);
    expect(cli("frameworks", "--framework-file", dir).stderr).toContain("cannot read framework file: is a folder, not a file (EISDIR)");
    expect(cli("generate", "--framework", "pact-2008", "--country", "BE", "--out", join(dir, "nowhere", "BE.xlsx")).stderr).toContain("PT-IO-001 " + join(dir, "nowhere", "BE.xlsx") + ": cannot write: no such folder (ENOENT)");
  });
});

describe("--help for every command, with examples", () => {
  it.each(["frameworks", "generate", "validate", "consolidate"])("pact-tracker %s --help and pact-tracker help %s", (command) => {
    const r = cli(command, "--help");
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toMatch(new RegExp(`^Usage: pact-tracker ${command} `));
    expect(r.stdout).toContain(`Examples:\n  $ pact-tracker ${command}`);
    expect(r.stdout).toContain("--framework-file <path>");
    expect(cli("help", command).stdout).toBe(r.stdout);
  });

  it("lists each command's own options", () => {
    expect(cli("generate", "--help").stdout).toMatch(/--force[\s\S]*--cycle <label>|--cycle <label>[\s\S]*--force/);
    expect(cli("consolidate", "--help").stdout).toContain("--deadline <round=YYYY-MM-DD>");
    expect(cli("validate", "--help").stdout).not.toContain("--received");
  });

  it("the overview: --help exits 0; no command is a usage error (exit 2, on stderr); --version", () => {
    const help = cli("--help");
    expect(help.status).toBe(0);
    for (const command of ["frameworks", "generate", "validate", "consolidate"]) expect(help.stdout).toContain(`  ${command} `);
    const none = cli();
    expect([none.status, none.stdout]).toEqual([2, ""]);
    expect(none.stderr).toContain("Usage: pact-tracker [options] [command]");
    expect(cli("--version").stdout.trim()).toBe((JSON.parse(readFileSync(join(__dirname, "..", "..", "package.json"), "utf8")) as { version: string }).version);
  });

  it("an option of another command is refused, and every usage error names the command's help", () => {
    const r = cli("validate", inbox, "--out", "x.xlsx");
    expect(r.status).toBe(2);
    expect(r.stderr).toBe("pact-tracker: PT-CLI-001 unknown option '--out' (see 'pact-tracker validate --help')\n");
    // Every usage error points at the help of its command.
    const round = cli("generate", "--framework", "pact-2008", "--country", "BE", "--round", "final", "--out", join(dir, "final.xlsx"));
    expect(round.stderr).toBe("pact-tracker: PT-CLI-001 --round must be 'initial' or 'update', not 'final' (see 'pact-tracker generate --help')\n");
    expect(cli("publish").stderr).toBe("pact-tracker: PT-CLI-001 unknown command 'publish' (see 'pact-tracker --help')\n");
  });
});
