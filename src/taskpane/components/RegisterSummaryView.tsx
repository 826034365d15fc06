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
import { RECEIVED_FROM_TEXT } from "../../core/consolidation/received";
import { COUNTING_NOTE, type Tally } from "../../core/consolidation/return-counts";
import { RETURN_STATUSES, registerViewModel, type ReturnGroup, type ReturnStatus } from "./group-register";

const useStyles = makeStyles({
  counts: { display: "flex", flexWrap: "wrap", columnGap: tokens.spacingHorizontalXS, rowGap: tokens.spacingVerticalXS, marginBottom: tokens.spacingVerticalS },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  row: { display: "flex", flexDirection: "column", overflowWrap: "anywhere" },
  sheets: { listStyleType: "none", margin: 0, padding: 0, paddingLeft: tokens.spacingHorizontalM, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXXS },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  missing: { marginTop: tokens.spacingVerticalS },
  note: { marginBottom: tokens.spacingVerticalS, color: tokens.colorNeutralForeground3 },
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
 * two sheets count once; a blank template is "returned empty", not reporting), the same by template
 * sheet — core's one counting, as the CLI prints it — then what needs a decision, the missing
 * parties, and every return on request — each with its sheets underneath.
 */
export function RegisterSummaryView({ summary }: { readonly summary: RegisterSummary }) {
  const styles = useStyles();
  const { returns, counts, attention } = registerViewModel(summary);
  const byReturn = counts.returns;
  return (
    <section aria-label="Register of returns">
      <Subtitle2 as="h3">Register</Subtitle2>
      <Caption1 block>Returns per party and framework ({byReturn.received}):</Caption1>
      <div className={styles.counts} role="status">
        {RETURN_STATUSES.map((s) => (
          <Badge key={s} appearance="tint" color={COLOUR[s]}>
            {s}: {byReturn[s]}
          </Badge>
        ))}
        {byReturn.late > 0 ? (
          <Badge appearance="tint" color="severe">
            late: {byReturn.late}
          </Badge>
        ) : null}
        {byReturn.withheld > 0 ? (
          <Badge appearance="tint" color="informative">
            withheld from the public edition: {byReturn.withheld}
          </Badge>
        ) : null}
      </div>
      <Caption1 block>{sheetLine(counts.sheets)}</Caption1>
      <Caption1 block className={styles.note}>
        {COUNTING_NOTE.charAt(0).toUpperCase() + COUNTING_NOTE.slice(1)}.
      </Caption1>
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
      {g.rows[0]?.received ? <Caption1>{receivedText(g.rows[0])}</Caption1> : null}
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

/** "By template sheet (40): 38 accepted, 2 rejected; 18 late": the same counting, per sheet; statuses with none left out. */
export function sheetLine(t: Tally): string {
  const statuses = RETURN_STATUSES.filter((s) => t[s] > 0).map((s) => `${t[s]} ${s}`);
  const marks = [t.late > 0 ? `${t.late} late` : "", t.withheld > 0 ? `${t.withheld} withheld from the public edition` : ""].filter(Boolean);
  return `By template sheet (${t.received}): ${statuses.join(", ") || "none"}${marks.length ? `; ${marks.join(", ")}` : ""}`;
}

/** "received 2026-11-14 09:30 UTC (the file's time on disk)": when, and where the date came from. */
function receivedText(r: RegisterRow): string {
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?/.exec(r.received);
  const when = m ? `${m[1]}${m[2] ? ` ${m[2]} UTC` : ""}` : r.received;
  return `received ${when}${r.receivedFrom ? ` (${RECEIVED_FROM_TEXT[r.receivedFrom]})` : ""}`;
}

/** The pane's own words: the user ticked a box, they did not type --strict. */
function reasonText(r: RegisterRow): string {
  if (r.reason?.code === STRICT_EXCLUDED) return `left out: ${count(r.errors, "error")}, and “${LEAVE_OUT_LABEL}” is ticked`;
  return r.reason?.message ?? "";
}

/** The Consolidate tab's checkbox, named where the register explains what it did. */
export const LEAVE_OUT_LABEL = "Leave out contributions with errors";

