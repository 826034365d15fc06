/** @jest-environment jsdom */
import { act, cleanup, fireEvent, screen } from "@testing-library/react";
import { App, type HostStatus, type Workbench } from "../../src/taskpane/components/App";
import { catalogue } from "../support/returns";
import { FakeFiles } from "./support/fake-files";
import { FakeWorkspace } from "./support/fake-workspace";
import { installDomShims, renderInFluent, today } from "./support/render";

function renderApp(status: HostStatus, workbench: Workbench = { kind: "files" }) {
  return renderInFluent(<App status={status} workbench={workbench} catalogue={catalogue} files={new FakeFiles()} today={today} />);
}

/** Lets the views' first Office calls (remembered choices) finish. */
const settle = () => act(async () => undefined);

beforeAll(installDomShims);
afterEach(cleanup);

describe("App", () => {
  it("says it is running in Excel with ExcelApi 1.9", async () => {
    renderApp({ state: "ready", host: { kind: "excel", platform: "OfficeOnline", requiredApiSupported: true } }, { kind: "excel", workspace: new FakeWorkspace() });
    await settle();
    expect(screen.getByRole("heading", { name: "Pact Tracker" })).toBeTruthy();
    expect(screen.getAllByRole("status")[0]?.textContent).toBe("Running in Excel (ExcelApi 1.9 supported: yes)");
    expect(screen.queryByText(/does not support/)).toBeNull();
    expect(screen.getByRole("button", { name: "Insert template into this workbook" })).toBeTruthy();
  });

  it("warns when this Excel lacks ExcelApi 1.9", async () => {
    const ws = new FakeWorkspace();
    ws.requirements = { supported: false, missing: ["ExcelApi 1.9"] };
    renderApp({ state: "ready", host: { kind: "excel", platform: "PC", requiredApiSupported: false } }, { kind: "excel", workspace: ws });
    await settle();
    expect(screen.getAllByRole("status")[0]?.textContent).toBe("Running in Excel (ExcelApi 1.9 supported: no)");
    expect(screen.getByText(/This version of Excel does not support ExcelApi 1\.9/)).toBeTruthy();
    expect(screen.getByText(/This Excel lacks ExcelApi 1\.9/)).toBeTruthy();
  });

  it("runs standalone in a plain browser, on files", () => {
    renderApp({ state: "ready", host: { kind: "browser" } });
    expect(screen.getAllByRole("status")[0]?.textContent).toBe("Running in a plain browser — standalone mode");
    expect(screen.queryByRole("button", { name: "Insert template into this workbook" })).toBeNull();
    expect(screen.getByRole("button", { name: "Download template (.xlsx)" })).toBeTruthy();
  });

  it("says Excel is needed when opened in another Office application", () => {
    renderApp({ state: "ready", host: { kind: "other-office", host: "Word", platform: "PC" } });
    expect(screen.getAllByRole("status")[0]?.textContent).toBe("Running in Word — Pact Tracker is an Excel add-in");
    expect(screen.getByText(/Open Pact Tracker from Excel/)).toBeTruthy();
  });

  it("shows progress while Office starts, and no tabs yet", () => {
    renderApp({ state: "detecting" }, { kind: "pending" });
    expect(screen.getByText("Connecting to Office…")).toBeTruthy();
    expect(screen.queryByRole("status")).toBeNull();
    expect(screen.queryByRole("tablist")).toBeNull();
  });

  it("shows Office's error instead of hiding it, and still offers the work on files", () => {
    renderApp({ state: "failed", message: "Office.js has not fully loaded." });
    expect(screen.getByText("Office could not start the add-in")).toBeTruthy();
    expect(screen.getByText(/Office\.js has not fully loaded\./)).toBeTruthy();
    expect(screen.getByRole("tab", { name: "Consolidate" })).toBeTruthy();
  });

  it("shows why the workbook cannot be used when the Excel adapter fails to load", () => {
    renderApp(
      { state: "ready", host: { kind: "excel", platform: "PC", requiredApiSupported: true } },
      { kind: "files", error: { code: "PT-PANE-004", message: "Loading chunk excel failed.", source: "pact-tracker" } },
    );
    expect(screen.getByText("PT-PANE-004")).toBeTruthy();
    expect(screen.getByText(/Working on files only/)).toBeTruthy();
  });

  it("has four labelled tabs, each controlling its panel, reachable by keyboard", () => {
    renderApp({ state: "ready", host: { kind: "browser" } });
    const tabs = screen.getAllByRole("tab");
    expect(tabs.map((t) => t.id)).toEqual(["tab-generate", "tab-validate", "tab-progress", "tab-consolidate"]);
    for (const name of ["Generate", "Validate", "Progress", "Consolidate"]) expect(screen.getByRole("tab", { name })).toBeTruthy();
    expect(screen.getByRole("tablist", { name: "Tasks" })).toBeTruthy();
    for (const tab of tabs) {
      const panel = document.getElementById(tab.getAttribute("aria-controls") ?? "");
      expect(panel?.getAttribute("role")).toBe("tabpanel");
      expect(panel?.getAttribute("aria-labelledby")).toBe(tab.id);
    }
    const visible = () => screen.getAllByRole("tabpanel").map((p) => p.id);
    expect(visible()).toEqual(["panel-generate"]);

    fireEvent.click(screen.getByRole("tab", { name: "Validate" }));
    expect(visible()).toEqual(["panel-validate"]);
    // Tab reaches only the selected tab; the arrow keys (and Home, End) move focus between tabs
    // without opening them; Enter or Space (a click on the button) opens the focused one.
    const validate = screen.getByRole("tab", { name: "Validate" });
    expect(tabs.map((t) => t.tabIndex)).toEqual([-1, 0, -1, -1]);
    validate.focus();
    fireEvent.keyDown(validate, { key: "ArrowRight" });
    const progress = screen.getByRole("tab", { name: "Progress" });
    expect(document.activeElement).toBe(progress);
    expect(visible()).toEqual(["panel-validate"]);
    fireEvent.keyDown(progress, { key: "End" });
    expect(document.activeElement).toBe(screen.getByRole("tab", { name: "Consolidate" }));
    fireEvent.keyDown(document.activeElement as Element, { key: "ArrowRight" });
    expect(document.activeElement).toBe(screen.getByRole("tab", { name: "Generate" }));
    fireEvent.keyDown(document.activeElement as Element, { key: "ArrowLeft" });
    fireEvent.keyDown(document.activeElement as Element, { key: "ArrowLeft" });
    expect(document.activeElement).toBe(progress);
    fireEvent.click(progress);
    expect(visible()).toEqual(["panel-progress"]);
    expect(screen.getByRole("tab", { name: "Progress" }).getAttribute("aria-selected")).toBe("true");
    expect(screen.getAllByRole("tab").map((t) => t.tabIndex)).toEqual([-1, -1, 0, -1]);
    // Nothing focusable is hidden from screen readers (axe: aria-hidden-focus).
    expect(document.querySelectorAll('[aria-hidden="true"][tabindex="0"], [aria-hidden="true"] [tabindex="0"]')).toHaveLength(0);
  });

  it("keeps each view's state when switching tabs", () => {
    renderApp({ state: "ready", host: { kind: "browser" } });
    fireEvent.change(screen.getByRole("textbox", { name: /Reporting cycle/ }), { target: { value: "2030" } });
    fireEvent.click(screen.getByRole("tab", { name: "Consolidate" }));
    fireEvent.click(screen.getByRole("tab", { name: "Generate" }));
    expect((screen.getByRole("textbox", { name: /Reporting cycle/ }) as HTMLInputElement).value).toBe("2030");
  });
});
