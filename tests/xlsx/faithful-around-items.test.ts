import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { shippedCatalogue } from "../../src/core/catalogue/builtin";
import { sourceDocument } from "../../src/core/catalogue/source-document";
import { columnNote, hintNote, instructionsNote, itemNote, listNote, partiesNote, restoredNote, roundNote } from "../../src/core/catalogue/provenance";
import { buildTemplate } from "../../src/core/template/builder";
import { workbookBytes } from "../../src/xlsx/write-spec";
import { buildRegister, type ReadOutcome } from "../../src/core/consolidation/register";
import { buildCombinedReport } from "../../src/core/consolidation/report";
import { validateWorkbook } from "../../src/core/validation/validate-workbook";
import { fillAll, gridsWith, templateSpec } from "../support/returns";
import { hasOpenpyxl, openpyxlDump, tempDir, type DumpedSheet } from "../support/tools";

/**
 * What surrounds the catalogue's items, as a reader of the files sees it (read back by openpyxl):
 * the source document on every sheet, each item's citation, the EU level addressed as the EU level.
 */

const catalogue = shippedCatalogue();
const run = hasOpenpyxl() ? describe : describe.skip;
const dir = tempDir("faithful");

const texts = (s: DumpedSheet): string[] => Object.values(s.cells).flatMap((c) => (typeof c.v === "string" ? [c.v] : []));

async function templateSheets(frameworkId: string, party: string, cycle = "2026", round: "initial" | "update" = "initial"): Promise<DumpedSheet[]> {
  const fw = catalogue.framework(frameworkId);
  const p = catalogue.partiesOf(fw).find((x) => x.code === party);
  if (!p) throw new Error(`no party ${party}`);
  const file = join(dir, `${frameworkId}-${party}-${cycle}-${round}.xlsx`);
  writeFileSync(file, await workbookBytes(buildTemplate({ framework: fw, party: p, cycle, round })));
  return openpyxlDump(file).sheets.filter((s) => s.state === "visible");
}

run("templates: faithful around the items", () => {
  it.each(catalogue.frameworks.map((f) => [f.id] as const))("%s: every visible sheet names its source document, every item its citation", async (id) => {
    const fw = catalogue.framework(id);
    const party = catalogue.partiesOf(fw)[0]?.code ?? "";
    const sheets = await templateSheets(id, party);
    expect(sheets.length).toBeGreaterThan(0);
    for (const s of sheets) expect([s.title, texts(s).some((t) => t.includes(`Source document: ${sourceDocument(fw)}`))]).toEqual([s.title, true]);
    const all = sheets.flatMap(texts).join("\n");
    for (const item of fw.areas.flatMap((a) => a.items)) expect([item.ref, all.includes(`Source: ${item.source}`)]).toEqual([item.ref, true]);
  }, 60_000);

  it("the Commission's Pact template has no Member-State wording and no Member States' due date", async () => {
    const sheets = await templateSheets("pact-2008", "EC");
    const wording = sheets.flatMap((s) => texts(s).map((t) => [s.title, t] as const));
    // The document's own commitment texts name Member States; the tool's words to the party must not.
    const items = new Set(catalogue.framework("pact-2008").areas.flatMap((a) => [a.title, a.mainCommitment ?? "", ...a.items.map((i) => i.text)]));
    const addressed = wording.filter(([, t]) => !items.has(t) && !/^Source: /.test(t) && !t.includes("Main commitment:"));
    for (const [sheet, t] of addressed) {
      expect([sheet, /your Member State|your national|\byour\b/i.test(t.split("\n").filter((l) => !items.has(l) && !/^Source: /.test(l) && !/^[IV]+\([a-z]\)\.\d /.test(l)).join("\n"))]).toEqual([sheet, false]);
      expect([sheet, /due 15 November/.test(t)]).toEqual([sheet, false]);
    }
    // A Member State's template still says both.
    const be = (await templateSheets("pact-2008", "BE")).flatMap(texts).join("\n");
    expect(be).toContain("your Member State's political assessment");
    expect(be).toContain("due 15 November 2026");
  }, 60_000);

  it.each(catalogue.frameworks.map((f) => [f.id] as const))("%s: what is the tool's is labelled where it is shown", async (id) => {
    const fw = catalogue.framework(id);
    const party = catalogue.partiesOf(fw)[0]?.code ?? "";
    const sheets = await templateSheets(id, party, "2026", "update");
    const all = sheets.flatMap(texts).join("\n");
    const prompts = sheets.flatMap((s) => s.validations.map((v) => v.prompt ?? "")).join("\n");
    if (instructionsNote(fw)) expect(all).toContain(`(${instructionsNote(fw)})`);
    for (const c of fw.entryColumns.filter((e) => columnNote(e))) expect(all).toMatch(new RegExp(`Columns of pact-tracker's \\(the document does not ask for them\\): .*${c.header.replace(/[()/]/g, ".")}`));
    for (const c of fw.entryColumns.filter((e) => e.type === "list")) {
      const list = fw.lists.find((l) => l.id === c.list);
      if (list && listNote(list)) expect([c.id, prompts.includes(`Values: ${listNote(list) ?? ""}.`)]).toEqual([c.id, true]);
      if (hintNote(c)) expect([c.id, prompts.includes(`${c.hint ?? ""} (${hintNote(c) ?? ""})`)]).toEqual([c.id, true]);
    }
    const update = fw.rounds.find((r) => r.id === "update");
    if (update && roundNote(update)) expect(all).toContain(`${update.label} (${roundNote(update) ?? ""})`);
    for (const item of fw.areas.flatMap((a) => a.items)) {
      if (itemNote(item)) expect(all).toContain(`${item.text} [${itemNote(item) ?? ""}]`);
      for (const sub of item.subitems.filter((x) => restoredNote(x))) expect(all).toContain(`${sub.ref} ${sub.text} [${restoredNote(sub) ?? ""}]`);
    }
    // Where the document names no parties, the template says whose list it is.
    const note = partiesNote(fw);
    if (note) expect(all).toContain(note);
    else expect(["prague-ap-2023", "prague-jd-2009"]).not.toContain(id);
  }, 60_000);

  it("gives a plan run for a cycle outside its period a notice beside the cycle", async () => {
    const outside = (await templateSheets("prague-ap-2012", "AT", "2026")).flatMap(texts).join("\n");
    expect(outside).toContain("Cycle 2026 is outside the plan's period (2012–2016).");
    const inside = (await templateSheets("prague-ap-2012", "AT", "2014")).flatMap(texts).join("\n");
    expect(inside).not.toContain("outside the plan's period");
  }, 60_000);
});

run("combined report: faithful around the items", () => {
  /** A filled return of every framework (the Commission too), consolidated; both editions written and read back. */
  async function report(edition: "internal" | "public"): Promise<DumpedSheet[]> {
    const parties: [string, string][] = [["pact-2008", "EC"], ["pact-2008", "BE"], ["prague-ap-2012", "AT"], ["prague-ap-2023", "AT"], ["prague-jd-2009", "AT"], ["emn-ahq-2010", "AT"], ["emn-ahq-2010", "BE"]];
    const outcomes: ReadOutcome[] = parties.map(([id, code]) => {
      const { spec, framework, party } = templateSpec(id, code);
      return { source: { file: `${id}-${code}.xlsx`, sha256: code, received: "2026-11-01" }, validation: validateWorkbook(gridsWith(spec, fillAll(spec, framework, party)).map((grid) => ({ grid })), catalogue) };
    });
    const file = join(dir, `report-${edition}.xlsx`);
    writeFileSync(file, await workbookBytes(buildCombinedReport(buildRegister(outcomes, catalogue), catalogue, { edition, generatedAt: "2026-12-07" })));
    return openpyxlDump(file).sheets;
  }

  it.each([["internal"], ["public"]] as const)("%s edition: every sheet names its source document(s); items carry their citation", async (edition) => {
    const sheets = await report(edition);
    const byFramework = (name: string) => catalogue.frameworks.filter((f) => name.startsWith(`${f.id} `));
    for (const s of sheets) {
      const all = texts(s).join("\n");
      const fws = byFramework(s.title);
      const wanted = fws.length ? fws : catalogue.frameworks;
      for (const fw of wanted) expect([s.title, fw.id, all.includes(sourceDocument(fw))]).toEqual([s.title, fw.id, true]);
    }
    const compilation = texts(sheets.find((s) => s.title === "pact-2008 compilation") as DumpedSheet).join("\n");
    for (const item of catalogue.framework("pact-2008").areas.flatMap((a) => a.items)) expect(compilation).toContain(`Source: ${item.source}`);
    // Where the document names no parties, the report says whose list it is; a plan outside its period says so.
    const jd = texts(sheets.find((s) => s.title === "prague-jd-2009 compilation") as DumpedSheet).join("\n");
    expect(jd).toContain(partiesNote(catalogue.framework("prague-jd-2009")) ?? "?");
    expect(texts(sheets.find((s) => s.title === "prague-ap-2012 compilation") as DumpedSheet).join("\n")).toContain("Cycle 2026 is outside the plan's period (2012–2016).");
    // The compilation as published: the background section before the responses, as the seed prints it.
    const published = sheets.find((s) => s.title === "emn-ahq-2010 as published") as DumpedSheet;
    const col = (s: DumpedSheet): string[] => Object.entries(s.cells).filter(([a]) => /^A\d+$/.test(a)).sort(([a], [b]) => Number(a.slice(1)) - Number(b.slice(1))).map(([, c]) => String(c.v));
    const lines = col(published);
    expect(lines.indexOf("1. Background Information")).toBeGreaterThan(lines.findIndex((l) => l.startsWith("Disclaimer: ")));
    expect(lines[lines.indexOf("1. Background Information") + 1]).toBe(catalogue.framework("emn-ahq-2010").request?.background);
    expect(lines.indexOf("2. Responses")).toBeLessThan(lines.indexOf("Country"));
  }, 120_000);
});

