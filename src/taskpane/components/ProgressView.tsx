import { Body1, Button, Spinner, Subtitle2, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useEffect, useState } from "react";
import type { Catalogue } from "../../core/catalogue/catalogue";
import { validateWorkbook } from "../../core/validation/validate-workbook";
import type { ExcelWorkspace } from "../../excel/workspace";
import type { FileActions } from "../files/file-actions";
import { countProgress, type ProgressReport } from "../../core/collaboration/progress";
import { ErrorBar } from "./ErrorBar";
import { FilePicker } from "./FilePicker";
import { ProgressReportView } from "./ProgressReportView";
import { useFocusOnArrival } from "./use-focus-on-arrival";
import { useTask } from "./use-task";

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  buttons: { display: "flex", alignItems: "center", columnGap: tokens.spacingHorizontalS },
  file: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, paddingTop: tokens.spacingVerticalS, borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
});

/** One workbook file's progress, or why it could not be read. */
interface FileProgress {
  readonly file: string;
  readonly report?: ProgressReport;
  readonly error?: { readonly code: string; readonly message: string };
}

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
  const [perFile, setPerFile] = useState<readonly FileProgress[]>([]);
  const { ref: firstRef, arrived } = useFocusOnArrival<HTMLElement>();

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

  // Progress is about one workbook: several files are never merged into one count, each gets its section.
  const fromFiles = (chosen: File[]): void => {
    void task.run(async () => {
      setPerFile([]);
      for (const file of chosen) {
        const outcome = await files.readReturn(file);
        const one: FileProgress = "error" in outcome ? { file: file.name, error: outcome.error } : { file: file.name, report: countProgress(outcome.validation.contributions) };
        setPerFile((now) => [...now, one]);
        if (file === chosen[0]) arrived();
      }
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
        <FilePicker label="Choose workbooks…" multiple disabled={task.busy} onFiles={fromFiles} />
      )}
      {task.error ? <ErrorBar error={task.error} onDismiss={task.clearError} /> : null}
      {report ? <ProgressReportView report={report} /> : null}
      {perFile.map((f, i) => (
        <section key={`${f.file}-${i}`} ref={i === 0 ? firstRef : undefined} tabIndex={-1} className={styles.file} aria-label={`Progress of ${f.file}`}>
          <Subtitle2 as="h3">{f.file}</Subtitle2>
          {f.error ? <ErrorBar title="Not readable" error={{ code: f.error.code, message: f.error.message, source: "pact-tracker" }} /> : null}
          {f.report ? <ProgressReportView report={f.report} /> : null}
        </section>
      ))}
    </div>
  );
}
