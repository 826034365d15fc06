import { spawnSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fillAll, templateSpec } from "../support/returns";
import { filledReturn } from "../support/xlsx-returns";
import { hasOpenpyxl, hasSoffice, openpyxlDump, sofficeConvert, tempDir } from "../support/tools";

/**
 * Reports always open: cycle labels as returns write them ("2009/10", "2010/11" — the README's own
 * example — or "H1: 2026?") become sheet names Excel accepts, so openpyxl and LibreOffice open the
 * combined report of two cycles of one framework, and the CLI says it was written only when it was.
 */

const BIN = join(__dirname, "..", "..", "bin", "pact-tracker.js");

describe("a combined report of cycles whose labels Excel would refuse in a sheet name", () => {
  const dir = tempDir("report-opens");
  beforeAll(async () => {
    const returns: [string, string, string][] = [
      ["AT-2009.xlsx", "AT", "2009/10"],
      ["AT-2010.xlsx", "AT", "2010/11"],
      ["GE-2010.xlsx", "GE", "2010/11"],
      ["AM.xlsx", "AM", "H1: 2026?"],
    ];
    for (const [file, party, cycle] of returns) {
      const { spec, framework, party: p } = templateSpec("prague-ap-2012", party, "initial", cycle);
      writeFileSync(join(dir, file), await filledReturn(spec, fillAll(spec, framework, p)));
    }
    const r = spawnSync(process.execPath, [BIN, "consolidate", dir, "--out", join(dir, "combined.xlsx"), "--public", join(dir, "public.xlsx")], { encoding: "utf8" });
    if (r.status !== 0) throw new Error(r.stderr);
  }, 60_000);

  (hasOpenpyxl() ? it : it.skip)("opens in openpyxl, one compilation per cycle", () => {
    for (const file of ["combined.xlsx", "public.xlsx"]) {
      const names = openpyxlDump(join(dir, file)).sheets.map((s) => s.title);
      expect(names).toEqual(expect.arrayContaining(["prague-ap-2012 2009-10 compilat", "prague-ap-2012 2010-11 compilat", "prague-ap-2012 H1- 2026- compil"]));
    }
  });

  (hasSoffice() ? it : it.skip)("opens in LibreOffice", () => {
    sofficeConvert(join(dir, "combined.xlsx"), "pdf", dir);
    expect(existsSync(join(dir, "combined.pdf"))).toBe(true);
  }, 120_000);
});

