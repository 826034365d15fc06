import { Body1, Button, Spinner, Subtitle2, Switch, makeStyles, tokens } from "@fluentui/react-components";
import { useCallback, useRef, useState } from "react";
import type { Catalogue } from "../../core/catalogue/catalogue";
import type { ReadOutcome } from "../../core/consolidation/register";
import type { Finding } from "../../core/validation/finding";
import { ACK_SHEET } from "../../core/validation/acknowledgements";
import type { SheetInput } from "../../core/validation/validate-sheet";
import { validateWorkbook, type WorkbookValidation } from "../../core/validation/validate-workbook";
import type { ExcelWorkspace } from "../../excel/workspace";
import type { FileActions } from "../files/file-actions";
import { ErrorBar } from "./ErrorBar";
import { FilePicker } from "./FilePicker";
import { FindingsList } from "./FindingsList";
import { useFocusOnArrival } from "./use-focus-on-arrival";
import { useLiveValidation, type LiveUpdate } from "./use-live-validation";
import { useTask } from "./use-task";
import { ValidationSummary } from "./ValidationSummary";

const useStyles = makeStyles({
  view: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  buttons: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  file: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, paddingTop: tokens.spacingVerticalS, borderTop: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
  results: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM, outlineOffset: "2px" },
});

export interface ValidateViewProps {
  readonly catalogue: Catalogue;
  readonly workspace?: ExcelWorkspace;
  readonly files: FileActions;
  readonly today: () => Date;
}

export function ValidateView({ workspace, ...rest }: ValidateViewProps) {
  return workspace ? <WorkbookValidator workspace={workspace} {...rest} /> : <FileValidator {...rest} />;
}

/** In Excel: validate the open workbook, go to cells, highlight, accept warnings, live mode. */
function WorkbookValidator({ workspace, catalogue, today }: Omit<ValidateViewProps, "files"> & { readonly workspace: ExcelWorkspace }) {
  const styles = useStyles();
  const task = useTask();
  const [result, setResult] = useState<WorkbookValidation>();
  const [live, setLive] = useState(false);
  const { ref: resultsRef, arrived } = useFocusOnArrival<HTMLElement>();
  // Live mode can start a validation while one runs; only the latest may show.
  const generation = useRef(0);
  // The workbook's sheets as last read: live mode re-reads only the sheets that changed (and the
  // acknowledgements), then validates the whole set in memory, which is cheap.
  const sheetsRead = useRef(new Map<string, SheetInput>());

  // Stable (useTask's run is a useCallback), so validate is rebuilt only when the workbook changes.
  const runTask = task.run;
  const validate = useCallback(
    (background = false, update?: LiveUpdate) =>
      runTask(
        async () => {
          const mine = ++generation.current;
          const partial = update !== undefined && sheetsRead.current.size > 0;
          // Sheets deleted (or renamed away) leave the set, so no finding points at a sheet that is gone.
          for (const gone of update?.gone ?? []) sheetsRead.current.delete(gone);
          const fresh = await workspace.readSheets(partial ? [...update.changed, ACK_SHEET] : undefined);
          if (!partial) sheetsRead.current.clear();
          // A sheet asked for but not read back no longer exists.
          if (partial) for (const name of update.changed) if (!fresh.some((s) => s.grid.name === name)) sheetsRead.current.delete(name);
          for (const s of fresh) sheetsRead.current.set(s.grid.name, s);
          const validation = validateWorkbook([...sheetsRead.current.values()], catalogue);
          if (mine !== generation.current) return;
          setResult(validation);
          // A check the user asked for takes focus to its verdict; live mode's re-checks never move it.
          if (!background) arrived();
        },
        { background },
      ),
    [runTask, workspace, catalogue, arrived],
  );
  const validateInBackground = useCallback(
    async (update?: LiveUpdate) => {
      await validate(true, update);
    },
    [validate],
  );
  useLiveValidation(workspace, live, validateInBackground, task.fail);

  const select = (f: Finding): void => {
    if (f.cell) void task.run(() => workspace.selectCell(f.sheet, f.cell ?? ""));
  };
  const acknowledge = (f: Finding, justification: string, by: string): void => {
    void (async () => {
      const stored = await task.run(async () => {
        if (!f.cell) return;
        await workspace.acknowledge({ sheet: f.sheet, cell: f.cell, code: f.code, justification, ...(by ? { by } : {}), date: today().toISOString().slice(0, 10) });
      });
      // Re-validate so the warning moves to "accepted" as the validator, not the pane, decides.
      if (stored) await validate();
    })();
  };
  const acknowledgeMany = (findings: readonly Finding[], justification: string, by: string): void => {
    void (async () => {
      const date = today().toISOString().slice(0, 10);
      const stored = await task.run(async () => {
        const acks = findings.flatMap((f) => (f.cell ? [{ sheet: f.sheet, cell: f.cell, code: f.code, justification, ...(by ? { by } : {}), date }] : []));
        if (acks.length === 0) return;
        await workspace.acknowledgeAll(acks);
      });
      // Once for all of them: the warnings move to "accepted" as the validator decides.
      if (stored) await validate();
    })();
  };
  // Accepted warnings and findings without a cell have nothing to mark in the sheet.
  const toHighlight = (result?.findings ?? []).filter((f) => f.cell && f.severity !== "info" && !f.acknowledged);

  return (
    <div className={styles.view}>
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={task.busy} onClick={() => void validate()}>
          Validate workbook
        </Button>
        <Switch label="Live validation" checked={live} onChange={(_, d) => setLive(d.checked)} />
        {task.busy ? <Spinner size="tiny" label="Checking…" /> : null}
      </div>
      {task.error ? <ErrorBar error={task.error} onDismiss={task.clearError} /> : null}
      {result ? (
        <section ref={resultsRef} tabIndex={-1} className={styles.results} aria-label="Validation results">
          <ValidationSummary result={result} />
          <div className={styles.buttons}>
            <Button disabled={task.busy || toHighlight.length === 0} onClick={() => void task.run(() => workspace.highlight(toHighlight))}>
              Highlight in sheet
            </Button>
            <Button disabled={task.busy} onClick={() => void task.run(() => workspace.clearHighlights())}>
              Clear highlights
            </Button>
          </div>
          <FindingsList findings={result.findings} busy={task.busy} onSelect={select} onAcknowledge={acknowledge} onAcknowledgeMany={acknowledgeMany} />
        </section>
      ) : (
        <Body1>Checks every template sheet in this workbook, as the Commission will on receipt.</Body1>
      )}
    </div>
  );
}

interface FileResult {
  readonly name: string;
  readonly outcome: ReadOutcome;
}

/** In a browser: validate returned files with the same reader and rules as the CLI. */
function FileValidator({ files }: Omit<ValidateViewProps, "workspace">) {
  const styles = useStyles();
  const task = useTask();
  const [results, setResults] = useState<readonly FileResult[]>([]);
  const { ref: firstRef, arrived: firstArrived } = useFocusOnArrival<HTMLElement>();

  const validateFiles = (chosen: File[]): void => {
    void task.run(async () => {
      setResults([]);
      // One at a time, showing each as it is done: a large return takes a moment.
      for (const file of chosen) {
        const outcome = await files.readReturn(file);
        setResults((r) => [...r, { name: file.name, outcome }]);
        // Focus goes to the first file's results as soon as they are there.
        if (file === chosen[0]) firstArrived();
      }
    });
  };

  return (
    <div className={styles.view}>
      <Body1>Checks returned workbooks with the same rules as Excel and the command line. Files stay on this computer.</Body1>
      <FilePicker label="Choose files to validate…" multiple disabled={task.busy} onFiles={validateFiles} />
      {task.busy ? <Spinner size="tiny" label="Reading…" /> : null}
      {task.error ? <ErrorBar error={task.error} onDismiss={task.clearError} /> : null}
      {results.map((r, i) => (
        <section key={`${r.name}-${i}`} ref={i === 0 ? firstRef : undefined} tabIndex={-1} className={styles.file} aria-label={`Results for ${r.name}`}>
          <Subtitle2 as="h3">{r.name}</Subtitle2>
          {"error" in r.outcome ? (
            <ErrorBar title="Not readable" error={{ code: r.outcome.error.code, message: r.outcome.error.message, source: "pact-tracker" }} />
          ) : (
            <>
              <ValidationSummary result={r.outcome.validation} />
              <FindingsList findings={r.outcome.validation.findings} />
            </>
          )}
        </section>
      ))}
    </div>
  );
}
