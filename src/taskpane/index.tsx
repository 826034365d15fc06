import { FluentProvider, webLightTheme } from "@fluentui/react-components";
import { createRoot } from "react-dom/client";
import { App, type HostStatus } from "./components/App";
import { detectHost } from "./office-host";

const container = document.getElementById("container");
if (!container) throw new Error("taskpane.html has no #container element");
const root = createRoot(container);

function render(status: HostStatus): void {
  root.render(
    <FluentProvider theme={webLightTheme}>
      <App status={status} />
    </FluentProvider>,
  );
}

render({ state: "detecting" });
detectHost().then(
  (host) => render({ state: "ready", host }),
  (error: unknown) => render({ state: "failed", message: error instanceof Error ? error.message : String(error) }),
);
