import { Button, Caption1, makeStyles, tokens } from "@fluentui/react-components";

const useStyles = makeStyles({
  chosen: { margin: 0, paddingLeft: tokens.spacingHorizontalL, overflowWrap: "anywhere" },
});

/** A pane is narrow: name the first few files; the register (or the comparison) lists them all afterwards. */
const LISTED_FILES = 5;

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
}

/** The files chosen so far for one of the Consolidate tab's pickers, and a button to start again. */
export function ChosenFiles({ files, noun, label, removeLabel, disabled, onRemove }: ChosenFilesProps) {
  const styles = useStyles();
  if (files.length === 0) return null;
  return (
    <div>
      <Caption1>
        {files.length} {files.length === 1 ? noun : `${noun}s`} chosen
      </Caption1>
      <ul className={styles.chosen} aria-label={label}>
        {files.slice(0, LISTED_FILES).map((f) => (
          <li key={`${f.name}-${f.size}-${f.lastModified}`}>{f.name}</li>
        ))}
      </ul>
      {files.length > LISTED_FILES ? <Caption1>and {files.length - LISTED_FILES} more</Caption1> : null}
      <Button size="small" appearance="subtle" disabled={disabled} onClick={onRemove}>
        {removeLabel}
      </Button>
    </div>
  );
}

/** Adds files not chosen yet: the same file dropped twice would count twice. */
export function withoutRepeats(now: readonly File[], more: readonly File[]): File[] {
  const key = (f: File): string => `${f.name}\u0000${f.size}\u0000${f.lastModified}`;
  return [...now, ...more.filter((f) => !now.some((n) => key(n) === key(f)))];
}
