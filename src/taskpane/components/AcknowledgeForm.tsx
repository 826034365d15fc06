import { Button, Field, Input, Textarea, makeStyles, tokens } from "@fluentui/react-components";
import { useState, type FormEvent } from "react";
import type { Finding } from "../../core/validation/finding";

const useStyles = makeStyles({
  form: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalS },
  buttons: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS },
});

export interface AcknowledgeFormProps {
  readonly finding: Finding;
  /** Accepting a whole group of `finding`'s code at once: how many warnings the one justification covers. */
  readonly count?: number;
  readonly busy: boolean;
  readonly onAccept: (justification: string, by: string) => void;
  readonly onCancel: () => void;
}

/** A warning is accepted only with a reason: it is stored in the workbook for the Commission to read. */
export function AcknowledgeForm({ finding, count, busy, onAccept, onCancel }: AcknowledgeFormProps) {
  const styles = useStyles();
  const [justification, setJustification] = useState("");
  const [by, setBy] = useState("");
  const submit = (e: FormEvent): void => {
    e.preventDefault();
    if (justification.trim()) onAccept(justification.trim(), by.trim());
  };
  const many = count !== undefined;
  return (
    <form className={styles.form} onSubmit={submit} aria-label={many ? `Accept all ${count} warnings ${finding.code}` : `Accept warning ${finding.code}`}>
      <Field
        label={many ? `Justification for accepting all ${count} ${finding.code} warnings (the same for each)` : `Justification for accepting ${finding.code} at ${finding.cell ?? ""}`}
        required
      >
        <Textarea value={justification} resize="vertical" onChange={(_, d) => setJustification(d.value)} />
      </Field>
      <Field label="Accepted by (name or unit, optional)">
        <Input value={by} onChange={(_, d) => setBy(d.value)} />
      </Field>
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary" disabled={busy || justification.trim() === ""}>
          {many ? `Accept ${count} warnings` : "Accept warning"}
        </Button>
        <Button onClick={onCancel}>Cancel</Button>
      </div>
    </form>
  );
}
