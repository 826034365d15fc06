/** @jest-environment jsdom */
import { act, cleanup, fireEvent, screen, waitFor, within } from "@testing-library/react";
import { CodedError } from "../../src/core/errors/coded-error";
import type { WorkbookSpec } from "../../src/core/template/spec";
import type { Finding } from "../../src/core/validation/finding";
import { validateWorkbook } from "../../src/core/validation/validate-workbook";
import { ValidateView } from "../../src/taskpane/components/ValidateView";
import { errorsInOrder, groupByCode } from "../../src/taskpane/components/group-findings";
import { LIVE_DEBOUNCE_MS } from "../../src/taskpane/components/use-live-validation";
import { carriedCycle, catalogue, gridsWith, templateSpec, type Edit } from "../support/returns";
import { RULE_CASES, caseReturn } from "../support/rule-cases";
import { FakeFiles, fakeFile } from "./support/fake-files";
import { FakeWorkspace, officeError } from "./support/fake-workspace";
import { outcomeOf, unreadable } from "./support/outcomes";
import { chooseFiles, installDomShims, renderInFluent, today } from "./support/render";

beforeAll(installDomShims);
afterEach(() => {
  cleanup();
  jest.useRealTimers();
});

function ruleCase(code: string) {
  const c = RULE_CASES.find((x) => x.code === code);
  if (!c) throw new Error(`no rule case ${code}`);
  return caseReturn(c);
}

/** The finding core reports for this workbook: what the pane must show. */
function expectedFinding(spec: WorkbookSpec, edits: readonly Edit[], code: string): Finding {
  const grids = gridsWith(spec, edits);
  const f = validateWorkbook(grids.map((grid) => ({ grid })), catalogue).findings.find((x) => x.code === code);
  if (!f?.cell) throw new Error(`core reports no ${code} with a cell`);
  return f;
}

function renderExcel(ws: FakeWorkspace) {
  return renderInFluent(<ValidateView catalogue={catalogue} workspace={ws} files={new FakeFiles()} today={today} />);
}

describe("Validate (Excel)", () => {
  it("lists an error by sheet and severity and goes to its cell when clicked", async () => {
    const { spec, broken } = ruleCase("PT-CONT-005");
    const expected = expectedFinding(spec, broken, "PT-CONT-005");
    const ws = FakeWorkspace.withReturn(spec, broken);
    renderExcel(ws);

    fireEvent.click(screen.getByRole("button", { name: "Validate workbook" }));
    expect(await screen.findByText("Not ready to submit")).toBeTruthy();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole("region", { name: "Validation results" })));
    const errors = screen.getByRole("list", { name: "Findings PT-CONT-005" });
    const go = within(errors).getByTitle(`Go to ${expected.cell} on ${expected.sheet}`);
    expect(go.textContent).toContain("PT-CONT-005");
    expect(go.textContent).toContain(expected.message);

    fireEvent.click(go);
    await waitFor(() => expect(ws.selected).toEqual([{ sheet: expected.sheet, cell: expected.cell }]));

    // Show next error selects the error's cell in Excel too, and focus goes to it in the list.
    fireEvent.click(screen.getByRole("button", { name: "Show next error" }));
    await waitFor(() => expect(ws.selected).toHaveLength(2));
    const errors1 = errorsInOrder(groupByCode(validateWorkbook(gridsWith(spec, broken).map((grid) => ({ grid })), catalogue).findings));
    expect(errors1.length).toBeGreaterThan(0);
    expect(ws.selected[1]).toEqual({ sheet: errors1[0]?.sheet, cell: errors1[0]?.cell });
    expect(document.activeElement?.getAttribute("title")).toBe(`Go to ${errors1[0]?.cell ?? ""} on ${errors1[0]?.sheet ?? ""}`);
  });

  it("names each template sheet with its role, so a Pact return's two sheets never read alike", async () => {
    const { spec } = templateSpec("pact-2008", "EL");
    const [political, factual] = spec.sheets.map((s) => s.name);
    renderExcel(FakeWorkspace.withReturn(spec));
    fireEvent.click(screen.getByRole("button", { name: "Validate workbook" }));
    await screen.findByText("Not ready to submit");
    expect(screen.getByText(/template sheets checked/).textContent).toContain(
      `2 template sheets checked: “${political}” (political report, pact-2008 EL 2026 initial); “${factual}” (factual table, pact-2008 EL 2026 initial).`,
    );
  });

  it("says clearly when the workbook is ready to submit", async () => {
    const { spec, valid } = ruleCase("PT-CONT-005");
    renderExcel(FakeWorkspace.withReturn(spec, valid));
    fireEvent.click(screen.getByRole("button", { name: "Validate workbook" }));
    expect(await screen.findByText("Ready to submit")).toBeTruthy();
    expect(screen.getByText(/No errors\. 0 warnings to review/)).toBeTruthy();
  });

  it("highlights the open findings in the sheet and clears them", async () => {
    const { spec, broken } = ruleCase("PT-CONT-005");
    const ws = FakeWorkspace.withReturn(spec, broken);
    renderExcel(ws);
    fireEvent.click(screen.getByRole("button", { name: "Validate workbook" }));
    await screen.findByText("Not ready to submit");

    fireEvent.click(screen.getByRole("button", { name: "Highlight in sheet" }));
    await waitFor(() => expect(ws.highlighted).toHaveLength(1));
    expect(ws.highlighted[0]?.map((f) => f.code)).toContain("PT-CONT-005");
    expect(ws.highlighted[0]?.every((f) => f.cell !== undefined)).toBe(true);
    fireEvent.click(screen.getByRole("button", { name: "Clear highlights" }));
    await waitFor(() => expect(ws.calls).toContain("clearHighlights"));
  });

  it("accepts a warning with a justification, stores it and re-validates", async () => {
    const { spec, broken } = ruleCase("PT-CONT-006");
    const warning = expectedFinding(spec, broken, "PT-CONT-006");
    const ws = FakeWorkspace.withReturn(spec, broken);
    renderExcel(ws);
    fireEvent.click(screen.getByRole("button", { name: "Validate workbook" }));
    // A warning alone does not block submission.
    expect(await screen.findByText("Ready to submit")).toBeTruthy();
    expect(screen.getByRole("list", { name: "Findings PT-CONT-006" })).toBeTruthy();

    fireEvent.click(screen.getByRole("button", { name: "Accept with justification…" }));
    const accept = screen.getByRole("button", { name: "Accept warning" });
    expect(accept.hasAttribute("disabled")).toBe(true);
    fireEvent.change(screen.getByRole("textbox", { name: /Justification for accepting PT-CONT-006/ }), {
      target: { value: "The pilot began before the plan was adopted." },
    });
    fireEvent.change(screen.getByRole("textbox", { name: /Accepted by/ }), { target: { value: "Unit B2" } });
    fireEvent.click(accept);

    expect(await screen.findByRole("list", { name: "Findings PT-CONT-006 (accepted)" })).toBeTruthy();
    expect(ws.acknowledged).toEqual([
      { sheet: warning.sheet, cell: warning.cell, code: "PT-CONT-006", justification: "The pilot began before the plan was adopted.", by: "Unit B2", date: "2026-05-04" },
    ]);
    expect(screen.getByText("Justification: The pilot began before the plan was adopted.")).toBeTruthy();
    expect(ws.calls.filter((c) => c === "readSheets")).toHaveLength(2);
  });

  it("accepts all open warnings of a code with one justification: one call to the workspace, then one re-validation", async () => {
    const framework = catalogue.framework("pact-2008");
    const { spec } = templateSpec("pact-2008", "DE", "initial", "2026", carriedCycle(framework, catalogue.party(framework, "DE")));
    const open = validateWorkbook(gridsWith(spec, []).map((grid) => ({ grid })), catalogue).findings.filter((f) => f.code === "PT-CONT-017" && f.cell && !f.acknowledged);
    expect(open.length).toBeGreaterThanOrEqual(2);
    const ws = FakeWorkspace.withReturn(spec);
    renderExcel(ws);
    fireEvent.click(screen.getByRole("button", { name: "Validate workbook" }));
    await screen.findByRole("region", { name: "Validation results" });
    const readsBefore = ws.calls.filter((c) => c === "readSheets").length;

    fireEvent.click(screen.getByRole("button", { name: `Accept all ${open.length}…` }));
    fireEvent.change(screen.getByRole("textbox", { name: /Justification for accepting all/ }), { target: { value: "Checked: unchanged since 2025." } });
    fireEvent.click(screen.getByRole("button", { name: `Accept ${open.length} warnings` }));

    // The group, now accepted (too many to list open), as the validator decides after one re-read.
    await waitFor(() => expect(within(screen.getByRole("list", { name: "Findings by code" })).getAllByRole("button").map((b) => b.textContent)).toContainEqual(expect.stringMatching(new RegExp(`^AcceptedPT-CONT-017× ${open.length}`))));
    expect(ws.calls.filter((c) => c === "acknowledgeAll")).toHaveLength(1);
    expect(ws.calls).not.toContain("acknowledge");
    expect(ws.acknowledgedAll[0]).toEqual(open.map((f) => ({ sheet: f.sheet, cell: f.cell, code: "PT-CONT-017", justification: "Checked: unchanged since 2025.", date: "2026-05-04" })));
    expect(ws.calls.filter((c) => c === "readSheets")).toHaveLength(readsBefore + 1);
    expect(screen.queryByRole("button", { name: /^Accept all/ })).toBeNull();
  });

  it("a failed acknowledgeAll shows its coded error and does not re-validate", async () => {
    const framework = catalogue.framework("pact-2008");
    const { spec } = templateSpec("pact-2008", "DE", "initial", "2026", carriedCycle(framework, catalogue.party(framework, "DE")));
    const ws = FakeWorkspace.withReturn(spec);
    renderExcel(ws);
    fireEvent.click(screen.getByRole("button", { name: "Validate workbook" }));
    await screen.findByRole("region", { name: "Validation results" });
    const readsBefore = ws.calls.filter((c) => c === "readSheets").length;
    ws.failNext.acknowledgeAll = new CodedError("PT-XL-005", "Could not record the 77 acknowledgements: Excel is busy.");
    fireEvent.click(screen.getByRole("button", { name: /^Accept all/ }));
    fireEvent.change(screen.getByRole("textbox", { name: /Justification for accepting all/ }), { target: { value: "unchanged" } });
    fireEvent.click(screen.getByRole("button", { name: /^Accept \d+ warnings$/ }));
    expect(await screen.findByText(/Excel is busy/)).toBeTruthy();
    expect(ws.calls.filter((c) => c === "readSheets")).toHaveLength(readsBefore);
    expect(ws.acknowledged).toEqual([]);
  });

  it("re-validates in live mode after a pause in edits, and stops when switched off", async () => {
    jest.useFakeTimers();
    const { spec, valid } = ruleCase("PT-CONT-005");
    const ws = FakeWorkspace.withReturn(spec, valid);
    renderExcel(ws);
    const reads = (): number => ws.calls.filter((c) => c === "readSheets").length;

    fireEvent.click(screen.getByRole("switch", { name: "Live validation" }));
    await screen.findByText("Ready to submit");
    expect(ws.handlers.size).toBe(1);
    expect(reads()).toBe(1);

    // Two quick edits (a co-author typing): one re-validation, after the pause.
    const sheet = spec.sheets[0]?.name ?? "";
    act(() => ws.change(sheet, 30, 0, "typed"));
    act(() => jest.advanceTimersByTime(LIVE_DEBOUNCE_MS - 100));
    act(() => ws.change(sheet, 31, 0, "typed again"));
    act(() => jest.advanceTimersByTime(LIVE_DEBOUNCE_MS - 1));
    expect(reads()).toBe(1);
    await act(async () => {
      jest.advanceTimersByTime(1);
    });
    expect(reads()).toBe(2);
    // Only the edited sheet (and the acknowledgements) is read again.
    expect(ws.reads).toEqual(["all", [sheet, "pt_acknowledgements"]]);
    expect(await screen.findByText("Not ready to submit")).toBeTruthy();

    fireEvent.click(screen.getByRole("switch", { name: "Live validation" }));
    await waitFor(() => expect(ws.calls).toContain("offChanged"));
    expect(ws.handlers.size).toBe(0);
  });

  it("live mode follows the workbook: a deleted sheet's findings go, a renamed sheet is read under its new name", async () => {
    jest.useFakeTimers();
    const { spec, broken } = ruleCase("PT-CONT-005");
    const expected = expectedFinding(spec, broken, "PT-CONT-005");
    const ws = FakeWorkspace.withReturn(spec, broken);
    renderExcel(ws);
    fireEvent.click(screen.getByRole("switch", { name: "Live validation" }));
    expect(await screen.findByTitle(`Go to ${expected.cell} on ${expected.sheet}`)).toBeTruthy();

    act(() => ws.renameSheet(expected.sheet, "Renamed"));
    await act(async () => {
      jest.advanceTimersByTime(LIVE_DEBOUNCE_MS);
    });
    expect(ws.reads[ws.reads.length - 1]).toEqual(["Renamed", "pt_acknowledgements"]);
    await waitFor(() => expect(screen.queryByTitle(`Go to ${expected.cell} on ${expected.sheet}`)).toBeNull());

    act(() => ws.deleteSheet("Renamed"));
    await act(async () => {
      jest.advanceTimersByTime(LIVE_DEBOUNCE_MS);
    });
    await waitFor(() => expect(screen.queryByTitle(/ on Renamed$/)).toBeNull());
    expect(screen.queryByText(/PT-CONT-005/)).toBeNull();
  });

  it("an error while handling a workbook event is shown with its code, not only logged", async () => {
    const { spec, valid } = ruleCase("PT-CONT-005");
    const ws = FakeWorkspace.withReturn(spec, valid);
    renderExcel(ws);
    fireEvent.click(screen.getByRole("switch", { name: "Live validation" }));
    await screen.findByText("Ready to submit");
    const failure = new CodedError("PT-XL-007", "Could not name the changed sheet: Excel is busy. (GeneralException)");
    failure.cause = officeError("GeneralException", "Excel is busy.");
    act(() => ws.failInHandler(failure));
    expect(await screen.findByText("PT-XL-007")).toBeTruthy();
    expect(screen.getByText("GeneralException")).toBeTruthy();
  });

  it("shows an error reading the workbook with our code and Excel's", async () => {
    const { spec, valid } = ruleCase("PT-CONT-005");
    const ws = FakeWorkspace.withReturn(spec, valid);
    const failure = new CodedError("PT-XL-002", "reading the workbook: The request payload size has exceeded the limit (RequestPayloadSizeLimitExceeded)");
    failure.cause = officeError("RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit");
    ws.failNext.readSheets = failure;
    renderExcel(ws);
    fireEvent.click(screen.getByRole("button", { name: "Validate workbook" }));
    expect(await screen.findByText("PT-XL-002")).toBeTruthy();
    expect(screen.getByText("RequestPayloadSizeLimitExceeded")).toBeTruthy();
  });

  it("shows a raw Office error with Office's own code", async () => {
    const { spec, valid } = ruleCase("PT-CONT-005");
    const ws = FakeWorkspace.withReturn(spec, valid);
    ws.failNext.readSheets = officeError("ItemNotFound", "The requested resource doesn't exist.");
    renderExcel(ws);
    fireEvent.click(screen.getByRole("button", { name: "Validate workbook" }));
    expect(await screen.findByText("ItemNotFound")).toBeTruthy();
    expect(screen.getByText(/Excel error/)).toBeTruthy();
  });
});

describe("Validate (browser)", () => {
  it("validates each chosen file and lists its findings with code and cell", async () => {
    const files = new FakeFiles();
    const { spec, broken } = ruleCase("PT-CONT-005");
    const expected = expectedFinding(spec, broken, "PT-CONT-005");
    files.outcomes.set("AT.xlsx", outcomeOf("AT.xlsx", spec, broken));
    files.outcomes.set("old.xls", unreadable("old.xls", "PT-READ-002", "a legacy .xls workbook (Excel 97–2003); save it as .xlsx"));
    const { container } = renderInFluent(<ValidateView catalogue={catalogue} files={files} today={today} />);
    expect(screen.queryByRole("button", { name: "Validate workbook" })).toBeNull();

    chooseFiles(container, [fakeFile("AT.xlsx"), fakeFile("old.xls")]);
    const at = await screen.findByRole("region", { name: "Results for AT.xlsx" });
    // Focus moves to the results when they arrive.
    await waitFor(() => expect(document.activeElement).toBe(at));
    expect(within(at).getByText("Not ready to submit")).toBeTruthy();
    const errors = within(at).getByRole("list", { name: "Findings PT-CONT-005" });
    expect(errors.textContent).toContain(`PT-CONT-005${expected.cell}`);
    // No workbook to go to: findings are not buttons.
    expect(within(at).queryByTitle(/Go to/)).toBeNull();

    const old = await screen.findByRole("region", { name: "Results for old.xls" });
    expect(within(old).getByText("PT-READ-002")).toBeTruthy();
    expect(within(old).getByText(/legacy \.xls/)).toBeTruthy();
    expect(files.read).toEqual(["AT.xlsx", "old.xls"]);
  });
});
