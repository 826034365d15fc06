import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { itemsOf } from "../../src/core/catalogue/catalogue";
import { validateWorkbook } from "../../src/core/validation/validate-workbook";
import type { Finding } from "../../src/core/validation/finding";
import { readWorkbook } from "../../src/xlsx/read/read-workbook";
import { catalogue, editAt, fillAll, locate, templateSpec, type Edit } from "../support/returns";
import { CARRIED_SHEET } from "../../src/core/cycles/carried";
import { hasOpenpyxl, openpyxlDump, tempDir } from "../support/tools";
import { writeFileSync } from "node:fs";
import { RULE_CASES, caseReturn } from "../support/rule-cases";
import { filledReturn } from "../support/xlsx-returns";
import type { Locator, Page } from "playwright-core";
import { changeRowsOf } from "../taskpane/support/changes-sheet";
import { PaneBrowser, audit, chooseFiles, chooseFramework, chooseParty, download, dropFiles, screenshot, type Pane, type UploadFile } from "./support/pane";

/**
 * The production task pane in Chromium, standalone (no Office): generate a template, validate
 * returns, see collaboration progress and consolidate — each result checked with our own reader.
 * Also saves the screenshots of docs/taskpane.md.
 */

let browser: PaneBrowser;
let pane: Pane;
const timings: string[] = [];
let started = 0;

beforeAll(async () => {
  browser = await PaneBrowser.start();
});
afterAll(async () => {
  await browser?.stop();
  console.log(`e2e timings:\n  ${timings.join("\n  ")}`);
});
beforeEach(async () => {
  started = Date.now();
  pane = await browser.open();
});
afterEach(async () => {
  const problems = pane.problems;
  await pane.close();
  timings.push(`${expect.getState().currentTestName ?? "?"}: ${((Date.now() - started) / 1000).toFixed(1)} s`);
  // Nothing but the unreachable Office CDN may complain.
  expect(problems).toEqual([]);
});

function readChecked(bytes: Uint8Array, name: string) {
  const wb = readWorkbook(bytes, name);
  return { wb, validation: validateWorkbook(wb.sheets.map((s) => ({ grid: s.grid, hiddenColumns: s.hiddenColumns })), catalogue) };
}

/** The page as it is now fits the pane (no sideways scrolling) and axe finds nothing serious or critical. */
async function expectFitsAndAccessible(page: Page, state: string): Promise<void> {
  const found = await audit(page);
  expect({ state, ...found }).toEqual({ state, overflow: 0, tooWide: [], violations: [] });
}

function ruleCase(code: string) {
  const c = RULE_CASES.find((x) => x.code === code);
  if (!c) throw new Error(`no rule case ${code}`);
  return caseReturn(c);
}

test("(a) generates and downloads a template", async () => {
  const { page } = pane;
  await chooseFramework(page, "Prague Process Action Plan 2023–2027");
  await chooseParty(page, "arm", "Armenia (AM)");
  await page.getByRole("textbox", { name: "Reporting cycle" }).fill("2026");
  await page.getByRole("radio", { name: "Update" }).check();

  const file = await download(page, () => page.getByRole("button", { name: "Download template (.xlsx)" }).click());
  await page.getByText("Download started:").waitFor();
  await screenshot(page, "generate");
  await expectFitsAndAccessible(page, "Generate: template downloaded");

  expect(file.name).toBe("prague-ap-2023_AM_2026_update.xlsx");
  const { validation } = readChecked(file.bytes, file.name);
  const [sheet] = validation.contributions;
  expect(validation.contributions).toHaveLength(1);
  expect(sheet?.meta).toMatchObject({ framework: "prague-ap-2023", partyCode: "AM", party: "Armenia", cycle: "2026", round: "update" });
  const framework = catalogue.framework("prague-ap-2023");
  expect([...(sheet?.entries.keys() ?? [])]).toEqual(itemsOf(framework).map((i) => i.item.ref));
  // Untouched: only "fill this in" findings, no structural ones.
  expect(validation.findings.filter((f) => f.code.startsWith("PT-STRUCT"))).toEqual([]);
});

/** France's Pact return of cycle 2025, every entry filled (by exceljs, as another program would): last cycle's file. */
let france2025: Promise<UploadFile> | undefined;
function franceReturn2025(): Promise<UploadFile> {
  france2025 ??= (async () => {
    const { spec, framework, party } = templateSpec("pact-2008", "FR", "initial", "2025");
    return { name: "pact-2008_FR_2025_initial.xlsx", bytes: await filledReturn(spec, fillAll(spec, framework, party)) };
  })();
  return france2025;
}

test("starts the 2026 template from a filled 2025 return: entries carried, last cycle's plans beside, marked until edited", async () => {
  const { page } = pane;
  const previous = await franceReturn2025();
  await chooseFramework(page, "European Pact on Immigration and Asylum — tracking method");
  await page.getByRole("textbox", { name: "Reporting cycle" }).fill("2026");
  await page.getByRole("switch", { name: "Start from a previous return" }).check();
  await chooseFiles(page, "generate", [previous]);

  // Before generating: what it will carry, the party proposed from the return.
  const sheets = "pact-2008 FR factual, pact-2008 FR report";
  const preview = page.getByText(/^Starts from cycle 2025/);
  await preview.waitFor();
  await expect(preview.textContent()).resolves.toMatch(new RegExp(`^Starts from cycle 2025 \\(${previous.name} › ${sheets}\\): \\d+ entries carried$`));
  await expect(page.getByRole("combobox", { name: "Party" }).inputValue()).resolves.toBe("France (FR)");
  await expectFitsAndAccessible(page, "Generate: previous return chosen");

  const file = await download(page, () => page.getByRole("button", { name: "Download template (.xlsx)" }).click());
  const done = page.getByRole("status").filter({ hasText: "Download started:" });
  await done.getByText(/^Started from cycle 2025/).waitFor();
  await screenshot(page, "generate-previous");
  await expectFitsAndAccessible(page, "Generate: started from a previous return");
  expect(file.name).toBe("pact-2008_FR_2026_initial.xlsx");

  // Read back with our reader: every entry of 2025 is there, asking to be confirmed.
  const { wb, validation } = readChecked(file.bytes, file.name);
  const carriedSheet = wb.sheets.find((s) => s.grid.name === CARRIED_SHEET)?.grid;
  expect(carriedSheet?.hidden).toBe(true);
  expect(validation.contributions.map((c) => c.meta)).toEqual([
    expect.objectContaining({ framework: "pact-2008", partyCode: "FR", cycle: "2026" }),
    expect.objectContaining({ framework: "pact-2008", partyCode: "FR", cycle: "2026" }),
  ]);
  const factual = validation.contributions.find((c) => c.role === "factual");
  const framework = catalogue.framework("pact-2008");
  const refs = framework.areas.flatMap((a) => a.items.map((i) => i.ref));
  expect([...(factual?.entries.keys() ?? [])]).toEqual(refs);
  for (const ref of refs) expect(String(factual?.entries.get(ref)?.["actions"] ?? "")).toContain(`France: Main actions undertaken at Member State level for ${ref}.`);
  const unchanged = validation.findings.filter((f) => f.code === "PT-CONT-017");
  expect(unchanged.length).toBe(refs.length * 2 + framework.areas.length);
  expect(unchanged[0]?.message).toContain("unchanged since cycle 2025");
  expect(validation.findings.filter((f) => f.severity === "error")).toEqual([]);

  // And with openpyxl, an independent reader: the previous column and the hidden carried sheet.
  if (hasOpenpyxl()) {
    const dir = tempDir("e2e-previous");
    const path = `${dir}/${file.name}`;
    writeFileSync(path, file.bytes);
    const dumped = openpyxlDump(path);
    const carried = dumped.sheets.find((s) => s.title === CARRIED_SHEET);
    expect(carried?.state).toBe("hidden");
    const table = dumped.sheets.find((s) => s.title === "pact-2008 FR factual");
    const texts = Object.values(table?.cells ?? {}).map((c) => c.v);
    expect(texts).toContain("Planned last cycle (2025)");
    expect(texts.some((v) => typeof v === "string" && v.startsWith("France: Most significant developments planned at Member State level for I(a)"))).toBe(true);
    expect(Object.values(carried?.cells ?? {}).some((c) => typeof c.v === "string" && c.v.startsWith("France: Main actions undertaken"))).toBe(true);
  }
});

test("(b) validates returned files and shows findings with code and cell", async () => {
  const { page } = pane;
  const { spec, broken } = ruleCase("PT-CONT-005");
  const atBytes = await filledReturn(spec, broken);
  const expected = readChecked(atBytes, "AT.xlsx").validation.findings.find((f) => f.code === "PT-CONT-005") as Finding;
  expect(expected.cell).toBeTruthy();
  const files: UploadFile[] = [
    { name: "prague-ap-2012_AT_2026_initial.xlsx", bytes: atBytes },
    { name: "AT-old-format.xls", bytes: new TextEncoder().encode("not a workbook at all") },
  ];

  await page.getByRole("tab", { name: "Validate" }).click();
  await chooseFiles(page, "validate", files);
  const at = page.getByRole("region", { name: "Results for prague-ap-2012_AT_2026_initial.xlsx" });
  await at.getByText("Not ready to submit").waitFor();
  // The summary line of the code, with the rule's meaning, then its cells.
  await at.getByRole("list", { name: "Findings by code" }).getByText("Start after end").waitFor();
  const errors = at.getByRole("list", { name: "Findings PT-CONT-005" });
  const item = errors.getByRole("listitem").filter({ hasText: "PT-CONT-005" });
  await expect(item.textContent()).resolves.toContain(`PT-CONT-005${expected.cell}[${expected.ref}]${expected.message}`);
  const refused = page.getByRole("region", { name: "Results for AT-old-format.xls" });
  await refused.getByText("PT-READ-001").waitFor();
  await screenshot(page, "validate");
  await expectFitsAndAccessible(page, "Validate: findings and a refused file");
});

test("summarises a blank Pact return's findings by code and steps through its errors", async () => {
  const { page } = pane;
  const { spec } = templateSpec("pact-2008", "EL");
  const bytes = await filledReturn(spec, []);
  const name = "pact-2008_EL_2026_initial.xlsx";
  const findings = readChecked(bytes, name).validation.findings;
  const missing = findings.filter((f) => f.code === "PT-CONT-001");
  expect(missing.length).toBeGreaterThan(50);

  await page.getByRole("tab", { name: "Validate" }).click();
  await chooseFiles(page, "validate", [{ name, bytes }]);
  const results = page.getByRole("region", { name: `Results for ${name}` });
  const summary = results.getByRole("list", { name: "Findings by code" });
  await summary.waitFor();
  // One line per code with its count, closed: not a wall of cells.
  await expect(summary.getByRole("button").first().textContent()).resolves.toContain(`PT-CONT-001× ${missing.length}`);
  await expect(results.getByRole("list", { name: "Findings PT-CONT-001" }).count()).resolves.toBe(0);
  await screenshot(page, "validate-by-code");

  // Only the factual table's errors, then the second of them: focus on it in the list.
  const factual = spec.sheets[1]?.name ?? "";
  await results.getByRole("combobox", { name: "Sheet" }).selectOption({ label: factual });
  const onFactual = missing.filter((f) => f.sheet === factual);
  await results.getByText(`${onFactual.length} of ${findings.length} findings shown`).waitFor();
  await results.getByRole("button", { name: "Show next error" }).click();
  await results.getByRole("button", { name: "Show next error" }).click();
  const second = onFactual[1];
  await results.getByText(`Error 2 of ${onFactual.length}: PT-CONT-001 at ${second?.cell ?? ""} on ${factual}`).waitFor();
  await expect(page.evaluate(() => document.activeElement?.textContent ?? "")).resolves.toContain(second?.message ?? "?");
  await expect(results.getByRole("list", { name: "Findings PT-CONT-001" }).getByRole("listitem").count()).resolves.toBe(Math.min(50, onFactual.length));
});

test("shows collaboration progress per responsible unit", async () => {
  const { page } = pane;
  const { spec, framework, party } = templateSpec("pact-2008", "BE");
  const units = ["DG Home — Asylum unit", "DG Home — Borders unit", "Federal Police"];
  const states = ["approved", "ready for review", "draft"];
  // Every row gets a unit and a review state; the last unit has left some rows empty.
  const edits: Edit[] = fillAll(spec, framework, party).map((e, i) => {
    const header = spec.sheets.find((s) => s.name === e.sheet)?.cells.find((c) => c.row === 13 && c.col === e.col)?.value;
    const unit = units[e.row % units.length] ?? "";
    if (header === "Responsible unit / contact") return { ...e, value: unit };
    if (header === "Review state") return { ...e, value: states[e.row % states.length] ?? "draft" };
    return unit === "Federal Police" && i % 2 === 0 ? { ...e, value: null } : e;
  });
  edits.push({ ...locate(spec, framework, 1, "I(a)", "Responsible unit / contact"), value: null });
  const bytes = await filledReturn(spec, edits);

  await page.getByRole("tab", { name: "Progress" }).click();
  await chooseFiles(page, "progress", [{ name: "pact-2008_BE_2026_initial.xlsx", bytes }]);
  const list = page.getByRole("list", { name: "Progress per responsible unit" });
  await list.waitFor();
  await expect(list.getByRole("listitem").allTextContents()).resolves.toEqual([
    expect.stringMatching(/^DG Home — Asylum unit/),
    expect.stringMatching(/^DG Home — Borders unit/),
    expect.stringMatching(/^Federal Police/),
    expect.stringMatching(/^No unit assigned1 of 1 item rows filled/),
  ]);
  await screenshot(page, "progress");
  await expectFitsAndAccessible(page, "Progress: per unit");
});

test("(c) consolidates several files off the UI thread, with progress and cancel", async () => {
  const { page } = pane;
  const parties = catalogue.partiesOf(catalogue.framework("prague-ap-2012")).slice(0, 24);
  const returns: UploadFile[] = [];
  for (const p of parties) {
    const { spec, framework, party } = templateSpec("prague-ap-2012", p.code);
    returns.push({ name: `prague-ap-2012_${p.code}_2026_initial.xlsx`, bytes: await filledReturn(spec, fillAll(spec, framework, party)) });
  }
  const { spec: brokenSpec, broken } = ruleCase("PT-CONT-005");
  returns.push({ name: "prague-ap-2012_AT_2026_update-draft.xlsx", bytes: await filledReturn(brokenSpec, broken) });
  returns.push({ name: "covering-letter.xlsx", bytes: new TextEncoder().encode("Dear colleagues, please find attached") });

  await page.getByRole("tab", { name: "Consolidate" }).click();
  await chooseFiles(page, "consolidate", returns.slice(0, -2));
  await dropFiles(page, "consolidate", returns.slice(-2));
  await page.getByText(`${returns.length} files chosen`).waitFor();

  // Cancel stops the worker at once.
  await page.getByRole("button", { name: "Consolidate" }).click();
  await page.getByRole("progressbar").waitFor();
  await page.getByRole("button", { name: "Cancel" }).click();
  await page.getByText("Consolidation cancelled: nothing was written.").waitFor();

  const startedRun = Date.now();
  await page.getByRole("button", { name: "Consolidate" }).click();
  await page.getByRole("progressbar").waitFor();
  // Caught while the worker reads (or, on a fast machine, already writes).
  await page.getByText(/^(Reading \d+ of \d+: |Writing the )/).waitFor();
  await screenshot(page, "consolidate-running");
  await expectFitsAndAccessible(page, "Consolidate: running");
  // The UI thread stays free while the worker parses: the page answers at once.
  const answered = Date.now();
  await expect(page.evaluate(() => document.title)).resolves.toBe("Pact Tracker");
  expect(Date.now() - answered).toBeLessThan(1000);
  await page.getByText("Combined report ready").waitFor({ timeout: 120_000 });
  const runSeconds = (Date.now() - startedRun) / 1000;
  timings.push(`consolidation of ${returns.length} files in the worker: ${runSeconds.toFixed(1)} s`);

  const register = page.getByRole("region", { name: "Register of returns" });
  await register.getByText("accepted: 23").waitFor();
  await register.getByText("accepted with errors: 1").waitFor();
  await register.getByText("superseded: 1").waitFor();
  await register.getByText("rejected: 1").waitFor();
  await register.getByRole("list", { name: "Inputs to look at" }).getByText("PT-READ-001").waitFor();
  await screenshot(page, "consolidate");
  await expectFitsAndAccessible(page, "Consolidate: report ready");

  const internal = await download(page, () => page.getByRole("button", { name: "Download internal edition" }).click());
  const publicEdition = await download(page, () => page.getByRole("button", { name: "Download public edition" }).click());
  expect(internal.name).toMatch(/^combined-report_internal_\d{4}-\d{2}-\d{2}\.xlsx$/);
  expect(publicEdition.name).toMatch(/^combined-report_public_\d{4}-\d{2}-\d{2}\.xlsx$/);

  const report = readWorkbook(internal.bytes, internal.name);
  const names = report.sheets.map((s) => s.grid.name);
  expect(names).toEqual(expect.arrayContaining(["Summary", "prague-ap-2012 compilation", "prague-ap-2012 coverage", "Register"]));
  const compilation = report.sheets.find((s) => s.grid.name === "prague-ap-2012 compilation")?.grid;
  const texts = [...(compilation?.cells() ?? [])].map((c) => c.value).filter((v): v is string => typeof v === "string");
  expect(texts.some((t) => t.startsWith("Georgia: Activities undertaken for I.1."))).toBe(true);
  // Contributed text stays text: the "=SUM(1)" in every answer is not a formula.
  expect(texts.some((t) => t.includes("=SUM(1) kept as text"))).toBe(true);
  expect(readWorkbook(publicEdition.bytes, publicEdition.name).sheets.map((s) => s.grid.name)).not.toContain("Register");
});

test("makes no public edition while a return may withhold and names no party, and says why, at 320 and 450 px", async () => {
  const { page } = pane;
  const be = templateSpec("emn-ahq-2010", "BE");
  const template = templateSpec("emn-ahq-2010", "PL");
  // "no", a blank code, a name not in the list, the title and the sheet renamed: nothing names the party.
  const spec = { ...template.spec, sheets: template.spec.sheets.map((s, i) => (i === 0 ? { ...s, name: "Sheet1" } : s)) };
  const nobody = await filledReturn(spec, [
    ...fillAll(spec, template.framework, template.party),
    { sheet: "Sheet1", row: 10, col: 1, value: "no" },
    { sheet: "Sheet1", row: 6, col: 1, value: null },
    { sheet: "Sheet1", row: 5, col: 1, value: "Our ministry" },
    { sheet: "Sheet1", row: 0, col: 0, value: "Reply" },
  ]);
  await page.getByRole("tab", { name: "Consolidate" }).click();
  await chooseFiles(page, "consolidate", [
    { name: "BE.xlsx", bytes: await filledReturn(be.spec, fillAll(be.spec, be.framework, be.party)) },
    { name: "reply.xlsx", bytes: nobody },
  ]);
  await page.getByRole("button", { name: "Consolidate" }).click();
  await page.getByText("The public edition was not made: see below.").waitFor({ timeout: 60_000 });
  await page.getByText(/reply\.xlsx › Sheet1: its wider-dissemination choice is no/).waitFor();
  expect(await page.getByRole("button", { name: "Download public edition" }).count()).toBe(0);
  const internal = await download(page, () => page.getByRole("button", { name: "Download internal edition" }).click());
  expect(readWorkbook(internal.bytes, internal.name).sheets.map((s) => s.grid.name)).toContain("Register");
  for (const width of [320, 450]) {
    await page.setViewportSize({ width, height: 900 });
    await screenshot(page, `consolidate-no-public-${width}`);
    await expectFitsAndAccessible(page, `Consolidate: no public edition at ${width} px`);
  }
});

test("compares this cycle with an earlier one: 2026 returns with France's 2025 return, and a Changes sheet in the report", async () => {
  const { page } = pane;
  const framework = catalogue.framework("pact-2008");
  const header = "Main actions undertaken at Member State level";
  const changed = "France: a new asylum law was adopted in 2026.";
  // This cycle: France again, one entry rewritten; Belgium for the first time.
  const returns: UploadFile[] = [];
  for (const code of ["FR", "BE"]) {
    const { spec, party } = templateSpec("pact-2008", code, "initial", "2026");
    const edits = [...fillAll(spec, framework, party), ...(code === "FR" ? [editAt(spec, framework, "I(a)", header, changed, 1)] : [])];
    returns.push({ name: `pact-2008_${code}_2026_initial.xlsx`, bytes: await filledReturn(spec, edits) });
  }
  const previous = await franceReturn2025();
  const scan: UploadFile = { name: "pact-2008_DE_2025_scan.xlsx", bytes: new TextEncoder().encode("%PDF-1.7 scanned letter") };

  await page.getByRole("tab", { name: "Consolidate" }).click();
  await chooseFiles(page, "consolidate", returns);
  await page.getByRole("switch", { name: "Compare with an earlier cycle" }).check();
  // Asked to compare, nothing starts until last cycle's files are chosen.
  await expect(page.getByRole("button", { name: "Consolidate", exact: true }).isDisabled()).resolves.toBe(true);
  await chooseFiles(page, "consolidate", [previous], "Choose earlier-cycle files…");
  await dropFiles(page, "consolidate", [scan], "Choose earlier-cycle files…");
  await page.getByText("2 earlier-cycle files chosen").waitFor();
  await expectFitsAndAccessible(page, "Consolidate: earlier-cycle files chosen");

  await page.getByRole("button", { name: "Consolidate", exact: true }).click();
  await page.getByText("Combined report ready").waitFor({ timeout: 120_000 });
  const earlier = page.getByRole("region", { name: "Earlier cycle" });
  await earlier.getByText("Compared with pact-2008 cycle 2025: 1 party").waitFor();
  await earlier.getByText("What changed: the sheet “pact-2008 changes” in both editions", { exact: false }).waitFor();
  const notUsed = earlier.getByRole("list", { name: "Not used from the earlier cycle" });
  await expect(notUsed.getByRole("listitem").allTextContents()).resolves.toEqual([expect.stringMatching(new RegExp(`^${scan.name}PT-READ-001 `))]);
  await screenshot(page, "consolidate-compare");
  await expectFitsAndAccessible(page, "Consolidate: compared with an earlier cycle");

  // The internal edition, read back with our reader: France's one rewritten entry is "changed", with both texts.
  const internal = await download(page, () => page.getByRole("button", { name: "Download internal edition" }).click());
  const report = readWorkbook(internal.bytes, internal.name);
  const changes = report.sheets.find((s) => s.grid.name === "pact-2008 changes")?.grid;
  if (!changes) throw new Error(`no changes sheet among ${report.sheets.map((s) => s.grid.name).join(", ")}`);
  expect(changes.text(0, 0)).toContain("changes since cycle 2025 — cycle 2026");
  const rows = changeRowsOf(changes);
  const states = rows.map((r) => r.change);
  expect(rows.filter((r) => r.change === "changed")).toEqual([
    { ref: "I(a)", code: "FR", change: "changed", column: header, then: expect.stringContaining("France: Main actions undertaken at Member State level for I(a)."), now: changed },
  ]);
  // Belgium's answers are new; France's others unchanged.
  expect(states.filter((st) => st === "new").length).toBeGreaterThan(36);
  expect(states.filter((st) => st === "unchanged").length).toBeGreaterThan(36);
  expect(states.filter((st) => st === "no longer reported")).toEqual([]);
  // The internal Summary names the file not used, with its code.
  const summary = [...(report.sheets.find((s) => s.grid.name === "Summary")?.grid.cells() ?? [])].map((c) => String(c.value));
  expect(summary).toEqual(expect.arrayContaining([scan.name, expect.stringMatching(/^PT-READ-001 /)]));
});

// Excel opens panes 320–450 px wide; a user may drag one wider (the pane stops growing at 720 px).
describe.each([320, 450, 800])("at %i px", (width) => {
  test("every tab, empty and with results or errors, fits the pane and has no serious accessibility problem", async () => {
    const { page } = pane;
    await page.setViewportSize({ width, height: 900 });
    const tabs = ["Generate", "Validate", "Progress", "Consolidate"];
    for (const tab of tabs) {
      await page.getByRole("tab", { name: tab }).click();
      await expectFitsAndAccessible(page, `${tab}: empty`);
    }

    // Generate: a missing cycle (a field error), then a template downloaded.
    await page.getByRole("tab", { name: "Generate" }).click();
    const cycle = page.getByRole("textbox", { name: "Reporting cycle" });
    await cycle.fill("");
    await page.getByText("Enter the reporting cycle, e.g. the year.").waitFor();
    await expectFitsAndAccessible(page, "Generate: field error");
    await cycle.fill("2026");
    await chooseParty(page, "gree", "Greece (EL)");
    const blank = await download(page, () => page.getByRole("button", { name: "Download template (.xlsx)" }).click());
    await page.getByText("Download started:").waitFor();
    await expectFitsAndAccessible(page, "Generate: downloaded");
    // Several parties: the checklist of the list, then one party left out (the note says the list is the user's).
    await page.getByRole("radio", { name: "Several parties (a file each)" }).check();
    await page.getByRole("checkbox", { name: "All parties of the list" }).waitFor();
    await expectFitsAndAccessible(page, "Generate: several parties");
    await page.getByRole("checkbox", { name: "Greece (EL)" }).uncheck();
    await page.getByText(/^Parties chosen for this run by the user:/).waitFor();
    await expectFitsAndAccessible(page, "Generate: several parties, one left out");
    await page.getByRole("radio", { name: "One party" }).check();
    // Start from a previous return: France's return refused for Greece (a coded error naming the file), then taken for France.
    const previous = await franceReturn2025();
    await chooseFramework(page, "European Pact on Immigration and Asylum — tracking method");
    await page.getByRole("switch", { name: "Start from a previous return" }).check();
    await chooseFiles(page, "generate", [previous]);
    await page.getByText("PT-CYCLE-001").waitFor();
    await expectFitsAndAccessible(page, "Generate: previous return of another party refused");
    const party = page.getByRole("combobox", { name: "Party" });
    await party.click();
    await party.fill("");
    // Closed, or the open list would lie over the form.
    await page.keyboard.press("Escape");
    await chooseFiles(page, "generate", [previous]);
    await page.getByText(/^Starts from cycle 2025/).waitFor();
    await expectFitsAndAccessible(page, "Generate: previous return chosen");
    await page.getByRole("switch", { name: "Start from a previous return" }).uncheck();

    // Validate: findings with long messages, and a file refused with its code.
    const { spec, broken } = ruleCase("PT-CONT-005");
    const returned: UploadFile = { name: "prague-ap-2012_AT_2026_initial_with-a-rather-long-file-name-as-ministries-send.xlsx", bytes: await filledReturn(spec, broken) };
    const refused: UploadFile = { name: "AT-old-format.xls", bytes: new TextEncoder().encode("not a workbook at all") };
    await page.getByRole("tab", { name: "Validate" }).click();
    await chooseFiles(page, "validate", [returned, refused, blank]);
    await page.getByRole("region", { name: `Results for ${refused.name}` }).getByText("PT-READ-001").waitFor();
    // The blank Pact template: dozens of findings, summarised by code, the cells closed until asked for.
    const many = page.getByRole("region", { name: `Results for ${blank.name}` });
    const summary = many.getByRole("list", { name: "Findings by code" });
    await summary.waitFor();
    const expected = readChecked(blank.bytes, blank.name).validation.findings;
    expect(expected.length).toBeGreaterThan(50);
    await expect(summary.locator(":scope > li").count()).resolves.toBe(new Set(expected.map((f) => `${f.severity}:${f.code}`)).size);
    await expect(many.getByRole("list", { name: "Findings PT-CONT-001" }).count()).resolves.toBe(0);
    await expectFitsAndAccessible(page, "Validate: results, error and a summary by code");
    await many.getByRole("button", { name: "Show next error" }).click();
    // Opened a page at a time: 50 cells, not every finding.
    await expect(many.getByRole("list", { name: "Findings PT-CONT-001" }).getByRole("listitem").count()).resolves.toBe(50);
    await expectFitsAndAccessible(page, "Validate: a code opened by Show next error");

    await page.getByRole("tab", { name: "Progress" }).click();
    await chooseFiles(page, "progress", [returned]);
    await page.getByRole("list", { name: "Progress per responsible unit" }).waitFor();
    await expectFitsAndAccessible(page, "Progress: results");

    await page.getByRole("tab", { name: "Consolidate" }).click();
    await chooseFiles(page, "consolidate", [returned, refused]);
    await page.getByRole("button", { name: "Consolidate" }).click();
    await page.getByText("Combined report ready").waitFor({ timeout: 120_000 });
    await page.getByRole("button", { name: /^All inputs/ }).click();
    await page.getByRole("list", { name: "All inputs" }).waitFor();
    await expectFitsAndAccessible(page, "Consolidate: report ready, all inputs shown");

    // Compare with an earlier cycle: France's Pact return is of a framework not consolidated here
    // (PT-CYCLE-002), the long-named scan unreadable (PT-READ-001): both named, with their codes.
    await page.getByRole("switch", { name: "Compare with an earlier cycle" }).check();
    const scan: UploadFile = { name: "returns-2025_scanned-covering-letter-from-the-ministry-of-the-interior.xlsx", bytes: new TextEncoder().encode("scanned") };
    await chooseFiles(page, "consolidate", [previous, scan], "Choose earlier-cycle files…");
    await page.getByText("2 earlier-cycle files chosen").waitFor();
    await expectFitsAndAccessible(page, "Consolidate: earlier-cycle files chosen");
    await page.getByRole("button", { name: "Consolidate", exact: true }).click();
    await page.getByText("Combined report ready").waitFor({ timeout: 120_000 });
    const earlier = page.getByRole("region", { name: "Earlier cycle" });
    await earlier.getByText("Not compared", { exact: true }).waitFor();
    await earlier.getByText("PT-CYCLE-002").waitFor();
    await earlier.getByText("PT-READ-001").waitFor();
    await expectFitsAndAccessible(page, "Consolidate: not compared, earlier-cycle files named with their codes");
  });
});

/** Presses Tab (or Shift+Tab) until `target` has the focus; fails after `max` presses. Keyboard only. */
async function tabTo(page: Page, target: Locator, { back = false, max = 40 } = {}): Promise<void> {
  for (let i = 0; i < max; i++) {
    if (await target.evaluate((el) => el === document.activeElement)) return;
    await page.keyboard.press(back ? "Shift+Tab" : "Tab");
  }
  throw new Error(`${String(target)} not reached with ${max} presses of ${back ? "Shift+Tab" : "Tab"}`);
}

/** Polls `check` for up to five seconds. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 50; i++) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`not reached: ${what}`);
}

async function focusIsIn(target: Locator): Promise<boolean> {
  return target.evaluate((el) => el.contains(document.activeElement));
}

/** Opens a tab from the keyboard: back to the tab strip, arrows to the tab, Enter. */
async function openTabByKeyboard(page: Page, name: string): Promise<void> {
  await tabTo(page, page.getByRole("tab", { selected: true }), { back: true });
  const tab = page.getByRole("tab", { name });
  for (let i = 0; i < 4 && !(await tab.evaluate((el) => el === document.activeElement)); i++) await page.keyboard.press("ArrowRight");
  await page.keyboard.press("Enter");
  await expect(tab.getAttribute("aria-selected")).resolves.toBe("true");
}

/** Presses Enter on a focused "Choose…" button and answers the file dialog it opens. */
async function chooseByKeyboard(page: Page, files: readonly UploadFile[]): Promise<void> {
  const focused = await page.evaluate(() => document.activeElement?.textContent ?? "");
  expect(focused).toMatch(/^Choose /);
  // Chromium may drop a file dialog asked for right after another (a user-activation throttle):
  // Enter, and Space once more if no dialog came.
  const dialog = async (key: string) => (await Promise.all([page.waitForEvent("filechooser", { timeout: 5000 }).catch(() => undefined), page.keyboard.press(key)]))[0];
  const chooser = (await dialog("Enter")) ?? (await dialog("Space"));
  if (!chooser) throw new Error(`no file dialog from the keyboard on “${focused}”`);
  await chooser.setFiles(files.map((f) => ({ name: f.name, mimeType: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", buffer: Buffer.from(f.bytes) })));
}

test("keyboard only: Generate, then Validate, then Consolidate; focus lands on each result", async () => {
  const { page } = pane;
  // Generate: the framework list, the party box, the download — no mouse.
  await tabTo(page, page.getByRole("combobox", { name: "Framework" }));
  await page.keyboard.press("Enter");
  await page.getByRole("option", { name: "Prague Process Action Plan 2012–2016" }).waitFor();
  // The arrow keys move the list's active option (aria-activedescendant) to the plan.
  const activeOption = () => page.evaluate(() => document.getElementById(document.activeElement?.getAttribute("aria-activedescendant") ?? "")?.textContent ?? "");
  for (let i = 0; i < 8 && (await activeOption()) !== "Prague Process Action Plan 2012–2016"; i++) await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("combobox", { name: "Framework" }).textContent()).resolves.toContain("Prague Process Action Plan 2012–2016");
  await tabTo(page, page.getByRole("combobox", { name: "Party" }));
  await page.keyboard.type("georg");
  await page.keyboard.press("ArrowDown");
  await page.keyboard.press("Enter");
  await expect(page.getByRole("combobox", { name: "Party" }).inputValue()).resolves.toBe("Georgia (GE)");
  await tabTo(page, page.getByRole("button", { name: "Download template (.xlsx)" }));
  const template = await download(page, () => page.keyboard.press("Enter"));
  expect(template.name).toBe(`prague-ap-2012_GE_${new Date().getFullYear()}_initial.xlsx`);

  // Validate: the file dialog from the keyboard; focus moves to the results, then to each error.
  const { spec, broken } = ruleCase("PT-CONT-005");
  const returned: UploadFile = { name: "prague-ap-2012_AT_2026_initial.xlsx", bytes: await filledReturn(spec, broken) };
  await openTabByKeyboard(page, "Validate");
  await tabTo(page, page.getByRole("button", { name: "Choose files to validate…" }));
  await chooseByKeyboard(page, [returned]);
  const results = page.getByRole("region", { name: `Results for ${returned.name}` });
  await results.getByText("Not ready to submit").waitFor();
  await until(() => focusIsIn(results), "focus in the validation results");
  await tabTo(page, results.getByRole("button", { name: "Show next error" }));
  await page.keyboard.press("Enter");
  await expect(page.evaluate(() => document.activeElement?.textContent ?? "")).resolves.toContain("PT-CONT-005");

  // Consolidate: choose, start, and land on the result; download with Enter.
  await openTabByKeyboard(page, "Consolidate");
  await tabTo(page, page.getByRole("button", { name: "Choose returns…" }));
  await chooseByKeyboard(page, [returned, { name: "GE.xlsx", bytes: template.bytes }]);
  await page.getByText("2 files chosen").waitFor();
  await tabTo(page, page.getByRole("button", { name: "Consolidate", exact: true }));
  await page.keyboard.press("Enter");
  const outcome = page.getByRole("region", { name: "Consolidation result" });
  await outcome.getByText("Combined report ready").waitFor({ timeout: 120_000 });
  await until(() => focusIsIn(outcome), "focus in the consolidation result");
  await tabTo(page, page.getByRole("button", { name: "Download internal edition" }));
  const report = await download(page, () => page.keyboard.press("Enter"));
  expect(report.name).toMatch(/^combined-report_internal_/);
  // The blank template sent back counts as returned empty, not as reporting.
  await outcome.getByRole("region", { name: "Register of returns" }).getByText("returned empty: 1").waitFor();
  await expectFitsAndAccessible(page, "after the keyboard path");
});

describe("the production build", () => {
  // npm run build must ship what a sideloaded add-in loads: the manifest, its icons and the pane.
  it("holds the manifest, every icon it names and the task pane, with Office.js from Microsoft's CDN", () => {
    const dist = join(__dirname, "..", "..", "dist");
    const manifest = readFileSync(join(dist, "manifest.xml"), "utf8");
    const icons = [...manifest.matchAll(/https:\/\/localhost:3000\/(assets\/[^"]+\.png)/g)].map((m) => m[1] ?? "");
    expect(icons.length).toBeGreaterThan(3);
    for (const icon of icons) expect(existsSync(join(dist, icon))).toBe(true);
    const html = readFileSync(join(dist, "taskpane.html"), "utf8");
    expect(html).toContain("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
  });
});
