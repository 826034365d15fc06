import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { ConsolidateJson } from "../../src/cli/commands/consolidate";
import { runParties } from "../../src/core/catalogue/run-parties";
import { buildTemplate } from "../../src/core/template/builder";
import { catalogue, fillAll, templateSpec } from "../support/returns";
import { tempDir } from "../support/tools";
import { filledReturn } from "../support/xlsx-returns";

const BIN = join(__dirname, "..", "..", "bin", "pact-tracker.js");
const cli = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8", cwd });

interface ValidateJsonEntry {
  readonly file: string;
  readonly findings: readonly { readonly code: string; readonly cell?: string }[];
}

describe("pact-tracker generate and consolidate for chosen parties", () => {
  const dir = tempDir("parties");
  const prague = catalogue.framework("prague-ap-2023");

  it("generate --all-parties --parties writes exactly the chosen parties' templates, each saying so", () => {
    const r = cli(dir, "generate", "--framework", "prague-ap-2023", "--all-parties", "--parties", "md,Austria", "--parties", "AL,AT", "--out-dir", "requests", "--cycle", "2026");
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    expect(readdirSync(join(dir, "requests")).sort()).toEqual(["prague-ap-2023_AL_2026_initial.xlsx", "prague-ap-2023_AT_2026_initial.xlsx", "prague-ap-2023_MD_2026_initial.xlsx"]);
    expect(r.stdout.split("\n")[0]).toBe("parties chosen with --parties: 3 parties of the 52 of prague-ap-2023's list; the templates say so beside the party");
    // The note beside the party is the template's own: validate names nothing in the header block.
    const v = cli(dir, "validate", "requests", "--json");
    const files = JSON.parse(v.stdout) as ValidateJsonEntry[];
    expect(files).toHaveLength(3);
    for (const f of files) expect(f.findings.filter((x) => x.code !== "PT-CONT-001")).toEqual([]);
  });

  it("--parties-file takes one code or name a line, and an unknown one stops the command before anything is written", () => {
    writeFileSync(join(dir, "parties.txt"), "\uFEFFAlbania\n\n  Republic of Moldova  \r\nAL\n");
    const ok = cli(dir, "generate", "--framework", "prague-ap-2023", "--all-parties", "--parties-file", "parties.txt", "--out-dir", "from-file", "--cycle", "2026");
    expect(ok.status).toBe(0);
    expect(readdirSync(join(dir, "from-file")).sort()).toEqual(["prague-ap-2023_AL_2026_initial.xlsx", "prague-ap-2023_MD_2026_initial.xlsx"]);
    writeFileSync(join(dir, "bad.txt"), "Albania\nNarnia\n");
    const bad = cli(dir, "generate", "--framework", "prague-ap-2023", "--all-parties", "--parties-file", "bad.txt", "--out-dir", "bad", "--cycle", "2026");
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/^pact-tracker: PT-CAT-003 bad\.txt: 'Narnia' is not a party of prague-ap-2023 /);
    expect(existsSync(join(dir, "bad"))).toBe(false);
    const missing = cli(dir, "generate", "--framework", "prague-ap-2023", "--all-parties", "--parties-file", "nowhere.txt", "--out-dir", "bad", "--cycle", "2026");
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/^pact-tracker: PT-IO-002 nowhere\.txt: cannot read the --parties-file list/);
  });

  it("consolidate --parties counts missing parties against the chosen list and still registers a return from outside it", async () => {
    const inbox = join(dir, "inbox");
    mkdirSync(inbox);
    const run = runParties(catalogue, prague, ["AL", "AT", "MD"]);
    const al = catalogue.party(prague, "AL");
    const alSpec = buildTemplate({ framework: prague, party: al, cycle: "2026", round: "initial", parties: run });
    writeFileSync(join(inbox, "AL.xlsx"), await filledReturn(alSpec, fillAll(alSpec, prague, al)));
    // Georgia was not asked, but answered all the same.
    const ge = templateSpec("prague-ap-2023", "GE");
    writeFileSync(join(inbox, "GE.xlsx"), await filledReturn(ge.spec, fillAll(ge.spec, ge.framework, ge.party)));

    const r = cli(dir, "consolidate", "inbox", "--parties", "AL,AT,MD", "--out", "combined.xlsx", "--json");
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as ConsolidateJson;
    expect(json.missing).toEqual([{ framework: "prague-ap-2023", cycle: "2026", parties: [{ code: "AT", name: "Austria" }, { code: "MD", name: "Republic of Moldova" }] }]);
    expect(json.rows.map((row) => [row.file, row.party, row.status, row.errors])).toEqual([
      ["inbox/AL.xlsx", "AL", "accepted", 0],
      ["inbox/GE.xlsx", "GE", "accepted", 0],
    ]);
    expect(json.rows[1]?.note).toBe("Georgia (GE) is outside the parties chosen for this run (AL, AT, MD): compiled all the same");
    expect(r.stderr).toContain("parties chosen with --parties for prague-ap-2023: AL, AT, MD (3 of the 52 of its list); missing is counted against them");

    // Without a choice the whole list is expected: 50 missing.
    const all = cli(dir, "consolidate", "inbox", "--out", "combined-all.xlsx", "--json");
    expect((JSON.parse(all.stdout) as ConsolidateJson).missing[0]?.parties).toHaveLength(50);
  });

  it("consolidate --parties over returns of several frameworks asks which one the list is for", async () => {
    const mixed = join(dir, "mixed");
    mkdirSync(mixed);
    for (const [fw, code] of [["prague-ap-2023", "AL"], ["pact-2008", "AT"]] as const) {
      const t = templateSpec(fw, code);
      writeFileSync(join(mixed, `${fw}-${code}.xlsx`), await filledReturn(t.spec, fillAll(t.spec, t.framework, t.party)));
    }
    const r = cli(dir, "consolidate", "mixed", "--parties", "AL", "--out", "mixed.xlsx");
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/PT-CLI-001 the returns are of 2 frameworks \(pact-2008, prague-ap-2023\): say which one --parties is for with --framework ID/);
    expect(existsSync(join(dir, "mixed.xlsx"))).toBe(false);
    const ok = cli(dir, "consolidate", "mixed", "--parties", "AL", "--framework", "prague-ap-2023", "--out", "mixed.xlsx", "--json");
    expect(ok.status).toBe(0);
    const json = JSON.parse(ok.stdout) as ConsolidateJson;
    expect(json.missing.find((m) => m.framework === "prague-ap-2023")?.parties).toEqual([]);
    expect(json.missing.find((m) => m.framework === "pact-2008")?.parties).toHaveLength(catalogue.partiesOf(catalogue.framework("pact-2008")).length - 1);
  });
});
