import { Button, Caption1, makeStyles, mergeClasses, tokens, useId } from "@fluentui/react-components";
import { useRef, useState, type DragEvent } from "react";

/**
 * Choose or drop returned workbooks. Anything spreadsheet-like is accepted: the reader then refuses
 * a legacy .xls or a macro workbook with its code, which tells the user more than a greyed-out file.
 */
const ACCEPT = ".xlsx,.xlsm,.xlsb,.xls,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

const useStyles = makeStyles({
  zone: {
    display: "flex",
    flexDirection: "column",
    alignItems: "flex-start",
    rowGap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
  },
  over: {
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`,
    backgroundColor: tokens.colorBrandBackground2,
  },
});

export interface FilePickerProps {
  /** The button's text, e.g. "Choose returns…". */
  readonly label: string;
  readonly multiple: boolean;
  readonly disabled?: boolean;
  readonly onFiles: (files: File[]) => void;
}

export function FilePicker({ label, multiple, disabled = false, onFiles }: FilePickerProps) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId("file-hint");
  const [over, setOver] = useState(false);

  const take = (list: FileList | null): void => {
    const files = Array.from(list ?? []);
    if (files.length > 0 && !disabled) onFiles(multiple ? files : files.slice(0, 1));
  };
  const onDragOver = (e: DragEvent<HTMLDivElement>): void => {
    // Without preventDefault the browser would open the dropped file instead.
    e.preventDefault();
    if (!disabled) setOver(true);
  };
  const onDrop = (e: DragEvent<HTMLDivElement>): void => {
    e.preventDefault();
    setOver(false);
    take(e.dataTransfer.files);
  };

  return (
    <div
      role="group"
      aria-label={label}
      aria-describedby={hintId}
      data-testid="drop-zone"
      className={mergeClasses(styles.zone, over && styles.over)}
      onDragOver={onDragOver}
      onDragLeave={() => setOver(false)}
      onDrop={onDrop}
    >
      <Caption1 id={hintId}>{multiple ? "Drop .xlsx files here, or" : "Drop an .xlsx file here, or"}</Caption1>
      <Button disabled={disabled} onClick={() => input.current?.click()}>
        {label}
      </Button>
      <input
        ref={input}
        type="file"
        accept={ACCEPT}
        multiple={multiple}
        hidden
        tabIndex={-1}
        aria-label={label}
        onChange={(e) => {
          take(e.target.files);
          // Reset, so choosing the same file again (after fixing it) fires a change.
          e.target.value = "";
        }}
      />
    </div>
  );
}
