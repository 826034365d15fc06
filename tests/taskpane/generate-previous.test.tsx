/** @jest-environment jsdom */
import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { buildRegister } from "../../src/core/consolidation/register";
import { buildCombinedReport } from "../../src/core/consolidation/report";
import { CARRIED_SHEET } from "../../src/core/cycles/carried";
import { previousFromReport } from "../../src/core/cycles/report-reader";
import { gridsFromSpec } from "../../src/core/grid/from-spec";
import { carriedFor, previousFromReturns } from "../../src/core/cycles/previous";
import type { ReadOutcome } from "../../src/core/consolidation/register";
import { GenerateView } from "../../src/taskpane/components/GenerateView";
import { entriesCarried } from "../../src/taskpane/components/previous-return";
import { catalogue, fillAll, templateSpec, type Edit } from "../support/returns";
import { FakeFiles, fakeFile } from "./support/fake-files";
import { FakeWorkspace } from "./support/fake-workspace";
import { outcomeOf, unreadable } from "./support/outcomes";
import { chooseFiles, installDomShims, renderInFluent, today } from "./support/render";

beforeAll(installDomShims);
afterEach(cleanup);

const PRAGUE = "Prague Process Action Plan 2023–2027";
const FR_FILE = "pact-2008_FR_2025_initial.xlsx";
const FR_SHEETS = "pact-2008 FR factual, pact-2008 FR report";

/** Every entry of a party's return of that cycle filled, plus any further edits: what reading the file gives. */
function filledReturn(file: string, frameworkId: string, party: string, cycle: string, more: (spec: ReturnType<typeof templateSpec>["spec"]) => Edit[] = () => []): ReadOutcome {
  const { spec, framework, party: p } = templateSpec(frameworkId, party, "initial", cycle);
  return outcomeOf(file, spec, [...fillAll(spec, framework, p), ...more(spec)]);
}

/** How many entries core carries from that return into the 2026 template. */
function carriedCount(outcome: ReadOutcome, frameworkId: string, party: string): number {
  const framework = catalogue.framework(frameworkId);
  return entriesCarried(carriedFor(previousFromReturns([outcome], catalogue), framework, catalogue.party(framework, party), "2026", "x"));
}

function chooseFramework(title: string): void {
  fireEvent.click(screen.getByRole("combobox", { name: /Framework/ }));
  fireEvent.click(screen.getByRole("option", { name: title }));
}

function chooseParty(text: string, option: string): void {
  const box = screen.getByRole("combobox", { name: /Party/ });
  fireEvent.keyDown(box, { key: text.slice(0, 1) });
  fireEvent.change(box, { target: { value: text } });
  fireEvent.click(screen.getByRole("option", { name: option }));
}

const partyBox = (): HTMLInputElement => screen.getByRole("combobox", { name: /Party/ }) as HTMLInputElement;
const downloadButton = (): HTMLElement => screen.getByRole("button", { name: "Download template (.xlsx)" });
const startFromPrevious = (): void => {
  fireEvent.click(screen.getByRole("switch", { name: "Start from a previous return" }));
};

/** The message bar holding a text (the error bar, the preview or the result). */
async function barWith(text: RegExp | string): Promise<string> {
  const found = await screen.findByText(text, undefined, { timeout: 5000 });
  return (found.closest(".fui-MessageBar") ?? found.parentElement)?.textContent ?? "";
}

describe("Generate: start from a previous return (browser)", () => {
  it("a filled 2025 return proposes its party, shows what it carries, and the 2026 template carries it", async () => {
    const files = new FakeFiles();
    const outcome = filledReturn(FR_FILE, "pact-2008", "FR", "2025");
    files.outcomes.set(FR_FILE, outcome);
    const { container } = renderInFluent(<GenerateView catalogue={catalogue} files={files} today={today} />);
    expect(container.querySelector('input[type="file"]')).toBeNull();
    startFromPrevious();
    // Asked to start from one, nothing is generated until one is chosen.
    chooseParty("fra", "France (FR)");
    expect(downloadButton().hasAttribute("disabled")).toBe(true);
    // The party cleared, then the file chosen: its one party is proposed.
    fireEvent.change(partyBox(), { target: { value: "" } });
    chooseFiles(container, [fakeFile(FR_FILE)]);

    const n = carriedCount(outcome, "pact-2008", "FR");
    expect(n).toBeGreaterThan(100);
    const preview = await barWith(/^Starts from cycle 2025/);
    expect(preview).toContain(`Starts from cycle 2025 (${FR_FILE} › ${FR_SHEETS}): ${n} entries carried`);
    expect(preview).not.toContain("no longer in the catalogue");
    expect(partyBox().value).toBe("France (FR)");
    expect(files.read).toEqual([FR_FILE]);

    fireEvent.click(downloadButton());
    const done = await barWith("Download started:");
    expect(done).toContain("pact-2008_FR_2026_initial.xlsx");
    expect(done).toContain(`Started from cycle 2025 (${FR_FILE} › ${FR_SHEETS}): ${n} entries carried`);
    const spec = files.templates[0];
    expect(spec?.sheets.map((s) => s.name)).toContain(CARRIED_SHEET);
    expect(spec?.sheets.find((s) => s.name === CARRIED_SHEET)?.hidden).toBe(true);
    const factual = spec?.sheets.find((s) => s.role === "factual");
    expect(factual?.cells.some((c) => c.value === "Planned last cycle (2025)")).toBe(true);
    expect(factual?.cells.some((c) => typeof c.value === "string" && c.value.startsWith("France: Main actions undertaken"))).toBe(true);
  });

  it("names the items the catalogue no longer has", async () => {
    const files = new FakeFiles();
    // A row whose reference the catalogue does not know (an item of an older catalogue).
    const outcome = filledReturn(FR_FILE, "pact-2008", "FR", "2025", (spec) => {
      const factual = spec.sheets.find((s) => s.role === "factual");
      const row = factual?.cells.find((c) => c.col === 0 && c.value === "I(a)")?.row ?? -1;
      return [{ sheet: factual?.name ?? "", row, col: 0, value: "I(z)" }];
    });
    files.outcomes.set(FR_FILE, outcome);
    const { container } = renderInFluent(<GenerateView catalogue={catalogue} files={files} today={today} />);
    startFromPrevious();
    chooseFiles(container, [fakeFile(FR_FILE)]);
    expect(await barWith(/^Starts from cycle 2025/)).toMatch(/entries carried; no longer in the catalogue: I\(z\)$/);
  });

  it("refuses another party's return with PT-CYCLE-001, naming the file and its sheets", async () => {
    const files = new FakeFiles();
    files.outcomes.set(FR_FILE, filledReturn(FR_FILE, "pact-2008", "FR", "2025"));
    const { container } = renderInFluent(<GenerateView catalogue={catalogue} files={files} today={today} />);
    chooseParty("germ", "Germany (DE)");
    startFromPrevious();
    chooseFiles(container, [fakeFile(FR_FILE)]);
    const bar = await barWith("PT-CYCLE-001");
    expect(bar).toMatch(/France \(FR\).*Germany \(DE\)/);
    expect(bar).toContain(`(${FR_FILE} › ${FR_SHEETS})`);
    // Not kept: nothing to start from, nothing generated, the party as chosen.
    expect(screen.queryByText(/^Starts from/)).toBeNull();
    expect(partyBox().value).toBe("Germany (DE)");
    expect(downloadButton().hasAttribute("disabled")).toBe(true);
  });

  it("refuses another framework's return with PT-CYCLE-002 and an unreadable file with PT-CYCLE-003 and the reader's code", async () => {
    const files = new FakeFiles();
    files.outcomes.set(FR_FILE, filledReturn(FR_FILE, "pact-2008", "FR", "2025"));
    files.outcomes.set("old.xls", unreadable("old.xls", "PT-READ-002", "a legacy .xls workbook"));
    const { container } = renderInFluent(<GenerateView catalogue={catalogue} files={files} today={today} />);
    chooseFramework(PRAGUE);
    startFromPrevious();
    chooseFiles(container, [fakeFile(FR_FILE)]);
    const other = await barWith("PT-CYCLE-002");
    expect(other).toContain("prague-ap-2023");
    expect(other).toContain(FR_FILE);

    chooseFiles(container, [fakeFile("old.xls")]);
    const nothing = await barWith("PT-CYCLE-003");
    expect(nothing).toContain("PT-READ-002 a legacy .xls workbook");
    expect(nothing).toContain("(old.xls)");
  });

  it("lets the return go, saying why, when the party or framework changes to one it does not fit", async () => {
    const files = new FakeFiles();
    files.outcomes.set(FR_FILE, filledReturn(FR_FILE, "pact-2008", "FR", "2025"));
    const { container } = renderInFluent(<GenerateView catalogue={catalogue} files={files} today={today} />);
    startFromPrevious();
    chooseFiles(container, [fakeFile(FR_FILE)]);
    await barWith(/^Starts from cycle 2025/);
    expect(downloadButton().hasAttribute("disabled")).toBe(false);

    // Typing in the party box unselects the party for a moment: the return stays.
    fireEvent.keyDown(partyBox(), { key: "G" });
    fireEvent.change(partyBox(), { target: { value: "France (FR)G" } });
    expect(screen.getByText(new RegExp(`${FR_FILE} › .*: choose the party`))).toBeTruthy();
    fireEvent.click(screen.getByRole("option", { name: "Germany (DE)" }));
    const gone = await barWith(/Previous return no longer used/);
    expect(gone).toContain("PT-CYCLE-001");
    expect(gone).toMatch(/France \(FR\).*Germany \(DE\)/);
    expect(screen.queryByText(/^Starts from/)).toBeNull();
    expect(downloadButton().hasAttribute("disabled")).toBe(true);

    // Chosen again for France, then another framework: let go with PT-CYCLE-002.
    chooseParty("fra", "France (FR)");
    chooseFiles(container, [fakeFile(FR_FILE)]);
    await barWith(/^Starts from cycle 2025/);
    expect(screen.queryByText(/Previous return no longer used/)).toBeNull();
    chooseFramework(PRAGUE);
    expect(await barWith(/Previous return no longer used/)).toContain("PT-CYCLE-002");

    // Turning the switch off generates a blank template again.
    startFromPrevious();
    chooseParty("arm", "Armenia (AM)");
    fireEvent.click(downloadButton());
    expect(await barWith("Download started:")).not.toContain("Started from");
    expect(files.templates[0]?.sheets.map((s) => s.name)).not.toContain(CARRIED_SHEET);
  });

  it("a cycle that is not after the return's is PT-CYCLE-004 until the cycle is corrected; Remove lets the return go", async () => {
    const files = new FakeFiles();
    files.outcomes.set(FR_FILE, filledReturn(FR_FILE, "pact-2008", "FR", "2025"));
    const { container } = renderInFluent(<GenerateView catalogue={catalogue} files={files} today={today} />);
    const cycle = screen.getByRole("textbox", { name: /Reporting cycle/ });
    fireEvent.change(cycle, { target: { value: "2025" } });
    startFromPrevious();
    chooseFiles(container, [fakeFile(FR_FILE)]);
    const refused = await barWith(/Cannot start from the previous return/);
    expect(refused).toContain("PT-CYCLE-004");
    expect(refused).toContain(FR_FILE);
    expect(downloadButton().hasAttribute("disabled")).toBe(true);
    fireEvent.change(cycle, { target: { value: "2026" } });
    await barWith(/^Starts from cycle 2025/);
    expect(screen.queryByText(/Cannot start from/)).toBeNull();
    expect(downloadButton().hasAttribute("disabled")).toBe(false);

    fireEvent.click(screen.getByRole("button", { name: "Remove previous return" }));
    expect(screen.queryByText(/^Starts from/)).toBeNull();
    expect(downloadButton().hasAttribute("disabled")).toBe(true);
  });

  it("an update starts from this cycle's initial return (as generate --round update --from does); an initial of the same cycle still cannot", async () => {
    const files = new FakeFiles();
    files.outcomes.set(FR_FILE, filledReturn(FR_FILE, "pact-2008", "FR", "2025"));
    const { container } = renderInFluent(<GenerateView catalogue={catalogue} files={files} today={today} />);
    fireEvent.change(screen.getByRole("textbox", { name: /Reporting cycle/ }), { target: { value: "2025" } });
    startFromPrevious();
    chooseFiles(container, [fakeFile(FR_FILE)]);
    expect(await barWith(/Cannot start from the previous return/)).toContain("PT-CYCLE-004");
    fireEvent.click(screen.getByRole("radio", { name: /^Update/ }));
    await barWith(/^Starts from cycle 2025/);
    expect(screen.queryByText(/Cannot start from/)).toBeNull();
    expect(downloadButton().hasAttribute("disabled")).toBe(false);
    fireEvent.click(downloadButton());
    await waitFor(() => expect(files.saved).toHaveLength(1));
    const saved = files.saved[0];
    expect(saved?.fileName).toBe("pact-2008_FR_2025_update.xlsx");
  });

  it("a file with two parties' returns proposes no party, and carries the chosen one's", async () => {
    const files = new FakeFiles();
    const fr = filledReturn("both.xlsx", "pact-2008", "FR", "2025");
    const de = filledReturn("both.xlsx", "pact-2008", "DE", "2025");
    if (!("validation" in fr) || !("validation" in de)) throw new Error("unreadable");
    const contributions = [...fr.validation.contributions, ...de.validation.contributions];
    files.outcomes.set("both.xlsx", { source: fr.source, validation: { ...fr.validation, contributions, findings: [...fr.validation.findings, ...de.validation.findings] } });
    const { container } = renderInFluent(<GenerateView catalogue={catalogue} files={files} today={today} />);
    startFromPrevious();
    chooseFiles(container, [fakeFile("both.xlsx")]);
    await screen.findByText(/both\.xlsx › .*: choose the party to see what it carries/);
    expect(partyBox().value).toBe("");
    chooseParty("germ", "Germany (DE)");
    expect(await barWith(/^Starts from cycle 2025/)).toContain("(both.xlsx › pact-2008 DE factual, pact-2008 DE report)");
  });

  it("our own combined report of 2025 serves too: the party chosen, its answers carried", async () => {
    const files = new FakeFiles();
    const report = buildCombinedReport(
      buildRegister([filledReturn("FR.xlsx", "pact-2008", "FR", "2025"), filledReturn("DE.xlsx", "pact-2008", "DE", "2025")], catalogue),
      catalogue,
      { edition: "internal", generatedAt: "2026-01-20" },
    );
    const previous = previousFromReport(gridsFromSpec(report), catalogue, "combined-2025.xlsx");
    if (!previous) throw new Error("not read as a report");
    files.reports.set("combined-2025.xlsx", previous);
    const { container } = renderInFluent(<GenerateView catalogue={catalogue} files={files} today={today} />);
    startFromPrevious();
    chooseFiles(container, [fakeFile("combined-2025.xlsx")]);
    await screen.findByText(/^combined-2025\.xlsx › .*: choose the party to see what it carries\.$/, undefined, { timeout: 5000 });
    chooseParty("germ", "Germany (DE)");
    const preview = await barWith(/^Starts from cycle 2025/);
    expect(preview).toMatch(/\(combined-2025\.xlsx › pact-2008 [^)]*\): \d+ entries carried/);
    fireEvent.click(downloadButton());
    await barWith("Download started:");
    const factual = files.templates[0]?.sheets.find((s) => s.role === "factual");
    expect(factual?.cells.some((c) => typeof c.value === "string" && c.value.startsWith("Germany: Main actions undertaken"))).toBe(true);
  });
});

describe("Generate: start from a previous return (Excel)", () => {
  it("finds the returns among the workbook's sheets, carries the chosen one and inserts the template", async () => {
    const { spec, framework, party } = templateSpec("pact-2008", "FR", "initial", "2025");
    const ws = FakeWorkspace.withReturn(spec, fillAll(spec, framework, party));
    renderInFluent(<GenerateView catalogue={catalogue} workspace={ws} files={new FakeFiles()} today={today} />);
    await act(async () => undefined);
    startFromPrevious();
    // A file can be chosen in Excel too.
    expect(screen.getByRole("button", { name: "Choose previous return…" })).toBeTruthy();
    fireEvent.click(screen.getByRole("button", { name: "Find returns in this workbook" }));
    const list = await screen.findByRole("combobox", { name: /Return in this workbook/ });
    expect(ws.reads).toEqual(["all"]);
    fireEvent.click(list);
    fireEvent.click(screen.getByRole("option", { name: `France (FR), cycle 2025, pact-2008: ${FR_SHEETS}` }));
    expect(await barWith(/^Starts from cycle 2025/)).toContain(`(This workbook › ${FR_SHEETS})`);
    await waitFor(() => expect(partyBox().value).toBe("France (FR)"));

    fireEvent.click(screen.getByRole("button", { name: "Insert template into this workbook" }));
    expect(await barWith("Template inserted")).toContain(`Started from cycle 2025 (This workbook › ${FR_SHEETS})`);
    expect(ws.inserted[0]?.sheets.map((s) => s.name)).toContain(CARRIED_SHEET);
    expect(ws.saved).toEqual([{ framework: "pact-2008", party: "FR", cycle: "2026", round: "initial" }]);
  });

  it("where downloads do not arrive (Mac), the carried template opens as a new workbook and the bar says what it carried", async () => {
    const { spec, framework, party } = templateSpec("pact-2008", "FR", "initial", "2025");
    const ws = FakeWorkspace.withReturn(spec, fillAll(spec, framework, party));
    ws.canDownload = false;
    const files = new FakeFiles();
    renderInFluent(<GenerateView catalogue={catalogue} workspace={ws} files={files} today={today} />);
    await act(async () => undefined);
    startFromPrevious();
    fireEvent.click(screen.getByRole("button", { name: "Find returns in this workbook" }));
    fireEvent.click(await screen.findByRole("combobox", { name: /Return in this workbook/ }));
    fireEvent.click(screen.getByRole("option", { name: `France (FR), cycle 2025, pact-2008: ${FR_SHEETS}` }));
    await barWith(/^Starts from cycle 2025/);
    await waitFor(() => expect(partyBox().value).toBe("France (FR)"));

    fireEvent.click(screen.getByRole("button", { name: "Open as a new workbook" }));
    const done = await barWith("Opened as a new workbook");
    expect(done).toContain("e.g. as pact-2008_FR_2026_initial.xlsx");
    expect(done).toContain(`Started from cycle 2025 (This workbook › ${FR_SHEETS})`);
    // The bytes opened are the carried template's.
    expect(files.templates[0]?.sheets.map((s) => s.name)).toContain(CARRIED_SHEET);
    const written = Uint8Array.from(files.templates[0]?.subject ?? "", (c) => c.charCodeAt(0));
    expect(ws.opened).toEqual([{ fileName: "pact-2008_FR_2026_initial.xlsx", bytes: written }]);
    expect(files.saved).toEqual([]);
    expect(ws.inserted).toEqual([]);
  });

  it("a workbook without a return says so with PT-CYCLE-003", async () => {
    const ws = new FakeWorkspace();
    renderInFluent(<GenerateView catalogue={catalogue} workspace={ws} files={new FakeFiles()} today={today} />);
    await act(async () => undefined);
    startFromPrevious();
    fireEvent.click(screen.getByRole("button", { name: "Find returns in this workbook" }));
    const bar = await barWith("PT-CYCLE-003");
    expect(bar).toContain("This workbook");
  });
});
