import { createFocusOutlineStyle, makeStyles, mergeClasses, tokens } from "@fluentui/react-components";
import { useRef, type KeyboardEvent } from "react";

export interface TaskTab<Id extends string> {
  readonly id: Id;
  readonly label: string;
}

export interface TaskTabsProps<Id extends string> {
  readonly tabs: readonly TaskTab<Id>[];
  readonly selected: Id;
  readonly onSelect: (id: Id) => void;
  readonly label: string;
}

/** Below this width the four tabs take two rows (2 × 2) instead of one cut-off row. */
const ONE_ROW_FROM = "420px";

const useStyles = makeStyles({
  list: {
    display: "grid",
    gridTemplateColumns: "repeat(2, minmax(0, 1fr))",
    columnGap: tokens.spacingHorizontalXS,
    rowGap: tokens.spacingVerticalXS,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    paddingBottom: tokens.spacingVerticalXS,
    [`@media (min-width: ${ONE_ROW_FROM})`]: { gridTemplateColumns: "repeat(4, minmax(0, 1fr))" },
  },
  tab: {
    minWidth: 0,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXS}`,
    border: "none",
    borderBottom: `${tokens.strokeWidthThicker} solid transparent`,
    borderRadius: tokens.borderRadiusMedium,
    background: "none",
    color: tokens.colorNeutralForeground2,
    font: "inherit",
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    cursor: "pointer",
    overflowWrap: "anywhere",
    ":hover": { backgroundColor: tokens.colorNeutralBackground1Hover, color: tokens.colorNeutralForeground1 },
    ...createFocusOutlineStyle(),
  },
  selected: {
    color: tokens.colorNeutralForeground1,
    fontWeight: tokens.fontWeightSemibold,
    borderBottomColor: tokens.colorCompoundBrandStroke,
    backgroundColor: tokens.colorNeutralBackground1Selected,
  },
});

/**
 * The pane's tab strip (WAI-ARIA tabs, manual activation): Tab reaches the selected tab, the arrow
 * keys (and Home, End) move between tabs, Enter or Space opens one. Our own rather than Fluent's
 * TabList, whose focus helper puts focusable aria-hidden elements in the page (axe: aria-hidden-focus)
 * and whose one-row strip is wider than a 320 px pane; this one wraps to two rows.
 */
export function TaskTabs<Id extends string>({ tabs, selected, onSelect, label }: TaskTabsProps<Id>) {
  const styles = useStyles();
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>, index: number): void => {
    const last = tabs.length - 1;
    const next: Record<string, number> = {
      ArrowRight: index === last ? 0 : index + 1,
      ArrowDown: index === last ? 0 : index + 1,
      ArrowLeft: index === 0 ? last : index - 1,
      ArrowUp: index === 0 ? last : index - 1,
      Home: 0,
      End: last,
    };
    const to = next[e.key];
    if (to === undefined) return;
    e.preventDefault();
    refs.current[to]?.focus();
  };
  return (
    <div role="tablist" aria-label={label} aria-orientation="horizontal" className={styles.list}>
      {tabs.map((t, i) => {
        const isSelected = t.id === selected;
        return (
          <button
            key={t.id}
            ref={(el) => {
              refs.current[i] = el;
            }}
            type="button"
            role="tab"
            id={`tab-${t.id}`}
            aria-controls={`panel-${t.id}`}
            aria-selected={isSelected}
            tabIndex={isSelected ? 0 : -1}
            className={mergeClasses(styles.tab, isSelected && styles.selected)}
            onClick={() => onSelect(t.id)}
            onKeyDown={(e) => onKeyDown(e, i)}
          >
            {t.label}
          </button>
        );
      })}
    </div>
  );
}
