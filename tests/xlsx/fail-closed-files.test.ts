import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cellAddress } from "../../src/core/grid/grid";
import { INSTRUCTIONS_ROW, META_ROWS } from "../../src/core/template/layout";
import type { Round } from "../../src/core/template/builder";
import { workbookBytes } from "../../src/xlsx/write-spec";
import { buildWithOpenpyxl, readEntries, sofficeConvertAll, type DamageOp } from "../support/openpyxl-damage";
import { locate, templateSpec } from "../support/returns";
import { dumpedTable, hasOpenpyxl, hasSoffice, openpyxlDump, tempDir, type DumpedWorkbook } from "../support/tools";

/**
 * Issue 20's acceptance on real files: for each class of doubt — a "No" typed in the wrong cell of
 * the dissemination block, sources that disagree, an update round whose party cannot be resolved,
 * earlier-cycle content — an EMN return built by openpyxl (and the same re-saved by LibreOffice)
 * holding its party's secret text, consolidated by the real CLI. The secret appears nowhere in the
 * public edition (read back by openpyxl); the internal edition's register says it was withheld and why.
 */

const BIN = join(__dirname, "..", "..", "bin", "pact-tracker.js");
const cli = (cwd: string, ...args: string[]): SpawnSyncReturns<string> => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
const EMN = "emn-ahq-2010";
const REFS = ["Q1", "Q2", "Q3", "Q4"];
const B11 = cellAddress(META_ROWS.dissemination, 1);

interface Return {
  readonly file: string;
  readonly party: string;
  readonly round: Round;
  readonly cycle: string;
  /** What the return does besides answering; `sheet` is its template sheet. */
  readonly ops: (sheet: string) => DamageOp[];
  readonly secret: string;
}

/** Each class of doubt about a choice that reads "yes" in its cell, on one party's return. */
const CHOICE_DOUBTS: readonly { readonly name: string; readonly party: string; readonly ops: (sheet: string) => DamageOp[] }[] = [
  { name: "No typed beside the drop-down", party: "BG", ops: (sheet) => [{ op: "value", sheet, cell: cellAddress(META_ROWS.dissemination, 3), value: "No" }] },
  { name: "No typed over the question", party: "CZ", ops: (sheet) => [{ op: "value", sheet, cell: cellAddress(META_ROWS.dissemination, 2), value: "No" }] },
  { name: "No typed over the instructions below", party: "DE", ops: (sheet) => [{ op: "value", sheet, cell: cellAddress(INSTRUCTIONS_ROW, 0), value: "NO - not for wider dissemination" }] },
  { name: "No typed in the row under the block", party: "EE", ops: (sheet) => [{ op: "value", sheet, cell: cellAddress(META_ROWS.previous, 1), value: "No" }] },
  {
    name: "a second dissemination row saying no",
    party: "IE",
    ops: (sheet) => [
      { op: "value", sheet, cell: cellAddress(META_ROWS.previous, 0), value: "Wider dissemination" },
      { op: "value", sheet, cell: cellAddress(META_ROWS.previous, 1), value: "no" },
    ],
  },
  { name: "a formula saying no, cached yes", party: "EL", ops: (sheet) => [{ op: "cachedFormula", sheet, cell: B11, formula: '=IF(TRUE,"no","yes")', cached: "yes" }] },
  { name: "a comment on the choice saying no", party: "ES", ops: (sheet) => [{ op: "comment", sheet, cell: B11, text: "No - please do not circulate beyond the NCPs" }] },
  { name: "a link on the choice", party: "FR", ops: (sheet) => [{ op: "link", sheet, cell: B11, text: "yes", address: "https://example.org/answer-is-no" }] },
  { name: "the choice cell given twice, no then yes", party: "IT", ops: (sheet) => [{ op: "duplicate", sheet, cell: B11, earlier: "no" }] },
];

/** An update round that says no, whose party cannot be resolved; its initial return said yes. */
const IDENTITY_DOUBTS: readonly { readonly name: string; readonly party: string; readonly code: string | null; readonly partyName?: string }[] = [
  { name: "a typo in the code", party: "CY", code: "C7" },
  { name: "a zero-width character in the code", party: "LV", code: "L\u200bV" },
  { name: "a blank code", party: "LT", code: null },
  { name: "a name not in the list", party: "LU", code: "LU", partyName: "Grand Duchy of Nowhere" },
];

function emnReturn(file: string, party: string, round: Round, cycle: string, secret: string, ops: (sheet: string) => DamageOp[]): Return {
  return { file, party, round, cycle, secret, ops };
}

function returnsOfThisCycle(): Return[] {
  const out: Return[] = [emnReturn("control-BE.xlsx", "BE", "initial", "2026", "PUBLISHED-BE answer", () => [])];
  for (const d of CHOICE_DOUBTS) out.push(emnReturn(`doubt-${d.party}.xlsx`, d.party, "initial", "2026", `SECRET-${d.party} answer`, d.ops));
  for (const d of IDENTITY_DOUBTS) {
    out.push(emnReturn(`${d.party}-initial.xlsx`, d.party, "initial", "2026", `SECRET-${d.party} initial answer`, () => []));
    out.push(
      emnReturn(`${d.party}-update.xlsx`, d.party, "update", "2026", `SECRET-${d.party} update answer`, (sheet) => [
        { op: "value", sheet, cell: B11, value: "no" },
        { op: "value", sheet, cell: cellAddress(META_ROWS.partyCode, 1), value: d.code },
        ...(d.partyName ? [{ op: "value", sheet, cell: cellAddress(META_ROWS.party, 1), value: d.partyName } as const] : []),
      ]),
    );
  }
  return out;
}

/** Writes each return: our template, filled and damaged by openpyxl. */
async function buildAll(returns: readonly Return[], templates: string, out: string): Promise<void> {
  mkdirSync(templates, { recursive: true });
  mkdirSync(out, { recursive: true });
  const jobs = [];
  for (const r of returns) {
    const t = templateSpec(EMN, r.party, r.round, r.cycle);
    const sheet = t.spec.sheets[0]?.name ?? "";
    const template = join(templates, r.file);
    writeFileSync(template, await workbookBytes(t.spec));
    const answers: DamageOp[] = REFS.map((ref) => {
      const l = locate(t.spec, t.framework, 0, ref, "Response");
      return { op: "value", sheet, cell: cellAddress(l.row, l.col), value: `${r.secret} to ${ref}` };
    });
    jobs.push({ template, out: join(out, r.file), ops: [...answers, ...r.ops(sheet)] });
  }
  buildWithOpenpyxl(jobs, templates);
}

/** Every cell's text of a workbook, as openpyxl reads it. */
function texts(wb: DumpedWorkbook): string[] {
  return wb.sheets.flatMap((s) => Object.values(s.cells).map((c) => (c.v === null ? "" : typeof c.v === "object" ? c.v.date : String(c.v))));
}

interface RegisterLine {
  readonly file: string;
  readonly dissemination: string;
  readonly note: string;
  readonly status: string;
}

function registerOf(internal: DumpedWorkbook): RegisterLine[] {
  const sheet = internal.sheets.find((s) => s.title === "Register");
  if (!sheet) throw new Error("no Register sheet");
  const table = dumpedTable(sheet, "File");
  const at = (header: string, row: number): string => String(table.at(table.col(header), row)?.v ?? "");
  return table.rows.map((row) => ({ file: at("File", row), dissemination: at("Wider dissemination", row), note: at("Note", row), status: at("Status", row) }));
}

const withOpenpyxl = hasOpenpyxl();
const withSoffice = withOpenpyxl && hasSoffice();

(withOpenpyxl ? describe : describe.skip)("the public edition fails closed on every doubt, on files written by openpyxl and LibreOffice", () => {
  const root = tempDir("fail-closed");
  const returns = returnsOfThisCycle();
  const byOpenpyxl = join(root, "openpyxl");
  const byLibreOffice = join(root, "libreoffice");

  beforeAll(async () => {
    await buildAll(returns, join(root, "templates"), byOpenpyxl);
    if (withSoffice) {
      mkdirSync(byLibreOffice);
      sofficeConvertAll(readdirSync(byOpenpyxl).map((f) => join(byOpenpyxl, f)), "xlsx", byLibreOffice);
    }
  }, 180_000);

  /** Consolidates a folder with the real CLI: both editions, read back by openpyxl. */
  function consolidate(dir: string): { internal: DumpedWorkbook; public: DumpedWorkbook; status: number | null } {
    const out = join(root, `${dir.split("/").pop() ?? "x"}-reports`);
    mkdirSync(out, { recursive: true });
    const r = cli(root, "consolidate", dir, "--out", join(out, "internal.xlsx"), "--public", join(out, "public.xlsx"), "--force");
    if (r.status !== 0) throw new Error(`consolidate failed (${r.status}): ${r.stderr}`);
    return { internal: openpyxlDump(join(out, "internal.xlsx")), public: openpyxlDump(join(out, "public.xlsx")), status: r.status };
  }

  const folders = [["openpyxl", byOpenpyxl] as const, ...(withSoffice ? [["LibreOffice", byLibreOffice] as const] : [])];

  it.each(folders)("files written by %s: no withheld party's text is in the public edition, and the published one's is", (writer, dir) => {
    const { internal, public: pub } = consolidate(dir);
    const published = texts(pub);
    expect(published.some((t) => t.includes("PUBLISHED-BE answer to Q1"))).toBe(true);
    // What LibreOffice keeps of a cell given twice is its own choice: a file that then clearly says yes is no doubt.
    const resolved = writer === "LibreOffice" ? readEntries([join(dir, "doubt-IT.xlsx")])[0]?.sheets[0]?.meta["Wider dissemination"] : undefined;
    const secrets = returns.filter((r) => r.secret.startsWith("SECRET") && !(r.party === "IT" && resolved === "yes"));
    for (const r of secrets) for (const ref of REFS) expect(published.filter((t) => t.includes(`${r.secret} to ${ref}`))).toEqual([]);
    expect(published.filter((t) => t.includes("SECRET"))).toEqual(resolved === "yes" ? published.filter((t) => t.includes("SECRET-IT")) : []);

    // The internal edition has every attributable answer (an unattributable return is rejected with its reason), and its register says each was withheld and why.
    const all = texts(internal);
    for (const r of returns.filter((x) => x.round === "initial")) expect(all.some((t) => t.includes(`${r.secret} to Q1`))).toBe(true);
    const register = registerOf(internal);
    for (const d of CHOICE_DOUBTS) {
      if (d.party === "IT" && resolved === "yes") continue;
      const row = register.find((x) => x.file.endsWith(`doubt-${d.party}.xlsx`));
      expect(row?.dissemination).toMatch(/^withheld|^no\b/);
      expect(row?.note).toContain("withheld from the public edition");
    }
    for (const d of IDENTITY_DOUBTS) {
      const initial = register.find((x) => x.file.endsWith(`${d.party}-initial.xlsx`));
      const update = register.find((x) => x.file.endsWith(`${d.party}-update.xlsx`));
      expect(initial?.note).toContain("withheld from the public edition");
      expect(initial?.note).toContain("could not be told for sure");
      expect(update?.status).toBe("rejected");
      expect(update?.note).toMatch(new RegExp(`withholds .*\\(${d.party}\\) from the public edition`));
    }
  }, 120_000);

  it("a choice in doubt names why, in the register and in the findings", () => {
    const r = cli(root, "validate", join(byOpenpyxl, "doubt-BG.xlsx"), join(byOpenpyxl, "doubt-EL.xlsx"), join(byOpenpyxl, "doubt-IT.xlsx"));
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/ERROR PT-CONT-019 D11 .*'No' stands in D11.*withheld from the public edition/);
    expect(r.stdout).toMatch(/ERROR PT-CONT-019 B11 .*formula =IF\(TRUE,"no","yes"\)/);
    expect(r.stdout).toMatch(/ERROR PT-STRUCT-021 B11 .*'no', then 'yes'/);
    const { internal } = consolidate(byOpenpyxl);
    const bg = registerOf(internal).find((x) => x.file.endsWith("doubt-BG.xlsx"));
    expect(bg?.dissemination).toBe("withheld ('yes' in doubt: 'No' stands in D11, which is not the template's)");
  }, 60_000);

  it("a return that may withhold and names no party that can be told stops the public edition (exit 1), the internal one is written", async () => {
    const dir = join(root, "blocked");
    const reports = join(root, "blocked-reports");
    mkdirSync(reports);
    const nobody = emnReturn("reply.xlsx", "PL", "update", "2026", "SECRET-nobody", (sheet) => [
      { op: "value", sheet, cell: B11, value: "no" },
      { op: "value", sheet, cell: cellAddress(META_ROWS.partyCode, 1), value: null },
      { op: "value", sheet, cell: cellAddress(META_ROWS.party, 1), value: "Our ministry" },
      { op: "value", sheet, cell: "A1", value: "Reply to the EMN query" },
    ]);
    await buildAll([returns[0] as Return, nobody], join(root, "blocked-templates"), dir);
    // The sheet renamed too: nothing in the file names its party.
    spawnSync("/usr/bin/python3", ["-c", `import openpyxl,sys; wb=openpyxl.load_workbook(sys.argv[1]); wb.worksheets[0].title="Sheet1"; wb.save(sys.argv[1])`, join(dir, "reply.xlsx")]);
    const r = cli(root, "consolidate", dir, "--out", join(reports, "internal.xlsx"), "--public", join(reports, "public.xlsx"));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain("PT-CONS-006");
    expect(r.stderr).toContain("reply.xlsx › Sheet1");
    expect(existsSync(join(reports, "public.xlsx"))).toBe(false);
    expect(existsSync(join(reports, "internal.xlsx"))).toBe(true);
    const row = registerOf(openpyxlDump(join(reports, "internal.xlsx"))).find((x) => x.file.endsWith("reply.xlsx"));
    expect(row?.note).toContain("blocks the public edition (PT-CONS-006)");
    // Removed from the folder, the public edition is written again.
    const json = JSON.parse(cli(root, "consolidate", dir, "--out", join(reports, "internal.xlsx"), "--force", "--json").stdout) as { publicBlocked?: unknown[] };
    expect(json.publicBlocked).toHaveLength(1);
  }, 120_000);

  it("last cycle's internal report changes nothing public through a withheld party: counts, cycles and answers", async () => {
    const run = async (secret: string, tag: string): Promise<string[]> => {
      const then = join(root, `then-${tag}`);
      const now = join(root, `now-${tag}`);
      await buildAll(
        [
          emnReturn("BE-2025.xlsx", "BE", "initial", "2025", "PUBLISHED-BE 2025", () => []),
          emnReturn("NL-2025.xlsx", "NL", "initial", "2025", secret, (sheet) => [{ op: "value", sheet, cell: B11, value: "no" }]),
          emnReturn("AT-2025.xlsx", "AT", "initial", "2025", `${secret} (AT said no then)`, (sheet) => [{ op: "value", sheet, cell: B11, value: "No." }]),
        ],
        join(root, `then-templates-${tag}`),
        then,
      );
      await buildAll(
        [emnReturn("BE-2026.xlsx", "BE", "initial", "2026", "PUBLISHED-BE 2026", () => []), emnReturn("AT-2026.xlsx", "AT", "initial", "2026", "PUBLISHED-AT 2026", () => [])],
        join(root, `now-templates-${tag}`),
        now,
      );
      const out = join(root, `reports-${tag}`);
      mkdirSync(out);
      expect(cli(root, "consolidate", then, "--out", join(out, "internal-2025.xlsx")).status).toBe(0);
      const r = cli(root, "consolidate", now, "--previous", join(out, "internal-2025.xlsx"), "--previous-dir", then, "--out", join(out, "internal.xlsx"), "--public", join(out, "public.xlsx"));
      expect(r.status).toBe(0);
      return texts(openpyxlDump(join(out, "public.xlsx")));
    };
    const first = await run("SECRET-NL 2025", "a");
    const second = await run("SECRET-NL 2025, said otherwise", "b");
    expect(second).toEqual(first);
    expect(first.filter((t) => t.includes("SECRET"))).toEqual([]);
    expect(first.some((t) => t.includes("PUBLISHED-BE 2025 to Q1"))).toBe(true);
    // Only Belgium of 2025 may be shown: Austria said no then, the Netherlands are withheld.
    expect(first).toContain("cycle 2025 (1 party)");
  }, 180_000);

  it("a template for every party started from a public edition pre-fills a withheld party's no, never the default yes", async () => {
    const then = join(root, "public-then");
    await buildAll(
      [
        emnReturn("BE-2025.xlsx", "BE", "initial", "2025", "PUBLISHED-BE 2025", () => []),
        emnReturn("NL-2025.xlsx", "NL", "initial", "2025", "SECRET-NL 2025", (sheet) => [{ op: "value", sheet, cell: B11, value: "no" }]),
      ],
      join(root, "public-then-templates"),
      then,
    );
    const out = join(root, "public-then-reports");
    mkdirSync(out);
    expect(cli(root, "consolidate", then, "--out", join(out, "internal.xlsx"), "--public", join(out, "public.xlsx")).status).toBe(0);
    const requests = join(root, "requests-2026");
    const r = cli(root, "generate", "--framework", EMN, "--all-parties", "--out-dir", requests, "--cycle", "2026", "--from", join(out, "public.xlsx"));
    expect(r.status).toBe(0);
    const choiceOf = (code: string): unknown => {
      const file = readdirSync(requests).find((f) => f.includes(`_${code}_`));
      if (!file) throw new Error(`no template for ${code} in ${readdirSync(requests).join(", ")}`);
      return openpyxlDump(join(requests, file)).sheets[0]?.cells[B11]?.v;
    };
    expect(choiceOf("NL")).toBe("no");
    expect(choiceOf("BE")).toBe("yes");
    expect(choiceOf("AT")).toBe("yes");
  }, 120_000);
});
