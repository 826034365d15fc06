import { spawnSync, type SpawnSyncReturns } from "node:child_process";
import { copyFileSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { basename, join } from "node:path";
import type { Framework } from "../../src/core/catalogue/schema";
import { NOT_FOR_DISSEMINATION } from "../../src/core/consolidation/report";
import { cellAddress } from "../../src/core/grid/grid";
import { META_ROWS, TABLE_HEADER_ROW, tableColumns, type TableColumn } from "../../src/core/template/layout";
import type { CellValue, SheetRole } from "../../src/core/template/spec";
import type { Round } from "../../src/core/template/builder";
import { EXCEL_CELL_LIMIT } from "../../src/core/validation/rules";
import { workbookBytes } from "../../src/xlsx/write-spec";
import { buildWithOpenpyxl, readEntries, sofficeConvertAll, type DamageJob, type DamageOp, type InputCell, type InputWorkbook } from "../support/openpyxl-damage";
import { catalogue, fillAll, locate, templateSpec } from "../support/returns";
import { hasOpenpyxl, hasSoffice, openpyxlDump, sofficeProfile, tempDir, type DumpedCell, type DumpedSheet, type DumpedWorkbook } from "../support/tools";
import { NOTES_HEADER } from "../../src/core/consolidation/report";

/**
 * Issue 8's acceptance, on real files, as a new user would meet it: returns written by openpyxl and
 * LibreOffice and damaged the way ministries damage them, dropped in one folder with a lock file and
 * an .ods, consolidated by the real CLI, and both reports read back by openpyxl (which shares no
 * code with our writer or reader).
 */

const BIN = join(__dirname, "..", "..", "bin", "pact-tracker.js");
const cli = (cwd: string, ...args: string[]): SpawnSyncReturns<string> => spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });

const DEADLINES = ["--deadline", "initial=2026-11-15", "--deadline", "update=2026-12-15"];
/** When most returns arrived (the files' time on disk), and what the senders' programs said. */
const ON_TIME = "2026-11-10T09:00:00Z";
const SENDER_SAVED = "2026-10-01T08:00:00Z";
const SAVED_LATE = "2026-11-30T18:00:00Z";

const EMN = "emn-ahq-2010";
const PRAGUE = "prague-ap-2012";
const PACT = "pact-2008";
const NOTES = NOTES_HEADER.internal;
const LINKS = NOTES_HEADER.public;

// Damage on Belgium's EMN return (published): a link, a comment, a formula openpyxl never calculated.
const BE_LINK = "https://emn.example.be/ahq/partnerships?q=1&lang=en";
const BE_COMMENT = "Checked by the legal unit (BE) on 3 November";
const BE_FORMULA = '=CONCATENATE("Belgian ","answer in a formula")';
const BE_ITEM_COMMENT = "Why is this asked? (BE)";
const BG_LONG = `BG-emn long answer: ${"the answer goes on, ".repeat(2000)}end.`;
const LO_FORMULA = '="Calculated "&"in LibreOffice"';
const DIV0_FORMULA = "=1/0";
// The 1904 workbook: bare serials (no date format) in Switzerland's I.1 dates.
const CH_START = "2014-02-03";
const CH_END = "2016-11-30";
const serial1904 = (day: string): number => (Date.parse(`${day}T00:00:00Z`) - Date.UTC(1904, 0, 1)) / 86_400_000;
const REMARKS = ["Our remarks: ask the border police first", "Our remarks: figures still pending"];

/** Parties whose EMN answers may not be published, with how each wrote its choice (two versions). */
const WITHHELD: Readonly<Record<string, readonly [string, string]>> = {
  DE: ["no", "no"],
  EE: ["No.", "No."],
  IE: ["Nein", "Nein"],
  EL: ["maybe", "NO"],
  ES: ["no - EMN NCPs only", "no - EMN NCPs only"],
};
const PUBLISHED: Readonly<Record<string, string | null>> = { BE: "yes", BG: "YES ", CZ: null };

/** A template of ours, and where things are on it, found by reference and heading as a user would. */
function template(frameworkId: string, partyCode: string, round: Round = "initial") {
  const t = templateSpec(frameworkId, partyCode, round);
  const sheets = t.spec.sheets.filter((s) => s.role !== "lists").map((s) => s.name);
  const at = (ref: string, header: string, sheetIndex = 0): { sheet: string; cell: string } => {
    const l = locate(t.spec, t.framework, sheetIndex, ref, header);
    return { sheet: l.sheet, cell: cellAddress(l.row, l.col) };
  };
  return {
    ...t,
    round,
    sheets,
    at,
    meta: (key: keyof typeof META_ROWS, sheetIndex = 0) => ({ sheet: sheets[sheetIndex] ?? "", cell: cellAddress(META_ROWS[key], 1) }),
    /** Every entry cell filled with a valid answer naming the tag; refs for which `skip` holds stay empty. */
    fill: (tag: string, skip: (ref: string) => boolean = () => false): DamageOp[] =>
      fillAll(t.spec, t.framework, t.party, (fw, column, ref) => (skip(ref) ? null : answer(fw, column, ref, tag)))
        .filter((e) => e.value !== null)
        .map((e) => ({ op: "value", sheet: e.sheet, cell: cellAddress(e.row, e.col), value: e.value as string | number | { date: string } })),
  };
}

function answer(fw: Framework, column: TableColumn, ref: string, tag: string): CellValue {
  if (column.kind === "responsible") return `Unit for ${ref}, ${tag}`;
  if (column.kind === "review") return "ready for review";
  if (column.kind !== "entry") return null;
  const e = column.entry;
  if (e.type === "list") return e.id === "participation" ? "yes" : e.id === "status" ? "ongoing" : (fw.lists.find((l) => l.id === e.list)?.values[0] ?? null);
  if (e.type === "date") return { date: e.id === "end" ? "2015-06-30" : "2013-03-15" };
  return `${tag}: ${e.header} for ${ref}.\n=SUM(1) stays text`;
}

interface Plan {
  readonly name: string;
  /** The template it starts from. */
  readonly from: { readonly framework: string; readonly party: string; readonly round: Round };
  readonly job: Omit<DamageJob, "out" | "template">;
  readonly received?: string;
  /** Written by openpyxl, then opened and saved by LibreOffice (which calculates formulas). */
  readonly viaLibreOffice?: boolean;
}

function plan(name: string, t: ReturnType<typeof template>, ops: DamageOp[], opts: { received?: string; modified?: string; epoch1904?: boolean; viaLibreOffice?: boolean } = {}): Plan {
  return {
    name,
    from: { framework: t.framework.id, party: t.party.code, round: t.round },
    job: { ops, modified: opts.modified ?? SENDER_SAVED, ...(opts.epoch1904 ? { epoch1904: true } : {}) },
    ...(opts.received ? { received: opts.received } : {}),
    ...(opts.viaLibreOffice ? { viaLibreOffice: true } : {}),
  };
}

/** An EMN return whose party may not be published: version 1, or version 2 with other answers, a formula, a comment, a link. */
function withheldEmn(code: string, version: 1 | 2): Plan {
  const t = template(EMN, code);
  const tag = `${code}-private-v${version}`;
  const ops: DamageOp[] = [...t.fill(tag), { op: "value", ...t.meta("dissemination"), value: WITHHELD[code]?.[version - 1] ?? "no" }];
  if (version === 1 && code === "EE") ops.push({ op: "link", ...t.at("Q3", "Response"), text: "EE-private-v1 source", address: "https://private.example/ee-v1" });
  if (version === 2) {
    ops.push(
      { op: "formula", ...t.at("Q2", "Response"), formula: `=CONCATENATE("${code}-private","-v2 formula")` },
      { op: "comment", ...t.at("Q1", "Response"), text: `${code}-private-v2 comment` },
      { op: "link", ...t.at("Q3", "Response"), text: `${code}-private-v2 link`, address: `https://private.example/${code.toLowerCase()}-v2` },
      { op: "value", ...t.at("Q4", "Response"), value: null },
    );
  }
  return plan(`emn-${code}.xlsx`, t, ops);
}

function inboxPlans(withSoffice: boolean): Plan[] {
  const plans: Plan[] = [];
  // EMN: dissemination spellings, published and withheld; damage on published returns.
  for (const [code, choice] of Object.entries(PUBLISHED)) {
    const t = template(EMN, code);
    const ops: DamageOp[] = [...t.fill(`${code}-emn`), { op: "value", ...t.meta("dissemination"), value: choice }];
    if (code === "BE") {
      ops.push(
        { op: "link", ...t.at("Q1", "Response"), text: "See the Belgian report", address: BE_LINK },
        { op: "comment", ...t.at("Q2", "Response"), text: BE_COMMENT },
        { op: "formula", ...t.at("Q3", "Response"), formula: BE_FORMULA },
        { op: "comment", ...t.at("Q1", "Question"), text: BE_ITEM_COMMENT },
      );
    }
    if (code === "BG") ops.push({ op: "value", ...t.at("Q4", "Response"), value: BG_LONG });
    // Czechia's return came late; Bulgaria's program saved it after the deadline, but it came on time.
    plans.push(plan(`emn-${code}.xlsx`, t, ops, code === "CZ" ? { received: "2026-11-20T09:00:00Z" } : code === "BG" ? { modified: SAVED_LATE } : {}));
  }
  for (const code of Object.keys(WITHHELD)) plans.push(withheldEmn(code, 1));
  if (withSoffice) {
    const fr = template(EMN, "FR");
    plans.push(plan("emn-FR.xlsx", fr, [...fr.fill("FR-emn"), { op: "formula", ...fr.at("Q2", "Response"), formula: LO_FORMULA }], { viaLibreOffice: true, modified: SAVED_LATE }));
    const it = template(EMN, "IT");
    plans.push(plan("emn-IT.xlsx", it, [...it.fill("IT-emn"), { op: "formula", ...it.at("Q2", "Response"), formula: DIV0_FORMULA }], { viaLibreOffice: true }));
  }

  // Prague: Austria's initial return and an update that fills only what changed.
  const atInitial = template(PRAGUE, "AT");
  plans.push(plan("prague-AT-initial.xlsx", atInitial, atInitial.fill("AT-prague-initial")));
  const atUpdate = template(PRAGUE, "AT", "update");
  plans.push(
    plan(
      "prague-AT-update.xlsx",
      atUpdate,
      [
        { op: "value", ...atUpdate.at("I.1", "Status"), value: "planned" },
        { op: "value", ...atUpdate.at("I.1", "Activities undertaken"), value: "AT-prague-update: new activities for I.1" },
        { op: "value", ...atUpdate.at("III.2", "Activities undertaken"), value: "AT-prague-update: III.2 revised" },
      ],
      { received: "2026-11-25T09:00:00Z" },
    ),
  );
  // Switzerland saves in the 1904 date system; two of its date cells lost their date format.
  const ch = template(PRAGUE, "CH");
  plans.push(
    plan(
      "prague-CH.xlsx",
      ch,
      [
        ...ch.fill("CH-prague"),
        { op: "value", ...ch.at("I.1", "Start date"), value: serial1904(CH_START) },
        { op: "format", ...ch.at("I.1", "Start date"), format: "General" },
        { op: "value", ...ch.at("I.1", "End date"), value: serial1904(CH_END) },
        { op: "format", ...ch.at("I.1", "End date"), format: "General" },
      ],
      { epoch1904: true },
    ),
  );
  // Norway inserted a column of its own before the entry columns.
  const no = template(PRAGUE, "NO");
  const rowOf = (ref: string): number => Number(no.at(ref, "Participation").cell.replace(/^[A-Z]+/, ""));
  plans.push(
    plan("prague-NO.xlsx", no, [
      ...no.fill("NO-prague"),
      {
        op: "insertColumn",
        sheet: no.sheets[0] ?? "",
        column: "C",
        header: "Our remarks",
        headerRow: TABLE_HEADER_ROW + 1,
        values: { [`C${rowOf("I.1")}`]: REMARKS[0] ?? "", [`C${rowOf("III.2")}`]: REMARKS[1] ?? "" },
      },
    ]),
  );

  // Pact: France twice under two spellings of its code; France's return with Germany's code; Germany.
  const codeCells = (t: ReturnType<typeof template>, value: string): DamageOp[] => t.sheets.map((_, i) => ({ op: "value", ...t.meta("partyCode", i), value }));
  const frLower = template(PACT, "FR");
  plans.push(plan("pact-FR-lower.xlsx", frLower, [...frLower.fill("FR-pact-lower"), ...codeCells(frLower, "fr")], { received: "2026-11-05T09:00:00Z", modified: "2026-10-20T08:00:00Z" }));
  // Received later (and saved earlier by its sender, and first by name): it is the one that counts.
  const frName = template(PACT, "FR");
  plans.push(
    plan("pact-FR-France.xlsx", frName, [...frName.fill("FR-pact-France", (ref) => ref.startsWith("V")), ...codeCells(frName, "France")], {
      received: "2026-11-12T09:00:00Z",
      modified: "2026-10-01T08:00:00Z",
    }),
  );
  const frAsDe = template(PACT, "FR");
  plans.push(plan("pact-FR-as-DE.xlsx", frAsDe, [...frAsDe.fill("FR-as-DE-pact"), ...codeCells(frAsDe, "DE")], { received: "2026-11-13T09:00:00Z" }));
  const de = template(PACT, "DE");
  plans.push(plan("pact-DE.xlsx", de, de.fill("DE-pact")));
  // A real return whose name starts like Excel's lock files.
  const be = template(PACT, "BE");
  plans.push(plan("~$BE.xlsx", be, be.fill("BE-pact")));
  return plans;
}

/** Excel's owner file: the user's name as a byte string, padded, then again in UTF-16, 165 bytes, not a zip. */
function excelLockFile(user: string): Buffer {
  const out = Buffer.alloc(165, 0x20);
  out[0] = user.length;
  out.write(user, 1, "latin1");
  out[54] = user.length;
  out[55] = 0;
  out.write(user, 56, "utf16le");
  return out;
}

// ---- reading the reports back ----

const addr = (a1: string): { col: string; row: number } => {
  const m = /^([A-Z]+)(\d+)$/.exec(a1);
  if (!m?.[1] || !m[2]) throw new Error(`not an A1 address: ${a1}`);
  return { col: m[1], row: Number(m[2]) };
};

/** A report sheet as a table: headings of the header row, and rows of cells by heading. */
class Table {
  readonly columns = new Map<string, string>();
  readonly rows = new Map<number, Map<string, DumpedCell>>();
  readonly headerRow: number;
  constructor(readonly sheet: DumpedSheet) {
    for (const [a1, c] of Object.entries(sheet.cells)) {
      const { col, row } = addr(a1);
      const r = this.rows.get(row) ?? new Map<string, DumpedCell>();
      r.set(col, c);
      this.rows.set(row, r);
    }
    const header = [...this.rows.entries()].sort(([a], [b]) => a - b).find(([, r]) => ["Ref", "Area", "File", "Framework"].includes(String(r.get("A")?.v)) && r.size > 1);
    if (!header) throw new Error(`no header row on ${sheet.title}`);
    this.headerRow = header[0];
    for (const [col, c] of header[1]) this.columns.set(String(c.v), col);
  }
  value(row: number, heading: string): DumpedCell["v"] {
    const col = this.columns.get(heading);
    return col === undefined ? null : (this.rows.get(row)?.get(col)?.v ?? null);
  }
  /** Body rows (below the header) where every given heading holds the given value. */
  where(match: Readonly<Record<string, string>>): number[] {
    return [...this.rows.keys()]
      .filter((row) => row > this.headerRow && Object.entries(match).every(([h, v]) => this.value(row, h) === v))
      .sort((a, b) => a - b);
  }
}

const sheetOf = (wb: DumpedWorkbook, title: string): DumpedSheet => {
  const s = wb.sheets.find((x) => x.title === title);
  if (!s) throw new Error(`no sheet '${title}' in ${wb.sheets.map((x) => x.title).join(", ")}`);
  return s;
};

const texts = (wb: DumpedWorkbook): string[] => wb.sheets.flatMap((s) => Object.values(s.cells).flatMap((c) => (typeof c.v === "string" ? [c.v] : [])));

/** Which return the Source column names for one column of a compilation row ("A, B from file › sheet" lines when mixed). */
function sourceOf(source: DumpedCell["v"], heading: string): string {
  const text = typeof source === "string" ? source : "";
  // The last " from " separates: a heading may hold the word ("Funding: funds from other international …").
  const lines = text.split("\n").map((l) => /^(.+) from (.+ › .+)$/.exec(l));
  if (lines.every((m) => m === null)) return text;
  return lines.find((m) => m?.[1]?.split(", ").includes(heading))?.[2] ?? "";
}

interface RegisterRow {
  file: string;
  sheet: string;
  framework: string;
  party: string;
  round: string;
  received: string;
  modified: string;
  errors: number;
  warnings: number;
  status: string;
  supersededBy?: string;
  reason?: { code: string; message: string };
  late: boolean;
  dissemination: string;
  note: string;
}

interface Finding {
  code: string;
  severity: string;
  sheet: string;
  cell?: string;
  message: string;
  acknowledged?: unknown;
}

interface FileValidation {
  file: string;
  status: string;
  error?: { code: string };
  skipped?: string;
  findings: Finding[];
}

const ERROR_VALUE = /^#(DIV\/0!|N\/A|VALUE!|REF!|NAME\?|NUM!|NULL!)$/;
const same = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** The headings of a template sheet whose cells are entries the report carries. */
function entryHeadings(fw: Framework, role: SheetRole): Set<string> {
  return new Set(tableColumns(fw, role).flatMap((c) => (c.kind === "entry" || c.kind === "responsible" || c.kind === "review" ? [c.header] : [])));
}

const withOpenpyxl = hasOpenpyxl();
const withSoffice = withOpenpyxl && hasSoffice();

(withOpenpyxl ? describe : describe.skip)("returns damaged as ministries damage them: nothing vanishes, the public edition fails closed", () => {
  const dir = tempDir("trust");
  const inbox = join(dir, "inbox");
  const inboxB = join(dir, "inbox-b");
  const received = new Map<string, string>();
  let run: SpawnSyncReturns<string>;
  let register: RegisterRow[];
  let validation: Map<string, FileValidation>;
  let internal: DumpedWorkbook;
  let publicEdition: DumpedWorkbook;
  let inputs: InputWorkbook[];
  const sentence = catalogue.framework(EMN).dissemination?.standardSentence ?? "";

  beforeAll(async () => {
    for (const d of [inbox, inboxB, join(dir, "templates"), join(dir, "lo-src"), join(dir, "v2"), join(dir, "ods")]) mkdirSync(d, { recursive: true });
    const plans = inboxPlans(withSoffice);
    const v2 = Object.keys(WITHHELD).map((code) => withheldEmn(code, 2));
    // Our templates, written by our writer; everything after is openpyxl's and LibreOffice's.
    const jobs: DamageJob[] = [];
    const templateFile = async (p: Plan): Promise<string> => {
      const { framework, party, round } = p.from;
      const file = join(dir, "templates", `${framework}-${party}-${round}.xlsx`);
      writeFileSync(file, await workbookBytes(templateSpec(framework, party, round).spec));
      return file;
    };
    for (const p of plans) jobs.push({ ...p.job, template: await templateFile(p), out: join(p.viaLibreOffice ? join(dir, "lo-src") : inbox, p.name) });
    for (const p of v2) jobs.push({ ...p.job, template: await templateFile(p), out: join(dir, "v2", p.name) });
    buildWithOpenpyxl(jobs, dir);
    if (withSoffice) {
      // One LibreOffice run per target format: it calculates the formulas openpyxl left uncalculated.
      const profile = sofficeProfile();
      sofficeConvertAll(
        plans.filter((p) => p.viaLibreOffice).map((p) => join(dir, "lo-src", p.name)),
        "xlsx:Calc MS Excel 2007 XML",
        inbox,
        profile,
      );
      sofficeConvertAll([join(inbox, "pact-DE.xlsx")], "ods", join(dir, "ods"), profile);
      copyFileSync(join(dir, "ods", "pact-DE.ods"), join(inbox, "pact-DE.ods"));
    }
    writeFileSync(join(inbox, "~$XX.xlsx"), excelLockFile("Jana Novak"));
    // The second folder: the same files, except what the withheld parties wrote.
    for (const name of readdirSync(inbox)) copyFileSync(join(inbox, name), join(inboxB, name));
    for (const p of v2) copyFileSync(join(dir, "v2", p.name), join(inboxB, p.name));
    for (const p of plans) if (p.received) received.set(p.name, p.received);
    for (const folder of [inbox, inboxB]) {
      for (const name of readdirSync(folder)) {
        const at = new Date(received.get(name) ?? ON_TIME);
        utimesSync(join(folder, name), at, at);
      }
    }

    run = cli(dir, "consolidate", "inbox", "--out", "internal.xlsx", "--public", "public.xlsx", "--json", ...DEADLINES);
    if (run.status !== 0) throw new Error(`consolidate failed (${run.status}): ${run.stderr}`);
    register = (JSON.parse(run.stdout) as { rows: RegisterRow[] }).rows;
    const v = cli(dir, "validate", "inbox", "--json");
    validation = new Map((JSON.parse(v.stdout) as FileValidation[]).map((x) => [basename(x.file), x]));
    internal = openpyxlDump(join(dir, "internal.xlsx"));
    publicEdition = openpyxlDump(join(dir, "public.xlsx"));
    inputs = readEntries(
      readdirSync(inbox)
        .filter((n) => n.endsWith(".xlsx") && n !== "~$XX.xlsx")
        .map((n) => join(inbox, n)),
    );
  }, 150_000);

  const rowOf = (name: string, sheet?: string): RegisterRow => {
    const rows = register.filter((r) => basename(r.file) === name && (sheet === undefined || r.sheet === sheet || r.sheet === ""));
    if (rows.length !== 1) throw new Error(`${rows.length} register rows for ${name} ${sheet ?? ""}`);
    return rows[0] as RegisterRow;
  };
  const findingsOf = (name: string): Finding[] => validation.get(name)?.findings ?? [];

  it("gives every file of the folder a register row, and names the lock file on the skipped line only", () => {
    expect(run.stderr).toBe(`skipped 1 file in folders — Excel lock file (1): ${join("inbox", "~$XX.xlsx")}\n`);
    const names = new Set(register.map((r) => basename(r.file)));
    const files = readdirSync(inbox).filter((n) => n !== "~$XX.xlsx");
    expect([...names].sort()).toEqual(files.sort());
    expect(register.filter((r) => basename(r.file) === "~$BE.xlsx").map((r) => r.status)).toEqual(["accepted", "accepted"]);
    if (withSoffice) {
      const ods = rowOf("pact-DE.ods");
      expect(ods.status).toBe("rejected");
      expect(ods.reason?.code).toMatch(/^PT-(READ|IO)-\d{3}$/);
    }
    // The internal Register sheet holds the same rows, with the dissemination choice and a note.
    const reg = new Table(sheetOf(internal, "Register"));
    for (const h of ["Received", "Last modified (sender)", "Wider dissemination", "Note"]) expect(reg.columns.has(h)).toBe(true);
    expect(reg.where({ File: "inbox/~$BE.xlsx" })).toHaveLength(2);
    if (withSoffice) expect(reg.where({ File: "inbox/pact-DE.ods", Status: "rejected" })).toHaveLength(1);
    expect(texts(internal).some((t) => t.includes("~$XX.xlsx"))).toBe(false);
    // validate sees the same folder the same way.
    expect(validation.get("~$XX.xlsx")).toMatchObject({ status: "skipped", skipped: "Excel lock file" });
  });

  it("agrees with validate --json on every file: the same errors and warnings, the same reader codes", () => {
    for (const r of register) {
      const v = validation.get(basename(r.file));
      expect(v).toBeDefined();
      if (r.reason && /^PT-(READ|IO)-/.test(r.reason.code)) {
        expect({ file: r.file, status: v?.status, code: v?.error?.code }).toEqual({ file: r.file, status: "unreadable", code: r.reason.code });
        continue;
      }
      const mine = (v?.findings ?? []).filter((f) => f.sheet === r.sheet);
      const counted = { file: r.file, sheet: r.sheet, errors: mine.filter((f) => f.severity === "error").length, warnings: mine.filter((f) => f.severity === "warning" && !f.acknowledged).length };
      expect(counted).toEqual({ file: r.file, sheet: r.sheet, errors: r.errors, warnings: r.warnings });
    }
  });

  it("puts every entry of every input in the internal report, unless a finding or the register names it", () => {
    const problems: string[] = [];
    let carried = 0;
    let named = 0;
    for (const wb of inputs) {
      const name = basename(wb.file);
      const findings = findingsOf(name);
      for (const sheet of wb.sheets) {
        const reg = rowOf(name, sheet.title);
        const fw = catalogue.findFramework(sheet.meta["Framework"] ?? "");
        const role = sheet.meta["Sheet"] as SheetRole;
        if (!fw) throw new Error(`${name}: no framework`);
        const namedAt = (a1: string, code?: string): boolean => findings.some((f) => f.sheet === sheet.title && f.cell === a1 && (code === undefined || f.code === code));
        const table = new Table(sheetOf(internal, `${fw.id} ${role === "political" ? "political" : "compilation"}`));
        const headings = entryHeadings(fw, role);
        for (const c of sheet.cells) {
          const where = `${name} › ${sheet.title} ${c.a1}${c.ref ? ` [${c.ref}]` : ""}${c.header ? ` ${c.header}` : ""}`;
          if (c.header === "Guidance" || c.header === "Main commitment") continue; // the template's own text
          const content = (c.value !== null && c.value !== "") || c.formula !== null || c.link !== null || c.comment !== null;
          if (!content) continue;
          if (reg.status === "rejected" || reg.status === "superseded") {
            // The register says the whole sheet is out, and why.
            if (!(reg.reason?.code ?? reg.supersededBy)) problems.push(`${where}: ${reg.status} without a reason`);
            named++;
            continue;
          }
          if (c.header === null || !headings.has(c.header)) {
            // Outside the entry cells: a value (PT-STRUCT-009/010), or a formula, link, comment (PT-CONT-016).
            if (!namedAt(c.a1)) problems.push(`${where}: '${String(c.value ?? c.formula ?? c.link ?? c.comment)}' outside the entry cells, and no finding names it`);
            named++;
            continue;
          }
          const rows = table.where({ [role === "political" ? "Area" : "Ref"]: c.ref ?? "", Code: reg.party });
          if (rows.length !== 1) {
            problems.push(`${where}: ${rows.length} compilation rows for ${reg.party} ${c.ref}`);
            continue;
          }
          const row = rows[0] as number;
          const reported = table.value(row, c.header);
          const notes = String(table.value(row, NOTES) ?? "");
          const isError = c.formula !== null && typeof c.value === "string" && ERROR_VALUE.test(c.value);
          const expected = isError
            ? null
            : typeof c.value === "number" && /date/i.test(c.header)
              ? { date: new Date(Date.UTC(wb.epoch1904 ? 1904 : 1899, wb.epoch1904 ? 0 : 11, wb.epoch1904 ? 1 : 30) + c.value * 86_400_000).toISOString().slice(0, 10) }
              : c.value;
          const cut = typeof expected === "string" && expected.length > EXCEL_CELL_LIMIT;
          const matches = cut
            ? namedAt(c.a1, "PT-CONT-010") && typeof reported === "string" && reported.length <= EXCEL_CELL_LIMIT && reported.startsWith(expected.slice(0, 2000)) && reported.includes("[cut: ")
            : same(reported, expected);
          if (!matches) {
            // Replaced by a later return: the register row says so and the Source names the other file.
            const from = sourceOf(table.value(row, "Source"), c.header);
            if (/replaced by a later return/.test(reg.note) && from !== "" && !from.includes(name)) {
              carried++;
              continue;
            }
            problems.push(`${where}: the input holds ${JSON.stringify(expected)}, the report ${JSON.stringify(reported)} (source ${from || "?"})`);
            continue;
          }
          if (isError && !(namedAt(c.a1, "PT-CONT-015") && notes.includes(String(c.value)))) problems.push(`${where}: cached error ${String(c.value)} neither named by PT-CONT-015 nor in the notes`);
          if (c.formula !== null && !notes.includes(c.formula)) problems.push(`${where}: formula ${c.formula} is not in the Notes column ('${notes}')`);
          if (c.link !== null && !notes.includes(c.link)) problems.push(`${where}: link ${c.link} is not in the Notes column ('${notes}')`);
          if (c.comment !== null && !notes.includes(c.comment)) problems.push(`${where}: comment '${c.comment}' is not in the Notes column ('${notes}')`);
        }
      }
    }
    expect(problems).toEqual([]);
    // The test saw the cases it was written for.
    expect(carried).toBeGreaterThan(0);
    expect(named).toBeGreaterThan(0);
    // No cell of either report is a formula; the Notes column is text that does not start one.
    for (const wb of [internal, publicEdition]) {
      for (const s of wb.sheets) {
        for (const [a1, c] of Object.entries(s.cells)) expect(`${s.title}!${a1} ${c.t}`).not.toMatch(/ f$/);
        if (!s.title.endsWith("compilation") && !s.title.endsWith("political")) continue;
        const t = new Table(s);
        const col = t.columns.get(NOTES);
        const notes = [...t.rows.entries()].flatMap(([row, r]) => (row > t.headerRow && col && r.get(col)?.v != null ? [r.get(col) as DumpedCell] : []));
        for (const n of notes) expect([n.t, String(n.v).charAt(0)]).toEqual([expect.stringMatching(/^(s|str)$/), expect.not.stringMatching(/^[=+\-@]$/)]);
      }
    }
  });

  it("carries formulas as text, cached values as values, cached errors as not reported, links and comments in the Notes column", () => {
    const comp = new Table(sheetOf(internal, `${EMN} compilation`));
    const one = (t: Table, ref: string, code: string): number => {
      const rows = t.where({ Ref: ref, Code: code });
      expect(rows).toHaveLength(1);
      return rows[0] as number;
    };
    const notesCell = (t: Table, row: number): DumpedCell | undefined => t.rows.get(row)?.get(t.columns.get(NOTES) ?? "");

    // Belgium's formula, never calculated: no value, the formula's text as text, and an error finding.
    const beQ3 = one(comp, "Q3", "BE");
    expect(comp.value(beQ3, "Response")).toBeNull();
    const formulaNote = notesCell(comp, beQ3);
    expect(["s", "str"]).toContain(formulaNote?.t);
    expect(String(formulaNote?.v)).toContain(BE_FORMULA);
    expect(String(formulaNote?.v)).not.toMatch(/^[=+\-@]/);
    expect(findingsOf("emn-BE.xlsx").filter((f) => f.code === "PT-CONT-013").map((f) => f.cell)).toEqual([beCell("Q3")]);
    // Its link and its comment, in the Notes beside the display text.
    const beQ1 = one(comp, "Q1", "BE");
    expect(comp.value(beQ1, "Response")).toBe("See the Belgian report");
    expect(String(comp.value(beQ1, NOTES))).toContain(BE_LINK);
    expect(String(comp.value(one(comp, "Q2", "BE"), NOTES))).toContain(BE_COMMENT);
    // The comment on the question's text is not carried, and a finding says so.
    expect(findingsOf("emn-BE.xlsx").filter((f) => f.code === "PT-CONT-016").map((f) => f.cell)).toEqual([beCell("Q1", "Question")]);
    expect(texts(internal).some((t) => t.includes(BE_ITEM_COMMENT))).toBe(false);
    // Text over Excel's limit: a finding, and the report says where it cut.
    expect(findingsOf("emn-BG.xlsx").map((f) => f.code)).toContain("PT-CONT-010");
    expect(String(comp.value(one(comp, "Q4", "BG"), "Response"))).toMatch(/\[cut: \d+ characters in the return; Excel keeps at most 32767 in a cell\]$/);

    // The public edition carries links, not formulas or comments.
    const pub = new Table(sheetOf(publicEdition, `${EMN} compilation`));
    expect(String(pub.value(one(pub, "Q1", "BE"), LINKS))).toContain(BE_LINK);
    expect(texts(publicEdition).some((t) => t.includes(BE_COMMENT) || t.includes(BE_FORMULA))).toBe(false);

    if (!withSoffice) return;
    // LibreOffice calculated France's formula: the cached value as the answer, the formula in the notes.
    const frQ2 = one(comp, "Q2", "FR");
    expect(comp.value(frQ2, "Response")).toBe("Calculated in LibreOffice");
    expect(String(comp.value(frQ2, NOTES))).toContain(LO_FORMULA);
    expect(findingsOf("emn-FR.xlsx").filter((f) => f.code === "PT-CONT-013")).toHaveLength(1);
    // Italy's formula caches #DIV/0!: a finding, never an answer, never "reported".
    const itQ2 = one(comp, "Q2", "IT");
    expect(comp.value(itQ2, "Response")).toBeNull();
    expect(String(comp.value(itQ2, NOTES))).toContain("#DIV/0!");
    expect(findingsOf("emn-IT.xlsx").filter((f) => f.code === "PT-CONT-015")).toHaveLength(1);
    const coverage = new Table(sheetOf(internal, `${EMN} coverage`));
    const q2 = coverage.where({ Ref: "Q2" })[0] ?? -1;
    expect(coverage.value(q2, "IT")).not.toBe("reported");
    expect(coverage.value(q2, "FR")).toBe("reported");
    for (const t of texts(internal).concat(texts(publicEdition))) expect(t === "#DIV/0!").toBe(false);
  });

  it("reads the 1904 workbook's dates, with or without a date format, as the right days", () => {
    const comp = new Table(sheetOf(internal, `${PRAGUE} compilation`));
    const i1 = comp.where({ Ref: "I.1", Code: "CH" });
    expect(i1).toHaveLength(1);
    expect(comp.value(i1[0] as number, "Start date")).toEqual({ date: CH_START });
    expect(comp.value(i1[0] as number, "End date")).toEqual({ date: CH_END });
    // The cells that kept their date format too.
    const i2 = comp.where({ Ref: "I.2", Code: "CH" })[0] as number;
    expect([comp.value(i2, "Start date"), comp.value(i2, "End date")]).toEqual([{ date: "2013-03-15" }, { date: "2015-06-30" }]);
    expect(findingsOf("prague-CH.xlsx")).toEqual([]);
  });

  it("reads entries by heading when a column was inserted before them; the column's own values are named by PT-STRUCT-009 and land nowhere", () => {
    const comp = new Table(sheetOf(internal, `${PRAGUE} compilation`));
    const i1 = comp.where({ Ref: "I.1", Code: "NO" })[0] as number;
    expect([comp.value(i1, "Participation"), comp.value(i1, "Status"), comp.value(i1, "Start date"), comp.value(i1, "Activities undertaken")]).toEqual([
      "yes",
      "ongoing",
      { date: "2013-03-15" },
      "NO-prague: Activities undertaken for I.1.\n=SUM(1) stays text",
    ]);
    const found = findingsOf("prague-NO.xlsx");
    const input = inputs.find((w) => basename(w.file) === "prague-NO.xlsx");
    const remarks = input?.sheets[0]?.cells.filter((c: InputCell) => c.header === "Our remarks") ?? [];
    expect(remarks.map((c) => c.value)).toEqual(REMARKS);
    for (const c of remarks) expect(found.filter((f) => f.cell === c.a1).map((f) => f.code)).toEqual(["PT-STRUCT-009"]);
    // The inserted heading is a column the template does not have; the template's columns, shifted along in order, are not "moved".
    expect(found.filter((f) => f.code === "PT-STRUCT-020").map((f) => f.message)).toEqual([expect.stringContaining("'Our remarks'")]);
    expect(found.filter((f) => f.code === "PT-STRUCT-017")).toEqual([]);
    for (const wb of [internal, publicEdition]) expect(texts(wb).filter((t) => REMARKS.some((r) => t.includes(r)))).toEqual([]);
  });

  it("rejects France's return under Germany's code (PT-STRUCT-015) and keeps Germany's own", () => {
    const asDe = register.filter((r) => basename(r.file) === "pact-FR-as-DE.xlsx");
    expect(asDe).toHaveLength(2);
    for (const r of asDe) expect([r.status, r.reason?.code]).toEqual(["rejected", "PT-STRUCT-015"]);
    expect(findingsOf("pact-FR-as-DE.xlsx").filter((f) => f.code === "PT-STRUCT-015")).toHaveLength(2);
    expect(register.filter((r) => basename(r.file) === "pact-DE.xlsx").map((r) => r.status)).toEqual(["accepted", "accepted"]);
    const comp = new Table(sheetOf(internal, `${PACT} compilation`));
    const deRow = comp.where({ Ref: "I(a)", Code: "DE" });
    expect(deRow).toHaveLength(1);
    expect(comp.value(deRow[0] as number, "Main actions undertaken at Member State level")).toBe("DE-pact: Main actions undertaken at Member State level for I(a).\n=SUM(1) stays text");
    // Attributed to nobody: its text is in no compilation.
    for (const wb of [internal, publicEdition]) expect(texts(wb).filter((t) => t.includes("FR-as-DE-pact"))).toEqual([]);
  });

  it("merges rounds and files per entry: what a later return leaves empty is kept, and the Source says where it came from", () => {
    const comp = new Table(sheetOf(internal, `${PRAGUE} compilation`));
    const initial = rowOf("prague-AT-initial.xlsx");
    const update = rowOf("prague-AT-update.xlsx");
    expect(initial.status).toBe("accepted");
    expect(initial.note).toMatch(/^\d+ entries still used; 3 entries replaced by a later return$/);
    expect(initial.supersededBy).toContain("prague-AT-update.xlsx");
    // A partial update is no failed return: what it leaves empty the initial return gives (README, "The update round").
    expect(update.status).toBe("accepted");
    expect(update.note).toMatch(/entries carried from inbox\/prague-AT-initial\.xlsx › prague-ap-2012 AT actions/);
    // A row the update did not touch: all of it from the initial return.
    const i2 = comp.where({ Ref: "I.2", Code: "AT" })[0] as number;
    expect(comp.value(i2, "Activities undertaken")).toBe("AT-prague-initial: Activities undertaken for I.2.\n=SUM(1) stays text");
    expect(comp.value(i2, "Source")).toBe("inbox/prague-AT-initial.xlsx › prague-ap-2012 AT actions");
    // A row it touched: its entries from the update, the others carried, per column.
    const i1 = comp.where({ Ref: "I.1", Code: "AT" })[0] as number;
    expect([comp.value(i1, "Status"), comp.value(i1, "Activities undertaken"), comp.value(i1, "Participation")]).toEqual(["planned", "AT-prague-update: new activities for I.1", "yes"]);
    const source = comp.value(i1, "Source");
    expect(sourceOf(source, "Status")).toContain("prague-AT-update.xlsx");
    expect(sourceOf(source, "Participation")).toContain("prague-AT-initial.xlsx");
    expect(sourceOf(source, "Activities planned")).toContain("prague-AT-initial.xlsx");

    // France as "fr" and as "France": one party; the later received wins entry by entry.
    const pact = register.filter((r) => basename(r.file).startsWith("pact-FR-") && r.status !== "rejected");
    expect(pact.map((r) => [basename(r.file), r.party, r.status])).toEqual([
      ["pact-FR-France.xlsx", "FR", "accepted with errors"],
      ["pact-FR-France.xlsx", "FR", "accepted with errors"],
      ["pact-FR-lower.xlsx", "FR", "accepted"],
      ["pact-FR-lower.xlsx", "FR", "accepted"],
    ]);
    for (const r of pact.filter((x) => basename(x.file) === "pact-FR-lower.xlsx")) expect(r.note).toMatch(/entries still used; \d+ entries replaced by a later return/);
    const fr = new Table(sheetOf(internal, `${PACT} compilation`));
    const main = "Main actions undertaken at Member State level";
    expect(fr.where({ Code: "FR", Ref: "I(a)" }).map((r) => fr.value(r, main))).toEqual(["FR-pact-France: Main actions undertaken at Member State level for I(a).\n=SUM(1) stays text"]);
    expect(fr.where({ Code: "FR", Ref: "V(a)" }).map((r) => [fr.value(r, main), fr.value(r, "Source")])).toEqual([
      ["FR-pact-lower: Main actions undertaken at Member State level for V(a).\n=SUM(1) stays text", `inbox/pact-FR-lower.xlsx › ${PACT} FR factual`],
    ]);
    const political = new Table(sheetOf(internal, `${PACT} political`));
    expect(political.where({ Code: "FR", Area: "V" }).map((r) => political.value(r, "Political assessment of progress"))).toEqual([
      "FR-pact-lower: Political assessment of progress for V.\n=SUM(1) stays text",
    ]);
    expect(political.where({ Code: "FR", Area: "I" }).map((r) => political.value(r, "Political assessment of progress"))).toEqual([
      "FR-pact-France: Political assessment of progress for I.\n=SUM(1) stays text",
    ]);
  });

  it("publishes only recognisably-yes choices: the others get the standard sentence once, no counts, no quality data", () => {
    const withheld = Object.keys(WITHHELD);
    const published = [...Object.keys(PUBLISHED), ...(withSoffice ? ["FR", "IT"] : [])];
    // Findings: anything neither yes nor no is an error naming the value; "no" is a choice.
    for (const code of withheld) {
      const nine = findingsOf(`emn-${code}.xlsx`).filter((f) => f.code === "PT-CONT-009");
      expect([code, nine.map((f) => f.cell)]).toEqual([code, code === "DE" ? [] : ["B11"]]);
    }
    for (const code of published) expect([code, findingsOf(`emn-${code}.xlsx`).filter((f) => f.code === "PT-CONT-009")]).toEqual([code, []]);
    // Internal edition: each party's choice, in the compilation and the register.
    const comp = new Table(sheetOf(internal, `${EMN} compilation`));
    const choice = (code: string): string => String(comp.value(comp.where({ Ref: "Q1", Code: code })[0] ?? -1, "Wider dissemination"));
    expect(choice("BE")).toBe("yes");
    expect(choice("BG")).toBe("yes");
    expect(choice("CZ")).toMatch(/^yes \(blank/);
    expect(choice("DE")).toMatch(/no/);
    for (const code of ["EE", "IE", "EL", "ES"]) expect(choice(code)).toContain(`'${WITHHELD[code]?.[0]}'`);
    for (const code of withheld) expect(rowOf(`emn-${code}.xlsx`).note).toContain("withheld from the public edition");
    expect(["DE", "EE", "BG", "CZ"].map((code) => rowOf(`emn-${code}.xlsx`).dissemination)).toEqual(["no", "withheld ('No.' is not yes or no)", "yes", "yes (blank, read as the default)"]);
    const reg = new Table(sheetOf(internal, "Register"));
    expect(reg.value(reg.where({ File: "inbox/emn-IE.xlsx" })[0] ?? -1, "Wider dissemination")).toBe("withheld ('Nein' is not yes or no)");
    for (const code of published) expect(rowOf(`emn-${code}.xlsx`).note).not.toContain("withheld");

    // Public edition: the sentence once per withheld party and block, their answers nowhere.
    const pub = new Table(sheetOf(publicEdition, `${EMN} compilation`));
    for (const code of withheld) {
      const rows = pub.where({ Code: code });
      expect(rows.map((r) => [pub.value(r, "Ref"), pub.value(r, "Response"), pub.value(r, LINKS)])).toEqual([["Q", sentence, null]]);
    }
    // One row per question, and one for the single response to all of them (1.–4.).
    for (const code of published) expect(pub.where({ Code: code }).map((r) => pub.value(r, "Ref"))).toEqual(["Q1", "Q2", "Q3", "Q4", "Q1-4"]);
    expect(pub.columns.has("Wider dissemination")).toBe(false);
    expect(pub.columns.has("Source")).toBe(false);
    const all = texts(publicEdition);
    expect(all.filter((t) => /private|is not yes or no|\.xlsx|\.ods|Nein|maybe|NCPs only/.test(t))).toEqual([]);
    // Coverage: "not for wider dissemination", and no per-party totals.
    const cov = new Table(sheetOf(publicEdition, `${EMN} coverage`));
    for (const code of withheld) {
      for (const ref of ["Q1", "Q2", "Q3", "Q4"]) expect(cov.value(cov.where({ Ref: ref })[0] ?? -1, code)).toBe(NOT_FOR_DISSEMINATION);
      const totals = [...cov.rows.keys()].filter((r) => String(cov.value(r, "Item")).startsWith("Total per party"));
      expect(totals.length).toBeGreaterThan(0);
      for (const r of totals) expect(cov.value(r, code)).toBeNull();
    }
    // Summary: no errors, warnings or register in public.
    const summary = new Table(sheetOf(publicEdition, "Summary"));
    expect([...summary.columns.keys()]).toEqual(["Framework", "Cycle", "Parties reporting", "Returned empty", "Missing"]);
    expect(publicEdition.sheets.map((s) => s.title)).toEqual(internal.sheets.map((s) => s.title).filter((t) => t !== "Register"));
    expect(new Table(sheetOf(internal, "Summary")).columns.has("Errors")).toBe(true);
  });

  it("judges lateness by the date received (time on disk, or --received), and shows the sender's date beside it", () => {
    const cz = rowOf("emn-CZ.xlsx");
    expect([cz.received, cz.late, cz.modified]).toEqual(["2026-11-20T09:00:00Z", true, SENDER_SAVED]);
    const be = rowOf("emn-BE.xlsx");
    expect([be.received, be.late]).toEqual([ON_TIME, false]);
    expect(rowOf("prague-AT-update.xlsx")).toMatchObject({ received: "2026-11-25T09:00:00Z", late: false });
    // Saved by the sender after the deadline (and kept so through LibreOffice), received before it.
    for (const name of ["emn-BG.xlsx", ...(withSoffice ? ["emn-FR.xlsx"] : [])]) {
      const r = rowOf(name);
      expect([name, r.modified, r.received, r.late]).toEqual([name, SAVED_LATE, ON_TIME, false]);
    }
    const reg = new Table(sheetOf(internal, "Register"));
    const czRow = reg.where({ File: "inbox/emn-CZ.xlsx" })[0] ?? -1;
    // Dates the spreadsheet can sort and filter (openpyxl gives the day; the cells carry the time too).
    expect([reg.value(czRow, "Received"), reg.value(czRow, "Last modified (sender)"), reg.value(czRow, "Late")]).toEqual([{ date: "2026-11-20" }, { date: SENDER_SAVED.slice(0, 10) }, "late"]);

    writeFileSync(join(dir, "received.csv"), "file,received\nemn-CZ.xlsx,2026-11-14\nemn-BE.xlsx,2026-11-16\n");
    const r = cli(dir, "consolidate", "inbox", "--out", "received.xlsx", "--json", "--received", "received.csv", ...DEADLINES);
    expect(r.status).toBe(0);
    const rows = (JSON.parse(r.stdout) as { rows: RegisterRow[] }).rows;
    const by = (n: string) => rows.find((x) => basename(x.file) === n);
    expect(by("emn-CZ.xlsx")).toMatchObject({ received: "2026-11-14", late: false, modified: SENDER_SAVED });
    expect(by("emn-BE.xlsx")).toMatchObject({ received: "2026-11-16", late: true });
    expect(by("emn-BG.xlsx")).toMatchObject({ received: ON_TIME, late: false });
    const files = new Set(rows.map((x) => x.file)).size;
    expect(r.stderr).toContain(`received dates: 2 from received.csv, ${files - 2} from the files' times on disk`);
  });

  it("withholds a response whose dissemination cell holds a formula that was never calculated (fails closed)", async () => {
    // `="no"` written by a script or openpyxl has no cached value: the cell is not blank, and not recognisably yes.
    const t = template(EMN, "LU");
    const sub = join(dir, "formula-choice");
    mkdirSync(join(sub, "in"), { recursive: true });
    writeFileSync(join(sub, "template.xlsx"), await workbookBytes(t.spec));
    const ops: DamageOp[] = [...t.fill("LU-private-formula"), { op: "formula", ...t.meta("dissemination"), formula: '="no"' }];
    buildWithOpenpyxl([{ template: join(sub, "template.xlsx"), out: join(sub, "in", "emn-LU.xlsx"), ops }], sub);
    const r = cli(sub, "consolidate", "in", "--out", "internal.xlsx", "--public", "public.xlsx", "--json");
    expect(r.status).toBe(0);
    expect(texts(openpyxlDump(join(sub, "public.xlsx"))).filter((x) => x.includes("LU-private"))).toEqual([]);
    expect((JSON.parse(r.stdout) as { rows: RegisterRow[] }).rows[0]?.note).toContain("withheld from the public edition");
    const v = JSON.parse(cli(sub, "validate", "in", "--json").stdout) as FileValidation[];
    expect(v[0]?.findings.filter((f) => f.cell === t.meta("dissemination").cell && f.severity === "error")).not.toEqual([]);
  });

  it("gives a cell-identical public edition when only withheld parties' content changes", () => {
    const b = cli(dir, "consolidate", "inbox-b", "--out", "internal-b.xlsx", "--public", "public-b.xlsx", "--json", ...DEADLINES);
    expect(b.status).toBe(0);
    const internalB = openpyxlDump(join(dir, "internal-b.xlsx"));
    // The change was real: the internal editions differ, and carry version 2.
    expect(texts(internalB).some((t) => t.includes("EE-private-v2"))).toBe(true);
    expect(texts(internalB).some((t) => t.includes('=CONCATENATE("EE-private","-v2 formula")'))).toBe(true);
    expect(texts(internal).some((t) => t.includes("EE-private-v2"))).toBe(false);
    // The CLI stamps only the day of generation (the same for both runs), so nothing at all may differ.
    const cellsOf = (wb: DumpedWorkbook) => wb.sheets.map((s) => ({ title: s.title, merged: s.merged, cells: Object.fromEntries(Object.entries(s.cells).map(([a1, c]) => [a1, { v: c.v, t: c.t }])) }));
    const a = cellsOf(publicEdition);
    const other = cellsOf(openpyxlDump(join(dir, "public-b.xlsx")));
    expect(other.map((s) => s.title)).toEqual(a.map((s) => s.title));
    for (const [i, s] of a.entries()) expect(other[i]).toEqual(s);
    expect(String(sheetOf(publicEdition, "Summary").cells["A2"]?.v)).toMatch(/^Public edition, made \d{4}-\d{2}-\d{2} by pact-tracker$/);
  });
});

/** Where Belgium's EMN template has an item's cell, by heading. */
function beCell(ref: string, header = "Response"): string {
  return template(EMN, "BE").at(ref, header).cell;
}
