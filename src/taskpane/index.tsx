import { FluentProvider, webDarkTheme, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { shippedCatalogue } from "../core/catalogue/builtin";
import { App, type HostStatus, type Workbench } from "./components/App";
import { toPaneError } from "./errors";
import { loadExcelWorkspace } from "./excel/load-workspace";
import { browserFileActions } from "./files/browser-file-actions";
import { detectHost, officeThemeIsDark } from "./office-host";

const container = document.getElementById("container");
if (!container) throw new Error("taskpane.html has no #container element");
const root = createRoot(container);
const catalogue = shippedCatalogue();
const files = browserFileActions(catalogue);

function render(status: HostStatus, workbench: Workbench, dark = false): void {
  root.render(
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} style={{ minHeight: "100vh" }}>
      <App status={status} workbench={workbench} catalogue={catalogue} files={files} />
    </FluentProvider>,
  );
}

async function start(): Promise<void> {
  render({ state: "detecting" }, { kind: "pending" });
  let status: HostStatus;
  try {
    // Never stays "detecting": without office.js, or when Office is silent past the timeout,
    // detectHost answers standalone mode with the reason.
    const { host, officeJs } = await detectHost();
    status = { state: "ready", host, officeJs };
  } catch (error) {
    // Office.onReady failed: say so, and still offer the work on files.
    render({ state: "failed", message: error instanceof Error ? error.message : String(error) }, { kind: "files" });
    return;
  }
  const host = status.host;
  const dark = officeThemeIsDark(host);
  if (host.kind !== "excel") {
    render(status, { kind: "files" }, dark);
    return;
  }
  render(status, { kind: "pending" }, dark);
  try {
    render(status, { kind: "excel", workspace: await loadExcelWorkspace() }, dark);
  } catch (error) {
    render(status, { kind: "files", error: toPaneError(error) }, dark);
  }
}

void start();
