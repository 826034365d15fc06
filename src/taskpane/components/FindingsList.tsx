import {
  Badge,
  Body1,
  Button,
  Caption1,
  Subtitle2,
  Text,
  createFocusOutlineStyle,
  makeStyles,
  tokens,
  type BadgeProps,
} from "@fluentui/react-components";
import { useState } from "react";
import type { Finding } from "../../core/validation/finding";
import { AcknowledgeForm } from "./AcknowledgeForm";
import { groupFindings, type FindingGroupKind } from "./group-findings";

const useStyles = makeStyles({
  sheet: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS, marginTop: tokens.spacingVerticalS },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  item: {
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorNeutralStroke2}`,
    paddingLeft: tokens.spacingHorizontalS,
  },
  error: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  warning: { borderLeftColor: tokens.colorPaletteDarkOrangeBorder2 },
  accepted: { borderLeftColor: tokens.colorPaletteGreenBorder2 },
  info: { borderLeftColor: tokens.colorNeutralStroke1 },
  go: {
    display: "block",
    width: "100%",
    textAlign: "left",
    background: "none",
    border: "none",
    padding: tokens.spacingVerticalXXS,
    color: "inherit",
    font: "inherit",
    cursor: "pointer",
    borderRadius: tokens.borderRadiusMedium,
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover },
    ...createFocusOutlineStyle(),
  },
  static: { padding: tokens.spacingVerticalXXS },
  line: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: tokens.spacingHorizontalS },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  message: { display: "block", overflowWrap: "anywhere" },
});

const LABEL: Readonly<Record<FindingGroupKind, string>> = { error: "Error", warning: "Warning", accepted: "Accepted", info: "Info" };
const GROUP_TITLE: Readonly<Record<FindingGroupKind, string>> = { error: "Errors", warning: "Warnings", accepted: "Accepted warnings", info: "Information" };
const BADGE: Readonly<Record<FindingGroupKind, BadgeProps["color"]>> = { error: "danger", warning: "warning", accepted: "success", info: "informative" };

export interface FindingsListProps {
  readonly findings: readonly Finding[];
  /** In Excel: go to the finding's cell. Absent for files (there is no sheet to go to). */
  readonly onSelect?: (finding: Finding) => void;
  /** In Excel: accept a warning with a justification. */
  readonly onAcknowledge?: (finding: Finding, justification: string, by: string) => void;
  readonly busy?: boolean;
}

export function FindingsList({ findings, onSelect, onAcknowledge, busy = false }: FindingsListProps) {
  const styles = useStyles();
  return (
    <div>
      {groupFindings(findings).map(({ sheet, groups }) => (
        <section key={sheet} className={styles.sheet} aria-label={sheet ? `Sheet ${sheet}` : "Workbook"}>
          <Subtitle2 as="h3">{sheet ? `Sheet “${sheet}”` : "Workbook"}</Subtitle2>
          {groups.map(({ kind, findings: list }) => (
            <div key={kind}>
              <Text as="h4" weight="semibold" size={200}>
                {GROUP_TITLE[kind]} ({list.length})
              </Text>
              <ul className={styles.list} aria-label={`${GROUP_TITLE[kind]} on ${sheet || "the workbook"}`}>
                {list.map((f, i) => (
                  <li key={`${f.code}-${f.cell ?? ""}-${i}`} className={`${styles.item} ${styles[kind]}`}>
                    <FindingItem finding={f} kind={kind} busy={busy} onSelect={onSelect} onAcknowledge={onAcknowledge} />
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </section>
      ))}
    </div>
  );
}

interface FindingItemProps {
  readonly finding: Finding;
  readonly kind: FindingGroupKind;
  readonly busy: boolean;
  readonly onSelect: FindingsListProps["onSelect"];
  readonly onAcknowledge: FindingsListProps["onAcknowledge"];
}

function FindingItem({ finding: f, kind, busy, onSelect, onAcknowledge }: FindingItemProps) {
  const styles = useStyles();
  const [accepting, setAccepting] = useState(false);
  const body = (
    <>
      <span className={styles.line}>
        <Badge appearance="tint" color={BADGE[kind]}>
          {LABEL[kind]}
        </Badge>
        <span className={styles.code}>{f.code}</span>
        {f.cell ? <Text weight="semibold">{f.cell}</Text> : null}
        {f.ref ? <Text>[{f.ref}]</Text> : null}
      </span>
      <Body1 className={styles.message}>{f.message}</Body1>
    </>
  );
  // A finding with a cell is a button that selects the cell; the whole entry is the target.
  const canSelect = onSelect !== undefined && f.cell !== undefined;
  const canAccept = onAcknowledge !== undefined && kind === "warning" && f.cell !== undefined;
  return (
    <>
      {canSelect ? (
        <button type="button" className={styles.go} title={`Go to ${f.cell} on ${f.sheet}`} onClick={() => onSelect(f)}>
          {body}
        </button>
      ) : (
        <div className={styles.static}>{body}</div>
      )}
      {f.suggestion ? <Caption1 block>Suggestion: {f.suggestion}</Caption1> : null}
      {f.acknowledged ? <Caption1 block>Justification: {f.acknowledged.justification}</Caption1> : null}
      {canAccept && !accepting ? (
        <Button size="small" appearance="subtle" onClick={() => setAccepting(true)}>
          Accept with justification…
        </Button>
      ) : null}
      {canAccept && accepting ? (
        <AcknowledgeForm
          finding={f}
          busy={busy}
          onCancel={() => setAccepting(false)}
          onAccept={(justification, by) => {
            setAccepting(false);
            onAcknowledge(f, justification, by);
          }}
        />
      ) : null}
    </>
  );
}
