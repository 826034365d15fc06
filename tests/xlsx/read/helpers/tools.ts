import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * The desktop tools other contributors save with. Missing locally: the test notes it and
 * passes; missing on CI (process.env.CI set): the test fails, so coverage is never lost silently.
 */

const PYTHON = "/usr/bin/python3";

function works(cmd: string, args: string[]): boolean {
  const r = spawnSync(cmd, args, { stdio: "ignore", timeout: 30_000 });
  return r.status === 0;
}

export const haveOpenpyxl = works(PYTHON, ["-c", "import openpyxl"]);
export const haveSoffice = works("soffice", ["--version"]);

/** True when the test should go on; false (after a console note) to skip; throws on CI. */
export function toolAvailable(tool: string, available: boolean): boolean {
  if (available) return true;
  if (process.env.CI) throw new Error(`${tool} is required on CI but is not installed`);
  console.warn(`skipped: ${tool} is not installed`);
  return false;
}

/** Runs `work` in a fresh temporary folder, removed afterwards. */
function inTempDir<T>(work: (dir: string) => T): T {
  const dir = mkdtempSync(join(tmpdir(), "pt-read-"));
  try {
    return work(dir);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Opens and saves the workbook with openpyxl, as a Python-using contributor would. */
export function openpyxlResave(bytes: Uint8Array): Uint8Array {
  return inTempDir((dir) => {
    const src = join(dir, "in.xlsx");
    const dst = join(dir, "out.xlsx");
    writeFileSync(src, bytes);
    execFileSync(PYTHON, ["-c", "import sys, openpyxl; wb = openpyxl.load_workbook(sys.argv[1]); wb.save(sys.argv[2])", src, dst], { timeout: 60_000 });
    return new Uint8Array(readFileSync(dst));
  });
}

/** Converts with headless LibreOffice into `format` (e.g. "xlsx", "xls"), in a throwaway profile. */
export function sofficeConvert(bytes: Uint8Array, format: string): Uint8Array {
  return inTempDir((dir) => {
    const src = join(dir, "in.xlsx");
    const outDir = join(dir, "out");
    writeFileSync(src, bytes);
    execFileSync(
      "soffice",
      [`-env:UserInstallation=file://${join(dir, "profile")}`, "--headless", "--norestore", "--convert-to", format, "--outdir", outDir, src],
      { timeout: 120_000, stdio: "ignore" },
    );
    return new Uint8Array(readFileSync(join(outDir, `in.${format.split(":")[0]}`)));
  });
}
