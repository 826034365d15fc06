/** @jest-environment jsdom */
import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { cleanup, render, screen } from "@testing-library/react";
import { App, type HostStatus } from "../../src/taskpane/components/App";

function renderApp(status: HostStatus) {
  return render(
    <FluentProvider theme={webLightTheme}>
      <App status={status} />
    </FluentProvider>,
  );
}

// Fluent's MessageBar measures itself with ResizeObserver, which jsdom does not implement.
beforeAll(() => {
  globalThis.ResizeObserver ??= class {
    observe(): void {}
    unobserve(): void {}
    disconnect(): void {}
  };
});

afterEach(cleanup);

describe("App", () => {
  it("says it is running in Excel with ExcelApi 1.9", () => {
    renderApp({ state: "ready", host: { kind: "excel", platform: "OfficeOnline", requiredApiSupported: true } });
    expect(screen.getByRole("heading", { name: "Pact Tracker" })).toBeTruthy();
    expect(screen.getByRole("status").textContent).toBe("Running in Excel (ExcelApi 1.9 supported: yes)");
    expect(screen.queryByText(/does not support/)).toBeNull();
  });

  it("warns when this Excel lacks ExcelApi 1.9", () => {
    renderApp({ state: "ready", host: { kind: "excel", platform: "PC", requiredApiSupported: false } });
    expect(screen.getByRole("status").textContent).toBe("Running in Excel (ExcelApi 1.9 supported: no)");
    expect(screen.getByText(/This version of Excel does not support ExcelApi 1\.9/)).toBeTruthy();
  });

  it("runs standalone in a plain browser", () => {
    renderApp({ state: "ready", host: { kind: "browser" } });
    expect(screen.getByRole("status").textContent).toBe("Running in a plain browser — standalone mode");
  });

  it("says Excel is needed when opened in another Office application", () => {
    renderApp({ state: "ready", host: { kind: "other-office", host: "Word", platform: "PC" } });
    expect(screen.getByRole("status").textContent).toBe("Running in Word — Pact Tracker is an Excel add-in");
    expect(screen.getByText(/Open Pact Tracker from Excel/)).toBeTruthy();
  });

  it("shows progress while Office starts", () => {
    renderApp({ state: "detecting" });
    expect(screen.getByText("Connecting to Office…")).toBeTruthy();
    expect(screen.queryByRole("status")).toBeNull();
  });

  it("shows Office's error instead of hiding it", () => {
    renderApp({ state: "failed", message: "Office.js has not fully loaded." });
    expect(screen.getByText("Office could not start the add-in")).toBeTruthy();
    expect(screen.getByText(/Office\.js has not fully loaded\./)).toBeTruthy();
  });
});
