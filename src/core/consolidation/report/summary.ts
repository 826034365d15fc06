import { sourceDocument } from "../../catalogue/source-document";
import type { Party } from "../../catalogue/schema";
import type { PreviousProblem } from "../../cycles/previous";
import type { SheetSpec } from "../../template/spec";
import { count } from "../../wording";
import { COVERAGE } from "../coverage";
import { REGISTER_STATUSES, type Register } from "../register";
import { SUMMARY_TITLE, summaryLegend, type Edition } from "./headings";
import { NOT_FOR_DISSEMINATION } from "./matrix";
import { Sheet, valueStyle, widthsOf, type Column } from "./sheet-toolkit";
import { isShown, type Unit } from "./units";

/** The Summary: per framework and cycle who reported, who did not, coverage totals, and in the internal edition the quality of the inputs. */

interface SummaryInput {
  readonly register: Register;
  readonly units: readonly Unit[];
  readonly edition: Edition;
  readonly generatedAt: string | undefined;
  /** Earlier-cycle inputs that gave nothing to compare with. */
  readonly problems: readonly PreviousProblem[];
  /** The coverage matrix's cells of a unit, counted by state. */
  readonly coverageOf: (u: Unit) => ReadonlyMap<string, number>;
}

/** A framework and cycle's line of the first table. */
interface UnitLine {
  readonly unit: Unit;
  readonly empty: number;
  readonly missing: number;
  /** The register's accepted rows of the unit (internal edition). */
  readonly rows: Register["rows"];
  readonly withheld: number;
}

/**
 * The first table's columns. The public summary carries no quality data (errors and warnings would
 * change with a withheld party's content), but keeps every column's width: both editions print alike.
 */
const COLUMNS: readonly (Column<UnitLine> & { readonly internalOnly?: true })[] = [
  { header: "Framework", width: 38, style: valueStyle, value: (l) => l.unit.framework.title },
  { header: "Cycle", width: 30, style: valueStyle, value: (l) => l.unit.cycle },
  { header: "Parties reporting", width: 12, style: valueStyle, value: (l) => l.unit.parties.length - l.empty },
  { header: "Returned empty", width: 10, style: valueStyle, value: (l) => l.empty },
  { header: "Missing", width: 10, style: valueStyle, value: (l) => l.missing },
  { header: "Errors", width: 9, style: valueStyle, internalOnly: true, value: (l) => l.rows.reduce((n, r) => n + r.errors, 0) },
  { header: "Warnings", width: 10, style: valueStyle, internalOnly: true, value: (l) => l.rows.reduce((n, r) => n + r.warnings, 0) },
  { header: "Not for wider dissemination", width: 14, style: valueStyle, internalOnly: true, value: (l) => l.withheld },
];

export function summarySheet(input: SummaryInput, name: string): SheetSpec {
  const { register, units, edition, problems } = input;
  const s = new Sheet();
  const internal = edition === "internal";
  const columns = COLUMNS.filter((c) => internal || !c.internalOnly);
  s.line([SUMMARY_TITLE], "title");
  s.legend(summaryLegend(edition, input.generatedAt), columns.length);
  s.row++;
  const headerRow = s.headings(columns);
  const missingOf = (u: Unit): readonly Party[] => u.expected.filter((p) => !u.parties.some((x) => x.code === p.code));
  // A party "reports" when any of its sheets holds an entry; a blank template sent back does not.
  // Whether a withheld party's return was blank is its content: the public edition does not tell.
  const isEmpty = (u: Unit, p: Party): boolean => isShown(u, p) && [...(u.byParty.get(p.code)?.values() ?? [])].every((r) => r.returnedEmpty);
  for (const unit of units) {
    s.tableRow(columns, {
      unit,
      empty: unit.parties.filter((p) => isEmpty(unit, p)).length,
      missing: missingOf(unit).length,
      rows: internal ? register.rows.filter((r) => r.framework === unit.framework.id && r.cycle === unit.cycle && r.status.startsWith("accepted")) : [],
      withheld: internal ? register.presence.filter((p) => p.framework.id === unit.framework.id && p.cycle === unit.cycle && !p.publishable).length : 0,
    });
  }
  // Who sent what: one party per row, received and missing side by side, so the page stays narrow.
  for (const u of units) {
    const missing = missingOf(u);
    s.row++;
    s.spanned([`${u.framework.title} — cycle ${u.cycle}`], "areaHeading", 0, 1);
    s.line(["Source document", sourceDocument(u.framework)], ["metaLabel", "reportText"]);
    if (u.earlier.length) s.line(["Compared with", u.earlier.map((e) => `cycle ${e.cycle} (${count(e.byParty.size, "party", "parties")})`).join(", ")], ["metaLabel", "reportText"]);
    s.line(["Received from", "Missing"], "columnHeader");
    // Whether a party was of the run is the run's, not its content: both editions say it.
    const outside = (p: Party): boolean => u.chosen !== undefined && !u.expected.some((x) => x.code === p.code);
    const received = u.parties.map((p) => `${p.name} (${p.code})${isEmpty(u, p) ? " — returned empty" : ""}${outside(p) ? " — outside the parties chosen for this run" : ""}`);
    const absent = missing.map((p) => `${p.name} (${p.code})`);
    for (let i = 0; i < Math.max(received.length, absent.length, 1); i++) {
      s.line([received[i] ?? (i === 0 ? "nobody" : null), absent[i] ?? (i === 0 ? "none" : null)], "reportText");
    }
    // The coverage matrix's totals, state by state (the coverage sheet's key says what each means).
    const counts = input.coverageOf(u);
    s.line(["Coverage (item × party cells)", "Cells"], "columnHeader");
    const states = u.parties.every((p) => isShown(u, p)) ? COVERAGE : [...COVERAGE, NOT_FOR_DISSEMINATION];
    for (const st of states) s.line([`Coverage: ${st}`, counts.get(st) ?? 0], ["reportText", "reportNumber"]);
  }
  // Earlier-cycle inputs that gave nothing to compare with: named, never dropped without a word.
  if (internal && problems.length) {
    s.row++;
    s.line(["Earlier-cycle input not used", "Why"], "columnHeader");
    for (const p of problems) s.line([p.sheet ? `${p.file} › ${p.sheet}` : p.file, `${p.code} ${p.message}`], "reportText");
  }
  if (internal) {
    const counts = new Map<string, number>();
    for (const r of register.rows) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    s.row++;
    s.line(["Inputs", "Count"], "columnHeader");
    for (const st of REGISTER_STATUSES) s.line([st, counts.get(st) ?? 0], ["reportText", "reportNumber"]);
    s.line(["late", register.rows.filter((r) => r.late).length], ["reportText", "reportNumber"]);
  }
  return s.spec(name, widthsOf(COLUMNS), { headerRow, freeze: { rows: headerRow + 1, cols: 0 }, onePage: true });
}
