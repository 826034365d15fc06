import {
  Body1,
  Button,
  Caption1,
  Checkbox,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Radio,
  RadioGroup,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useState } from "react";
import type { PartyOrder } from "../../core/consolidation/report";
import type { ExcelWorkspace, InsertResult, ReadProgress } from "../../excel/workspace";
import type { ConsolidationRun } from "../consolidate/consolidation-run";
import { toPlainSheet } from "../consolidate/plain-sheet";
import type { ConsolidationProgress, ConsolidationResult, WorkbookInput } from "../consolidate/protocol";
import type { FileActions } from "../files/file-actions";
import { HANDED_OVER_TITLE, handedOverText, type HandOver } from "../files/hand-over";
import { ChosenFiles, fileKey, withoutRepeats, type ReceivedDays } from "./ChosenFiles";
import { ComparisonView } from "./ComparisonView";
import { EarlierCyclePicker } from "./EarlierCyclePicker";
import { ErrorBar } from "./ErrorBar";
import { FilePicker } from "./FilePicker";
import { LEAVE_OUT_LABEL, RegisterSummaryView } from "./RegisterSummaryView";
import { useFocusOnArrival } from "./use-focus-on-arrival";
import { useTask } from "./use-task";
import { isReceivedDay, isoSeconds } from "../../core/consolidation/received";
import { receivedOf } from "../files/file-bytes";

const useStyles = makeStyles({
  // Top-aligned: the first field's hint must not push the second field down to its middle.
  dates: { display: "flex", flexWrap: "wrap", alignItems: "flex-start", columnGap: tokens.spacingHorizontalM, rowGap: tokens.spacingVerticalS },
  view: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  buttons: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  date: { maxWidth: "12rem" },
  sheetDays: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS, border: "none", margin: 0, padding: 0 },
});

/** How the register names the open workbook's sheets. */
export const THIS_WORKBOOK = "This workbook";

/** The field for the day the open workbook's national sheets count as received. */
export const WORKBOOK_RECEIVED_LABEL = "Received, the national sheets in this workbook";

/** A file's own day of receipt, as the CLI takes it: its time on disk (File.lastModified), as a UTC day. */
export function fileDay(file: File): string {
  return receivedOf(file)?.slice(0, 10) ?? "";
}

/** Why a day entered as received cannot be used, if it cannot. */
function dayError(day: string): string | undefined {
  if (day === "") return "Enter the day it was received.";
  return isReceivedDay(day) ? undefined : `'${day}' is not a date (YYYY-MM-DD).`;
}

type RunState =
  | { readonly state: "idle" }
  | { readonly state: "running"; readonly run: ConsolidationRun; readonly progress?: ConsolidationProgress }
  | { readonly state: "cancelled" }
  | { readonly state: "done"; readonly result: ConsolidationResult };

export interface ConsolidateViewProps {
  readonly workspace?: ExcelWorkspace;
  readonly files: FileActions;
  readonly today: () => Date;
}

export function ConsolidateView({ workspace, files, today }: ConsolidateViewProps) {
  const styles = useStyles();
  const task = useTask();
  const [chosen, setChosen] = useState<readonly File[]>([]);
  // Days of receipt the user changed, by file: the others count from the file's own date.
  const [days, setDays] = useState<ReadonlyMap<string, string>>(new Map());
  // The open workbook's: undefined is today's (the day of consolidation).
  const [workbookDay, setWorkbookDay] = useState<string>();
  // The open workbook's national sheets the last run found, and days entered for single ones.
  const [workbookSheets, setWorkbookSheets] = useState<readonly string[]>([]);
  const [sheetDays, setSheetDays] = useState<ReadonlyMap<string, string>>(new Map());
  // Compare with an earlier cycle: the switch, and last cycle's files.
  const [compare, setCompare] = useState(false);
  const [earlier, setEarlier] = useState<readonly File[]>([]);
  const [includeWorkbook, setIncludeWorkbook] = useState(true);
  const [order, setOrder] = useState<PartyOrder>("protocol");
  const [strict, setStrict] = useState(false);
  const [deadlines, setDeadlines] = useState<{ initial?: string; update?: string }>({});
  const [run, setRun] = useState<RunState>({ state: "idle" });
  const [inserted, setInserted] = useState<InsertResult>();
  // The last edition handed over: its download started, or it opened as a new workbook.
  const [handed, setHanded] = useState<{ readonly how: HandOver; readonly fileName: string }>();
  const [reading, setReading] = useState<ReadProgress>();
  const { ref: resultRef, arrived } = useFocusOnArrival<HTMLElement>();
  // A finished report belongs to the inputs and options that produced it: changing them clears it.
  const changed = (): void => {
    setRun((s) => (s.state === "running" ? s : { state: "idle" }));
    setInserted(undefined);
    setHanded(undefined);
  };

  const withWorkbook = workspace !== undefined && includeWorkbook;
  const running = run.state === "running";
  const todayDay = today().toISOString().slice(0, 10);
  const dayOf = (f: File): string => days.get(fileKey(f)) ?? fileDay(f);
  const workbookShown = workbookDay ?? todayDay;
  const workbookError = withWorkbook ? dayError(workbookShown) : undefined;
  const sheetDayOf = (sheet: string): string => sheetDays.get(sheet) ?? workbookShown;
  const sheetsOk = !withWorkbook || workbookSheets.every((s) => dayError(sheetDayOf(s)) === undefined);
  const datesOk = workbookError === undefined && sheetsOk && chosen.every((f) => dayError(dayOf(f)) === undefined);
  // Asked to compare, nothing is consolidated until the earlier cycle's files are chosen.
  const canStart = !running && !task.busy && (chosen.length > 0 || withWorkbook) && (!compare || earlier.length > 0) && datesOk;
  const received: ReceivedDays = {
    dayOf,
    errorOf: (f) => dayError(dayOf(f)),
    onChange: (f, day) => {
      setDays((now) => new Map(now).set(fileKey(f), day));
      changed();
    },
    hint: "Received on (UTC day; returns received after the deadline are late): by default each file's own date, as the command line takes it. Change any that arrived on another day.",
  };

  const addFiles = (more: File[]): void => {
    // The same file dropped twice would count twice in the register.
    setChosen((now) => withoutRepeats(now, more));
    changed();
  };
  const addEarlier = (more: File[]): void => {
    setEarlier((now) => withoutRepeats(now, more));
    changed();
  };

  const start = () =>
    task.run(async () => {
      setInserted(undefined);
      setHanded(undefined);
      let workbook: WorkbookInput | undefined;
      if (workspace && includeWorkbook) {
        // Reading a large workbook takes a while: the bar follows it sheet by sheet.
        setReading({ done: 0, total: 0 });
        try {
          // Today (the day of consolidation) unless another day is entered; the register says which.
          const when = workbookDay === undefined || workbookDay === todayDay ? { received: isoSeconds(today()), receivedFrom: "consolidated" as const } : { received: workbookDay, receivedFrom: "entered" as const };
          // Only days that differ from the workbook's: the others count as the workbook does.
          const own = workbookSheets.filter((s) => sheetDays.has(s) && sheetDayOf(s) !== workbookShown).map((s) => [s, sheetDayOf(s)] as const);
          const perSheet = own.length ? { sheetsReceived: Object.fromEntries(own) } : {};
          workbook = { label: THIS_WORKBOOK, sheets: (await workspace.readSheets(undefined, setReading)).map(toPlainSheet), ...when, ...perSheet };
        } finally {
          setReading(undefined);
        }
      }
      const previous = compare && earlier.length > 0 ? { previous: earlier } : {};
      // Days changed from the file's own, as a --received list gives them to the CLI.
      const receivedDays: Record<number, string> = {};
      chosen.forEach((f, i) => {
        const day = dayOf(f);
        if (day !== fileDay(f)) receivedDays[i] = day;
      });
      const entered = Object.keys(receivedDays).length > 0 ? { receivedDays } : {};
      const handle = files.startConsolidation({ files: chosen, ...entered, ...(workbook ? { workbook } : {}), ...previous, order, strict, deadlines, includeSpec: workspace !== undefined, generatedOn: todayDay }, (progress) =>
        setRun((s) => (s.state === "running" && s.run === handle ? { ...s, progress } : s)),
      );
      setRun({ state: "running", run: handle });
      try {
        const outcome = await handle.outcome;
        setRun(outcome.kind === "done" ? { state: "done", result: outcome.result } : { state: "cancelled" });
        if (outcome.kind === "done") {
          const found = outcome.result.summary.rows.filter((r) => r.file === THIS_WORKBOOK && r.sheet !== "").map((r) => r.sheet);
          if (workbook) setWorkbookSheets([...new Set(found)]);
          arrived();
        }
      } catch (e) {
        setRun({ state: "idle" });
        throw e;
      }
    });

  const stamp = today().toISOString().slice(0, 10);
  // Excel for Mac and iPad drop downloads from the pane: there each edition opens as a new workbook.
  const canDownload = workspace?.canDownload ?? true;
  /** Hands an edition to the user: a download where downloads arrive, else a new workbook window. */
  const handOver = (bytes: Uint8Array, edition: "internal" | "public") =>
    void task.run(async () => {
      const fileName = `combined-report_${edition}_${stamp}.xlsx`;
      setHanded(undefined);
      if (workspace && !canDownload) {
        await workspace.openWorkbook(bytes, fileName);
        setHanded({ how: "opened", fileName });
      } else {
        files.save(bytes, fileName);
        setHanded({ how: "downloaded", fileName });
      }
    });
  const result = run.state === "done" ? run.result : undefined;
  const reports = result?.reports;
  // A public edition blocked (PT-CONS-006) is offered by no route, even if bytes came with the block.
  const publicEdition = reports?.publicBlocked?.length ? undefined : reports?.public;

  return (
    <div className={styles.view}>
      <Body1>
        Combine returned workbooks into one report: a compilation per framework, coverage and status matrices and the register of returns. Files stay
        on this computer.
      </Body1>
      {workspace ? (
        <Checkbox checked={includeWorkbook} onChange={(_, d) => {
            setIncludeWorkbook(d.checked === true);
            changed();
          }} label="Include the national sheets in this workbook" />
      ) : null}
      {withWorkbook ? (
        <Field
          label={WORKBOOK_RECEIVED_LABEL}
          hint="By default today, the day of consolidation; the register says which. Late or on time is judged on this day (UTC)."
          {...(workbookError ? { validationMessage: workbookError, validationState: "error" as const } : {})}
        >
          <Input type="date" className={styles.date} value={workbookShown} disabled={running} onChange={(_, d) => {
              setWorkbookDay(d.value);
              changed();
            }} />
        </Field>
      ) : null}
      {withWorkbook ? (
        <SheetDays sheets={workbookSheets} dayOf={sheetDayOf} disabled={running} onChange={(sheet, day) => {
            setSheetDays((now) => new Map(now).set(sheet, day));
            changed();
          }} />
      ) : null}
      <FilePicker label="Choose returns…" multiple disabled={running} onFiles={addFiles} />
      <ChosenFiles files={chosen} noun="file" label="Chosen files" removeLabel="Remove all" disabled={running} received={received} onRemove={() => {
          setChosen([]);
          setDays(new Map());
          changed();
        }} />
      <EarlierCyclePicker
        on={compare}
        onToggle={(on) => {
          setCompare(on);
          // Off means no earlier cycle: nothing chosen stays behind, unseen.
          if (!on) setEarlier([]);
          changed();
        }}
        files={earlier}
        disabled={running}
        onFiles={addEarlier}
        onRemove={() => {
          setEarlier([]);
          changed();
        }}
      />
      <Field label="Order of parties">
        <RadioGroup value={order} layout="horizontal" onChange={(_, d) => {
            setOrder(d.value === "alpha" ? "alpha" : "protocol");
            changed();
          }}
        >
          <Radio value="protocol" label="Protocol" />
          <Radio value="alpha" label="Alphabetical" />
        </RadioGroup>
      </Field>
      <Checkbox checked={strict}
        onChange={(_, d) => {
          setStrict(d.checked === true);
          changed();
        }}
        label={LEAVE_OUT_LABEL}
      />
      <div className={styles.dates}>
        <Field label="Deadline, contributions" hint="Returns received later are flagged late. Left blank: the framework's timetable, where it has one (the Pact's mid-November contribution and mid-January update, as the 15th).">
          <Input type="date" value={deadlines.initial ?? ""} onChange={(_, d) => {
              setDeadlines((x) => ({ ...x, initial: d.value || undefined }));
              changed();
            }} />
        </Field>
        <Field label="Deadline, updates">
          <Input type="date" value={deadlines.update ?? ""} onChange={(_, d) => {
              setDeadlines((x) => ({ ...x, update: d.value || undefined }));
              changed();
            }} />
        </Field>
      </div>
      <div className={styles.buttons}>
        <Button appearance="primary" disabled={!canStart} onClick={() => void start()}>
          Consolidate
        </Button>
        {run.state === "running" ? <Button onClick={() => run.run.cancel()}>Cancel</Button> : null}
      </div>
      {reading ? <ReadingProgress progress={reading} /> : null}
      {run.state === "running" ? <RunProgress progress={run.progress} /> : null}
      {run.state === "cancelled" ? (
        <MessageBar intent="info" layout="multiline" role="status">
          <MessageBarBody>Consolidation cancelled: nothing was written.</MessageBarBody>
        </MessageBar>
      ) : null}
      {task.error ? <ErrorBar error={task.error} onDismiss={task.clearError} /> : null}
      {result ? (
        // Focus comes here when the report is ready (or nothing could be made): the outcome, then the register.
        <section ref={resultRef} tabIndex={-1} className={styles.view} aria-label="Consolidation result">
          {result.failure ? <ErrorBar title="No report" error={{ ...result.failure, source: "pact-tracker" }} /> : null}
          {reports ? (
            <>
              <MessageBar intent="success" layout="multiline" role="status">
                <MessageBarBody>
                  <MessageBarTitle>Combined report ready</MessageBarTitle>
                  {publicEdition
                    ? "Internal edition (with the register) and public edition (responses without wider dissemination replaced)."
                    : "Internal edition (with the register). The public edition was not made: see below."}
                </MessageBarBody>
              </MessageBar>
              {(reports.publicBlocked ?? []).map((b) => (
                <ErrorBar key={`${b.file}\u0000${b.sheet}`} title="No public edition" error={{ code: b.code, message: `${b.file} › ${b.sheet}: ${b.message}`, source: "pact-tracker" }} />
              ))}
              <div className={styles.buttons}>
                {canDownload ? (
                  <>
                    <Button appearance="primary" onClick={() => handOver(reports.internal, "internal")}>
                      Download internal edition
                    </Button>
                    {publicEdition ? <Button onClick={() => handOver(publicEdition, "public")}>Download public edition</Button> : null}
                  </>
                ) : (
                  <>
                    <Button appearance="primary" disabled={task.busy} onClick={() => handOver(reports.internal, "internal")}>
                      Open internal edition as a new workbook
                    </Button>
                    {publicEdition ? (
                      <Button disabled={task.busy} onClick={() => handOver(publicEdition, "public")}>
                        Open public edition as a new workbook
                      </Button>
                    ) : null}
                  </>
                )}
                {workspace && reports.internalSpec ? (
                  <Button
                    disabled={task.busy}
                    onClick={() => {
                      const spec = reports.internalSpec;
                      if (spec) void task.run(async () => setInserted(await workspace.insertSpec(spec)));
                    }}
                  >
                    Insert into this workbook
                  </Button>
                ) : null}
              </div>
            </>
          ) : null}
          {handed ? (
            <MessageBar intent="success" layout="multiline" role="status">
              <MessageBarBody>
                <MessageBarTitle>{HANDED_OVER_TITLE[handed.how]}</MessageBarTitle>
                {handedOverText(handed.how, handed.fileName)}
              </MessageBarBody>
            </MessageBar>
          ) : null}
          {inserted ? (
            <MessageBar intent="success" layout="multiline" role="status">
              <MessageBarBody>
                <MessageBarTitle>Report inserted</MessageBarTitle>
                {inserted.sheets.map((s) => s.actual).join(", ")}
                {inserted.notes.map((n) => (
                  <Caption1 key={n} block>
                    {n}
                  </Caption1>
                ))}
              </MessageBarBody>
            </MessageBar>
          ) : null}
          {result.comparison ? <ComparisonView comparison={result.comparison} /> : null}
          <RegisterSummaryView summary={result.summary} />
        </section>
      ) : null}
    </div>
  );
}

/** The open workbook being read before the worker starts: sheet by sheet. */
function ReadingProgress({ progress: { done, total, sheet } }: { readonly progress: ReadProgress }) {
  const label = total === 0 ? "Reading this workbook…" : `Reading this workbook: ${done} of ${total} sheets${sheet ? ` (last: ${sheet})` : ""}`;
  return <ProgressBarField label={label} {...(total ? { value: done / total } : {})} />;
}

function RunProgress({ progress }: { readonly progress: ConsolidationProgress | undefined }) {
  if (!progress) return <ProgressBarField label="Starting…" />;
  if (progress.phase === "writing") return <ProgressBarField label={`Writing the ${progress.edition} edition…`} />;
  const { done, total, current, earlier } = progress;
  const label = current ? `Reading ${Math.min(done + 1, total)} of ${total}: ${current}${earlier ? " (earlier cycle)" : ""}` : `Read ${done} of ${total}`;
  return <ProgressBarField label={label} value={total ? done / total : 0} />;
}

/** Without a value the bar is indeterminate: writing a report has no steps to count. */
function ProgressBarField({ label, value }: { readonly label: string; readonly value?: number }) {
  return (
    <Field label="Consolidation progress" hint={label}>
      <ProgressBar thickness="large" aria-valuetext={label} {...(value === undefined ? {} : { value })} />
    </Field>
  );
}

export const SHEET_DAYS_LABEL = "Received, each national sheet";

/**
 * National sheets pasted into this workbook as each return arrived: a day for each, by default the
 * workbook's. The sheets are those the last run found (the workbook is read when it runs).
 */
function SheetDays({ sheets, dayOf, disabled, onChange }: { readonly sheets: readonly string[]; readonly dayOf: (sheet: string) => string; readonly disabled: boolean; readonly onChange: (sheet: string, day: string) => void }) {
  const styles = useStyles();
  if (sheets.length === 0) return <Caption1 block>Pasted national sheets that arrived on different days: after a first run, each sheet found can be given its own day.</Caption1>;
  return (
    <fieldset className={styles.sheetDays}>
      <legend>{SHEET_DAYS_LABEL}</legend>
      <Caption1 block>By default the day above. Change a sheet that arrived on another day, then consolidate again.</Caption1>
      {sheets.map((sheet) => {
        const error = dayError(dayOf(sheet));
        return (
          <Field key={sheet} label={sheet} {...(error ? { validationMessage: error, validationState: "error" as const } : {})}>
            <Input type="date" size="small" className={styles.date} value={dayOf(sheet)} disabled={disabled} onChange={(_, d) => onChange(sheet, d.value)} />
          </Field>
        );
      })}
    </fieldset>
  );
}
