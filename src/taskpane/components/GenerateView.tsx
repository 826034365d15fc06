import {
  Body1,
  Button,
  Dropdown,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  Option,
  Radio,
  RadioGroup,
  Spinner,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import { useEffect, useMemo, useState } from "react";
import type { Catalogue } from "../../core/catalogue/catalogue";
import type { Framework, Party } from "../../core/catalogue/schema";
import { dueText } from "../../core/catalogue/timetable";
import { periodNotice } from "../../core/catalogue/provenance";
import { carriedFor, type CarriedStart } from "../../core/cycles/previous";
import { CYCLE_RULE, isCycleLabel } from "../../core/cycles/cycle-label";
import { buildTemplate, type Round } from "../../core/template/builder";
import { validateWorkbook } from "../../core/validation/validate-workbook";
import type { ExcelWorkspace, InsertResult } from "../../excel/workspace";
import type { FileActions } from "../files/file-actions";
import { HANDED_OVER_TITLE, handedOverText, type HandOver } from "../files/hand-over";
import { templateFileName } from "../../core/template/file-name";
import { toPaneError, type PaneError } from "../errors";
import { THIS_WORKBOOK } from "./ConsolidateView";
import { ErrorBar } from "./ErrorBar";
import { PartyPicker } from "./PartyPicker";
import { PartyChecklist } from "./PartyChecklist";
import { isEdited, runParties, runPartiesNote, type RunParties } from "../../core/catalogue/run-parties";
import { PreviousReturnPicker, type CarryPreview } from "./PreviousReturnPicker";
import { carriedSummary, choiceOf, fits, proposedParty, refuseUnfit, returnsIn, type PreviousChoice, type ReturnInWorkbook } from "./previous-return";
import { useTask } from "./use-task";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  buttons: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  notes: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/**
 * What is wrong with the cycle as typed (trimmed), by the one rule the CLI's --cycle and a return's
 * header follow (core/cycles/cycle-label.ts); undefined when it can be used.
 */
export function cycleError(cycle: string): string | undefined {
  if (cycle === "") return "Enter the reporting cycle, e.g. the year.";
  if (isCycleLabel(cycle)) return undefined;
  return `'${cycle.length > 24 ? `${cycle.slice(0, 24)}…` : cycle}' cannot be a reporting cycle: use ${CYCLE_RULE}, e.g. 2026, 2009-2010 or H1 2026.`;
}

export interface GenerateViewProps {
  readonly catalogue: Catalogue;
  /** Present inside Excel: the template goes into the open workbook. */
  readonly workspace?: ExcelWorkspace;
  readonly files: FileActions;
  readonly today: () => Date;
}

/** What the chosen previous return carries into the template as the form stands, or why it cannot. */
type Carry =
  | { readonly kind: "carried"; readonly start: CarriedStart; readonly summary: (done: boolean) => string }
  | { readonly kind: "error"; readonly error: PaneError };

/**
 * What was made, and (when it started from a previous return) what that carried. A download is only
 * offered, never known to have arrived: "downloaded" says it started; "opened" is a new workbook
 * window (where the pane cannot download), which the user still has to save.
 */
type Done = (
  | { readonly kind: "inserted"; readonly result: InsertResult }
  | { readonly kind: HandOver; readonly fileName: string }
) & { readonly carried?: string };

export function GenerateView({ catalogue, workspace, files, today }: GenerateViewProps) {
  const styles = useStyles();
  const task = useTask();
  const { run } = task;
  const frameworks = catalogue.frameworks;
  const [framework, setFramework] = useState<Framework | undefined>(frameworks[0]);
  const [party, setParty] = useState<Party>();
  const [cycle, setCycle] = useState(() => String(today().getFullYear()));
  const [round, setRound] = useState<Round>("initial");
  // Templates for several parties (one file each), as `generate --all-parties --parties` makes them.
  const [several, setSeveral] = useState(false);
  const [chosenCodes, setChosenCodes] = useState<ReadonlySet<string>>(() => new Set(framework ? catalogue.partiesOf(framework).map((p) => p.code) : []));
  const [done, setDone] = useState<Done>();
  // Start from a previous return: the switch, the return chosen, the returns found in this workbook.
  const [fromPrevious, setFromPrevious] = useState(false);
  const [choice, setChoice] = useState<PreviousChoice>();
  const [cleared, setCleared] = useState<PaneError>();
  const [inWorkbook, setInWorkbook] = useState<readonly ReturnInWorkbook[]>();
  // A previous return of another framework or party is let go, saying why (core's coded refusal).
  const keepFitting = (fw: Framework | undefined, p: Party | undefined): void => {
    if (!choice || fits(choice, fw, p)) return;
    setChoice(undefined);
    try {
      if (fw) refuseUnfit(choice, fw, p, usableCycle, round);
    } catch (e) {
      setCleared(toPaneError(e));
    }
  };
  // A result belongs to the form that produced it: changing the form clears it.
  const changeParty = (p: Party | undefined): void => {
    setDone(undefined);
    setParty(p);
    keepFitting(framework, p);
  };

  // In Excel, start from what this workbook's last template was made with.
  useEffect(() => {
    if (!workspace) return;
    void run(async () => {
      const choices = await workspace.loadChoices();
      const fw = choices && catalogue.findFramework(choices.framework);
      if (!choices || !fw) return;
      setFramework(fw);
      setParty(catalogue.findParty(fw, choices.party));
      if (choices.cycle) setCycle(choices.cycle);
      setRound(choices.round);
    });
    // Once per workbook (task.run is stable): later edits of the form must not be overwritten.
  }, [workspace, catalogue, run]);

  const cycleText = cycle.trim();
  // A label the CLI would refuse never names a template (nor its file): the field says why.
  const cycleProblem = cycleError(cycleText);
  const usableCycle = cycleProblem === undefined ? cycleText : "";
  // A plan run for a cycle outside its period: allowed, and said (the template says it too).
  const outsidePeriod = framework && usableCycle ? periodNotice(framework, usableCycle) : undefined;
  // What the chosen return carries as the form stands: the summary, or core's coded refusal.
  const carry = useMemo((): Carry | undefined => {
    // Carried into which cycle: none until the label can be used.
    if (!fromPrevious || !choice || !framework || !party || !usableCycle) return undefined;
    try {
      // An update may start from this cycle's initial return, as `generate --round update --from` does.
      const start = carriedFor(choice.previous, framework, party, usableCycle, choice.origin, round);
      return { kind: "carried", start, summary: (done) => carriedSummary(start, choice.file, done) };
    } catch (e) {
      return { kind: "error", error: toPaneError(e) };
    }
  }, [fromPrevious, choice, framework, party, usableCycle, round]);
  // The run's parties, resolved by core as the CLI resolves --parties: its note, or why it cannot be used.
  const partyRun = useMemo((): { run: RunParties } | { problem: string } | undefined => {
    if (!several || !framework) return undefined;
    try {
      return { run: runParties(catalogue, framework, [...chosenCodes]) };
    } catch (e) {
      return { problem: toPaneError(e).message };
    }
  }, [several, framework, chosenCodes, catalogue]);
  const chosenRun = partyRun && "run" in partyRun ? partyRun.run : undefined;
  const start = carry?.kind === "carried" ? carry : undefined;
  const preview: CarryPreview | undefined = carry?.kind === "error" ? carry : start ? { kind: "summary", text: start.summary(false) } : undefined;
  // Asked to start from a previous return, the template waits for one that can serve.
  const ready = framework !== undefined && party !== undefined && usableCycle !== "" && (!fromPrevious || start !== undefined);
  const readyForSeveral = framework !== undefined && chosenRun !== undefined && usableCycle !== "";

  const spec = () => {
    if (!framework || !party) throw new Error("framework and party are required");
    // Never built under a refused label, whatever enabled the button.
    if (!usableCycle) throw new Error(`refused reporting cycle '${cycleText}'`);
    return buildTemplate({ framework, party, cycle: usableCycle, round, ...(start ? { previous: start.start.carried } : {}) });
  };
  const carried = start ? { carried: start.summary(true) } : {};

  /** Takes a previous return the user chose, or refuses it with core's code, naming its file and sheets. */
  const take = (next: PreviousChoice): void => {
    if (!framework) return;
    refuseUnfit(next, framework, party, usableCycle, round);
    setChoice(next);
    const proposed = party ? undefined : proposedParty(next, framework, catalogue);
    if (proposed) setParty(proposed);
  };
  const forget = (): void => {
    setDone(undefined);
    setChoice(undefined);
    setCleared(undefined);
  };
  const chooseFile = (file: File) =>
    task.run(async () => {
      forget();
      take(choiceOf(await files.readPrevious(file), catalogue));
    });
  const findInWorkbook = () =>
    task.run(async () => {
      if (!workspace) return;
      setInWorkbook(undefined);
      const validation = validateWorkbook(await workspace.readSheets(), catalogue);
      const whole = choiceOf({ kind: "return", outcome: { source: { file: THIS_WORKBOOK, sha256: "" }, validation } }, catalogue);
      const found = returnsIn(whole);
      // None: core's reason (nothing readable, with the first sheet's problem).
      if (found.length === 0 && framework) refuseUnfit(whole, framework, party, usableCycle, round);
      setInWorkbook(found);
    });
  const chooseInWorkbook = (found: ReturnInWorkbook) =>
    task.run(async () => {
      forget();
      take(found.choice);
    });
  const insert = () =>
    task.run(async () => {
      if (!workspace || !framework || !party || !usableCycle) return;
      setDone(undefined);
      const result = await workspace.insertSpec(spec());
      setDone({ kind: "inserted", result, ...carried });
      await workspace.saveChoices({ framework: framework.id, party: party.code, cycle: usableCycle, round });
    });
  // Excel for Mac and iPad drop downloads from the pane: there the template opens as a new workbook.
  const canDownload = workspace?.canDownload ?? true;
  const download = () =>
    task.run(async () => {
      if (!framework || !party || !usableCycle) return;
      setDone(undefined);
      const fileName = templateFileName(framework, party, usableCycle, round);
      files.save(await files.templateBytes(spec()), fileName);
      setDone({ kind: "downloaded", fileName, ...carried });
    });
  // One file per chosen party, each saying (where the list was edited) that the list is the user's.
  const downloadSeveral = () =>
    task.run(async () => {
      if (!framework || !chosenRun || !usableCycle) return;
      setDone(undefined);
      const names: string[] = [];
      for (const p of chosenRun.parties) {
        const fileName = templateFileName(framework, p, usableCycle, round);
        files.save(await files.templateBytes(buildTemplate({ framework, party: p, cycle: usableCycle, round, ...(isEdited(chosenRun) ? { parties: chosenRun } : {}) })), fileName);
        names.push(fileName);
      }
      setDone({ kind: "downloaded", fileName: names.join(", ") });
    });
  const open = () =>
    task.run(async () => {
      if (!workspace || !framework || !party || !usableCycle) return;
      setDone(undefined);
      const fileName = templateFileName(framework, party, usableCycle, round);
      await workspace.openWorkbook(await files.templateBytes(spec()), fileName);
      setDone({ kind: "opened", fileName, ...carried });
    });

  return (
    <form className={styles.form} aria-label="Generate a template" onSubmit={(e) => e.preventDefault()}>
      <Field label="Framework" required>
        <Dropdown
          value={framework?.title ?? ""}
          selectedOptions={framework ? [framework.id] : []}
          onOptionSelect={(_, d) => {
            const fw = catalogue.findFramework(d.optionValue ?? "");
            setDone(undefined);
            setFramework(fw);
            // A new list: every party of it chosen again.
            setChosenCodes(new Set(fw ? catalogue.partiesOf(fw).map((p) => p.code) : []));
            // Party lists differ between frameworks: keep the party only where it still belongs.
            const p = fw && party ? catalogue.findParty(fw, party.code) : undefined;
            setParty(p);
            keepFitting(fw, p);
          }}
        >
          {frameworks.map((fw) => (
            <Option key={fw.id} value={fw.id} text={fw.title}>
              {fw.title}
            </Option>
          ))}
        </Dropdown>
      </Field>
      <Field label="Templates for">
        <RadioGroup
          value={several ? "several" : "one"}
          onChange={(_, d) => {
            setDone(undefined);
            setSeveral(d.value === "several");
          }}
        >
          <Radio value="one" label="One party" />
          <Radio value="several" label="Several parties (a file each)" />
        </RadioGroup>
      </Field>
      {framework && !several ? <PartyPicker parties={catalogue.partiesOf(framework)} selected={party} onSelect={changeParty} /> : null}
      {framework && several ? (
        <PartyChecklist
          parties={catalogue.partiesOf(framework)}
          chosen={chosenCodes}
          onChange={(next) => {
            setDone(undefined);
            setChosenCodes(next);
          }}
          note={chosenRun ? runPartiesNote(chosenRun) : undefined}
          problem={partyRun && "problem" in partyRun ? partyRun.problem : undefined}
        />
      ) : null}
      <Field
        label="Reporting cycle"
        required
        hint={cycleProblem ? undefined : `${CYCLE_RULE.charAt(0).toUpperCase()}${CYCLE_RULE.slice(1)}.`}
        {...(cycleProblem ? { validationMessage: cycleProblem } : outsidePeriod ? { validationMessage: outsidePeriod, validationState: "warning" as const } : {})}
      >
        <Input
          value={cycle}
          onChange={(_, d) => {
            setDone(undefined);
            setCycle(d.value);
          }}
        />
      </Field>
      <Field label="Round">
        <RadioGroup
          value={round}
          onChange={(_, d) => {
            setDone(undefined);
            setRound(d.value === "update" ? "update" : "initial");
          }}
        >
          {(framework?.rounds ?? []).map((r) => (
            <Radio key={r.id} value={r.id} label={framework && r.due ? `${r.label} (due ${(usableCycle && dueText(framework, usableCycle, r.id)) || r.due.text})` : r.label} />
          ))}
        </RadioGroup>
      </Field>
      {several ? null : (
        <PreviousReturnPicker
          on={fromPrevious}
          onToggle={(on) => {
            setFromPrevious(on);
            forget();
          }}
          busy={task.busy}
          choice={choice}
          preview={preview}
          cleared={cleared}
          onFile={(file) => void chooseFile(file)}
          onClear={forget}
          {...(workspace ? { inWorkbook: { found: inWorkbook, onFind: () => void findInWorkbook(), onChoose: (f: ReturnInWorkbook) => void chooseInWorkbook(f) } } : {})}
        />
      )}
      <div className={styles.buttons}>
        {several ? (
          canDownload ? (
            <Button appearance="primary" disabled={!readyForSeveral || task.busy} onClick={() => void downloadSeveral()}>
              {`Download ${chosenRun ? chosenRun.parties.length : 0} templates (.xlsx)`}
            </Button>
          ) : (
            // Excel for Mac and iPad drop downloads, and fifty new windows help no one: said, not attempted.
            <Body1>Several templates are downloaded as files, which this Excel does not allow from the pane: make them one party at a time, or with the command line (generate --all-parties --parties …).</Body1>
          )
        ) : null}
        {several ? null : workspace ? (
          <Button appearance="primary" disabled={!ready || task.busy} onClick={() => void insert()}>
            Insert template into this workbook
          </Button>
        ) : null}
        {several ? null : canDownload ? (
          <Button appearance={workspace ? "secondary" : "primary"} disabled={!ready || task.busy} onClick={() => void download()}>
            Download template (.xlsx)
          </Button>
        ) : (
          <Button disabled={!ready || task.busy} onClick={() => void open()}>
            Open as a new workbook
          </Button>
        )}
        {task.busy ? <Spinner size="tiny" label="Working…" /> : null}
      </div>
      {task.error ? <ErrorBar error={task.error} onDismiss={task.clearError} /> : null}
      {done ? <DoneBar done={done} notesClass={styles.notes} /> : null}
    </form>
  );
}

function DoneBar({ done, notesClass }: { readonly done: Done; readonly notesClass: string }) {
  const notes = [...(done.carried ? [done.carried] : []), ...(done.kind === "inserted" ? done.result.notes : [])];
  return (
    <MessageBar intent="success" layout="multiline" role="status">
      <MessageBarBody>
        <MessageBarTitle>{done.kind === "inserted" ? "Template inserted" : HANDED_OVER_TITLE[done.kind]}</MessageBarTitle>
        {done.kind === "inserted" ? done.result.sheets.map((s) => s.actual).join(", ") : handedOverText(done.kind, done.fileName)}
        {notes.length > 0 ? (
          <ul className={notesClass}>
            {notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        ) : null}
      </MessageBarBody>
    </MessageBar>
  );
}
