/** @jest-environment jsdom */
import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import type { RegisterRow } from "../../src/core/consolidation/register";
import { CodedError } from "../../src/core/errors/coded-error";
import { openWorkbook } from "../../src/excel/open-workbook";
import { ConsolidateView, SHEET_DAYS_LABEL, THIS_WORKBOOK, WORKBOOK_RECEIVED_LABEL } from "../../src/taskpane/components/ConsolidateView";
import type { ConsolidationResult } from "../../src/taskpane/consolidate/protocol";
import { registerRow } from "../support/register-row";
import { catalogue, fillAll, templateSpec } from "../support/returns";
import { FakeFiles, fakeFile, type ManualRun } from "./support/fake-files";
import { FakeWorkspace, officeError } from "./support/fake-workspace";
import { chooseFiles, dropFiles, installDomShims, renderInFluent, today } from "./support/render";

installDomShims();
afterEach(cleanup);

const row = (file: string, party: string, status: RegisterRow["status"], extra: Partial<RegisterRow> = {}): RegisterRow =>
  registerRow({ file, sheet: `prague-ap-2012 ${party} actions`, framework: "prague-ap-2012", party, partyName: party === "AT" ? "Austria" : "Georgia", status, ...extra });

const framework = catalogue.framework("prague-ap-2012");
const reports = { internal: new Uint8Array([1, 2, 3]), public: new Uint8Array([4, 5]) };
const result: ConsolidationResult = {
  summary: {
    rows: [
      row("AT.xlsx", "AT", "accepted"),
      row("GE.xlsx", "GE", "accepted with errors", { errors: 2 }),
      row("notes.xlsx", "", "rejected", { sheet: "", partyName: "", framework: "", cycle: "", round: "", reason: { code: "PT-CONS-002", message: "no template sheet in this workbook" } }),
    ],
    missing: [{ framework: "prague-ap-2012", cycle: "2026", parties: catalogue.partiesOf(framework).filter((p) => p.code !== "AT" && p.code !== "GE").slice(0, 2) }],
  },
  reports,
};

/** The message bar holding a text: its whole text. */
function barWith(text: string): string {
  const found = screen.getByText(text);
  return (found.closest(".fui-MessageBar") ?? found.parentElement)?.textContent ?? "";
}

async function startedRun(files: FakeFiles): Promise<ManualRun> {
  fireEvent.click(screen.getByRole("button", { name: "Consolidate" }));
  await waitFor(() => expect(files.runs).toHaveLength(1));
  const run = files.runs[0];
  if (!run) throw new Error("no run");
  return run;
}

describe("Consolidate (browser)", () => {
  it("shows progress while the worker reads, then the register and both downloads", async () => {
    const files = new FakeFiles();
    const { container } = renderInFluent(<ConsolidateView files={files} today={today} />);
    const consolidate = screen.getByRole("button", { name: "Consolidate" });
    expect(consolidate.hasAttribute("disabled")).toBe(true);
    expect(screen.queryByRole("checkbox", { name: /this workbook/ })).toBeNull();

    chooseFiles(container, [fakeFile("AT.xlsx"), fakeFile("GE.xlsx")]);
    dropFiles(container, [fakeFile("notes.xlsx"), fakeFile("AT.xlsx")]);
    // The same file twice counts once.
    expect(within(screen.getByRole("list", { name: "Chosen files" })).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Received: AT.xlsx", "Received: GE.xlsx", "Received: notes.xlsx"]);
    fireEvent.click(screen.getByRole("radio", { name: "Alphabetical" }));

    const run = await startedRun(files);
    expect(run.request.files.map((f) => f.name)).toEqual(["AT.xlsx", "GE.xlsx", "notes.xlsx"]);
    expect(run.request).toMatchObject({ order: "alpha", strict: false, includeSpec: false });
    expect(run.request.workbook).toBeUndefined();

    act(() => run.onProgress({ phase: "reading", done: 1, total: 3, current: "GE.xlsx" }));
    const bar = screen.getByRole("progressbar", { name: "Consolidation progress" });
    expect(bar.getAttribute("aria-valuenow")).toBe(String(1 / 3));
    expect(screen.getByText("Reading 2 of 3: GE.xlsx")).toBeTruthy();
    act(() => run.onProgress({ phase: "writing", edition: "public" }));
    expect(screen.getByText("Writing the public edition…")).toBeTruthy();

    await act(async () => run.finish({ kind: "done", result }));
    expect(screen.queryByRole("progressbar", { name: "Consolidation progress" })).toBeNull();
    // Focus moves to the result when it arrives.
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("region", { name: "Consolidation result" })));
    const register = screen.getByRole("region", { name: "Register of returns" });
    expect(within(register).getByText("accepted: 1")).toBeTruthy();
    expect(within(register).getByText("accepted with errors: 1")).toBeTruthy();
    expect(within(register).getByText("rejected: 1")).toBeTruthy();
    expect(within(register).getByText("PT-CONS-002")).toBeTruthy();
    expect(within(register).getByText(/Missing for prague-ap-2012 2026:/).parentElement?.textContent).toContain("Albania (AL), Armenia (AM)");
    // What needs a look first; every input on request.
    expect(within(register).getByRole("list", { name: "Inputs to look at" }).textContent).not.toContain("AT.xlsx");
    expect(within(register).queryByRole("list", { name: "All inputs" })).toBeNull();
    fireEvent.click(within(register).getByRole("button", { name: "All inputs (3)" }));
    expect(within(within(register).getByRole("list", { name: "All inputs" })).getAllByRole("listitem")).toHaveLength(3);

    expect(screen.queryByText("Download started:")).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Download internal edition" }));
    // Only that the download started: the pane cannot know it arrived.
    await waitFor(() => expect(barWith("Download started:")).toContain("combined-report_internal_2026-05-04.xlsx (check your browser's downloads)"));
    fireEvent.click(screen.getByRole("button", { name: "Download public edition" }));
    await waitFor(() => expect(files.saved).toHaveLength(2));
    expect(files.saved.map((s) => [s.fileName, [...s.bytes]])).toEqual([
      ["combined-report_internal_2026-05-04.xlsx", [1, 2, 3]],
      ["combined-report_public_2026-05-04.xlsx", [4, 5]],
    ]);
    await waitFor(() => expect(barWith("Download started:")).toContain("combined-report_public_2026-05-04.xlsx (check your browser's downloads)"));
    expect(screen.queryByRole("button", { name: /as a new workbook/ })).toBeNull();
    expect(screen.queryByRole("button", { name: "Insert into this workbook" })).toBeNull();
  });

  it("takes the day each file was received: its own date by default, as the CLI, and any day entered instead", async () => {
    const files = new FakeFiles();
    const { container } = renderInFluent(<ConsolidateView files={files} today={today} />);
    const ge = new File(["x"], "GE.xlsx", { lastModified: Date.parse("2026-11-20T09:30:00Z") });
    chooseFiles(container, [fakeFile("AT.xlsx"), ge, fakeFile("notes.xlsx")]);
    const day = (name: string): HTMLInputElement => screen.getByLabelText(`Received: ${name}`);
    // File.lastModified, as the CLI takes a file's time on disk: its day in UTC.
    expect([day("AT.xlsx").value, day("GE.xlsx").value, day("notes.xlsx").value]).toEqual(["2023-11-14", "2026-11-20", "2023-11-14"]);
    expect(day("GE.xlsx").type).toBe("date");

    fireEvent.change(day("GE.xlsx"), { target: { value: "2026-11-14" } });
    // A cleared day is said, and nothing starts until it is given.
    fireEvent.change(day("notes.xlsx"), { target: { value: "" } });
    expect(screen.getByText("Enter the day it was received.")).toBeTruthy();
    expect(day("notes.xlsx").getAttribute("aria-invalid")).toBe("true");
    expect(screen.getByRole("button", { name: "Consolidate" }).hasAttribute("disabled")).toBe(true);
    fireEvent.change(day("notes.xlsx"), { target: { value: "2023-11-14" } });

    const run = await startedRun(files);
    // Only the day changed goes as entered; the others keep their time on disk (to the second).
    expect(run.request.receivedDays).toEqual({ 1: "2026-11-14" });
    expect(run.request.files.map((f) => f.name)).toEqual(["AT.xlsx", "GE.xlsx", "notes.xlsx"]);
  });

  it("keeps a long list short: the first five dates, the others on request", async () => {
    const files = new FakeFiles();
    const { container } = renderInFluent(<ConsolidateView files={files} today={today} />);
    chooseFiles(container, ["AT", "BE", "CZ", "DE", "EE", "FR", "GE"].map((c) => fakeFile(`${c}.xlsx`)));
    expect(screen.getByText("7 files chosen")).toBeTruthy();
    expect(within(screen.getByRole("list", { name: "Chosen files" })).getAllByRole("listitem")).toHaveLength(5);
    fireEvent.click(screen.getByRole("button", { name: "Show all 7 with their dates" }));
    expect(within(screen.getByRole("list", { name: "Chosen files" })).getAllByRole("listitem")).toHaveLength(7);
    expect((screen.getByLabelText("Received: GE.xlsx") as HTMLInputElement).value).toBe("2023-11-14");
  });

  it("the register says when each return was received and where the date came from", async () => {
    const files = new FakeFiles();
    const { container } = renderInFluent(<ConsolidateView files={files} today={today} />);
    chooseFiles(container, [fakeFile("AT.xlsx")]);
    const run = await startedRun(files);
    const rows = [
      row("AT.xlsx", "AT", "accepted", { received: "2026-11-14T09:30:00Z", receivedFrom: "file time" }),
      row("GE.xlsx", "GE", "accepted", { received: "2026-11-16", receivedFrom: "entered", late: true }),
    ];
    await act(async () => run.finish({ kind: "done", result: { summary: { rows, missing: [] }, reports } }));
    const register = screen.getByRole("region", { name: "Register of returns" });
    fireEvent.click(within(register).getByRole("button", { name: "All inputs (2)" }));
    const all = within(register).getByRole("list", { name: "All inputs" });
    expect(within(all).getByText("received 2026-11-14 09:30 UTC (the file's time on disk)")).toBeTruthy();
    expect(within(all).getByText("received 2026-11-16 (entered in the pane)")).toBeTruthy();
  });

  it("cancels a running consolidation", async () => {
    const files = new FakeFiles();
    const { container } = renderInFluent(<ConsolidateView files={files} today={today} />);
    chooseFiles(container, [fakeFile("AT.xlsx")]);
    const run = await startedRun(files);
    act(() => run.onProgress({ phase: "reading", done: 0, total: 1, current: "AT.xlsx" }));
    fireEvent.click(screen.getByRole("button", { name: "Cancel" }));
    expect(run.cancelled).toBe(true);
    expect(await screen.findByText(/Consolidation cancelled/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Cancel" })).toBeNull();
    expect(screen.getByRole("button", { name: "Consolidate" }).hasAttribute("disabled")).toBe(false);
  });

  it("shows why nothing could be consolidated, with the code", async () => {
    const files = new FakeFiles();
    const { container } = renderInFluent(<ConsolidateView files={files} today={today} />);
    chooseFiles(container, [fakeFile("notes.xlsx")]);
    const run = await startedRun(files);
    const nothing: ConsolidationResult = {
      summary: { rows: [result.summary.rows[2] ?? row("x", "", "rejected")], missing: [] },
      failure: { code: "PT-CONS-005", message: "nothing could be consolidated from 1 input(s)" },
    };
    await act(async () => run.finish({ kind: "done", result: nothing }));
    expect(screen.getByText("PT-CONS-005")).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Download internal edition" })).toBeNull();
  });

  it("shows a worker failure with its code", async () => {
    const files = new FakeFiles();
    const { container } = renderInFluent(<ConsolidateView files={files} today={today} />);
    chooseFiles(container, [fakeFile("AT.xlsx")]);
    const run = await startedRun(files);
    await act(async () => run.fail(new CodedError("PT-PANE-003", "the consolidation worker stopped: out of memory")));
    expect(screen.getByText("PT-PANE-003")).toBeTruthy();
    expect(screen.getByText(/out of memory/)).toBeTruthy();
  });
});

describe("Consolidate: the register as returns", () => {
  const pact = (sheet: string, extra: Partial<RegisterRow> = {}): RegisterRow =>
    row("EL.xlsx", "EL", "accepted", { framework: "pact-2008", partyName: "Greece", sheet, ...extra });
  const summary = {
    rows: [
      // A Pact return: two sheets, one return.
      pact("pact-2008 EL political report"),
      pact("pact-2008 EL factual table", { status: "accepted with errors", errors: 3 }),
      // An initial contribution replaced by the update: superseded, and never late.
      row("AT-initial.xlsx", "AT", "superseded", { supersededBy: "AT-update.xlsx › prague-ap-2012 AT actions" }),
      row("AT-update.xlsx", "AT", "accepted", { round: "update", late: true }),
      // A blank template sent back: not reporting.
      row("GE.xlsx", "GE", "accepted with errors", { errors: 40, note: "returned empty: no entry is filled" }),
      // Left out because the box was ticked.
      row("GE-draft.xlsx", "GE", "rejected", { errors: 2, reason: { code: "PT-CONS-004", message: "left out under --strict: 2 errors" } }),
    ],
    missing: [],
  };

  /** The pane with a finished run whose register is `summary`. */
  async function consolidated(): Promise<void> {
    const files = new FakeFiles();
    const { container } = renderInFluent(<ConsolidateView files={files} today={today} />);
    chooseFiles(container, [fakeFile("EL.xlsx")]);
    const run = await startedRun(files);
    await act(async () => run.finish({ kind: "done", result: { summary, reports } }));
  }

  it("says why there is no public edition and offers none to download when a return blocks it", async () => {
    const files = new FakeFiles();
    const { container } = renderInFluent(<ConsolidateView files={files} today={today} />);
    chooseFiles(container, [fakeFile("EL.xlsx")]);
    const run = await startedRun(files);
    const blocked = { file: "reply.xlsx", sheet: "Sheet1", code: "PT-CONS-006", message: "its wider-dissemination choice is no and no party can be told" };
    await act(async () => run.finish({ kind: "done", result: { summary, reports: { internal: reports.internal, publicBlocked: [blocked] } } }));
    expect(screen.getByText(/The public edition was not made/)).toBeTruthy();
    expect(screen.getByText("PT-CONS-006")).toBeTruthy();
    expect(screen.getByText(/reply\.xlsx › Sheet1: its wider-dissemination choice is no/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: "Download public edition" })).toBeNull();
    expect(screen.getByRole("button", { name: "Download internal edition" })).toBeTruthy();
  });

  it("counts per party and framework with the sheets underneath, shows blank templates as returned empty and speaks the pane's words", async () => {
    await consolidated();
    const register = screen.getByRole("region", { name: "Register of returns" });
    const counts = within(register).getByRole("status").textContent;
    expect(counts).toBe("accepted: 1accepted with errors: 1returned empty: 1superseded: 1rejected: 1late: 1");
    expect(within(register).getByText("Returns per party and framework (5):")).toBeTruthy();
    // The same counting by sheet (core's, as the CLI prints it), and what a return is.
    expect(within(register).getByText("By template sheet (6): 2 accepted, 1 accepted with errors, 1 returned empty, 1 superseded, 1 rejected; 1 late")).toBeTruthy();
    expect(within(register).getByText(/^A return is one party's workbook for a framework, cycle and round/)).toBeTruthy();

    fireEvent.click(within(register).getByRole("button", { name: "All inputs (5)" }));
    const all = within(register).getByRole("list", { name: "All inputs" });
    const greece = within(all).getByRole("list", { name: "Sheets of Greece (EL)" });
    expect(within(greece).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Sheet “pact-2008 EL political report”: accepted",
      "Sheet “pact-2008 EL factual table”: accepted with errors3 errors, 0 warnings",
    ]);
    expect(greece.parentElement?.textContent).toMatch(/^accepted with errors Greece \(EL\) — pact-2008, 2026, initial/);
    const items = [...all.children].map((li) => li.textContent ?? "");
    const superseded = items.find((t) => t.includes("AT-initial.xlsx")) ?? "";
    expect(superseded).toMatch(/^superseded /);
    expect(superseded).not.toContain("late");
    expect(items.find((t) => t.includes("2026, updateAT-update.xlsx"))).toContain("late against the deadline");
    expect(items.find((t) => t.includes("GE.xlsx ›"))).toMatch(/^returned empty /);
    const leftOut = items.find((t) => t.includes("GE-draft.xlsx")) ?? "";
    expect(leftOut).toContain("PT-CONS-004 left out: 2 errors, and “Leave out contributions with errors” is ticked");
    expect(register.textContent).not.toContain("--strict");
  });

  it("a finished report belongs to its inputs and options: changing them clears it", async () => {
    await consolidated();
    expect(screen.getByText("Combined report ready")).toBeTruthy();
    fireEvent.click(screen.getByRole("checkbox", { name: "Leave out contributions with errors" }));
    expect(screen.queryByText("Combined report ready")).toBeNull();
    expect(screen.queryByRole("region", { name: "Register of returns" })).toBeNull();
  });
});

describe("Consolidate (Excel)", () => {
  it("takes another day for this workbook's national sheets, and a cleared one stops the run", async () => {
    const { spec, framework: fw, party } = templateSpec("prague-ap-2012", "AT");
    const ws = FakeWorkspace.withReturn(spec, fillAll(spec, fw, party));
    const files = new FakeFiles();
    renderInFluent(<ConsolidateView workspace={ws} files={files} today={today} />);
    const field = screen.getByLabelText(WORKBOOK_RECEIVED_LABEL) as HTMLInputElement;
    expect(field.type).toBe("date");
    fireEvent.change(field, { target: { value: "" } });
    expect(screen.getByText("Enter the day it was received.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Consolidate" }).hasAttribute("disabled")).toBe(true);
    fireEvent.change(field, { target: { value: "2026-04-30" } });
    const run = await startedRun(files);
    expect(run.request.workbook).toMatchObject({ label: THIS_WORKBOOK, received: "2026-04-30", receivedFrom: "entered" });
    // Without this workbook, no field for it.
    fireEvent.click(screen.getByRole("checkbox", { name: "Include the national sheets in this workbook" }));
    expect(screen.queryByLabelText(WORKBOOK_RECEIVED_LABEL)).toBeNull();
  });

  it("includes this workbook's national sheets and inserts the report into it", async () => {
    const { spec, framework: fw, party } = templateSpec("prague-ap-2012", "AT");
    const ws = FakeWorkspace.withReturn(spec, fillAll(spec, fw, party));
    const files = new FakeFiles();
    renderInFluent(<ConsolidateView workspace={ws} files={files} today={today} />);
    expect((screen.getByRole("checkbox", { name: "Include the national sheets in this workbook" }) as HTMLInputElement).checked).toBe(true);

    // The national sheets count as received today unless another day is entered.
    expect((screen.getByLabelText(WORKBOOK_RECEIVED_LABEL) as HTMLInputElement).value).toBe("2026-05-04");

    const run = await startedRun(files);
    expect(ws.calls).toContain("readSheets");
    expect(run.request.includeSpec).toBe(true);
    expect(run.request.workbook?.label).toBe(THIS_WORKBOOK);
    expect(run.request.workbook).toMatchObject({ received: "2026-05-04T10:00:00Z", receivedFrom: "consolidated" });
    const sheet = run.request.workbook?.sheets.find((s) => s.name === spec.sheets[0]?.name);
    expect(sheet?.cells.length).toBeGreaterThan(100);

    const reportSpec = { ...spec, title: "Combined report (internal edition)" };
    await act(async () => run.finish({ kind: "done", result: { ...result, reports: { ...reports, internalSpec: reportSpec } } }));
    // Where downloads arrive, Excel offers them as before, and no "Open as a new workbook".
    expect(screen.getByRole("button", { name: "Download internal edition" })).toBeTruthy();
    expect(screen.getByRole("button", { name: "Download public edition" })).toBeTruthy();
    expect(screen.queryByRole("button", { name: /as a new workbook/ })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Insert into this workbook" }));
    expect(await screen.findByText("Report inserted")).toBeTruthy();
    expect(ws.inserted).toEqual([reportSpec]);
  });

  it("dates each national sheet pasted into this workbook on its own day, once a run has found them", async () => {
    const { spec, framework: fw, party } = templateSpec("prague-ap-2012", "AT");
    const ws = FakeWorkspace.withReturn(spec, fillAll(spec, fw, party));
    const files = new FakeFiles();
    renderInFluent(<ConsolidateView workspace={ws} files={files} today={today} />);
    // Before a run the pane cannot know the sheets: it says how to date them.
    expect(screen.getByText(/after a first run, each sheet found can be given its own day/)).toBeTruthy();
    const first = await startedRun(files);
    expect(first.request.workbook?.sheetsReceived).toBeUndefined();
    const found = { ...result, summary: { ...result.summary, rows: [row(THIS_WORKBOOK, "AT", "accepted"), row(THIS_WORKBOOK, "GE", "accepted", { late: true })] } };
    await act(async () => first.finish({ kind: "done", result: found }));

    const group = screen.getByRole("group", { name: SHEET_DAYS_LABEL });
    const at = within(group).getByLabelText("prague-ap-2012 AT actions") as HTMLInputElement;
    const ge = within(group).getByLabelText("prague-ap-2012 GE actions") as HTMLInputElement;
    // Each follows the workbook's day until changed.
    expect([at.value, ge.value]).toEqual(["2026-05-04", "2026-05-04"]);
    fireEvent.change(ge, { target: { value: "" } });
    expect(within(group).getByText("Enter the day it was received.")).toBeTruthy();
    expect(screen.getByRole("button", { name: "Consolidate" }).hasAttribute("disabled")).toBe(true);
    fireEvent.change(ge, { target: { value: "2026-03-02" } });
    fireEvent.change(screen.getByLabelText(WORKBOOK_RECEIVED_LABEL), { target: { value: "2026-04-30" } });
    expect(at.value).toBe("2026-04-30");

    fireEvent.click(screen.getByRole("button", { name: "Consolidate" }));
    await waitFor(() => expect(files.runs).toHaveLength(2));
    // Only the sheet whose day differs goes as its own; the other counts as the workbook does.
    expect(files.runs[1]?.request.workbook).toMatchObject({ received: "2026-04-30", receivedFrom: "entered", sheetsReceived: { "prague-ap-2012 GE actions": "2026-03-02" } });
  });

  it("shows the open workbook being read, sheet by sheet, before the report is made", async () => {
    const { spec, framework: fw, party } = templateSpec("pact-2008", "EL");
    const ws = FakeWorkspace.withReturn(spec, fillAll(spec, fw, party));
    let release: () => void = () => undefined;
    ws.readHold = new Promise<void>((resolve) => (release = resolve));
    const files = new FakeFiles();
    renderInFluent(<ConsolidateView workspace={ws} files={files} today={today} />);
    fireEvent.click(screen.getByRole("button", { name: "Consolidate" }));
    const total = ws.grids.length;
    expect(await screen.findByText(`Reading this workbook: 1 of ${total} sheets (last: ${spec.sheets[0]?.name ?? ""})`)).toBeTruthy();
    expect(files.runs).toHaveLength(0);
    await act(async () => release());
    await waitFor(() => expect(files.runs).toHaveLength(1));
    expect(screen.queryByText(/Reading this workbook/)).toBeNull();
  });
});

describe("Consolidate: compare with an earlier cycle", () => {
  const compareSwitch = (): HTMLElement => screen.getByRole("switch", { name: "Compare with an earlier cycle" });
  const consolidateButton = (): HTMLElement => screen.getByRole("button", { name: "Consolidate" });
  const comparison = {
    files: ["FR-2025.xlsx", "combined-report_internal_2025.xlsx", "scan.xlsx", "prague-2026.xlsx"],
    compared: [{ framework: "pact-2008", cycle: "2025", parties: ["AT", "BE", "FR"] }],
    problems: [
      { file: "scan.xlsx", code: "PT-READ-001", message: "not an Excel workbook" },
      { file: "combined-report_internal_2025.xlsx", sheet: "pact-2008 compilation", code: "PT-CYCLE-006", message: "the heading row lacks “Party”" },
      { file: "prague-2026.xlsx", code: "PT-CYCLE-004", message: "prague-ap-2012 cycle 2026 (1 party) is not compared: it is not before the cycle consolidated (2026)" },
    ],
    sheets: ["pact-2008 changes"],
  };

  it("asks for the earlier cycle's files, sends them with the returns, and clears the result when they change", async () => {
    const files = new FakeFiles();
    const { container } = renderInFluent(<ConsolidateView files={files} today={today} />);
    chooseFiles(container, [fakeFile("AT.xlsx")]);
    expect(container.querySelectorAll('input[type="file"]')).toHaveLength(1);
    fireEvent.click(compareSwitch());
    // Asked to compare, nothing is consolidated until the earlier cycle's files are chosen.
    expect(consolidateButton().hasAttribute("disabled")).toBe(true);
    expect(screen.getByRole("group", { name: "Choose earlier-cycle files…" })).toBeTruthy();
    chooseFiles(container, [fakeFile("FR-2025.xlsx"), fakeFile("BE-2025.xlsx")], 1);
    dropFiles(container, [fakeFile("FR-2025.xlsx"), fakeFile("combined-2025.xlsx")], 1);
    expect(within(screen.getByRole("list", { name: "Earlier-cycle files" })).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["FR-2025.xlsx", "BE-2025.xlsx", "combined-2025.xlsx"]);
    expect(screen.getByText("3 earlier-cycle files chosen")).toBeTruthy();
    // The returns stay this cycle's.
    expect(within(screen.getByRole("list", { name: "Chosen files" })).getAllByRole("listitem").map((li) => li.textContent)).toEqual(["Received: AT.xlsx"]);

    let run = await startedRun(files);
    expect(run.request.files.map((f) => f.name)).toEqual(["AT.xlsx"]);
    expect(run.request.previous?.map((f) => f.name)).toEqual(["FR-2025.xlsx", "BE-2025.xlsx", "combined-2025.xlsx"]);
    act(() => run.onProgress({ phase: "reading", done: 0, total: 4, current: "BE-2025.xlsx", earlier: true }));
    expect(screen.getByText("Reading 1 of 4: BE-2025.xlsx (earlier cycle)")).toBeTruthy();
    await act(async () => run.finish({ kind: "done", result: { ...result, comparison } }));
    expect(screen.getByText("Combined report ready")).toBeTruthy();

    // A finished report belongs to the files that produced it.
    fireEvent.click(screen.getByRole("button", { name: "Remove earlier-cycle files" }));
    expect(screen.queryByText("Combined report ready")).toBeNull();
    expect(screen.queryByRole("list", { name: "Earlier-cycle files" })).toBeNull();
    expect(consolidateButton().hasAttribute("disabled")).toBe(true);
    chooseFiles(container, [fakeFile("FR-2025.xlsx")], 1);
    fireEvent.click(consolidateButton());
    await waitFor(() => expect(files.runs).toHaveLength(2));
    run = files.runs[1] as ManualRun;
    await act(async () => run.finish({ kind: "done", result: { ...result, comparison } }));
    expect(screen.getByText("Combined report ready")).toBeTruthy();
    fireEvent.click(compareSwitch());
    expect(screen.queryByText("Combined report ready")).toBeNull();
    // Off means no earlier cycle: the files chosen are let go, and none is sent.
    fireEvent.click(compareSwitch());
    expect(screen.queryByRole("list", { name: "Earlier-cycle files" })).toBeNull();
    fireEvent.click(compareSwitch());
    fireEvent.click(consolidateButton());
    await waitFor(() => expect(files.runs).toHaveLength(3));
    expect(files.runs[2]?.request.previous).toBeUndefined();
  });

  it("says what was compared and where to look, and lists every earlier-cycle file not used with its code", async () => {
    const files = new FakeFiles();
    const { container } = renderInFluent(<ConsolidateView files={files} today={today} />);
    chooseFiles(container, [fakeFile("AT.xlsx")]);
    fireEvent.click(compareSwitch());
    chooseFiles(container, comparison.files.map(fakeFile), 1);
    const run = await startedRun(files);
    await act(async () => run.finish({ kind: "done", result: { ...result, comparison } }));

    const earlier = screen.getByRole("region", { name: "Earlier cycle" });
    expect(within(within(earlier).getByRole("list", { name: "Compared with" })).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "Compared with pact-2008 cycle 2025: 3 partiesAT, BE, FR",
    ]);
    expect(within(earlier).getByText(/^What changed:/).textContent).toBe(
      "What changed: the sheet “pact-2008 changes” in both editions; the coverage sheets show the trend per area, the status matrices the moves.",
    );
    expect(within(earlier).getByText("Not used from the earlier cycle (3)")).toBeTruthy();
    expect(within(within(earlier).getByRole("list", { name: "Not used from the earlier cycle" })).getAllByRole("listitem").map((li) => li.textContent)).toEqual([
      "scan.xlsxPT-READ-001 not an Excel workbook",
      "combined-report_internal_2025.xlsx › pact-2008 compilationPT-CYCLE-006 the heading row lacks “Party”",
      "prague-2026.xlsxPT-CYCLE-004 prague-ap-2012 cycle 2026 (1 party) is not compared: it is not before the cycle consolidated (2026)",
    ]);
    // The register is still this cycle's.
    expect(screen.getByRole("region", { name: "Register of returns" })).toBeTruthy();
  });

  it("warns when nothing of the earlier cycle could be compared", async () => {
    const files = new FakeFiles();
    const { container } = renderInFluent(<ConsolidateView files={files} today={today} />);
    chooseFiles(container, [fakeFile("AT.xlsx")]);
    fireEvent.click(compareSwitch());
    chooseFiles(container, [fakeFile("scan.xlsx")], 1);
    const run = await startedRun(files);
    const nothing = { files: ["scan.xlsx"], compared: [], sheets: [], problems: [{ file: "scan.xlsx", code: "PT-READ-001", message: "not an Excel workbook" }] };
    await act(async () => run.finish({ kind: "done", result: { ...result, comparison: nothing } }));
    const earlier = screen.getByRole("region", { name: "Earlier cycle" });
    expect(within(earlier).getByText("Not compared").closest(".fui-MessageBar")?.textContent).toContain(
      "Nothing in the 1 earlier-cycle file could be compared with this cycle; the report has no changes sheet.",
    );
    expect(within(earlier).queryByText(/^What changed/)).toBeNull();
    expect(within(earlier).getByText("PT-READ-001")).toBeTruthy();
  });

  it("without the switch, the result says nothing of an earlier cycle", async () => {
    const files = new FakeFiles();
    const { container } = renderInFluent(<ConsolidateView files={files} today={today} />);
    chooseFiles(container, [fakeFile("AT.xlsx")]);
    const run = await startedRun(files);
    expect(run.request.previous).toBeUndefined();
    await act(async () => run.finish({ kind: "done", result }));
    expect(screen.queryByRole("region", { name: "Earlier cycle" })).toBeNull();
  });
});

describe("Consolidate (Excel where downloads do not arrive: Mac, iPad)", () => {
  /** Excel for Mac with this workbook's Austrian return, the run finished with `finished`. */
  async function consolidatedOnMac(finished: ConsolidationResult): Promise<{ ws: FakeWorkspace; files: FakeFiles }> {
    const { spec, framework: fw, party } = templateSpec("prague-ap-2012", "AT");
    const ws = FakeWorkspace.withReturn(spec, fillAll(spec, fw, party));
    ws.canDownload = false;
    const files = new FakeFiles();
    renderInFluent(<ConsolidateView workspace={ws} files={files} today={today} />);
    const run = await startedRun(files);
    await act(async () => run.finish({ kind: "done", result: finished }));
    return { ws, files };
  }
  const internalSpec = { ...templateSpec("prague-ap-2012", "AT").spec, title: "Combined report (internal edition)" };

  it("offers no download; opens each edition as a new workbook and says how to keep it", async () => {
    const { ws, files } = await consolidatedOnMac({ ...result, reports: { ...reports, internalSpec } });
    expect(screen.queryByRole("button", { name: /Download/ })).toBeNull();
    expect(screen.getByRole("button", { name: "Insert into this workbook" })).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Open internal edition as a new workbook" }));
    await screen.findByText("Opened as a new workbook");
    expect(barWith("Opened as a new workbook")).toContain("— save it from its window (File → Save As), e.g. as combined-report_internal_2026-05-04.xlsx");
    expect(barWith("Opened as a new workbook")).not.toMatch(/download/i);

    fireEvent.click(screen.getByRole("button", { name: "Open public edition as a new workbook" }));
    await waitFor(() => expect(ws.opened).toHaveLength(2));
    expect(ws.opened.map((o) => [o.fileName, [...o.bytes]])).toEqual([
      ["combined-report_internal_2026-05-04.xlsx", [1, 2, 3]],
      ["combined-report_public_2026-05-04.xlsx", [4, 5]],
    ]);
    await waitFor(() => expect(barWith("Opened as a new workbook")).toContain("e.g. as combined-report_public_2026-05-04.xlsx"));
    expect(files.saved).toEqual([]);
    expect(ws.inserted).toEqual([]);

    // The message belongs to the report: changing the options clears it with the report.
    fireEvent.click(screen.getByRole("checkbox", { name: "Leave out contributions with errors" }));
    expect(screen.queryByText("Opened as a new workbook")).toBeNull();
  });

  it("offers no public edition, by any route, when a return blocks it (PT-CONS-006)", async () => {
    const blocked = { file: "reply.xlsx", sheet: "Sheet1", code: "PT-CONS-006", message: "its wider-dissemination choice is no and no party can be told" };
    const { ws, files } = await consolidatedOnMac({ ...result, reports: { internal: reports.internal, publicBlocked: [blocked] } });
    expect(screen.getByText("PT-CONS-006")).toBeTruthy();
    expect(screen.queryByRole("button", { name: /public/i })).toBeNull();
    expect(screen.queryByRole("button", { name: /Download/ })).toBeNull();
    fireEvent.click(screen.getByRole("button", { name: "Open internal edition as a new workbook" }));
    await screen.findByText("Opened as a new workbook");
    expect(ws.opened.map((o) => o.fileName)).toEqual(["combined-report_internal_2026-05-04.xlsx"]);
    expect(files.saved).toEqual([]);
  });

  it("a public edition that came with a block is still not offered", async () => {
    const blocked = { file: "reply.xlsx", sheet: "Sheet1", code: "PT-CONS-006", message: "no party can be told" };
    await consolidatedOnMac({ ...result, reports: { ...reports, publicBlocked: [blocked] } });
    expect(screen.getByText(/The public edition was not made/)).toBeTruthy();
    expect(screen.queryByRole("button", { name: /public/i })).toBeNull();
  });

  it("shows PT-XL-010 with Excel's code when the edition cannot be opened, and claims nothing", async () => {
    const { ws, files } = await consolidatedOnMac(result);
    const fileName = "combined-report_internal_2026-05-04.xlsx";
    ws.failNext.openWorkbook = await openWorkbook(() => Promise.reject(officeError("GeneralException", "An internal error has occurred.")), reports.internal, fileName).catch((e: unknown) => e);
    fireEvent.click(screen.getByRole("button", { name: "Open internal edition as a new workbook" }));
    await screen.findByText("PT-XL-010");
    const bar = barWith("PT-XL-010");
    expect(bar).toContain(`Could not open ${fileName} as a new workbook: An internal error has occurred.`);
    expect(bar).toContain("Excel: GeneralException");
    expect(screen.queryByText("Opened as a new workbook")).toBeNull();
    expect(ws.opened).toEqual([]);
    expect(files.saved).toEqual([]);
  });
});
