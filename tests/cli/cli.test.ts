import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { shippedCatalogue } from "../../src/core/catalogue/builtin";
import { hasOpenpyxl, openpyxlDump, tempDir } from "../support/tools";

/** Runs the bundled CLI exactly as `npx pact-tracker` does. */
const BIN = join(__dirname, "..", "..", "bin", "pact-tracker.js");
function cli(...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const catalogue = shippedCatalogue();

describe("pact-tracker frameworks", () => {
  it("lists the frameworks as a table", () => {
    const r = cli("frameworks");
    expect(r.status).toBe(0);
    for (const fw of catalogue.frameworks) expect(r.stdout).toContain(fw.id);
  });

  it("prints the documented JSON shape", () => {
    const r = cli("frameworks", "--json");
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as { frameworks: { id: string; title: string; version: string; areas: { id: string; title: string; mainCommitment?: string; items: { ref: string; text: string; subitems: unknown[]; guidance: string[] }[] }[] }[] };
    expect(json.frameworks.map((f) => f.id)).toEqual(["pact-2008", "prague-ap-2012", "prague-ap-2023", "prague-jd-2009", "emn-ahq-2010"]);
    const pact = json.frameworks[0];
    expect(Object.keys(pact ?? {})).toEqual(["id", "title", "version", "areas"]);
    expect(pact?.areas[0]?.mainCommitment).toMatch(/^Organise legal immigration/);
    expect(pact?.areas[0]?.items[0]).toEqual(expect.objectContaining({ ref: "I(a)", subitems: [], guidance: expect.arrayContaining([expect.stringMatching(/^Please also report/)]) }));
    expect(json.frameworks[2]?.areas.flatMap((a) => a.items)).toHaveLength(53);
  });
});

describe("pact-tracker generate", () => {
  const dir = tempDir("cli");

  it("writes a template for a country given by name, with cycle and round", () => {
    const out = join(dir, "fr.xlsx");
    const r = cli("generate", "--framework", "pact-2008", "--country", "France", "--cycle", "2009-2010", "--round", "update", "--out", out);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("France (FR)");
    if (hasOpenpyxl()) {
      const wb = openpyxlDump(out);
      const cells = wb.sheets[1]?.cells ?? {};
      expect([cells["B6"]?.v, cells["B7"]?.v, cells["B8"]?.v, cells["B9"]?.v]).toEqual(["France", "FR", "2009-2010", "update"]);
    }
  });

  it("writes one file per party with a progress line each", () => {
    const outDir = join(dir, "all");
    const r = cli("generate", "--framework", "prague-ap-2012", "--all-parties", "--out-dir", outDir, "--cycle", "2013");
    expect(r.status).toBe(0);
    const files = readdirSync(outDir).sort();
    expect(files).toHaveLength(52);
    expect(files).toContain("prague-ap-2012_XK_2013_initial.xlsx");
    expect(r.stdout.trim().split("\n")).toHaveLength(52);
    expect(r.stdout).toMatch(/^\[1\/52\] AL Albania -> /);
    // Within the plan's period: no notice.
    expect(r.stderr).toBe("");
  });

  it("warns, and still writes, when a plan is run for a cycle outside its period", () => {
    const out = join(dir, "late-plan.xlsx");
    const r = cli("generate", "--framework", "prague-ap-2012", "--country", "AT", "--cycle", "2026", "--out", out);
    expect(r.status).toBe(0);
    expect(r.stderr).toContain("pact-tracker: warning: Cycle 2026 is outside the plan's period (2012–2016). The template says so beside its cycle.");
    expect(existsSync(out)).toBe(true);
  });

  it.each([
    [["generate", "--framework", "stockholm-2010", "--country", "BE", "--out", "x.xlsx"], /PT-CAT-002 unknown framework 'stockholm-2010'/],
    [["generate", "--framework", "pact-2008", "--country", "Norway", "--out", "x.xlsx"], /PT-CAT-003 'Norway' is not a party of pact-2008/],
    [["generate", "--framework", "pact-2008", "--country", "BE", "--out", "/nonexistent-dir/x.xlsx"], /PT-IO-001 \/nonexistent-dir\/x\.xlsx: cannot write: no such folder \(ENOENT\)/],
    [["generate", "--framework", "pact-2008", "--country", "BE", "--round", "final", "--out", "x.xlsx"], /PT-CLI-001 --round must be 'initial' or 'update'/],
    [["generate", "--framework", "pact-2008", "--out", "x.xlsx"], /PT-CLI-001 generate needs --country/],
    [["generate", "--bogus"], /PT-CLI-001 unknown option '--bogus' \(see 'pact-tracker generate --help'\)/],
    [["publish"], /PT-CLI-001 unknown command 'publish'/],
  ])("refuses %j with one coded line and exit 2", (args, message) => {
    const r = cli(...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe("");
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toMatch(message);
  });

  it("reports an output folder that cannot be created for --all-parties", () => {
    const file = join(dir, "a-file");
    writeFileSync(file, "");
    const r = cli("generate", "--framework", "emn-ahq-2010", "--all-parties", "--out-dir", join(file, "sub"));
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/PT-IO-001 .*a-file\/sub: cannot create the output folder: a part of the path is a file, not a folder \(ENOTDIR\)/);
  });
});

describe("--framework-file", () => {
  it("loads next year's catalogue with no code change and generates from it", () => {
    const dir = tempDir("fwfile");
    const next = structuredClone(catalogue.framework("pact-2008"));
    const file = join(dir, "stockholm.json");
    writeFileSync(file, JSON.stringify({ ...next, id: "stockholm-2010", title: "Stockholm Programme — tracking", version: "1.0" }));
    const list = cli("frameworks", "--framework-file", file);
    expect(list.stdout).toContain("stockholm-2010");
    const out = join(dir, "be.xlsx");
    const r = cli("generate", "--framework-file", file, "--framework", "stockholm-2010", "--country", "BE", "--out", out);
    expect(r.status).toBe(0);
    expect(existsSync(out)).toBe(true);
  });

  it("names the file and the problem when the catalogue is broken", () => {
    const dir = tempDir("fwfile-bad");
    const file = join(dir, "broken.json");
    writeFileSync(file, JSON.stringify({ schemaVersion: 1, id: "x" }));
    const r = cli("frameworks", "--framework-file", file);
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/PT-CAT-001 .*broken\.json: not a valid framework catalogue/);
  });
});

it("the npm bin runs after npm ci (package.json points at it)", () => {
  const pkg = JSON.parse(execFileSync("npm", ["pkg", "get", "bin"], { encoding: "utf8", cwd: join(__dirname, "..", "..") })) as Record<string, string>;
  expect(pkg["pact-tracker"]).toBe("bin/pact-tracker.js");
});
