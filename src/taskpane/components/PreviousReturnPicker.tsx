import { Button, Caption1, Dropdown, Field, MessageBar, MessageBarBody, MessageBarTitle, Option, Switch, makeStyles, tokens } from "@fluentui/react-components";
import type { PaneError } from "../errors";
import { ErrorBar } from "./ErrorBar";
import { FilePicker } from "./FilePicker";
import type { PreviousChoice, ReturnInWorkbook } from "./previous-return";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  workbook: { display: "flex", flexDirection: "column", alignItems: "flex-start", rowGap: tokens.spacingVerticalS },
  // A return's label names its sheets: long, so the list may be as wide as the pane and no wider.
  list: { minWidth: 0, maxWidth: "100%" },
});

/** What the chosen return carries into the template as the form stands now. */
export type CarryPreview =
  | { readonly kind: "summary"; readonly text: string }
  | { readonly kind: "needs party" }
  | { readonly kind: "error"; readonly error: PaneError };

export interface PreviousReturnPickerProps {
  readonly on: boolean;
  readonly onToggle: (on: boolean) => void;
  readonly busy: boolean;
  readonly choice: PreviousChoice | undefined;
  readonly preview: CarryPreview | undefined;
  /** Why an earlier choice was let go (another framework or party was chosen), until the next choice. */
  readonly cleared: PaneError | undefined;
  readonly onFile: (file: File) => void;
  readonly onClear: () => void;
  /** In Excel: find the returns among the open workbook's sheets, then choose one. */
  readonly inWorkbook?: {
    readonly found: readonly ReturnInWorkbook[] | undefined;
    readonly onFind: () => void;
    readonly onChoose: (found: ReturnInWorkbook) => void;
  };
}

/**
 * "Start from a previous return": last cycle's return of the same framework and party pre-fills
 * the new template. Off, the Generate form is as it always was.
 */
export function PreviousReturnPicker({ on, onToggle, busy, choice, preview, cleared, onFile, onClear, inWorkbook }: PreviousReturnPickerProps) {
  const styles = useStyles();
  return (
    <div className={styles.section}>
      <Switch label="Start from a previous return" checked={on} onChange={(_, d) => onToggle(d.checked)} />
      {on ? (
        <>
          <Caption1>Last cycle&apos;s return of this framework and party: its entries are carried into the new template, shaded until edited. Choose it here, or turn this off for a blank template.</Caption1>
          <FilePicker label="Choose previous return…" multiple={false} disabled={busy} onFiles={(files) => files[0] && onFile(files[0])} />
          {inWorkbook ? <WorkbookReturns {...inWorkbook} busy={busy} chosen={choice} listClass={styles.list} boxClass={styles.workbook} /> : null}
          {cleared ? <ErrorBar title="Previous return no longer used" error={cleared} /> : null}
          {choice ? <ChosenReturn choice={choice} preview={preview} busy={busy} onClear={onClear} /> : null}
        </>
      ) : null}
    </div>
  );
}

function WorkbookReturns({
  found,
  onFind,
  onChoose,
  busy,
  chosen,
  listClass,
  boxClass,
}: NonNullable<PreviousReturnPickerProps["inWorkbook"]> & { readonly busy: boolean; readonly chosen: PreviousChoice | undefined; readonly listClass: string; readonly boxClass: string }) {
  const selected = found?.findIndex((f) => f.choice.origin === chosen?.origin) ?? -1;
  return (
    <div className={boxClass}>
      <Button disabled={busy} onClick={onFind}>
        {found ? "Look again in this workbook" : "Find returns in this workbook"}
      </Button>
      {found ? (
        <Field label="Return in this workbook">
          <Dropdown
            className={listClass}
            placeholder="Choose a return"
            value={selected >= 0 ? (found[selected]?.label ?? "") : ""}
            selectedOptions={selected >= 0 ? [String(selected)] : []}
            onOptionSelect={(_, d) => {
              const f = found[Number(d.optionValue)];
              if (f) onChoose(f);
            }}
          >
            {found.map((f, i) => (
              <Option key={f.choice.origin} value={String(i)} text={f.label}>
                {f.label}
              </Option>
            ))}
          </Dropdown>
        </Field>
      ) : null}
    </div>
  );
}

function ChosenReturn({ choice, preview, busy, onClear }: { readonly choice: PreviousChoice; readonly preview: CarryPreview | undefined; readonly busy: boolean; readonly onClear: () => void }) {
  return (
    <>
      {preview?.kind === "error" ? (
        <ErrorBar title="Cannot start from the previous return" error={preview.error} />
      ) : (
        <MessageBar intent="info" layout="multiline" role="status">
          <MessageBarBody>
            <MessageBarTitle>Previous return</MessageBarTitle>
            <span>{preview?.kind === "summary" ? preview.text : `${choice.origin}: choose the party to see what it carries.`}</span>
          </MessageBarBody>
        </MessageBar>
      )}
      <div>
        <Button size="small" appearance="subtle" disabled={busy} onClick={onClear}>
          Remove previous return
        </Button>
      </div>
    </>
  );
}
