import ExcelJS from "exceljs";
import { unzipSync } from "fflate";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, renameSync, writeSync } from "node:fs";
import { join } from "node:path";
import { SaxesParser } from "saxes";
import { inflateRawSync } from "node:zlib";
import { shippedCatalogue } from "../src/core/catalogue/builtin";
import { tableColumns } from "../src/core/template/layout";
import { buildTemplate } from "../src/core/template/builder";
import type { CellSpec, CellValue, WorkbookSpec } from "../src/core/template/spec";
import { validateWorkbook } from "../src/core/validation/validate-workbook";
import { readWorkbook } from "../src/xlsx/read/read-workbook";
import { writeWorkbook } from "../src/xlsx/write/workbook-writer";
import { main as cli } from "../src/cli/main";

/**
 * The benchmark's workloads, each run in a process of its own by scripts/bench.js so that time
 * and peak memory are measured apart. Returns are realistic: 2023–2027 Prague matrices with every
 * entry filled (text of ~300 characters), saved the way Excel saves them (a shared-string table)
 * or the way openpyxl does (inline strings) — not by exceljs, whose files are easier to read.
 */

const catalogue = shippedCatalogue();

function paragraph(seed: number, length: number): string {
  const words = ["national", "authorities", "strengthened", "cooperation", "return", "reintegration", "programme", "migrants", "border", "training", "2024", "capacity", "dialogue", "partners", "legislation"];
  let s = "";
  let i = seed;
  while (s.length < length) {
    i = (i * 1103515245 + 12345) % 2147483648;
    s += `${words[i % words.length]} `;
  }
  return s.trim();
}

/** The n-th return: a template with every entry filled in, as a sender would. */
function filledSpec(n: number): WorkbookSpec {
  const fw = catalogue.framework("prague-ap-2023");
  const parties = catalogue.partiesOf(fw);
  const party = parties[n % parties.length];
  if (!party) throw new Error("no party");
  const spec = buildTemplate({ framework: fw, party, cycle: String(2023 + Math.floor(n / parties.length)), round: "initial" });
  const sheet = spec.sheets[0];
  if (!sheet) throw new Error("no sheet");
  const columns = tableColumns(fw, sheet.role);
  const cells = sheet.cells.map((c): CellSpec => {
    const col = columns[c.col];
    if (!col || (col.kind !== "entry" && col.kind !== "responsible" && col.kind !== "review")) return c;
    if (c.style !== "entryText" && c.style !== "entryList" && c.style !== "entryDate") return c;
    let value: CellValue;
    if (col.kind === "review") value = "approved";
    else if (col.kind === "responsible") value = `Unit ${c.row}`;
    else if (col.entry.type === "list") value = col.entry.id === "participation" ? "yes" : col.entry.id === "status" ? "ongoing" : "European Union funds";
    else if (col.entry.type === "date") value = { date: `2024-${String((c.row % 12) + 1).padStart(2, "0")}-01` };
    else value = paragraph(n * 1000 + c.row * 10 + c.col, 300);
    return { ...c, value };
  });
  return { ...spec, sheets: [{ ...sheet, cells }, ...spec.sheets.slice(1)] };
}

function writeFile(file: string, spec: WorkbookSpec, strings: "shared" | "inline"): void {
  const fd = openSync(`${file}.part`, "w");
  writeWorkbook(spec, { write: (c) => void writeSync(fd, c) }, { strings });
  closeSync(fd);
  renameSync(`${file}.part`, file);
}

function makeReturns(dir: string, count: number, strings: "shared" | "inline"): void {
  mkdirSync(dir, { recursive: true });
  for (let n = 0; n < count; n++) {
    const file = join(dir, `return-${String(n).padStart(4, "0")}.xlsx`);
    if (!existsSync(file)) writeFile(file, filledSpec(n), strings);
  }
}

const xlsxIn = (dir: string): string[] =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".xlsx"))
    .sort();

interface Result {
  files: number;
  /** What each workload counts as it goes (cells, sheets, bytes or events), to show it did the work. */
  cells: number;
}

/** Floor: inflating every part, nothing else. */
function unzipOnly(dir: string): Result {
  let bytes = 0;
  const files = xlsxIn(dir);
  for (const f of files) for (const data of Object.values(unzipSync(readFileSync(join(dir, f))))) bytes += data.length;
  return { files: files.length, cells: bytes };
}

/** Every part of a zip (ours, trusted: no checks), inflated by Node's zlib. */
function unzipNative(bytes: Uint8Array): Record<string, Uint8Array> {
  const v = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (v.getUint32(end, true) !== 0x06054b50) end--;
  const out: Record<string, Uint8Array> = {};
  let p = v.getUint32(end + 16, true);
  for (let n = v.getUint16(end + 10, true); n > 0; n--) {
    const method = v.getUint16(p + 10, true);
    const compressed = v.getUint32(p + 20, true);
    const nameLen = v.getUint16(p + 28, true);
    const local = v.getUint32(p + 42, true);
    const name = new TextDecoder().decode(bytes.subarray(p + 46, p + 46 + nameLen));
    const data = bytes.subarray(local + 30 + v.getUint16(local + 26, true) + v.getUint16(local + 28, true));
    out[name] = method === 0 ? data.subarray(0, compressed) : inflateRawSync(data.subarray(0, compressed));
    p += 46 + nameLen + v.getUint16(p + 30, true) + v.getUint16(p + 32, true);
  }
  return out;
}

/** Floor: inflating every part and running each XML part through saxes, with handlers that only count. */
function unzipSax(dir: string, native = false): Result {
  let events = 0;
  const files = xlsxIn(dir);
  const decoder = new TextDecoder();
  for (const f of files) {
    const bytes = readFileSync(join(dir, f));
    for (const [name, data] of Object.entries(native ? unzipNative(bytes) : unzipSync(bytes))) {
      if (!name.endsWith(".xml") && !name.endsWith(".rels")) continue;
      const p = new SaxesParser({ xmlns: false, position: false });
      p.on("opentag", () => void events++);
      p.on("text", () => void events++);
      p.on("closetag", () => void events++);
      p.write(decoder.decode(data)).close();
    }
  }
  return { files: files.length, cells: events };
}

async function readAll(dir: string, reader: string): Promise<Result> {
  let cells = 0;
  const files = xlsxIn(dir);
  for (const f of files) {
    if (reader === "ours" || reader === "ours+validate") {
      const wb = readWorkbook(readFileSync(join(dir, f)), f);
      if (reader === "ours+validate") {
        const v = validateWorkbook(wb.sheets.map((s) => ({ grid: s.grid, hiddenColumns: s.hiddenColumns, details: s.details })), catalogue);
        if (v.counts.errors > 0) throw new Error(`${f}: ${v.findings[0]?.message}`);
      }
      cells += wb.sheets.length;
    } else {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(dir, f));
      wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell(() => void cells++)));
    }
  }
  return { files: files.length, cells };
}

/**
 * Ours: the CLI's consolidate command itself (read, validate, checksum, register, report streamed
 * to a file), reading on every core (its default) or, with `jobs` 1, in one thread.
 */
async function consolidateOurs(dir: string, out: string, jobs?: number): Promise<Result> {
  const code = await cli(["consolidate", dir, "--out", out, "--force", ...(jobs ? ["--jobs", String(jobs)] : [])], { out: () => undefined, err: (l) => void process.stderr.write(`${l}\n`) });
  if (code !== 0) throw new Error(`consolidate exited ${code}`);
  const files = xlsxIn(dir);
  return { files: files.length, cells: 0 };
}

/**
 * The naive script one would write with exceljs alone: read each workbook, copy its table rows
 * into one sheet through exceljs's streaming writer (rows committed as they come, no shared strings).
 */
async function consolidateExceljs(dir: string, out: string): Promise<Result> {
  const files = xlsxIn(dir);
  const result = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: out, useStyles: false, useSharedStrings: false });
  const target = result.addWorksheet("compilation");
  let cells = 0;
  for (const f of files) {
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(join(dir, f));
    const ws = wb.worksheets[0];
    if (!ws) continue;
    const party = String(ws.getCell("B7").value ?? "");
    ws.eachRow((row, n) => {
      if (n <= 14) return;
      const values = (row.values as ExcelJS.CellValue[]).slice(1);
      target.addRow([party, f, ...values]).commit();
      cells += values.length + 2;
    });
  }
  target.commit();
  await result.commit();
  return { files: files.length, cells };
}

async function main(): Promise<void> {
  const [mode, dir, arg] = process.argv.slice(2);
  if (!mode || !dir) throw new Error("usage: read-returns make-shared|make-inline DIR COUNT | MODE DIR");
  if (mode === "make-shared" || mode === "make-inline") {
    makeReturns(dir, Number(arg ?? 200), mode === "make-shared" ? "shared" : "inline");
    return;
  }
  if (!existsSync(dir)) throw new Error(`no returns in ${dir}`);
  const out = join(dir, "..", `bench-${mode}.xlsx`);
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  let r: Result;
  if (mode === "unzip") r = unzipOnly(dir);
  else if (mode === "unzip+sax") r = unzipSax(dir);
  else if (mode === "zlib+sax") r = unzipSax(dir, true);
  else if (mode === "consolidate-ours") r = await consolidateOurs(dir, out);
  else if (mode === "consolidate-ours-1") r = await consolidateOurs(dir, out, 1);
  else if (mode === "consolidate-exceljs") r = await consolidateExceljs(dir, out);
  else r = await readAll(dir, mode);
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  // The last line of stdout: what scripts/bench.js reads.
  process.stdout.write(`\n${JSON.stringify({ mode, files: r.files, cells: r.cells, ms: Math.round(ms), cpuMs: Math.round((cpu.user + cpu.system) / 1000), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
