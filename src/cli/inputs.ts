import { readdirSync, statSync } from "node:fs";
import { extname, join } from "node:path";

/** Spreadsheet-like files in a folder; Excel's "~$" lock files are not returns. */
const RETURN_EXTENSIONS = new Set([".xlsx", ".xlsm", ".xlsb", ".xls"]);

/**
 * The files a command works on: files named directly (kept even if missing, so the reader reports
 * them) and the spreadsheets in named folders, recursively, in name order. Each path once.
 */
export function expandPaths(inputs: readonly string[]): string[] {
  const out: string[] = [];
  const seen = new Set<string>();
  const add = (path: string): void => {
    if (!seen.has(path)) {
      seen.add(path);
      out.push(path);
    }
  };
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (RETURN_EXTENSIONS.has(extname(name).toLowerCase()) && !name.startsWith("~$")) add(path);
    }
  };
  for (const input of inputs) {
    let isDir = false;
    try {
      isDir = statSync(input).isDirectory();
    } catch {
      // Missing: kept, so it is reported as unreadable with its reason.
    }
    if (isDir) walk(input);
    else add(input);
  }
  return out;
}
