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
import { REQUIRED_EXCEL_API, describeHost, type HostInfo } from "../office-host";

/** What the page knows about its host; index.tsx moves it from "detecting" to ready or failed. */
export type HostStatus =
  | { readonly state: "detecting" }
  | { readonly state: "ready"; readonly host: HostInfo }
  | { readonly state: "failed"; readonly message: string };

export interface AppProps {
  readonly status: HostStatus;
}

const useStyles = makeStyles({
  root: {
    display: "flex",
    flexDirection: "column",
    rowGap: tokens.spacingVerticalM,
    padding: tokens.spacingHorizontalL,
  },
});

export function App({ status }: AppProps) {
  const styles = useStyles();
  return (
    <main className={styles.root}>
      <Title3 as="h1">Pact Tracker</Title3>
      <Caption1>Migration-policy reporting: EU Pact on Immigration and Asylum, Prague Process, EMN.</Caption1>
      <HostLine status={status} />
    </main>
  );
}

function HostLine({ status }: AppProps) {
  switch (status.state) {
    case "detecting":
      return <Spinner size="tiny" label="Connecting to Office…" />;
    case "failed":
      return (
        <MessageBar intent="error">
          <MessageBarBody>
            <MessageBarTitle>Office could not start the add-in</MessageBarTitle>
            {status.message}
          </MessageBarBody>
        </MessageBar>
      );
    case "ready":
      return (
        <>
          <Body1 role="status">{describeHost(status.host)}</Body1>
          <HostWarning host={status.host} />
        </>
      );
  }
}

function HostWarning({ host }: { readonly host: HostInfo }) {
  const needs = `${REQUIRED_EXCEL_API.name} ${REQUIRED_EXCEL_API.minVersion}`;
  if (host.kind === "excel" && !host.requiredApiSupported) {
    return (
      <MessageBar intent="warning">
        <MessageBarBody>
          This version of Excel does not support {needs}. Use Excel for Microsoft 365, Excel 2021 or later, or
          Excel on the web.
        </MessageBarBody>
      </MessageBar>
    );
  }
  if (host.kind === "other-office") {
    return (
      <MessageBar intent="warning">
        <MessageBarBody>Open Pact Tracker from Excel: it needs {needs}.</MessageBarBody>
      </MessageBar>
    );
  }
  return null;
}
