import {
  Badge,
  Body1,
  Button,
  Caption1,
  Field,
  Select,
  Text,
  createFocusOutlineStyle,
  makeStyles,
  tokens,
  type BadgeProps,
} from "@fluentui/react-components";
import { useEffect, useMemo, useRef, useState } from "react";
import type { Finding } from "../../core/validation/finding";
import { AcknowledgeForm } from "./AcknowledgeForm";
import { errorsInOrder, filterFindings, groupByCode, nextError, sheetsOf, type CodeGroup, type FindingGroupKind } from "./group-findings";

const useStyles = makeStyles({
  filters: { display: "flex", flexWrap: "wrap", alignItems: "flex-end", columnGap: tokens.spacingHorizontalS, rowGap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalS },
  select: { minWidth: 0, maxWidth: "100%" },
  list: { listStyleType: "none", margin: 0, padding: 0, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  groups: { marginTop: tokens.spacingVerticalS },
  item: {
    borderLeft: `${tokens.strokeWidthThicker} solid ${tokens.colorNeutralStroke2}`,
    paddingLeft: tokens.spacingHorizontalS,
  },
  error: { borderLeftColor: tokens.colorPaletteRedBorder2 },
  warning: { borderLeftColor: tokens.colorPaletteDarkOrangeBorder2 },
  accepted: { borderLeftColor: tokens.colorPaletteGreenBorder2 },
  info: { borderLeftColor: tokens.colorNeutralStroke1 },
  current: { backgroundColor: tokens.colorNeutralBackground1Selected },
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
  static: { padding: tokens.spacingVerticalXXS, borderRadius: tokens.borderRadiusMedium, ...createFocusOutlineStyle() },
  cells: { listStyleType: "none", margin: 0, padding: 0, paddingLeft: tokens.spacingHorizontalS, display: "flex", flexDirection: "column", rowGap: tokens.spacingVerticalXS },
  line: { display: "flex", flexWrap: "wrap", alignItems: "center", columnGap: tokens.spacingHorizontalS },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200 },
  message: { display: "block", overflowWrap: "anywhere" },
});

const LABEL: Readonly<Record<FindingGroupKind, string>> = { error: "Error", warning: "Warning", accepted: "Accepted", info: "Info" };
const FILTER_LABEL: Readonly<Record<FindingGroupKind, string>> = { error: "Errors", warning: "Warnings", accepted: "Accepted warnings", info: "Information" };
const BADGE: Readonly<Record<FindingGroupKind, BadgeProps["color"]>> = { error: "danger", warning: "warning", accepted: "success", info: "informative" };

/** Cells shown per code at first and per "Show more": a few screens, never thousands of elements. */
export const PAGE_SIZE = 50;
/** Up to this many findings every code starts open; above, the summary alone (one line per code). */
const OPEN_UP_TO = 20;

export interface FindingsListProps {
  readonly findings: readonly Finding[];
  /** In Excel: go to the finding's cell. Absent for files (there is no sheet to go to). */
  readonly onSelect?: (finding: Finding) => void;
  /** In Excel: accept a warning with a justification. */
  readonly onAcknowledge?: (finding: Finding, justification: string, by: string) => void;
  /**
   * In Excel: accept, with one justification, every open warning of a code as shown (the filters
   * applied), e.g. the carried entries a ministry confirmed unchanged.
   */
  readonly onAcknowledgeMany?: (findings: readonly Finding[], justification: string, by: string) => void;
  readonly busy?: boolean;
}

/**
 * Findings at scale: filters by severity and sheet, a summary by code (count, severity, the rule's
 * meaning) that opens to the cells, a page at a time, and "Show next error" stepping through them.
 */
export function FindingsList({ findings, onSelect, onAcknowledge, onAcknowledgeMany, busy = false }: FindingsListProps) {
  const styles = useStyles();
  const [kind, setKind] = useState<FindingGroupKind | "all">("all");
  const [sheet, setSheet] = useState<string>();
  const sheets = useMemo(() => sheetsOf(findings), [findings]);
  const shown = useMemo(
    () => filterFindings(findings, { kinds: new Set(kind === "all" ? [] : [kind]), ...(sheet !== undefined && sheets.includes(sheet) ? { sheet } : {}) }),
    [findings, kind, sheet, sheets],
  );
  const groups = useMemo(() => groupByCode(shown), [shown]);
  const errors = useMemo(() => errorsInOrder(groups), [groups]);
  const [open, setOpen] = useState<ReadonlySet<string>>(new Set());
  const [current, setCurrent] = useState<Finding>();
  // Bumped by "Show next error": focus moves to the error shown (in standalone mode, all it does).
  const [stepped, setStepped] = useState(0);
  const root = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (stepped > 0) root.current?.querySelector<HTMLElement>("[data-current=true]")?.focus();
  }, [stepped]);
  const allOpen = shown.length <= OPEN_UP_TO;
  const isOpen = (g: CodeGroup): boolean => allOpen || open.has(g.key);

  const showNextError = (): void => {
    const next = nextError(errors, current && errors.includes(current) ? current : undefined);
    if (!next) return;
    setCurrent(next);
    setStepped((n) => n + 1);
    const group = groups.find((g) => g.findings.includes(next));
    if (group && !open.has(group.key)) setOpen((o) => new Set([...o, group.key]));
    onSelect?.(next);
  };
  const position = current ? errors.indexOf(current) : -1;
  const sheetName = (s: string): string => (s ? s : "The workbook as a whole");

  return (
    <div ref={root}>
      <div className={styles.filters}>
        <Field label="Show">
          <Select className={styles.select} value={kind} onChange={(_, d) => setKind(d.value as FindingGroupKind | "all")}>
            <option value="all">All findings ({findings.length})</option>
            {(["error", "warning", "accepted", "info"] as const).map((k) => (
              <option key={k} value={k}>
                {FILTER_LABEL[k]}
              </option>
            ))}
          </Select>
        </Field>
        {sheets.length > 1 ? (
          <Field label="Sheet">
            <Select className={styles.select} value={sheet ?? ""} onChange={(_, d) => setSheet(d.value === "" ? undefined : d.value.slice(1))}>
              <option value="">All sheets</option>
              {sheets.map((s) => (
                <option key={s} value={`=${s}`}>
                  {sheetName(s)}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        {errors.length > 0 ? (
          <Button onClick={showNextError}>
            Show next error
          </Button>
        ) : null}
      </div>
      <Caption1 block role="status">
        {position >= 0 && current
          ? `Error ${position + 1} of ${errors.length}: ${current.code}${current.cell ? ` at ${current.cell}` : ""} on ${sheetName(current.sheet)}`
          : `${shown.length} of ${findings.length} findings shown`}
      </Caption1>
      <ul className={`${styles.list} ${styles.groups}`} aria-label="Findings by code">
        {groups.map((g) => (
          <li key={g.key} className={`${styles.item} ${styles[g.kind]}`}>
            <CodeGroupView
              group={g}
              open={isOpen(g)}
              canToggle={!allOpen}
              onToggle={() => setOpen((o) => (o.has(g.key) ? new Set([...o].filter((k) => k !== g.key)) : new Set([...o, g.key])))}
              current={current}
              showSheet={sheets.length > 1 && sheet === undefined}
              busy={busy}
              onSelect={
                onSelect
                  ? (f) => {
                      setCurrent(f);
                      onSelect(f);
                    }
                  : undefined
              }
              onAcknowledge={onAcknowledge}
              onAcknowledgeMany={onAcknowledgeMany}
            />
          </li>
        ))}
      </ul>
    </div>
  );
}

interface CodeGroupViewProps {
  readonly group: CodeGroup;
  readonly open: boolean;
  readonly canToggle: boolean;
  readonly onToggle: () => void;
  readonly current: Finding | undefined;
  readonly showSheet: boolean;
  readonly busy: boolean;
  readonly onSelect: FindingsListProps["onSelect"];
  readonly onAcknowledge: FindingsListProps["onAcknowledge"];
  readonly onAcknowledgeMany: FindingsListProps["onAcknowledgeMany"];
}

/** Accepting all at once is offered from this many open warnings with cells in a group. */
export const ACCEPT_ALL_FROM = 2;

/** Which name a group's list of cells goes by, e.g. "PT-CONT-006 (accepted)". */
export const groupName = (g: CodeGroup): string => (g.kind === "accepted" ? `${g.code} (accepted)` : g.code);

function CodeGroupView({ group: g, open, canToggle, onToggle, current, showSheet, busy, onSelect, onAcknowledge, onAcknowledgeMany }: CodeGroupViewProps) {
  const styles = useStyles();
  const [pages, setPages] = useState(1);
  const [acceptingAll, setAcceptingAll] = useState(false);
  // Every open warning of the group as filtered (all pages, not only the cells listed so far).
  const acceptable = g.kind === "warning" ? g.findings.filter((f) => f.cell !== undefined && !f.acknowledged) : [];
  const canAcceptAll = onAcknowledgeMany !== undefined && acceptable.length >= ACCEPT_ALL_FROM;
  const first = acceptable[0];
  // The current error is always on a shown page.
  const currentAt = current ? g.findings.indexOf(current) : -1;
  const limit = Math.max(pages * PAGE_SIZE, currentAt >= 0 ? (Math.floor(currentAt / PAGE_SIZE) + 1) * PAGE_SIZE : 0);
  const visible = g.findings.slice(0, limit);
  const left = g.findings.length - visible.length;
  const heading = (
    <span className={styles.line}>
      <Badge appearance="tint" color={BADGE[g.kind]}>
        {LABEL[g.kind]}
      </Badge>
      <span className={styles.code}>{g.code}</span>
      <Text weight="semibold">× {g.findings.length}</Text>
      <Body1 className={styles.message}>{g.title}</Body1>
    </span>
  );
  return (
    <>
      {canToggle ? (
        <button type="button" className={styles.go} aria-expanded={open} onClick={onToggle}>
          {heading}
        </button>
      ) : (
        <div className={styles.static}>{heading}</div>
      )}
      {canAcceptAll && !acceptingAll ? (
        <Button size="small" appearance="subtle" disabled={busy} title={`Accept all ${acceptable.length} open ${g.code} warnings shown, with one justification`} onClick={() => setAcceptingAll(true)}>
          Accept all {acceptable.length}…
        </Button>
      ) : null}
      {canAcceptAll && acceptingAll && first ? (
        <AcknowledgeForm
          finding={first}
          count={acceptable.length}
          busy={busy}
          onCancel={() => setAcceptingAll(false)}
          onAccept={(justification, by) => {
            setAcceptingAll(false);
            onAcknowledgeMany(acceptable, justification, by);
          }}
        />
      ) : null}
      {open ? (
        <>
          <ul className={styles.cells} aria-label={`Findings ${groupName(g)}`}>
            {visible.map((f, i) => (
              <li key={`${f.sheet}-${f.cell ?? ""}-${i}`} className={f === current ? styles.current : undefined}>
                <FindingItem finding={f} kind={g.kind} busy={busy} showSheet={showSheet} isCurrent={f === current} onSelect={onSelect} onAcknowledge={onAcknowledge} />
              </li>
            ))}
          </ul>
          {left > 0 ? (
            <Button size="small" appearance="subtle" onClick={() => setPages(Math.ceil(limit / PAGE_SIZE) + 1)}>
              Show {Math.min(PAGE_SIZE, left)} more of {g.code} ({left} not shown)
            </Button>
          ) : null}
        </>
      ) : null}
    </>
  );
}

interface FindingItemProps {
  readonly finding: Finding;
  readonly kind: FindingGroupKind;
  readonly busy: boolean;
  readonly showSheet: boolean;
  readonly isCurrent: boolean;
  readonly onSelect: FindingsListProps["onSelect"];
  readonly onAcknowledge: FindingsListProps["onAcknowledge"];
}

function FindingItem({ finding: f, kind, busy, showSheet, isCurrent, onSelect, onAcknowledge }: FindingItemProps) {
  const styles = useStyles();
  const [accepting, setAccepting] = useState(false);
  const body = (
    <>
      <span className={styles.line}>
        <span className={styles.code}>{f.code}</span>
        {f.cell ? <Text weight="semibold">{f.cell}</Text> : null}
        {f.ref ? <Text>[{f.ref}]</Text> : null}
        {showSheet ? <Caption1>{f.sheet ? `on ${f.sheet}` : "workbook"}</Caption1> : null}
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
        <button data-current={isCurrent} type="button" className={styles.go} title={`Go to ${f.cell} on ${f.sheet}`} onClick={() => onSelect(f)}>
          {body}
        </button>
      ) : (
        <div data-current={isCurrent} className={styles.static} tabIndex={isCurrent ? -1 : undefined}>
          {body}
        </div>
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
