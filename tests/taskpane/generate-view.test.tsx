/** @jest-environment jsdom */
import { act, cleanup, fireEvent, screen, waitFor } from "@testing-library/react";
import { strFromU8, unzipSync } from "fflate";
import { CodedError } from "../../src/core/errors/coded-error";
import type { WorkbookSpec } from "../../src/core/template/spec";
import { openWorkbook } from "../../src/excel/open-workbook";
import { GenerateView } from "../../src/taskpane/components/GenerateView";
import { CYCLE_RULE } from "../../src/core/cycles/cycle-label";
import { catalogue, templateSpec } from "../support/returns";
import { FakeFiles } from "./support/fake-files";
import { FakeWorkspace, officeError } from "./support/fake-workspace";
import { installDomShims, renderInFluent, today } from "./support/render";

beforeAll(installDomShims);
afterEach(cleanup);

/** Typing opens the list (on key down, as in a browser), then narrows it. */
function typeParty(text: string): void {
  const box = screen.getByRole("combobox", { name: /Party/ });
  fireEvent.keyDown(box, { key: text.slice(0, 1) });
  fireEvent.change(box, { target: { value: text } });
}

function choosePartyByTyping(text: string, option: string): void {
  typeParty(text);
  fireEvent.click(screen.getByRole("option", { name: option }));
}

/** The message bar holding a text: its whole text. */
async function barWith(text: string): Promise<string> {
  const found = await screen.findByText(text);
  return (found.closest(".fui-MessageBar") ?? found.parentElement)?.textContent ?? "";
}

/**
 * FileActions whose templates are real .xlsx files, written as the pane writes them. The writer and
 * reader are loaded after installDomShims (they make a TextEncoder on load; jsdom has none).
 */
class WrittenFiles extends FakeFiles {
  override async templateBytes(spec: WorkbookSpec): Promise<Uint8Array> {
    this.templates.push(spec);
    const { workbookBytes } = await import("../../src/xlsx/write-spec");
    return workbookBytes(spec);
  }
}

/** Excel for Mac: downloads from the pane never arrive. */
function macWorkspace(): FakeWorkspace {
  const ws = new FakeWorkspace();
  ws.canDownload = false;
  return ws;
}

describe("Generate (browser)", () => {
  it("downloads the template for the chosen framework, party, cycle and round", async () => {
    const files = new FakeFiles();
    renderInFluent(<GenerateView catalogue={catalogue} files={files} today={today} />);
    expect(screen.queryByRole("button", { name: /Insert template/ })).toBeNull();
    const download = screen.getByRole("button", { name: "Download template (.xlsx)" });
    // No party yet: nothing to generate.
    expect(download.hasAttribute("disabled")).toBe(true);

    fireEvent.click(screen.getByRole("combobox", { name: /Framework/ }));
    fireEvent.click(screen.getByRole("option", { name: "Prague Process Action Plan 2012–2016" }));
    choosePartyByTyping("georg", "Georgia (GE)");
    expect((screen.getByRole("textbox", { name: /Reporting cycle/ }) as HTMLInputElement).value).toBe("2026");
    // 2026 is past the plan's period: still allowed, and said.
    expect(screen.getByText("Cycle 2026 is outside the plan's period (2012–2016).")).toBeTruthy();
    fireEvent.click(screen.getByRole("radio", { name: "Update" }));
    fireEvent.click(download);

    // Only that the download started: the pane cannot know it arrived.
    const done = await barWith("Download started:");
    expect(done).toContain("prague-ap-2012_GE_2026_update.xlsx (check your browser's downloads)");
    expect(done).not.toMatch(/downloaded|opened/i);
    expect(files.templates[0]?.subject).toBe(templateSpec("prague-ap-2012", "GE", "update", "2026").spec.subject);
    expect(files.saved.map((s) => s.fileName)).toEqual(["prague-ap-2012_GE_2026_update.xlsx"]);
  });

  it("refuses a reporting cycle the CLI refuses, naming the rule, and builds nothing under it", async () => {
    const files = new FakeFiles();
    renderInFluent(<GenerateView catalogue={catalogue} files={files} today={today} />);
    choosePartyByTyping("gree", "Greece (EL)");
    const cycle = screen.getByRole("textbox", { name: /Reporting cycle/ });
    const download = screen.getByRole("button", { name: "Download template (.xlsx)" });
    fireEvent.change(cycle, { target: { value: "2026!" } });
    const message = screen.getByText(/^'2026!' cannot be a reporting cycle: use 1 to 20 letters, digits, spaces/);
    expect(message.textContent).toContain(CYCLE_RULE);
    expect(cycle.getAttribute("aria-invalid")).toBe("true");
    expect(cycle.getAttribute("aria-describedby")).toContain(message.closest("[id]")?.id ?? "none");
    expect(download.hasAttribute("disabled")).toBe(true);
    fireEvent.click(download);
    for (const bad of ["2026-", "20  26", "H1 2026 and the rest of it"]) {
      fireEvent.change(cycle, { target: { value: bad } });
      expect(screen.getByText(/cannot be a reporting cycle/)).toBeTruthy();
      expect(download.hasAttribute("disabled")).toBe(true);
    }
    expect(files.templates).toEqual([]);
    expect(files.saved).toEqual([]);
    // A label the rule allows: the template, filed under it (spaces around it dropped).
    fireEvent.change(cycle, { target: { value: " 2009/10 " } });
    expect(screen.queryByText(/cannot be a reporting cycle/)).toBeNull();
    fireEvent.click(download);
    await waitFor(() => expect(files.saved).toHaveLength(1));
    expect(files.templates[0]?.subject).toContain("2009/10");
  });

  it("shows a cycle remembered in the workbook that the rule refuses, and inserts nothing under it", async () => {
    const ws = new FakeWorkspace();
    ws.choices = { framework: "prague-ap-2012", party: "GE", cycle: "2026!", round: "initial" };
    renderInFluent(<GenerateView catalogue={catalogue} workspace={ws} files={new FakeFiles()} today={today} />);
    expect(await screen.findByText(/^'2026!' cannot be a reporting cycle/)).toBeTruthy();
    expect(screen.getByRole("button", { name: "Insert template into this workbook" }).hasAttribute("disabled")).toBe(true);
    expect(ws.inserted).toEqual([]);
  });

  it("finds a party by code or alias and shows the code", async () => {
    renderInFluent(<GenerateView catalogue={catalogue} files={new FakeFiles()} today={today} />);
    typeParty("EL");
    expect(screen.getByRole("option", { name: "Greece (EL)" })).toBeTruthy();
    expect(screen.queryByRole("option", { name: "Belgium (BE)" })).toBeNull();
    typeParty("xyz");
    expect(screen.getByText(/No party matches/)).toBeTruthy();
  });

  it("finds parties by ISO code and by native name, ignoring case and accents", () => {
    renderInFluent(<GenerateView catalogue={catalogue} files={new FakeFiles()} today={today} />);
    for (const [typed, option] of [
      ["deutschland", "Germany (DE)"],
      ["DEU", "Germany (DE)"],
      ["espana", "Spain (ES)"],
      ["ÖSTERREICH", "Austria (AT)"],
      ["polska", "Poland (PL)"],
      ["GRC", "Greece (EL)"],
      ["ellada", "Greece (EL)"],
    ] as const) {
      typeParty(typed);
      expect(screen.getAllByRole("option").map((o) => o.textContent)).toEqual([option]);
    }
  });

  it("typing after a choice replaces the chosen party's text instead of adding to it", () => {
    renderInFluent(<GenerateView catalogue={catalogue} files={new FakeFiles()} today={today} />);
    choosePartyByTyping("germ", "Germany (DE)");
    const box = screen.getByRole("combobox", { name: /Party/ }) as HTMLInputElement;
    expect(box.value).toBe("Germany (DE)");
    // The caret at the end, the user types "Swe": the box shows "Swe", not "Germany (DE)Swe".
    fireEvent.keyDown(box, { key: "S" });
    fireEvent.change(box, { target: { value: "Germany (DE)Swe" } });
    expect(box.value).toBe("Swe");
    fireEvent.click(screen.getByRole("option", { name: "Sweden (SE)" }));
    expect(box.value).toBe("Sweden (SE)");
    // On focus the whole text is selected, so the first key replaces it.
    fireEvent.focus(box);
    expect([box.selectionStart, box.selectionEnd]).toEqual([0, "Sweden (SE)".length]);
  });

  it("a finished result belongs to its form: changing the form clears the message", async () => {
    renderInFluent(<GenerateView catalogue={catalogue} files={new FakeFiles()} today={today} />);
    choosePartyByTyping("belg", "Belgium (BE)");
    fireEvent.click(screen.getByRole("button", { name: "Download template (.xlsx)" }));
    await screen.findByText("Download started:");
    fireEvent.change(screen.getByRole("textbox", { name: /Reporting cycle/ }), { target: { value: "2027" } });
    expect(screen.queryByText("Download started:")).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Download template (.xlsx)" }));
    await screen.findByText("Download started:");
    fireEvent.click(screen.getByRole("radio", { name: /Update/ }));
    expect(screen.queryByText("Download started:")).toBeNull();

    fireEvent.click(screen.getByRole("button", { name: "Download template (.xlsx)" }));
    await screen.findByText("Download started:");
    choosePartyByTyping("germ", "Germany (DE)");
    expect(screen.queryByText("Download started:")).toBeNull();
  });

  it("will not generate without a cycle", () => {
    renderInFluent(<GenerateView catalogue={catalogue} files={new FakeFiles()} today={today} />);
    choosePartyByTyping("belg", "Belgium (BE)");
    fireEvent.change(screen.getByRole("textbox", { name: /Reporting cycle/ }), { target: { value: "  " } });
    expect(screen.getByText("Enter the reporting cycle, e.g. the year.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Download template (.xlsx)" }).hasAttribute("disabled")).toBe(true);
  });
});

describe("Generate (Excel)", () => {
  it("starts from the choices remembered in the workbook and inserts the template", async () => {
    const ws = new FakeWorkspace();
    ws.choices = { framework: "pact-2008", party: "EL", cycle: "2025", round: "update" };
    ws.insertResult = (spec) => ({
      sheets: spec.sheets.map((s, i) => ({ wanted: s.name, actual: i === 0 ? `${s.name} (2)` : s.name })),
      notes: ["'pact-2008 EL political' existed; inserted as 'pact-2008 EL political (2)'"],
    });
    renderInFluent(<GenerateView catalogue={catalogue} workspace={ws} files={new FakeFiles()} today={today} />);

    await waitFor(() => expect((screen.getByRole("combobox", { name: /Party/ }) as HTMLInputElement).value).toBe("Greece (EL)"));
    expect((screen.getByRole("textbox", { name: /Reporting cycle/ }) as HTMLInputElement).value).toBe("2025");
    expect((screen.getByRole("radio", { name: /Update of the contribution/ }) as HTMLInputElement).checked).toBe(true);

    fireEvent.click(screen.getByRole("button", { name: "Insert template into this workbook" }));
    await screen.findByText("Template inserted");
    expect(screen.getByText(/existed; inserted as/)).toBeTruthy();
    expect(ws.inserted[0]?.subject).toBe(templateSpec("pact-2008", "EL", "update", "2025").spec.subject);
    expect(ws.saved).toEqual([{ framework: "pact-2008", party: "EL", cycle: "2025", round: "update" }]);
  });

  it("shows an Office error with its code instead of hiding it", async () => {
    const ws = new FakeWorkspace();
    const wrapped = new CodedError("PT-XL-001", "inserting the template: The argument is invalid or missing (InvalidArgument)");
    wrapped.cause = officeError("InvalidArgument", "The argument is invalid or missing");
    ws.failNext.insertSpec = wrapped;
    renderInFluent(<GenerateView catalogue={catalogue} workspace={ws} files={new FakeFiles()} today={today} />);
    await act(async () => undefined);
    choosePartyByTyping("Belgium", "Belgium (BE)");
    fireEvent.click(screen.getByRole("button", { name: "Insert template into this workbook" }));

    const alert = await screen.findByText(/The argument is invalid or missing/);
    const bar = alert.closest("[role=group], .fui-MessageBar") ?? alert.parentElement;
    expect(bar?.textContent).toContain("PT-XL-001");
    expect(bar?.textContent).toContain("Excel: InvalidArgument");
    expect(ws.saved).toEqual([]);
  });

  it("shows an error reading the remembered choices", async () => {
    const ws = new FakeWorkspace();
    ws.failNext.loadChoices = new CodedError("PT-XL-006", "reading the saved choices: GeneralException");
    renderInFluent(<GenerateView catalogue={catalogue} workspace={ws} files={new FakeFiles()} today={today} />);
    expect(await screen.findByText(/reading the saved choices/)).toBeTruthy();
    expect(screen.getByText("PT-XL-006")).toBeTruthy();
  });
});

describe("Generate (Excel where downloads do not arrive: Mac, iPad)", () => {
  it("offers no download; opens the template as a new workbook and says how to keep it", async () => {
    const ws = macWorkspace();
    const files = new WrittenFiles();
    renderInFluent(<GenerateView catalogue={catalogue} workspace={ws} files={files} today={today} />);
    await act(async () => undefined);
    expect(screen.queryByRole("button", { name: /Download/ })).toBeNull();
    expect(screen.getByRole("button", { name: "Insert template into this workbook" })).toBeTruthy();
    const open = screen.getByRole("button", { name: "Open as a new workbook" });
    expect(open.hasAttribute("disabled")).toBe(true);

    fireEvent.click(screen.getByRole("combobox", { name: /Framework/ }));
    fireEvent.click(screen.getByRole("option", { name: "Prague Process Action Plan 2012–2016" }));
    choosePartyByTyping("georg", "Georgia (GE)");
    fireEvent.click(screen.getByRole("radio", { name: "Update" }));
    fireEvent.click(open);

    const done = await barWith("Opened as a new workbook");
    expect(done).toContain("Opened as a new workbook");
    expect(done).toContain("— save it from its window (File → Save As), e.g. as prague-ap-2012_GE_2026_update.xlsx");
    expect(done).not.toMatch(/download/i);
    // Nothing was offered as a download, nothing went into this workbook.
    expect(files.saved).toEqual([]);
    expect(ws.inserted).toEqual([]);
    expect(ws.saved).toEqual([]);

    // The bytes opened are the template's .xlsx: a zip whose workbook names the template's sheets,
    // and which reads back as Georgia's 2026 update of the Prague plan.
    const { spec } = templateSpec("prague-ap-2012", "GE", "update", "2026");
    expect(ws.opened.map((o) => o.fileName)).toEqual(["prague-ap-2012_GE_2026_update.xlsx"]);
    const bytes = ws.opened[0]?.bytes ?? new Uint8Array();
    expect([...bytes.subarray(0, 4)]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    const workbookXml = strFromU8(unzipSync(bytes)["xl/workbook.xml"] ?? new Uint8Array());
    for (const sheet of spec.sheets) expect(workbookXml).toContain(`name="${sheet.name}"`);
    const { readReturnBytes } = await import("../../src/xlsx/read-return");
    const read = readReturnBytes(bytes, "opened.xlsx", catalogue);
    if (!("validation" in read)) throw new Error(`not readable: ${read.error.code}`);
    expect(read.validation.contributions.map((c) => [c.sheet, c.framework?.id, c.party?.code, c.meta.cycle, c.meta.round])).toEqual([
      ["prague-ap-2012 GE actions", "prague-ap-2012", "GE", "2026", "update"],
    ]);
  });

  it("shows PT-XL-010 with Excel's code when the workbook cannot be opened, and claims nothing", async () => {
    const ws = macWorkspace();
    // The adapter's own error: Excel.createWorkbook refused.
    ws.failNext.openWorkbook = await openWorkbook(() => Promise.reject(officeError("GeneralException", "An internal error has occurred.")), new Uint8Array([1]), "pact-2008_BE_2026_initial.xlsx").catch((e: unknown) => e);
    const files = new WrittenFiles();
    renderInFluent(<GenerateView catalogue={catalogue} workspace={ws} files={files} today={today} />);
    await act(async () => undefined);
    choosePartyByTyping("Belgium", "Belgium (BE)");
    fireEvent.click(screen.getByRole("button", { name: "Open as a new workbook" }));

    const bar = await barWith("PT-XL-010");
    expect(bar).toContain("Could not open pact-2008_BE_2026_initial.xlsx as a new workbook: An internal error has occurred.");
    expect(bar).toContain("Excel: GeneralException");
    expect(screen.queryByText("Opened as a new workbook")).toBeNull();
    expect(ws.opened).toEqual([]);
    expect(files.saved).toEqual([]);

    // Tried again, it works: the error goes, the message says what happened.
    fireEvent.click(screen.getByRole("button", { name: "Open as a new workbook" }));
    await screen.findByText("Opened as a new workbook");
    expect(screen.queryByText("PT-XL-010")).toBeNull();
    expect(ws.opened.map((o) => o.fileName)).toEqual(["pact-2008_BE_2026_initial.xlsx"]);
  });

  it("where downloads arrive, Excel offers Insert and Download as before, and no Open", async () => {
    const ws = new FakeWorkspace();
    const files = new FakeFiles();
    renderInFluent(<GenerateView catalogue={catalogue} workspace={ws} files={files} today={today} />);
    await act(async () => undefined);
    choosePartyByTyping("Belgium", "Belgium (BE)");
    expect(screen.queryByRole("button", { name: /Open as a new workbook/ })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Download template (.xlsx)" }));
    expect(await barWith("Download started:")).toContain("pact-2008_BE_2026_initial.xlsx (check your browser's downloads)");
    expect(files.saved.map((s) => s.fileName)).toEqual(["pact-2008_BE_2026_initial.xlsx"]);
    expect(ws.opened).toEqual([]);
  });
});
