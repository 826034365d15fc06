import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Body1,
  Caption1,
  Subtitle2,
  Text,
  makeStyles,
  tokens,
} from "@fluentui/react-components";
import type { RegisterRow, RegisterStatus } from "../../core/consolidation/register";
import type { RegisterSummary } from "../consolidate/protocol";
import { count } from "../../core/wording";

const useStyles = makeStyles({
  counts: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalXS, rowGap: tokens.spacingVerticalXS, marginBottom: tokens.spacingVerticalS },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  row: { display: "flex", flexDirection: "column", overflowWrap: "anywhere" },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  missing: { marginTop: tokens.spacingVerticalS },
});

const STATUSES: readonly RegisterStatus[] = ["accepted", "accepted with errors", "superseded", "rejected"];
const COLOUR: Readonly<Record<RegisterStatus, "success" | "warning" | "informative" | "danger">> = {
  accepted: "success",
  "accepted with errors": "warning",
  superseded: "informative",
  rejected: "danger",
};

/**
 * The register as the CLI summarises it: counts per status, then what needs a decision (rejected,
 * accepted with errors, superseded, late), the missing parties, and every input on request.
 */
export function RegisterSummaryView({ summary }: { readonly summary: RegisterSummary }) {
  const styles = useStyles();
  const late = summary.rows.filter((r) => r.late).length;
  const attention = summary.rows.filter((r) => r.status !== "accepted" || r.late || (r.dissemination !== "" && !r.dissemination.startsWith("yes")));
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
      {attention.length > 0 ? (
        <>
          <Text as="h4" weight="semibold" size={200}>
            To look at ({attention.length})
          </Text>
          <RowList rows={attention} label="Inputs to look at" />
        </>
      ) : null}
      {summary.missing.map((m) => (
        <Body1 key={`${m.framework}-${m.cycle}`} block className={styles.missing}>
          <Text weight="semibold">
            Missing for {m.framework} {m.cycle}:
          </Text>{" "}
          {m.parties.length ? m.parties.map((p) => `${p.name} (${p.code})`).join(", ") : "none — every party has a contribution"}
        </Body1>
      ))}
      <Accordion collapsible>
        <AccordionItem value="all">
          <AccordionHeader size="small">All inputs ({summary.rows.length})</AccordionHeader>
          <AccordionPanel>
            <RowList rows={summary.rows} label="All inputs" />
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </section>
  );
}

function RowList({ rows, label }: { readonly rows: readonly RegisterRow[]; readonly label: string }) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label={label}>
      {rows.map((r, i) => (
        <li key={`${r.file}-${r.sheet}-${i}`} className={styles.row}>
          <RowLine row={r} codeClass={styles.code} />
        </li>
      ))}
    </ul>
  );
}

function RowLine({ row: r, codeClass }: { readonly row: RegisterRow; readonly codeClass: string }) {
  const what = r.sheet ? `${r.file} › ${r.sheet}` : r.file;
  const who = [r.partyName && `${r.partyName} (${r.party})`, r.framework, r.cycle, r.round].filter(Boolean).join(", ");
  return (
    <>
      <Text>
        <Badge appearance="tint" color={COLOUR[r.status]} size="small">
          {r.status}
        </Badge>{" "}
        {what}
      </Text>
      {who ? <Caption1>{who}</Caption1> : null}
      {r.status === "accepted with errors" || r.warnings > 0 ? (
        <Caption1>
          {count(r.errors, "error")}, {count(r.warnings, "warning")}
        </Caption1>
      ) : null}
      {r.supersededBy ? <Caption1>{r.status === "superseded" ? "superseded by" : "some entries replaced by"} {r.supersededBy}</Caption1> : null}
      {r.note ? <Caption1>{r.note}</Caption1> : null}
      {r.dissemination && !r.dissemination.startsWith("yes") ? <Caption1>wider dissemination: {r.dissemination}</Caption1> : null}
      {r.reason ? (
        <Caption1>
          <span className={codeClass}>{r.reason.code}</span> {r.reason.message}
        </Caption1>
      ) : null}
      {r.late ? <Caption1>late against the deadline</Caption1> : null}
    </>
  );
}
