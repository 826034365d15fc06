import { Button, MessageBar, MessageBarActions, MessageBarBody, MessageBarTitle } from "@fluentui/react-components";
import type { PaneError } from "../errors";

export interface ErrorBarProps {
  readonly error: PaneError;
  /** What the user was doing, e.g. "Could not insert the template". */
  readonly title?: string;
  readonly onDismiss?: () => void;
}

/**
 * Every error the user meets, with its code: Office's own code for Excel errors (what Microsoft's
 * documentation uses), ours (PT-…) otherwise. Users quote the code when they ask for help.
 */
export function ErrorBar({ error, title, onDismiss }: ErrorBarProps) {
  const who = error.source === "office" ? "Excel error" : "Error";
  return (
    <MessageBar intent="error" layout="multiline" aria-live="assertive">
      <MessageBarBody>
        <MessageBarTitle>
          {title ? `${title} — ` : ""}
          {who} <code>{error.code}</code>
          {error.officeCode ? (
            <>
              {" "}
              (Excel: <code>{error.officeCode}</code>)
            </>
          ) : null}
        </MessageBarTitle>
        {error.message}
        {error.place ? ` (${error.place})` : ""}
      </MessageBarBody>
      {onDismiss ? (
        <MessageBarActions
          containerAction={
            <Button appearance="transparent" size="small" aria-label="Dismiss error" onClick={onDismiss}>
              Dismiss
            </Button>
          }
        />
      ) : null}
    </MessageBar>
  );
}
