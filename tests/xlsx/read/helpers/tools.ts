import { execFileSync } from "node:child_process";
import { readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { PYTHON, sofficeConvert, tempDir } from "../../../support/tools";

/** Bytes in, bytes out, through the third-party clients of tests/support/tools.ts. */

function inTempDir<T>(work: (dir: string) => T): T {
  const dir = tempDir("read");
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

/** Converts with headless LibreOffice into `format` (e.g. "xlsx", "xls"). */
export function sofficeConvertBytes(bytes: Uint8Array, format: string): Uint8Array {
  return inTempDir((dir) => {
    const src = join(dir, "in.xlsx");
    const outDir = join(dir, "out");
    writeFileSync(src, bytes);
    sofficeConvert(src, format, outDir);
    return new Uint8Array(readFileSync(join(outDir, `in.${format.split(":")[0]}`)));
  });
}
