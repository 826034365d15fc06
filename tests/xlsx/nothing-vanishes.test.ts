import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { cellAddress } from "../../src/core/grid/grid";
import { workbookBytes } from "../../src/xlsx/write-spec";
import { buildWithOpenpyxl, sofficeConvertAll, type DamageOp } from "../support/openpyxl-damage";
import { fillAll, templateSpec } from "../support/returns";
import { hasOpenpyxl, hasSoffice, openpyxlDump, tempDir } from "../support/tools";

/**
 * Issue 26, "vanishing content", on real files: a Prague Process return written by openpyxl (and
 * re-saved by LibreOffice) with sheets of the ministry's own — an annex, a cover letter, a hidden and
 * a very hidden sheet — and a value added to the hidden lists sheet. None of it is read into the
 * report, and each is named: by validate (PT-STRUCT-022, with the sheet, its state and first cell)
 * and in the internal edition's register.
 */

const BIN = join(__dirname, "..", "..", "bin", "pact-tracker.js");
const cli = (...args: string[]) => spawnSync(process.execPath, [BIN, ...args], { encoding: "utf8" });
const withOpenpyxl = hasOpenpyxl();

(withOpenpyxl ? describe : describe.skip)("sheets of a return that are no template sheet", () => {
  const dir = tempDir("vanishing");
  const returns = join(dir, "returns");
  const SHEETS: DamageOp[] = [
    { op: "addSheet", sheet: "Annex", cells: { A1: "Annex: figures for 2025", B4: "1,234 returns" } },
    { op: "addSheet", sheet: "Cover letter", cells: { A1: "Dear colleagues, please find our return." } },
    { op: "addSheet", sheet: "Working notes", state: "hidden", cells: { C3: "do not send the draft figures" } },
    { op: "addSheet", sheet: "Very hidden", state: "veryHidden", cells: { A2: "internal only" } },
    { op: "value", sheet: "pt_lists", cell: "A12", value: "our own status" },
  ];

  beforeAll(async () => {
    mkdirSync(returns);
    const t = templateSpec("prague-ap-2012", "AT");
    const template = join(dir, "template.xlsx");
    writeFileSync(template, await workbookBytes(t.spec));
    const answers: DamageOp[] = fillAll(t.spec, t.framework, t.party)
      .filter((e) => e.value !== null)
      .map((e) => ({ op: "value", sheet: e.sheet, cell: cellAddress(e.row, e.col), value: e.value as string | number | { date: string } }));
    buildWithOpenpyxl([{ template, out: join(returns, "AT.xlsx"), ops: [...answers, ...SHEETS] }], dir);
    if (hasSoffice()) {
      const resaved = join(dir, "resaved");
      mkdirSync(resaved);
      sofficeConvertAll([join(returns, "AT.xlsx")], "xlsx", resaved);
    }
  }, 120_000);

  it.each([["openpyxl", "returns"], ...(hasSoffice() ? [["LibreOffice", "resaved"]] : [])])("are each named when written by %s, and the register says so", (_writer, sub) => {
    const file = join(dir, sub ?? "", "AT.xlsx");
    const v = cli("validate", file, "--json");
    const [result] = JSON.parse(v.stdout) as { findings: { code: string; sheet: string; cell?: string; message: string }[] }[];
    const named = (result?.findings ?? []).filter((f) => f.code === "PT-STRUCT-022");
    expect(named.map((f) => [f.sheet, f.cell])).toEqual([
      ["pt_lists", "A12"],
      ["Annex", "A1"],
      ["Cover letter", "A1"],
      ["Working notes", "C3"],
      ["Very hidden", "A2"],
    ]);
    expect(named.find((f) => f.sheet === "Annex")?.message).toBe(
      "Sheet 'Annex' (visible) is no template sheet and is not read into the report; it holds 2 cells, the first in A1: 'Annex: figures for 2025'. Move what the report should carry into the template's cells.",
    );
    expect(named.find((f) => f.sheet === "Working notes")?.message).toContain("(hidden)");
    expect(named.find((f) => f.sheet === "pt_lists")?.message).toContain("1 cell that are not the templates' lists");

    const out = join(dir, `${sub}-combined.xlsx`);
    expect(cli("consolidate", file, "--out", out, "--force").status).toBe(0);
    const register = openpyxlDump(out).sheets.find((s) => s.title === "Register");
    const notes = Object.values(register?.cells ?? {}).map((c) => String(c.v ?? ""));
    expect(notes.some((n) => n.includes("not read into the report: sheet 'pt_lists', sheet 'Annex', sheet 'Cover letter', sheet 'Working notes', sheet 'Very hidden'"))).toBe(true);
  }, 60_000);
});
