import { itemCoverage } from "../consolidation/coverage";
import { REVIEW_STATES, tableColumns, type ReviewState } from "../template/layout";
import type { CellValue } from "../template/spec";
import type { TemplateSheet } from "../validation/validate-sheet";

/**
 * Collaboration progress: per responsible unit, how many item rows it has, how many are filled and
 * how many are in each review state. Counts what validation already read (TemplateSheet.entries),
 * so the pane reads the workbook once for both.
 */

export type ReviewCount = ReviewState | "not set";
export const REVIEW_COLUMNS: readonly ReviewCount[] = [...REVIEW_STATES, "not set"];

export interface UnitProgress {
  /** The unit as first written in the workbook; "" for rows nobody has taken on yet. */
  readonly unit: string;
  readonly items: number;
  /**
   * Rows with an answer, an explicit "nothing to report" or "not participating" (core's coverage, not
   * "empty"), on which validation finds nothing left to fix: a half-filled row is not done.
   */
  readonly filled: number;
  readonly review: Readonly<Record<ReviewCount, number>>;
}

export interface ProgressReport {
  readonly units: readonly UnitProgress[];
  readonly total: UnitProgress;
  /** Template sheets counted, in workbook order. */
  readonly sheets: readonly string[];
}

const text = (v: CellValue | undefined): string => (v === null || v === undefined ? "" : typeof v === "object" ? v.date : String(v));
/** Units are typed by hand: "Unit A", "unit a " and "Unit  A" are one unit. */
const unitKey = (s: string): string => s.replace(/\s+/g, " ").trim().toLowerCase();

function reviewOf(v: CellValue | undefined): ReviewCount {
  const key = text(v).replace(/\s+/g, " ").trim().toLowerCase();
  return REVIEW_STATES.find((s) => s === key) ?? "not set";
}

class Tally {
  items = 0;
  filled = 0;
  readonly review: Record<ReviewCount, number> = { draft: 0, "ready for review": 0, approved: 0, "not set": 0 };
  constructor(readonly unit: string) {}

  add(filled: boolean, review: ReviewCount): void {
    this.items++;
    if (filled) this.filled++;
    this.review[review]++;
  }

  freeze(): UnitProgress {
    return { unit: this.unit, items: this.items, filled: this.filled, review: { ...this.review } };
  }
}

export function countProgress(contributions: readonly TemplateSheet[]): ProgressReport {
  const units = new Map<string, Tally>();
  const total = new Tally("");
  const sheets: string[] = [];
  for (const c of contributions) {
    if (!c.framework || !c.role) continue;
    const framework = c.framework;
    sheets.push(c.sheet);
    // The text columns of this sheet decide whether a row is answered (the political report has its own).
    const textColumns = tableColumns(framework, c.role).flatMap((col) => (col.kind === "entry" && col.entry.type === "text" ? [col.entry.id] : []));
    // Refs with an error or an unaccepted warning: the row still needs work, whatever it holds.
    const flagged = new Set(c.findings.filter((f) => f.ref && (f.severity === "error" || (f.severity === "warning" && !f.acknowledged))).map((f) => f.ref));
    for (const [ref, entries] of c.entries) {
      const unit = text(entries["responsible"]).replace(/\s+/g, " ").trim();
      const key = unitKey(unit);
      const tally = units.get(key) ?? new Tally(unit);
      units.set(key, tally);
      // The EMN's single response stands for the questions it covers, and they for it (as Validate sees it).
      const filled = itemCoverage(framework, (r) => c.entries.get(r), ref, textColumns) !== "empty" && !flagged.has(ref);
      const review = reviewOf(entries["review"]);
      tally.add(filled, review);
      total.add(filled, review);
    }
  }
  // Named units alphabetically; unassigned rows last, where they stand out as work to hand out.
  const ordered = [...units.values()].sort((a, b) => (a.unit === "" ? 1 : b.unit === "" ? -1 : a.unit.localeCompare(b.unit)));
  return { units: ordered.map((t) => t.freeze()), total: total.freeze(), sheets };
}
