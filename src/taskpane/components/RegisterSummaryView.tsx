import { Badge, Body1, Caption1, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { RegisterRow, RegisterStatus } from "../../core/consolidation/register";
import type { RegisterSummary } from "../consolidate/protocol";

const useStyles = makeStyles({
  counts: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalXS, rowGap: tokens.spacingVerticalXS },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  row: { display: "flex", flexDirection: "column", overflowWrap: "anywhere" },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

const STATUSES: readonly RegisterStatus[] = ["accepted", "accepted with errors", "superseded", "rejected"];
const COLOUR: Readonly<Record<RegisterStatus, "success" | "warning" | "informative" | "danger">> = {
  accepted: "success",
  "accepted with errors": "warning",
  superseded: "informative",
  rejected: "danger",
};

/** The register as the CLI summarises it: counts per status, every input with its fate, missing parties. */
export function RegisterSummaryView({ summary }: { readonly summary: RegisterSummary }) {
  const styles = useStyles();
  const late = summary.rows.filter((r) => r.late).length;
  return (
    <section aria-label="Register of returns">
      <Subtitle2 as="h3">Register</Subtitle2>
      <div className={styles.counts} role="status">
        {STATUSES.map((s) => (
          <Badge key={s} appearance="tint" color={COLOUR[s]}>
            {s}: {summary.rows.filter((r) => r.status === s).length}
          </Badge>
        ))}
        {late > 0 ? (
          <Badge appearance="tint" color="severe">
            late: {late}
          </Badge>
        ) : null}
      </div>
      <ul className={styles.list} aria-label="Inputs">
        {summary.rows.map((r, i) => (
          <li key={`${r.file}-${r.sheet}-${i}`} className={styles.row}>
            <RowLine row={r} codeClass={styles.code} />
          </li>
        ))}
      </ul>
      {summary.missing.map((m) => (
        <Body1 key={`${m.framework}-${m.cycle}`} block>
          <Text weight="semibold">
            Missing for {m.framework} {m.cycle}:
          </Text>{" "}
          {m.parties.length ? m.parties.map((p) => `${p.name} (${p.code})`).join(", ") : "none — every party has a contribution"}
        </Body1>
      ))}
    </section>
  );
}

function RowLine({ row: r, codeClass }: { readonly row: RegisterRow; readonly codeClass: string }) {
  const what = r.sheet ? `${r.file} › ${r.sheet}` : r.file;
  const who = [r.partyName && `${r.partyName} (${r.party})`, r.framework, r.cycle, r.round].filter(Boolean).join(", ");
  return (
    <>
      <Text>
        <Badge appearance="outline" color={COLOUR[r.status]} size="small">
          {r.status}
        </Badge>{" "}
        {what}
      </Text>
      {who ? <Caption1>{who}</Caption1> : null}
      {r.status === "accepted with errors" || r.warnings > 0 ? (
        <Caption1>
          {r.errors} error(s), {r.warnings} warning(s)
        </Caption1>
      ) : null}
      {r.supersededBy ? <Caption1>superseded by {r.supersededBy}</Caption1> : null}
      {r.reason ? (
        <Caption1>
          <span className={codeClass}>{r.reason.code}</span> {r.reason.message}
        </Caption1>
      ) : null}
      {r.late ? <Caption1>late against the deadline</Caption1> : null}
    </>
  );
}
