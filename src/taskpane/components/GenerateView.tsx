import {
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
import { useEffect, useState } from "react";
import type { Catalogue } from "../../core/catalogue/catalogue";
import type { Framework, Party } from "../../core/catalogue/schema";
import { dueText } from "../../core/catalogue/timetable";
import { buildTemplate, type Round } from "../../core/template/builder";
import type { ExcelWorkspace, InsertResult } from "../../excel/workspace";
import type { FileActions } from "../files/file-actions";
import { templateFileName } from "../../core/template/file-name";
import { ErrorBar } from "./ErrorBar";
import { PartyPicker } from "./PartyPicker";
import { useTask } from "./use-task";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  buttons: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
  notes: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

export interface GenerateViewProps {
  readonly catalogue: Catalogue;
  /** Present inside Excel: the template goes into the open workbook. */
  readonly workspace?: ExcelWorkspace;
  readonly files: FileActions;
  readonly today: () => Date;
}

type Done = { readonly kind: "inserted"; readonly result: InsertResult } | { readonly kind: "downloaded"; readonly fileName: string };

export function GenerateView({ catalogue, workspace, files, today }: GenerateViewProps) {
  const styles = useStyles();
  const task = useTask();
  const { run } = task;
  const frameworks = catalogue.frameworks;
  const [framework, setFramework] = useState<Framework | undefined>(frameworks[0]);
  const [party, setParty] = useState<Party>();
  const [cycle, setCycle] = useState(() => String(today().getFullYear()));
  const [round, setRound] = useState<Round>("initial");
  const [done, setDone] = useState<Done>();
  // A result belongs to the form that produced it: changing the form clears it.
  const changeParty = (p: Party | undefined): void => {
    setDone(undefined);
    setParty(p);
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
  const ready = framework !== undefined && party !== undefined && cycleText !== "";

  const spec = () => {
    if (!framework || !party) throw new Error("framework and party are required");
    return buildTemplate({ framework, party, cycle: cycleText, round });
  };
  const insert = () =>
    task.run(async () => {
      if (!workspace || !framework || !party) return;
      setDone(undefined);
      const result = await workspace.insertSpec(spec());
      setDone({ kind: "inserted", result });
      await workspace.saveChoices({ framework: framework.id, party: party.code, cycle: cycleText, round });
    });
  const download = () =>
    task.run(async () => {
      if (!framework || !party) return;
      setDone(undefined);
      const fileName = templateFileName(framework, party, cycleText, round);
      files.save(await files.templateBytes(spec()), fileName);
      setDone({ kind: "downloaded", fileName });
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
            // Party lists differ between frameworks: keep the party only where it still belongs.
            setParty((p) => (fw && p ? catalogue.findParty(fw, p.code) : undefined));
          }}
        >
          {frameworks.map((fw) => (
            <Option key={fw.id} value={fw.id} text={fw.title}>
              {fw.title}
            </Option>
          ))}
        </Dropdown>
      </Field>
      {framework ? <PartyPicker parties={catalogue.partiesOf(framework)} selected={party} onSelect={changeParty} /> : null}
      <Field label="Reporting cycle" required validationMessage={cycleText ? undefined : "Enter the reporting cycle, e.g. the year."}>
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
            <Radio key={r.id} value={r.id} label={framework && r.due ? `${r.label} (due ${dueText(framework, cycleText, r.id) ?? r.due.text})` : r.label} />
          ))}
        </RadioGroup>
      </Field>
      <div className={styles.buttons}>
        {workspace ? (
          <Button appearance="primary" disabled={!ready || task.busy} onClick={() => void insert()}>
            Insert template into this workbook
          </Button>
        ) : null}
        <Button appearance={workspace ? "secondary" : "primary"} disabled={!ready || task.busy} onClick={() => void download()}>
          Download template (.xlsx)
        </Button>
        {task.busy ? <Spinner size="tiny" label="Working…" /> : null}
      </div>
      {task.error ? <ErrorBar error={task.error} onDismiss={task.clearError} /> : null}
      {done ? <DoneBar done={done} notesClass={styles.notes} /> : null}
    </form>
  );
}

function DoneBar({ done, notesClass }: { readonly done: Done; readonly notesClass: string }) {
  if (done.kind === "downloaded") {
    return (
      <MessageBar intent="success" layout="multiline" role="status">
        <MessageBarBody>
          <MessageBarTitle>Template downloaded</MessageBarTitle>
          {done.fileName}
        </MessageBarBody>
      </MessageBar>
    );
  }
  const { sheets, notes } = done.result;
  return (
    <MessageBar intent="success" layout="multiline" role="status">
      <MessageBarBody>
        <MessageBarTitle>Template inserted</MessageBarTitle>
        {sheets.map((s) => s.actual).join(", ")}
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
