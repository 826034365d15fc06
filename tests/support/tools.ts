import { execFileSync, spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * Third-party clients (openpyxl, LibreOffice) prove our files open elsewhere. Locally a missing
 * tool skips those tests with a note; in CI (CI=true) a missing tool is a failure.
 */
export function toolAvailable(command: string, args: string[]): boolean {
  // Asked once per run by tests/global-setup.js (a LibreOffice start is a second or more), not per test file.
  const known = (JSON.parse(process.env.PT_TOOLS ?? "{}") as Record<string, boolean>)[[command, ...args].join(" ")];
  const ok = known ?? spawnSync(command, args, { stdio: "ignore" }).status === 0;
  if (!ok && process.env.CI) throw new Error(`${command} is required in CI but is not installed`);
  if (!ok) console.warn(`${command} not installed: skipping the tests that need it`);
  return ok;
}

export const PYTHON = "/usr/bin/python3";

export const hasOpenpyxl = (): boolean => toolAvailable(PYTHON, ["-c", "import openpyxl"]);
export const hasSoffice = (): boolean => toolAvailable("soffice", ["--version"]);

export function tempDir(prefix: string): string {
  return mkdtempSync(join(tmpdir(), `pt-${prefix}-`));
}

export interface DumpedCell {
  v: string | number | boolean | { date: string } | null;
  t: string;
  locked: boolean;
  fmt: string;
  wrap: boolean;
}

export interface DumpedSheet {
  title: string;
  state: string;
  protected: boolean;
  freeze: string | null;
  printTitleRows: string | null;
  orientation: string | null;
  fitToWidth: number | null;
  /** The print scale in percent, where the sheet prints over pages across instead of fit to width. */
  scale: number | null;
  printTitleCols: string | null;
  fitToHeight: number | null;
  paperSize: number | string | null;
  /** "overThenDown" where a sheet too wide for one page prints a band of rows across consecutive pages. */
  pageOrder: string | null;
  autoFilter: string | null;
  fitToPage: boolean;
  validations: { type: string; sqref: string; formula1: string | null; prompt: string | null }[];
  merged: string[];
  widths: Record<string, number>;
  cells: Record<string, DumpedCell>;
}

export interface DumpedWorkbook {
  sheets: DumpedSheet[];
  definedNames: Record<string, string>;
}

/** A table on a dumped sheet, found by the heading of its first column (legend rows above it vary). */
export interface DumpedTable {
  readonly headerRow: number;
  /** The column letters under a heading ("?" where there is none). */
  readonly col: (header: string) => string;
  /** The body's rows, down to the first empty cell in the first column. */
  readonly rows: readonly number[];
  readonly at: (col: string, row: number) => DumpedCell | undefined;
}

export function dumpedTable(sheet: DumpedSheet, firstHeader: string): DumpedTable {
  const firstCol = (a1: string): string => a1.replace(/\d+$/, "");
  const found = Object.entries(sheet.cells).find(([, c]) => c.v === firstHeader);
  if (!found) throw new Error(`no heading '${firstHeader}' on sheet '${sheet.title}'`);
  const headerRow = Number(found[0].replace(/^[A-Z]+/, ""));
  const start = firstCol(found[0]);
  const header = new Map<string, string>();
  for (const [a1, c] of Object.entries(sheet.cells)) if (Number(a1.replace(/^[A-Z]+/, "")) === headerRow && c.v !== null) header.set(String(c.v), firstCol(a1));
  const at = (col: string, row: number): DumpedCell | undefined => sheet.cells[`${col}${row}`];
  const rows: number[] = [];
  for (let row = headerRow + 1; (at(start, row)?.v ?? "") !== ""; row++) rows.push(row);
  return { headerRow, col: (h) => header.get(h) ?? "?", rows, at };
}

export function openpyxlDump(file: string): DumpedWorkbook {
  const json = execFileSync(PYTHON, [join(__dirname, "openpyxl_dump.py"), file], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(json) as DumpedWorkbook;
}

/**
 * The LibreOffice profile of this test worker: private, so parallel workers and runs never share
 * one, and kept for the run, so only the first conversion pays for making a profile (seconds each).
 * A worker runs one conversion at a time (they are synchronous).
 */
export function sofficeProfile(): string {
  const dir = join(tmpdir(), `pt-lo-profile-${process.env.PT_TEST_RUN ?? String(process.pid)}-w${process.env.JEST_WORKER_ID ?? "1"}`);
  mkdirSync(dir, { recursive: true });
  return dir;
}

/** Converts with LibreOffice headless, in the worker's own profile. */
export function sofficeConvert(file: string, to: string, outDir: string): void {
  const profile = sofficeProfile();
  execFileSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", to, "--outdir", outDir, file], { stdio: "pipe", timeout: 120000 });
}
