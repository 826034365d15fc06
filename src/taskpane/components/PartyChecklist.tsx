import { Caption1, Checkbox, Label, makeStyles, tokens, useId } from "@fluentui/react-components";
import type { Party } from "../../core/catalogue/schema";

const useStyles = makeStyles({
  // Fifty parties in a 320 px pane: the list scrolls, the "all" box stays above it.
  group: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
  problem: { color: tokens.colorPaletteRedForeground1 },
  list: { display: "flex", flexDirection: "column", maxHeight: "14rem", overflowY: "auto", border: `1px solid ${tokens.colorNeutralStroke2}`, paddingLeft: tokens.spacingHorizontalXS },
});

export interface PartyChecklistProps {
  /** The framework's list, in its order. */
  readonly parties: readonly Party[];
  /** The codes ticked. */
  readonly chosen: ReadonlySet<string>;
  readonly onChange: (chosen: ReadonlySet<string>) => void;
  /** What the run's list is (core's runPartiesNote), or why it cannot be used: shown under the list. */
  readonly note?: string | undefined;
  readonly problem?: string | undefined;
}

/**
 * Which parties of the framework's list a run is for: every party ticked to begin with, one box to
 * tick or clear them all. The note below says whose list it is (core's words, as the templates print them).
 */
export function PartyChecklist({ parties, chosen, onChange, note, problem }: PartyChecklistProps) {
  const styles = useStyles();
  const labelId = useId("parties-label");
  const noteId = useId("parties-note");
  const ticked = parties.filter((p) => chosen.has(p.code)).length;
  const all = ticked === parties.length ? true : ticked === 0 ? false : "mixed";
  const toggle = (code: string, on: boolean): void => {
    const next = new Set(chosen);
    if (on) next.add(code);
    else next.delete(code);
    onChange(next);
  };
  // Not a Field: a Field labels every checkbox inside it with its own label, and each box needs its party's name.
  const words = problem ?? note;
  return (
    <div className={styles.group} role="group" aria-labelledby={labelId} {...(words ? { "aria-describedby": noteId } : {})}>
      <Label id={labelId} required>
        {`Parties (${ticked} of ${parties.length})`}
      </Label>
      <Checkbox label="All parties of the list" checked={all} onChange={(_, d) => onChange(new Set(d.checked === true ? parties.map((p) => p.code) : []))} />
      <div className={styles.list}>
        {parties.map((p) => (
          <Checkbox key={p.code} label={`${p.name} (${p.code})`} checked={chosen.has(p.code)} onChange={(_, d) => toggle(p.code, d.checked === true)} />
        ))}
      </div>
      {words ? (
        <Caption1 id={noteId} className={problem ? styles.problem : undefined} {...(problem ? { role: "alert" } : {})}>
          {words}
        </Caption1>
      ) : null}
    </div>
  );
}
