import { Button, Caption1, Field, Input, makeStyles, tokens } from "@fluentui/react-components";
import { useState } from "react";

const useStyles = makeStyles({
  chosen: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
  dated: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS, overflowWrap: "anywhere" },
  // Name and date side by side where there is room, the date under the name at 320 px.
  file: {
    display: "flex",
    flexWrap: "wrap",
    alignItems: "center",
    columnGap: tokens.spacingHorizontalS,
    rowGap: tokens.spacingVerticalXXS,
    justifyContent: "space-between",
    "& > .fui-Field__validationMessage": { flexBasis: "100%" },
  },
  name: { minWidth: 0, flexGrow: 1, flexBasis: "8rem" },
  date: { width: "10.5rem", maxWidth: "100%" },
  hidden: {
    position: "absolute",
    width: "1px",
    height: "1px",
    margin: "-1px",
    padding: 0,
    overflow: "hidden",
    clipPath: "inset(50%)",
    whiteSpace: "nowrap",
    border: 0,
  },
  buttons: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalS },
});

/** A pane is narrow: name the first few files; the register (or the comparison) lists them all afterwards. */
const LISTED_FILES = 5;

/** One chosen file, as the lists and the received days know it (the same file chosen twice is one). */
export const fileKey = (f: File): string => `${f.name}\u0000${f.size}\u0000${f.lastModified}`;

/** Per file, the day it counts as received, editable: the Consolidate tab's returns. */
export interface ReceivedDays {
  /** The day shown for a file, "YYYY-MM-DD" ("" while the user has cleared it). */
  readonly dayOf: (file: File) => string;
  /** Why the day shown cannot be used, if it cannot. */
  readonly errorOf: (file: File) => string | undefined;
  readonly onChange: (file: File, day: string) => void;
  /** Under the count: what the days are, e.g. "Received (UTC): by default each file's date". */
  readonly hint: string;
}

export interface ChosenFilesProps {
  readonly files: readonly File[];
  /** What the files are, in the count: "file" gives "2 files chosen", "earlier-cycle file" "1 earlier-cycle file chosen". */
  readonly noun: string;
  /** The list's accessible name, e.g. "Chosen files". */
  readonly label: string;
  /** The button emptying the list, e.g. "Remove all". */
  readonly removeLabel: string;
  readonly disabled: boolean;
  readonly onRemove: () => void;
  /** Given: every file gets a date input (the first few, the others on request). */
  readonly received?: ReceivedDays;
}

/** The files chosen so far for one of the Consolidate tab's pickers, and a button to start again. */
export function ChosenFiles({ files, noun, label, removeLabel, disabled, onRemove, received }: ChosenFilesProps) {
  const styles = useStyles();
  const [all, setAll] = useState(false);
  if (files.length === 0) return null;
  // A day that cannot be used is never hidden behind "Show all".
  const hiddenError = received !== undefined && !all && files.slice(LISTED_FILES).some((f) => received.errorOf(f) !== undefined);
  const shown = all || hiddenError ? files : files.slice(0, LISTED_FILES);
  const more = files.length - shown.length;
  return (
    <div>
      <Caption1 block>
        {files.length} {files.length === 1 ? noun : `${noun}s`} chosen
      </Caption1>
      {received ? (
        <>
          <Caption1 block>{received.hint}</Caption1>
          <ul className={styles.dated} aria-label={label}>
            {shown.map((f) => (
              <li key={fileKey(f)}>
                <DatedFile file={f} received={received} disabled={disabled} />
              </li>
            ))}
          </ul>
        </>
      ) : (
        <ul className={styles.chosen} aria-label={label}>
          {shown.map((f) => (
            <li key={fileKey(f)}>{f.name}</li>
          ))}
        </ul>
      )}
      {more > 0 && !received ? <Caption1>and {more} more</Caption1> : null}
      <div className={styles.buttons}>
        {received && files.length > LISTED_FILES && !hiddenError ? (
          <Button size="small" appearance="subtle" aria-expanded={all} onClick={() => setAll((a) => !a)}>
            {all ? `Show the first ${LISTED_FILES} only` : `Show all ${files.length} with their dates`}
          </Button>
        ) : null}
        <Button size="small" appearance="subtle" disabled={disabled} onClick={onRemove}>
          {removeLabel}
        </Button>
      </div>
    </div>
  );
}

/** A file's name and the day it counts as received: the name is the field's label ("Received: AT.xlsx" to a screen reader). */
function DatedFile({ file, received, disabled }: { readonly file: File; readonly received: ReceivedDays; readonly disabled: boolean }) {
  const styles = useStyles();
  const error = received.errorOf(file);
  return (
    <Field
      className={styles.file}
      size="small"
      label={{
        className: styles.name,
        children: (
          <>
            <span className={styles.hidden}>Received: </span>
            {file.name}
          </>
        ),
      }}
      {...(error ? { validationMessage: error, validationState: "error" as const } : {})}
    >
      <Input className={styles.date} size="small" type="date" value={received.dayOf(file)} disabled={disabled} onChange={(_, d) => received.onChange(file, d.value)} />
    </Field>
  );
}

/** Adds files not chosen yet: the same file dropped twice would count twice. */
export function withoutRepeats(now: readonly File[], more: readonly File[]): File[] {
  return [...now, ...more.filter((f) => !now.some((n) => fileKey(n) === fileKey(f)))];
}
