import ExcelJS from "exceljs";
import { mkdirSync, readdirSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { join } from "node:path";
import { shippedCatalogue } from "../src/core/catalogue/builtin";
import { tableColumns } from "../src/core/template/layout";
import { buildTemplate } from "../src/core/template/builder";
import { validateWorkbook } from "../src/core/validation/validate-workbook";
import { readWorkbook } from "../src/xlsx/read/read-workbook";
import { workbookBytes } from "../src/xlsx/write-spec";
import { writeSpecToFile } from "../src/xlsx/write-spec-file";
import { buildRegister, type ReadOutcome } from "../src/core/consolidation/register";
import { buildCombinedReport } from "../src/core/consolidation/report";
import { createHash } from "node:crypto";

/**
 * Reading benchmark: the same folder of realistic returns (2023–2027 matrices, every entry filled
 * with a few hundred characters) read by our reader and by exceljs, each in its own process so
 * peak memory is measured separately. Run through scripts/bench.js.
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

async function makeReturns(dir: string, count: number): Promise<void> {
  mkdirSync(dir, { recursive: true });
  if (readdirSync(dir).filter((f) => f.endsWith(".xlsx")).length >= count) return;
  const fw = catalogue.framework("prague-ap-2023");
  const parties = catalogue.partiesOf(fw);
  for (let n = 0; n < count; n++) {
    const party = parties[n % parties.length];
    if (!party) throw new Error("no party");
    const spec = buildTemplate({ framework: fw, party, cycle: String(2023 + Math.floor(n / parties.length)), round: "initial" });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(Buffer.from(await workbookBytes(spec)) as unknown as ArrayBuffer);
    const ws = wb.worksheets[0];
    const sheet = spec.sheets[0];
    if (!ws || !sheet) throw new Error("no sheet");
    const columns = tableColumns(fw, sheet.role);
    for (const c of sheet.cells) {
      const col = columns[c.col];
      if (!col || (col.kind !== "entry" && col.kind !== "responsible" && col.kind !== "review")) continue;
      if (c.style !== "entryText" && c.style !== "entryList" && c.style !== "entryDate") continue;
      const cell = ws.getCell(c.row + 1, c.col + 1);
      if (col.kind === "review") cell.value = "approved";
      else if (col.kind === "responsible") cell.value = `Unit ${c.row}`;
      else if (col.entry.type === "list") cell.value = col.entry.id === "participation" ? "yes" : col.entry.id === "status" ? "ongoing" : "European Union funds";
      else if (col.entry.type === "date") cell.value = new Date(Date.UTC(2024, c.row % 12, 1));
      else cell.value = paragraph(n * 1000 + c.row * 10 + c.col, 300);
    }
    writeFileSync(join(dir, `return-${String(n).padStart(4, "0")}.xlsx`), Buffer.from(await wb.xlsx.writeBuffer()));
  }
}

async function readAll(dir: string, reader: string): Promise<{ files: number; cells: number }> {
  let cells = 0;
  const files = readdirSync(dir).filter((f) => f.endsWith(".xlsx")).sort();
  for (const f of files) {
    if (reader === "ours" || reader === "ours+validate") {
      const wb = readWorkbook(readFileSync(join(dir, f)), f);
      if (reader === "ours+validate") {
        const v = validateWorkbook(wb.sheets.map((s) => ({ grid: s.grid, hiddenColumns: s.hiddenColumns })), catalogue);
        if (v.counts.errors > 0) throw new Error(`${f}: ${v.findings[0]?.message}`);
      }
      for (const s of wb.sheets) cells += [...s.grid.cells()].length;
    } else {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(join(dir, f));
      wb.eachSheet((ws) => ws.eachRow((row) => row.eachCell(() => void cells++)));
    }
  }
  return { files: files.length, cells };
}

/** Ours: the CLI's path — hardened reader, validation, register, streamed combined report. */
async function consolidateOurs(dir: string, out: string): Promise<{ files: number; cells: number }> {
  const files = readdirSync(dir).filter((f) => f.endsWith(".xlsx")).sort();
  const outcomes: ReadOutcome[] = [];
  for (const f of files) {
    const bytes = readFileSync(join(dir, f));
    const wb = readWorkbook(bytes, f);
    const validation = validateWorkbook(wb.sheets.map((s) => ({ grid: s.grid, hiddenColumns: s.hiddenColumns })), catalogue);
    outcomes.push({ source: { file: f, sha256: createHash("sha256").update(bytes).digest("hex"), ...(wb.properties.modified ? { modified: wb.properties.modified } : {}) }, validation });
  }
  const register = buildRegister(outcomes, catalogue);
  const spec = buildCombinedReport(register, catalogue, { edition: "internal" });
  await writeSpecToFile(spec, out);
  return { files: files.length, cells: spec.sheets.reduce((n, s) => n + s.cells.length, 0) };
}

/** Naive: what one would write with exceljs alone — load each workbook, copy the table rows, write one workbook. */
async function consolidateExceljs(dir: string, out: string): Promise<{ files: number; cells: number }> {
  const files = readdirSync(dir).filter((f) => f.endsWith(".xlsx")).sort();
  const result = new ExcelJS.Workbook();
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
      target.addRow([party, ...values]);
      cells += values.length + 1;
    });
  }
  await result.xlsx.writeFile(out);
  return { files: files.length, cells };
}

async function main(): Promise<void> {
  const [mode, dir, arg] = process.argv.slice(2);
  if (!dir) throw new Error("usage: read-returns make|ours|exceljs DIR [COUNT]");
  if (mode === "make") {
    await makeReturns(dir, Number(arg ?? 200));
    return;
  }
  if (!existsSync(dir)) throw new Error(`no returns in ${dir}`);
  const t0 = performance.now();
  const out = join(dir, "..", `bench-${mode}.xlsx`);
  const r = mode === "consolidate-ours" ? await consolidateOurs(dir, out) : mode === "consolidate-exceljs" ? await consolidateExceljs(dir, out) : await readAll(dir, mode ?? "ours");
  const ms = performance.now() - t0;
  process.stdout.write(`${JSON.stringify({ reader: mode, files: r.files, cells: r.cells, ms: Math.round(ms), peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024) })}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
