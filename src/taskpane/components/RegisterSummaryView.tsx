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
import { STRICT_EXCLUDED, type RegisterRow } from "../../core/consolidation/register";
import type { RegisterSummary } from "../consolidate/protocol";
import { count } from "../../core/wording";
import { RETURN_STATUSES, countReturns, groupReturns, needsAttention, type ReturnGroup, type ReturnStatus } from "./group-register";

const useStyles = makeStyles({
  counts: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalXS, rowGap: tokens.spacingVerticalXS, marginBottom: tokens.spacingVerticalS },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  row: { display: "flex", flexDirection: "column", overflowWrap: "anywhere" },
  sheets: { listStyleType: "none", margin: 0, padding: 0, paddingLeft: tokens.spacingHorizontalM, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  missing: { marginTop: tokens.spacingVerticalS },
});

const COLOUR: Readonly<Record<ReturnStatus, "success" | "warning" | "informative" | "danger" | "subtle">> = {
  accepted: "success",
  "accepted with errors": "warning",
  "returned empty": "subtle",
  superseded: "informative",
  rejected: "danger",
};

/**
 * The register as returns: counts per status of each party's return per framework (a Pact return's
 * two sheets count once; a blank template is "returned empty", not reporting), then what needs a
 * decision, the missing parties, and every return on request — each with its sheets underneath.
 */
export function RegisterSummaryView({ summary }: { readonly summary: RegisterSummary }) {
  const styles = useStyles();
  const returns = groupReturns(summary.rows);
  const counts = countReturns(returns);
  const late = returns.filter((g) => g.late).length;
  const attention = returns.filter(needsAttention);
  return (
    <section aria-label="Register of returns">
      <Subtitle2 as="h3">Register</Subtitle2>
      <Caption1 block>Returns per party and framework ({returns.length}):</Caption1>
      <div className={styles.counts} role="status">
        {RETURN_STATUSES.map((s) => (
          <Badge key={s} appearance="tint" color={COLOUR[s]}>
            {s}: {counts[s]}
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
          <ReturnList returns={attention} label="Inputs to look at" />
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
          <AccordionHeader size="small">All inputs ({returns.length})</AccordionHeader>
          <AccordionPanel>
            <ReturnList returns={returns} label="All inputs" />
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </section>
  );
}

function ReturnList({ returns, label }: { readonly returns: readonly ReturnGroup[]; readonly label: string }) {
  const styles = useStyles();
  return (
    <ul className={styles.list} aria-label={label}>
      {returns.map((g) => (
        <li key={g.key} className={styles.row}>
          <ReturnLine group={g} />
        </li>
      ))}
    </ul>
  );
}

function ReturnLine({ group: g }: { readonly group: ReturnGroup }) {
  const styles = useStyles();
  const who = g.partyName ? (g.party ? `${g.partyName} (${g.party})` : g.partyName) : g.file;
  const what = [g.framework, g.cycle, g.round].filter(Boolean).join(", ");
  // One sheet (or a file refused as a whole): its details on the return's own lines; several
  // sheets (a Pact return's political report and factual table): listed underneath, each with its status.
  const single = g.rows.length === 1 ? g.rows[0] : undefined;
  return (
    <>
      <Text>
        <Badge appearance="tint" color={COLOUR[g.status]} size="small">
          {g.status}
        </Badge>{" "}
        <Text weight="semibold">{who}</Text>
        {what ? ` — ${what}` : ""}
      </Text>
      {g.partyName ? <Caption1>{single?.sheet ? `${g.file} › ${single.sheet}` : g.file}</Caption1> : null}
      {g.late ? <Caption1>late against the deadline</Caption1> : null}
      {single ? <RowDetails row={single} codeClass={styles.code} /> : null}
      {single ? null : (
        <ul className={styles.sheets} aria-label={`Sheets of ${who}`}>
          {g.rows.map((r, i) => (
            <li key={`${r.sheet}-${i}`} className={styles.row}>
              <Caption1>
                Sheet “{r.sheet}”: {r.status}
              </Caption1>
              <RowDetails row={r} codeClass={styles.code} />
            </li>
          ))}
        </ul>
      )}
    </>
  );
}

function RowDetails({ row: r, codeClass }: { readonly row: RegisterRow; readonly codeClass: string }) {
  return (
    <>
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
          <span className={codeClass}>{r.reason.code}</span> {reasonText(r)}
        </Caption1>
      ) : null}
    </>
  );
}

/** The pane's own words: the user ticked a box, they did not type --strict. */
function reasonText(r: RegisterRow): string {
  if (r.reason?.code === STRICT_EXCLUDED) return `left out: ${count(r.errors, "error")}, and “${LEAVE_OUT_LABEL}” is ticked`;
  return r.reason?.message ?? "";
}

/** The Consolidate tab's checkbox, named where the register explains what it did. */
export const LEAVE_OUT_LABEL = "Leave out contributions with errors";

