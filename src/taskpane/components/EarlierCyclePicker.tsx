import { Caption1, Switch, makeStyles, tokens } from "@fluentui/react-components";
import { ChosenFiles } from "./ChosenFiles";
import { FilePicker } from "./FilePicker";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
});

/** The picker's button: also the name tests and the user guide use. */
export const EARLIER_FILES_LABEL = "Choose earlier-cycle files…";

export interface EarlierCyclePickerProps {
  readonly on: boolean;
  readonly onToggle: (on: boolean) => void;
  readonly files: readonly File[];
  readonly disabled: boolean;
  readonly onFiles: (files: File[]) => void;
  readonly onRemove: () => void;
}

/**
 * "Compare with an earlier cycle": last cycle's returns and/or its combined report, as
 * `consolidate --previous` takes them. Off, the Consolidate form is as it always was.
 */
export function EarlierCyclePicker({ on, onToggle, files, disabled, onFiles, onRemove }: EarlierCyclePickerProps) {
  const styles = useStyles();
  return (
    <div className={styles.section}>
      <Switch label="Compare with an earlier cycle" checked={on} disabled={disabled} onChange={(_, d) => onToggle(d.checked)} />
      {on ? (
        <>
          <Caption1>
            Last cycle&apos;s returns, or its combined report (internal edition), or both. Both editions then get a “changes” sheet per framework (what is new,
            changed or no longer reported, item by item and party by party), a trend per area on the coverage sheet and the status moves.
          </Caption1>
          <FilePicker label={EARLIER_FILES_LABEL} multiple disabled={disabled} onFiles={onFiles} />
          <ChosenFiles files={files} noun="earlier-cycle file" label="Earlier-cycle files" removeLabel="Remove earlier-cycle files" disabled={disabled} onRemove={onRemove} />
        </>
      ) : null}
    </div>
  );
}
