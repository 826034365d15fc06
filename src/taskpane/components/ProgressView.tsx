import { Body1, Button, Spinner, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import type { Catalogue } from "../../core/catalogue/catalogue";
import { validateWorkbook } from "../../core/validation/validate-workbook";
import type { TemplateSheet } from "../../core/validation/validate-sheet";
import type { ExcelWorkspace } from "../../excel/workspace";
import type { FileActions } from "../files/file-actions";
import { countProgress, type ProgressReport } from "../../core/collaboration/progress";
import { ErrorBar } from "./ErrorBar";
import { FilePicker } from "./FilePicker";
import { ProgressReportView } from "./ProgressReportView";
import { useTask } from "./use-task";

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  buttons: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS },
});

export interface ProgressViewProps {
  readonly catalogue: Catalogue;
  readonly workspace?: ExcelWorkspace;
  readonly files: FileActions;
  /** The tab is showing: the workbook is (re)read when the user comes to it. */
  readonly active: boolean;
}

/** Collaboration: who has filled and reviewed what, per "Responsible unit / contact". */
export function ProgressView({ catalogue, workspace, files, active }: ProgressViewProps) {
  const styles = useStyles();
  const task = useTask();
  const { run } = task;
  const [report, setReport] = useState<ProgressReport>();
  const [unreadable, setUnreadable] = useState<readonly { file: string; code: string; message: string }[]>([]);

  const refresh = useCallback(
    () =>
      run(async () => {
        if (!workspace) return;
        const sheets = await workspace.readSheets();
        setReport(countProgress(validateWorkbook(sheets, catalogue).contributions));
      }),
    [run, workspace, catalogue],
  );
  useEffect(() => {
    if (active && workspace) void refresh();
  }, [active, workspace, refresh]);

  const fromFiles = (chosen: File[]): void => {
    void task.run(async () => {
      const contributions: TemplateSheet[] = [];
      const bad: { file: string; code: string; message: string }[] = [];
      for (const file of chosen) {
        const outcome = await files.readReturn(file);
        if ("error" in outcome) bad.push({ file: file.name, ...outcome.error });
        else contributions.push(...outcome.validation.contributions);
      }
      setUnreadable(bad);
      setReport(countProgress(contributions));
    });
  };

  return (
    <div className={styles.view}>
      <Body1>
        Item rows per <strong>Responsible unit / contact</strong>: how many are filled, and their review state (draft, ready for review,
        approved).
      </Body1>
      {workspace ? (
        <div className={styles.buttons}>
          <Button appearance="primary" disabled={task.busy} onClick={() => void refresh()}>
            Refresh
          </Button>
          {task.busy ? <Spinner size="tiny" label="Reading the workbook…" /> : null}
        </div>
      ) : (
        <FilePicker label="Choose a workbook…" multiple disabled={task.busy} onFiles={fromFiles} />
      )}
      {task.error ? <ErrorBar error={task.error} onDismiss={task.clearError} /> : null}
      {unreadable.map((u) => (
        <ErrorBar key={u.file} title={`${u.file} is not readable`} error={{ code: u.code, message: u.message, source: "pact-tracker" }} />
      ))}
      {report ? <ProgressReportView report={report} /> : null}
    </div>
  );
}
