import {
  Body1,
  Caption1,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Spinner,
  Title3,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useMemo, useState, type ReactNode } from "react";
import type { Catalogue } from "../../core/catalogue/catalogue";
import type { ExcelWorkspace } from "../../excel/workspace";
import type { PaneError } from "../errors";
import type { FileActions } from "../files/file-actions";
import { REQUIRED_EXCEL_API, describeHost, describeOfficeJs, standaloneNotice, type HostInfo, type OfficeJsInfo } from "../office-host";
import { ConsolidateView } from "./ConsolidateView";
import { ErrorBar } from "./ErrorBar";
import { GenerateView } from "./GenerateView";
import { ProgressView } from "./ProgressView";
import { TaskTabs } from "./TaskTabs";
import { ValidateView } from "./ValidateView";

/**
 * What the page knows about its host; index.tsx moves it from "detecting" to ready or failed
 * (detectHost's timeout makes sure it leaves "detecting"). `officeJs`: the office.js that answered.
 */
export type HostStatus =
  | { readonly state: "detecting" }
  | { readonly state: "ready"; readonly host: HostInfo; readonly officeJs?: OfficeJsInfo }
  | { readonly state: "failed"; readonly message: string };

/** Where the pane's work goes: the open workbook (Excel) or files (standalone, or Excel without the adapter). */
export type Workbench =
  | { readonly kind: "pending" }
  | { readonly kind: "excel"; readonly workspace: ExcelWorkspace }
  | { readonly kind: "files"; readonly error?: PaneError };

export interface AppProps {
  readonly status: HostStatus;
  readonly workbench: Workbench;
  readonly catalogue: Catalogue;
  readonly files: FileActions;
  /** The clock, for the default cycle and acknowledgement dates (tests fix it). */
  readonly today?: () => Date;
}

const TABS = [
  { id: "generate", label: "Generate" },
  { id: "validate", label: "Validate" },
  { id: "progress", label: "Progress" },
  { id: "consolidate", label: "Consolidate" },
] as const;
type TabId = (typeof TABS)[number]["id"];

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    // Narrower padding in a 320 px pane; nothing may be wider than the pane (long file names wrap).
    padding: tokens.spacingHorizontalM,
    maxWidth: "720px",
    minWidth: 0,
    overflowWrap: "anywhere",
    "@media (min-width: 420px)": { padding: tokens.spacingHorizontalL },
  },
  header: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
});

const newDate = (): Date => new Date();

export function App({ status, workbench, catalogue, files, today = newDate }: AppProps) {
  const styles = useStyles();
  const [tab, setTab] = useState<TabId>("generate");
  const workspace = workbench.kind === "excel" ? workbench.workspace : undefined;
  const views = status.state !== "detecting" && workbench.kind !== "pending";
  return (
    <main className={styles.root}>
      <header className={styles.header}>
        <Title3 as="h1">Pact Tracker</Title3>
        <Caption1>Migration-policy reporting: EU Pact on Immigration and Asylum, Prague Process, EMN.</Caption1>
      </header>
      <HostLine status={status} />
      {workbench.kind === "pending" && status.state === "ready" ? <Spinner size="tiny" label="Opening the workbook…" /> : null}
      {workbench.kind === "files" && workbench.error ? <ErrorBar title="Working on files only" error={workbench.error} /> : null}
      {workspace ? <RequirementWarning workspace={workspace} /> : null}
      {views ? (
        <>
          <TaskTabs tabs={TABS} selected={tab} onSelect={setTab} label="Tasks" />
          {/* Every view stays mounted: results, live validation and a running consolidation survive a tab switch. */}
          <Panel id="generate" current={tab}>
            <GenerateView catalogue={catalogue} workspace={workspace} files={files} today={today} />
          </Panel>
          <Panel id="validate" current={tab}>
            <ValidateView catalogue={catalogue} workspace={workspace} files={files} today={today} />
          </Panel>
          <Panel id="progress" current={tab}>
            <ProgressView catalogue={catalogue} workspace={workspace} files={files} active={tab === "progress"} />
          </Panel>
          <Panel id="consolidate" current={tab}>
            <ConsolidateView workspace={workspace} files={files} today={today} />
          </Panel>
        </>
      ) : null}
    </main>
  );
}

function Panel({ id, current, children }: { readonly id: TabId; readonly current: TabId; readonly children: ReactNode }) {
  return (
    <section role="tabpanel" id={`panel-${id}`} aria-labelledby={`tab-${id}`} hidden={id !== current}>
      {children}
    </section>
  );
}

function HostLine({ status }: { readonly status: HostStatus }) {
  switch (status.state) {
    case "detecting":
      return <Spinner size="tiny" label="Connecting to Office…" />;
    case "failed":
      return (
        <MessageBar intent="error" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Office could not start the add-in</MessageBarTitle>
            {status.message} You can still work on files below.
          </MessageBarBody>
        </MessageBar>
      );
    case "ready":
      return (
        <>
          <Body1 role="status">{describeHost(status.host)}</Body1>
          {status.officeJs ? <Caption1 data-testid="office-js">{describeOfficeJs(status.officeJs)}</Caption1> : null}
          <StandaloneNotice host={status.host} />
          <HostWarning host={status.host} />
        </>
      );
  }
}

/** Why the pane is on files only when Office may be there: office.js missing, or Office silent. */
function StandaloneNotice({ host }: { readonly host: HostInfo }) {
  const notice = standaloneNotice(host);
  if (!notice) return null;
  // Missing office.js is the usual state of an offline browser (info); silence from a loaded office.js
  // means Office itself is stuck (warning).
  const silent = host.kind === "browser" && host.standalone?.reason === "no-answer";
  return (
    <MessageBar intent={silent ? "warning" : "info"} layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>{notice.title}</MessageBarTitle>
        {notice.text}
      </MessageBarBody>
    </MessageBar>
  );
}

function HostWarning({ host }: { readonly host: HostInfo }) {
  const needs = `${REQUIRED_EXCEL_API.name} ${REQUIRED_EXCEL_API.minVersion}`;
  if (host.kind === "excel" && !host.requiredApiSupported) {
    return (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>
          This version of Excel does not support {needs}. Use Excel for Microsoft 365, Excel 2021 or later, or Excel on the web.
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (host.kind === "other-office") {
    return (
      <MessageBar intent="warning" layout="multiline">
        <MessageBarBody>Open Pact Tracker from Excel: it needs {needs}.</MessageBarBody>
      </MessageBar>
    );
  }
  return null;
}

/** The adapter knows which API sets its calls need (live validation needs more than inserting). */
function RequirementWarning({ workspace }: { readonly workspace: ExcelWorkspace }) {
  const check = useMemo(() => workspace.checkRequirements(), [workspace]);
  if (check.supported) return null;
  return (
    <MessageBar intent="warning" layout="multiline">
      <MessageBarBody>
        <MessageBarTitle>Some features need a newer Excel</MessageBarTitle>
        This Excel lacks {check.missing.join(", ")}.
      </MessageBarBody>
    </MessageBar>
  );
}
