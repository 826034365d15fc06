import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { META_ROWS } from "../../src/core/template/layout";
import { catalogue, fillAll, templateSpec, type Edit } from "../support/returns";
import { filledByOpenpyxl, filledReturn } from "../support/xlsx-returns";
import { hasOpenpyxl, hasSoffice, openpyxlDump, sofficeConvert, tempDir, type DumpedSheet } from "../support/tools";
import { randomText, seeded } from "../support/consolidation";
import type { ConsolidateJson } from "../../src/cli/commands/consolidate";

const BIN = join(__dirname, "..", "..", "bin", "pact-tracker.js");
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });

/** Every text entry of every sheet, as openpyxl reads it back from the report. */
function allTexts(sheets: DumpedSheet[]): Set<string> {
  const out = new Set<string>();
  for (const s of sheets) for (const c of Object.values(s.cells)) if (c.v !== null) out.add(typeof c.v === "object" ? c.v.date : String(c.v));
  return out;
}

describe("pact-tracker consolidate on real files", () => {
  const dir = tempDir("consolidate");
  const inbox = join(dir, "inbox");
  const expected: Edit[] = [];
  const rand = seeded(42);
  const withOpenpyxl = hasOpenpyxl();
  const withSoffice = hasSoffice();

  beforeAll(async () => {
    mkdirSync(join(inbox, "late"), { recursive: true });
    // AHQ: Austria says no to dissemination, Belgium yes; random text with formula-looking pieces.
    for (const [code, choice] of [["AT", "no"], ["BE", "yes"], ["SE", "yes"]] as const) {
      const { spec, framework, party } = templateSpec("emn-ahq-2010", code);
      const edits = fillAll(spec, framework, party).map((e) => (e.col === 3 ? { ...e, value: randomText(rand) } : e));
      edits.push({ sheet: spec.sheets[0]?.name ?? "", row: META_ROWS.dissemination, col: 1, value: choice });
      if (code !== "SE") expected.push(...edits.filter((e) => e.col === 3));
      writeFileSync(join(inbox, `${code}.xlsx`), await filledReturn(spec, edits));
    }
    // Sweden sends an update: it supersedes the first file.
    const up = templateSpec("emn-ahq-2010", "SE", "update");
    const upEdits = fillAll(up.spec, up.framework, up.party).map((e) => (e.col === 3 ? { ...e, value: `updated ${randomText(rand)}` } : e));
    expected.push(...upEdits.filter((e) => e.col === 3));
    writeFileSync(join(inbox, "late", "SE-update.xlsx"), await filledReturn(up.spec, upEdits));
    // Finland's return went through openpyxl, Germany's through LibreOffice.
    const fi = templateSpec("emn-ahq-2010", "FI");
    const fiEdits = fillAll(fi.spec, fi.framework, fi.party);
    if (withOpenpyxl) {
      const f = await filledByOpenpyxl(fi.spec, fiEdits, dir, "FI");
      writeFileSync(join(inbox, "FI.xlsx"), readFileSync(f));
      expected.push(...fiEdits.filter((e) => e.col === 3));
    }
    const de = templateSpec("emn-ahq-2010", "DE");
    const deEdits = fillAll(de.spec, de.framework, de.party);
    if (withSoffice) {
      const src = join(dir, "DE-src");
      mkdirSync(src);
      writeFileSync(join(src, "DE.xlsx"), await filledReturn(de.spec, deEdits));
      sofficeConvert(join(src, "DE.xlsx"), "xlsx:Calc MS Excel 2007 XML", inbox);
      expected.push(...deEdits.filter((e) => e.col === 3));
    }
    writeFileSync(join(inbox, "scan.xlsx"), "%PDF-1.4 not a workbook");
    writeFileSync(join(inbox, "~$AT.xlsx"), "lock file");
  }, 120000);

  it("writes the internal and public editions, registers every input and loses nothing", () => {
    const out = join(dir, "combined.xlsx");
    const pub = join(dir, "public.xlsx");
    const r = cli("consolidate", inbox, "--out", out, "--public", pub, "--json");
    // stdout is the register alone; the lock file skipped in the folder is named on stderr.
    expect(r.stderr).toBe(`skipped 1 file in folders — Excel lock file (1): ${join(inbox, "~$AT.xlsx")}\n`);
    expect(r.status).toBe(0);
    const json = JSON.parse(r.stdout) as ConsolidateJson;
    const register = json.rows;
    const status = Object.fromEntries(register.map((x) => [x.file.slice(inbox.length + 1), x.status]));
    expect(status).toMatchObject({ "AT.xlsx": "accepted", "BE.xlsx": "accepted", "SE.xlsx": "superseded", "late/SE-update.xlsx": "accepted", "scan.xlsx": "rejected" });
    expect(Object.keys(status)).not.toContain("~$AT.xlsx");
    expect(register.find((x) => x.file.endsWith("scan.xlsx"))?.reason?.code).toBe("PT-READ-001");
    if (withOpenpyxl) expect(status["FI.xlsx"]).toBe("accepted");
    if (withSoffice) expect(status["DE.xlsx"]).toBe("accepted");

    // The documented --json schema: {rows, counts, missing, skipped, reports}.
    expect(Object.keys(json)).toEqual(["rows", "counts", "missing", "skipped", "reports"]);
    const rowsWith = (s: string) => register.filter((x) => x.status === s).length;
    // One counting (core's, the pane's too): by return and by sheet; here every return has one sheet.
    const tally = {
      received: register.length,
      accepted: rowsWith("accepted"),
      "accepted with errors": rowsWith("accepted with errors"),
      "returned empty": 0,
      superseded: 1,
      rejected: 1,
      late: 0,
      withheld: register.filter((x) => x.withheld).length,
    };
    expect(json.counts).toEqual({ files: new Set(register.map((x) => x.file)).size, skipped: 1, returns: tally, sheets: tally });
    const { sheets } = json.counts;
    expect(sheets.accepted + sheets["accepted with errors"] + sheets["returned empty"] + sheets.superseded + sheets.rejected).toBe(sheets.received);
    // Austria's choice is no: its return is in the report, withheld from the public edition.
    expect(register.find((x) => x.file.endsWith("AT.xlsx"))?.withheld).toBe(true);
    expect(json.skipped).toEqual([{ file: join(inbox, "~$AT.xlsx"), reason: "Excel lock file" }]);
    expect(json.reports).toEqual({ internal: out, public: pub });
    expect(json.missing.map((m) => [m.framework, m.cycle])).toEqual([["emn-ahq-2010", "2026"]]);
    const missing = json.missing[0]?.parties ?? [];
    expect(missing).toContainEqual({ code: "CY", name: "Cyprus" });
    for (const sent of ["AT", "BE", "SE"]) expect(missing.map((p) => p.code)).not.toContain(sent);
    expect(missing.length + new Set(register.filter((x) => x.status !== "rejected").map((x) => x.party)).size).toBe(catalogue.partiesOf(catalogue.framework("emn-ahq-2010")).length);
    expect(Object.keys(register[0] ?? {})).toEqual(expect.arrayContaining(["file", "sheet", "framework", "party", "partyName", "cycle", "round", "received", "sha256", "errors", "warnings", "status", "late", "dissemination", "note"]));

    if (!withOpenpyxl) return;
    const internal = openpyxlDump(out);
    expect(internal.sheets.map((s) => s.title)).toEqual(["Summary", "emn-ahq-2010 compilation", "emn-ahq-2010 as published", "emn-ahq-2010 coverage", "Register"]);
    const texts = allTexts(internal.sheets);
    for (const e of expected) expect(texts.has(String(e.value))).toBe(true);
    // Text stays text: no cell of the report is a formula.
    for (const s of internal.sheets) for (const c of Object.values(s.cells)) expect(c.t).not.toBe("f");

    const publicEdition = openpyxlDump(pub);
    expect(publicEdition.sheets.map((s) => s.title)).toEqual(["Summary", "emn-ahq-2010 compilation", "emn-ahq-2010 as published", "emn-ahq-2010 coverage"]);
    const comp = publicEdition.sheets[1] as DumpedSheet;
    const rowsOf = (code: string) => Object.entries(comp.cells).filter(([a, c]) => a.startsWith("D") && c.v === code).map(([a]) => a.slice(1));
    const sentence = catalogue.framework("emn-ahq-2010").dissemination?.standardSentence;
    for (const row of rowsOf("AT")) expect(comp.cells[`E${row}`]?.v).toBe(sentence);
    for (const row of rowsOf("BE")) expect(comp.cells[`E${row}`]?.v).not.toBe(sentence);
    expect([...allTexts(publicEdition.sheets)].some((t) => t.includes(".xlsx"))).toBe(false);
  });

  it("gives the same report whatever the order of the inputs", () => {
    const files = ["AT.xlsx", "BE.xlsx", "SE.xlsx", "late/SE-update.xlsx"].map((f) => join(inbox, f));
    const a = join(dir, "a.xlsx");
    const b = join(dir, "b.xlsx");
    expect(cli("consolidate", ...files, "--out", a).status).toBe(0);
    expect(cli("consolidate", ...[...files].reverse(), "--out", b).status).toBe(0);
    if (withOpenpyxl) expect(openpyxlDump(b).sheets.map((s) => s.cells)).toEqual(openpyxlDump(a).sheets.map((s) => s.cells));
  });

  it("flags late returns and leaves out errors under --strict", () => {
    const r = cli("consolidate", inbox, "--out", join(dir, "strict.xlsx"), "--strict", "--deadline", "initial=2000-01-01");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^late \(\d+ returns?, \d+ sheets?\): /m);
    expect(r.stdout).toMatch(/rejected: .*scan\.xlsx — PT-READ-001/);
    expect(r.stdout).toMatch(/missing for emn-ahq-2010 2026: .*CY/);
  });

  it("exits 2 when nothing can be read, and on usage errors", () => {
    const none = cli("consolidate", join(inbox, "scan.xlsx"), "--out", join(dir, "none.xlsx"));
    expect(none.status).toBe(2);
    expect(none.stderr).toMatch(/PT-CONS-005 nothing could be consolidated from 1 input/);
    expect(cli("consolidate", inbox).stderr).toMatch(/PT-CLI-001 consolidate needs --out/);
    expect(cli("consolidate", inbox, "--out", "x.xlsx", "--deadline", "final=2026-01-01").stderr).toMatch(/PT-CLI-001 --deadline takes ROUND=YYYY-MM-DD/);
    expect(cli("consolidate", inbox, "--out", "x.xlsx", "--order", "random").stderr).toMatch(/PT-CLI-001 --order must be/);
  });
});
