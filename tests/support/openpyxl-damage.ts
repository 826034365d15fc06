import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { PYTHON, sofficeProfile } from "./tools";

/**
 * Returns damaged the way ministries damage them, written by openpyxl (and LibreOffice), and read
 * back by openpyxl: tools that share no code with ours. See openpyxl_damage.py for the operations.
 */

export type DamageOp =
  | { readonly op: "value"; readonly sheet: string; readonly cell: string; readonly value: string | number | { date: string } | null }
  | { readonly op: "formula"; readonly sheet: string; readonly cell: string; readonly formula: string }
  | { readonly op: "link"; readonly sheet: string; readonly cell: string; readonly text: string; readonly address: string }
  | { readonly op: "comment"; readonly sheet: string; readonly cell: string; readonly text: string }
  | { readonly op: "format"; readonly sheet: string; readonly cell: string; readonly format: string }
  /** A formula whose cached text need not agree with it (openpyxl stores none: written into the XML after saving). */
  | { readonly op: "cachedFormula"; readonly sheet: string; readonly cell: string; readonly formula: string; readonly cached: string }
  /** The cell given twice in the XML: first `earlier`, then the cell as saved. */
  | { readonly op: "duplicate"; readonly sheet: string; readonly cell: string; readonly earlier: string }
  /** A sheet of the ministry's own: an annex, a cover letter, hidden or very hidden. */
  | { readonly op: "addSheet"; readonly sheet: string; readonly state?: "visible" | "hidden" | "veryHidden"; readonly cells: Readonly<Record<string, string>> }
  | { readonly op: "insertColumn"; readonly sheet: string; readonly column: string; readonly header: string; readonly headerRow: number; readonly values: Readonly<Record<string, string>> };

export interface DamageJob {
  /** Our template, as written by our writer. */
  readonly template: string;
  readonly out: string;
  readonly ops: readonly DamageOp[];
  /** Save in the 1904 date system (Excel for Mac's old default). */
  readonly epoch1904?: boolean;
  /** The sender's "last modified" in docProps, "YYYY-MM-DDTHH:MM:SSZ". */
  readonly modified?: string;
}

/** Builds every job in one openpyxl process. */
export function buildWithOpenpyxl(jobs: readonly DamageJob[], dir: string): void {
  const file = join(dir, `jobs-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(jobs));
  execFileSync(PYTHON, [join(__dirname, "openpyxl_damage.py"), "build", file], { stdio: "pipe" });
}

/** One cell as openpyxl reads it: the cached value (data_only) and, separately, formula, link and comment. */
export interface InputCell {
  readonly a1: string;
  readonly row: number;
  /** The table heading above it (body cells only; null for formulas, links, comments elsewhere). */
  readonly header: string | null;
  readonly ref: string | null;
  readonly value: string | number | boolean | { date: string } | null;
  readonly numberFormat: string;
  readonly formula: string | null;
  readonly link: string | null;
  readonly comment: string | null;
}

export interface InputSheet {
  readonly title: string;
  /** Header block: label in column A → value in column B. */
  readonly meta: Readonly<Record<string, string>>;
  readonly headerRow: number;
  readonly headings: Readonly<Record<string, string>>;
  readonly cells: readonly InputCell[];
}

export interface InputWorkbook {
  readonly file: string;
  readonly epoch1904: boolean;
  readonly sheets: readonly InputSheet[];
}

/** What each file holds, as openpyxl sees it (template sheets only). */
export function readEntries(files: readonly string[]): InputWorkbook[] {
  const json = execFileSync(PYTHON, [join(__dirname, "openpyxl_damage.py"), "entries", ...files], { encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  return JSON.parse(json) as InputWorkbook[];
}

/** Converts several files in one LibreOffice run (private profile): a few seconds instead of a few per file. */
export function sofficeConvertAll(files: readonly string[], to: string, outDir: string, profile = sofficeProfile()): void {
  execFileSync("soffice", [`-env:UserInstallation=file://${profile}`, "--headless", "--convert-to", to, "--outdir", outDir, ...files], { stdio: "pipe", timeout: 120000 });
}
