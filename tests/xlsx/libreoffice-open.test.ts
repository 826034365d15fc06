import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { shippedCatalogue } from "../../src/core/catalogue/builtin";
import { itemsOf } from "../../src/core/catalogue/catalogue";
import { buildTemplate } from "../../src/core/template/builder";
import { workbookBytes } from "../../src/xlsx/write-spec";
import { hasSoffice, sofficeConvert, tempDir } from "../support/tools";

const catalogue = shippedCatalogue();
const run = hasSoffice() ? it : it.skip;

/** CSV export of every sheet (LibreOffice ≥ 7.2 filter option: sheet -1 = all sheets, one file each). */
const ALL_SHEETS_CSV = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";

run("every generated template opens in LibreOffice and shows its commitment texts", async () => {
  const dir = tempDir("lo-open");
  for (const fw of catalogue.frameworks) {
    const party = catalogue.partiesOf(fw)[0];
    if (!party) throw new Error("no party");
    const file = join(dir, `${fw.id}.xlsx`);
    writeFileSync(file, await workbookBytes(buildTemplate({ framework: fw, party, cycle: "2026", round: "initial" })));
    sofficeConvert(file, ALL_SHEETS_CSV, dir);
    const csv = readdirSync(dir)
      .filter((f) => f.startsWith(`${fw.id}-`) && f.endsWith(".csv"))
      .map((f) => readFileSync(join(dir, f), "utf8"))
      .join("\n");
    expect(csv).toContain("pact-tracker/1");
    for (const { item } of itemsOf(fw)) {
      expect(csv).toContain(item.ref);
      expect(csv).toContain(item.text.replace(/"/g, '""'));
    }
  }
}, 180000);
