import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, symlinkSync } from "node:fs";
import { join } from "node:path";
import { tempDir } from "../support/tools";

/**
 * The CLI outside the repository (README, "Command line"): by its path from any folder, installed
 * with `npm install -g .` (a link to the project folder; no network), and as the packed tarball.
 */
const ROOT = join(__dirname, "..", "..");
const BIN = join(ROOT, "bin", "pact-tracker.js");
const run = (command: string, args: readonly string[], cwd: string) => spawnSync(command, [...args], { encoding: "utf8", cwd });

describe("pact-tracker outside the repository", () => {
  it("runs by its path from another folder, reading and writing relative to that folder", () => {
    const elsewhere = tempDir("elsewhere");
    const list = run(process.execPath, [BIN, "frameworks"], elsewhere);
    expect([list.status, list.stderr]).toEqual([0, ""]);
    expect(list.stdout).toMatch(/^pact-2008 /m);
    expect(run(process.execPath, [BIN, "generate", "--framework", "emn-ahq-2010", "--country", "GR", "--out", "EL.xlsx"], elsewhere).status).toBe(0);
    expect(existsSync(join(elsewhere, "EL.xlsx"))).toBe(true);
    const v = run(process.execPath, [BIN, "validate", "."], elsewhere);
    expect(v.stdout).toMatch(/^EL\.xlsx: (ok|errors) — \d+ errors?, \d+ warnings?$/m);
  });

  it("npm install -g . puts pact-tracker on the PATH of a prefix, offline", () => {
    const prefix = tempDir("global-prefix");
    // --ignore-scripts: the bundle is built already (global setup); a rebuild here would race the other tests.
    const install = run("npm", ["install", "--global", "--prefix", prefix, "--offline", "--ignore-scripts", "--no-audit", "--no-fund", ROOT], prefix);
    expect(install.status).toBe(0);
    const installed = join(prefix, "bin", "pact-tracker");
    const elsewhere = tempDir("installed-elsewhere");
    const r = run(installed, ["frameworks"], elsewhere);
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect(r.stdout).toMatch(/^emn-ahq-2010 /m);
    expect(run(installed, ["validate", "--help"], elsewhere).stdout).toMatch(/^Usage: pact-tracker validate /);
  });

  it("the packed tarball holds what bin needs: bin/ and the built dist/cli/", () => {
    const dest = tempDir("packed");
    const packed = JSON.parse(execFileSync("npm", ["pack", "--json", "--ignore-scripts", "--pack-destination", dest], { cwd: ROOT, encoding: "utf8" })) as { filename: string; files: { path: string }[] }[];
    const files = packed[0]?.files.map((f) => f.path) ?? [];
    expect(files).toEqual(expect.arrayContaining(["package.json", "bin/pact-tracker.js", "dist/cli/pact-tracker.js", "dist/cli/read-worker.js"]));
    // No sources, tests or seeds: the bundle carries the catalogues.
    expect(files.filter((f) => /^(src|tests|seeds)\//.test(f))).toEqual([]);
    // Unpacked where npm would put it, with the dependencies npm would install beside it.
    const unpacked = join(dest, "unpacked");
    mkdirSync(unpacked);
    execFileSync("tar", ["-xzf", join(dest, packed[0]?.filename ?? ""), "-C", unpacked]);
    symlinkSync(join(ROOT, "node_modules"), join(unpacked, "package", "node_modules"));
    const r = run(process.execPath, [join(unpacked, "package", "bin", "pact-tracker.js"), "frameworks", "--json"], dest);
    expect([r.status, r.stderr]).toEqual([0, ""]);
    expect((JSON.parse(r.stdout) as { frameworks: unknown[] }).frameworks).toHaveLength(5);
  });
});
