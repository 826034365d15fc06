import { Badge, Body1, Caption1, ProgressBar, Text, makeStyles, tokens } from "@fluentui/react-components";
import { REVIEW_COLUMNS, type ProgressReport, type ReviewCount, type UnitProgress } from "../../core/collaboration/progress";

const useStyles = makeStyles({
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalM },
  unit: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  counts: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalXS, rowGap: tokens.spacingVerticalXS },
  total: { paddingBottom: tokens.spacingVerticalS, borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}` },
});

const REVIEW_BADGE: Readonly<Record<ReviewCount, "informative" | "warning" | "success" | "subtle">> = {
  draft: "informative",
  "ready for review": "warning",
  approved: "success",
  "not set": "subtle",
};

/** A pane is narrow: one block per unit (bar + review counts) reads better than a seven-column table. */
export function ProgressReportView({ report }: { readonly report: ProgressReport }) {
  const styles = useStyles();
  if (report.sheets.length === 0) return <Body1>No template sheet found: insert a template first (Generate).</Body1>;
  return (
    <div>
      <div className={styles.total}>
        <UnitBlock progress={report.total} title={`All units — ${report.sheets.length} template sheet${report.sheets.length === 1 ? "" : "s"}`} />
      </div>
      <ul className={styles.list} aria-label="Progress per responsible unit">
        {report.units.map((u) => (
          <li key={u.unit || "(none)"}>
            <UnitBlock progress={u} title={u.unit || "No unit assigned"} />
          </li>
        ))}
      </ul>
    </div>
  );
}

function UnitBlock({ progress, title }: { readonly progress: UnitProgress; readonly title: string }) {
  const styles = useStyles();
  const filled = `${progress.filled} of ${progress.items} item rows filled`;
  return (
    <div className={styles.unit}>
      <Text weight="semibold">{title}</Text>
      <ProgressBar value={progress.items ? progress.filled / progress.items : 0} thickness="large" aria-label={`${title}: ${filled}`} />
      <Caption1>{filled}</Caption1>
      <div className={styles.counts} aria-label={`${title}: review states`}>
        {REVIEW_COLUMNS.map((state) => (
          <Badge key={state} appearance="tint" color={REVIEW_BADGE[state]}>
            {state}: {progress.review[state]}
          </Badge>
        ))}
      </div>
    </div>
  );
}
