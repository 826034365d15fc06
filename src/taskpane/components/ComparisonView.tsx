import { Body1, Caption1, MessageBar, MessageBarBody, MessageBarTitle, Subtitle2, Text, makeStyles, tokens } from "@fluentui/react-components";
import type { PreviousProblem } from "../../core/cycles/previous";
import { count } from "../../core/wording";
import type { Comparison } from "../consolidate/earlier-cycle";

const useStyles = makeStyles({
  section: { display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS, overflowWrap: "anywhere" },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalS },
  row: { display: "flex", flexDirection: "column" },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
});

const quoted = (names: readonly string[]): string => names.map((n) => `“${n}”`).join(", ");

/**
 * What the report was compared with ("Compared with pact-2008 cycle 2025: 3 parties"), where to
 * look, and every earlier-cycle file (or sheet, or cycle) not used, with its code: nothing dropped
 * without a word.
 */
export function ComparisonView({ comparison }: { readonly comparison: Comparison }) {
  const styles = useStyles();
  const { compared, problems, sheets, files } = comparison;
  return (
    <section aria-label="Earlier cycle" className={styles.section}>
      <Subtitle2 as="h3">Earlier cycle</Subtitle2>
      {compared.length > 0 ? (
        <ul className={styles.list} aria-label="Compared with">
          {compared.map((c) => (
            <li key={`${c.framework}-${c.cycle}`} className={styles.row}>
              <Body1>
                Compared with {c.framework} cycle {c.cycle}: {count(c.parties.length, "party", "parties")}
              </Body1>
              <Caption1>{c.parties.join(", ")}</Caption1>
            </li>
          ))}
        </ul>
      ) : (
        <MessageBar intent="warning" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Not compared</MessageBarTitle>
            Nothing in the {count(files.length, "earlier-cycle file")} could be compared with this cycle; the report has no changes sheet. Each file is named below
            with why.
          </MessageBarBody>
        </MessageBar>
      )}
      {sheets.length > 0 ? (
        <Caption1 block>
          What changed: {sheets.length === 1 ? "the sheet" : "the sheets"} {quoted(sheets)} in both editions; the coverage sheets show the trend per area, the status
          matrices the moves.
        </Caption1>
      ) : null}
      {problems.length > 0 ? (
        <>
          <Text as="h4" weight="semibold" size={200}>
            Not used from the earlier cycle ({problems.length})
          </Text>
          <ul className={styles.list} aria-label="Not used from the earlier cycle">
            {problems.map((p, i) => (
              <li key={`${p.file}-${p.sheet ?? ""}-${p.code}-${i}`} className={styles.row}>
                <ProblemLine problem={p} codeClass={styles.code} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </section>
  );
}

function ProblemLine({ problem: p, codeClass }: { readonly problem: PreviousProblem; readonly codeClass: string }) {
  return (
    <>
      <Text weight="semibold">{p.sheet ? `${p.file} › ${p.sheet}` : p.file}</Text>
      <Caption1>
        <span className={codeClass}>{p.code}</span> {p.message}
      </Caption1>
    </>
  );
}
