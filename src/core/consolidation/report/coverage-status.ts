import type { Catalogue } from "../../catalogue/catalogue";
import { columnWithRole, meaningOf, textColumnsOf } from "../../catalogue/roles";
import type { Framework, Party, ValueMeaning } from "../../catalogue/schema";
import type { CellValue, SheetSpec } from "../../template/spec";
import { COVERAGE, COVERAGE_FILLS, coverageMeanings, itemCoverage, type Coverage } from "../coverage";
import { valuesOf, type PartyResponse } from "../party-response";
import { NOT_FOR_DISSEMINATION, matrixSheet, type MatrixCycles } from "./matrix";
import { earlierResponse, isShown, itemRole, type Unit } from "./units";

/** The two matrices of a unit: coverage (with its key and its trend over cycles) and the status of actions (with moves since the last cycle). */

/**
 * A party's coverage of an item in this cycle, worked out once: the coverage matrix and its trend
 * both ask for every item of every party.
 */
function responseCoverage(fw: Framework, textCols: readonly string[]): (r: PartyResponse | undefined, ref: string) => Coverage {
  const known = new Map<PartyResponse | undefined, Map<string, Coverage>>();
  return (r, ref) => {
    let byRef = known.get(r);
    if (!byRef) known.set(r, (byRef = new Map()));
    let c = byRef.get(ref);
    if (c === undefined) {
      c = itemCoverage(fw, (x) => valuesOf(r, x), ref, textCols);
      byRef.set(ref, c);
    }
    return c;
  };
}

/**
 * The coverage matrix's cells counted by state, over every item and party of the unit: the Summary
 * prints these, and they are the matrix's totals. A withheld party counts only as "not for wider
 * dissemination", whatever it wrote.
 */
export function coverageCounts(unit: Unit, coverage: ReturnType<typeof responseCoverage>): Map<string, number> {
  const role = itemRole(unit.framework);
  const counts = new Map<string, number>();
  for (const party of unit.parties) {
    const response = unit.byParty.get(party.code)?.get(role);
    for (const item of unit.framework.areas.flatMap((a) => a.items)) {
      const st = isShown(unit, party) ? coverage(response, item.ref) : NOT_FOR_DISSEMINATION;
      counts.set(st, (counts.get(st) ?? 0) + 1);
    }
  }
  return counts;
}

/** Per area, per cycle (earlier ones, then this one): item × party cells "reported", over the parties this edition shows. */
function coverageTrend(unit: Unit, catalogue: Catalogue, textCols: readonly string[], coverage: ReturnType<typeof responseCoverage>): NonNullable<MatrixCycles["trend"]> {
  const fw = unit.framework;
  const role = itemRole(fw);
  type CoverageAt = (ref: string) => Coverage;
  const reported = (areaId: string, answers: readonly CoverageAt[]): number => {
    const items = fw.areas.find((a) => a.id === areaId)?.items ?? [];
    return answers.reduce((n, at) => n + items.filter((item) => at(item.ref) === "reported").length, 0);
  };
  const now: CoverageAt[] = unit.parties.filter((p) => isShown(unit, p)).map((p) => (ref) => coverage(unit.byParty.get(p.code)?.get(role), ref));
  const then = unit.earlier.map((e) =>
    catalogue.partiesOf(fw).flatMap((p): CoverageAt[] => {
      const r = earlierResponse(unit, e, p, role);
      return r ? [(ref) => itemCoverage(fw, (x) => r.entries.get(x), ref, textCols)] : [];
    }),
  );
  return {
    heading: "Trend per area: item × party cells reported, per cycle",
    cycles: [...unit.earlier.map((e) => e.cycle), unit.cycle],
    counts: (areaId) => [...then.map((answers) => reported(areaId, answers)), reported(areaId, now)],
  };
}

/** One coverage rule per unit: the Summary's counts and the coverage sheet read the same cells. */
export interface UnitCoverage {
  readonly textCols: readonly string[];
  readonly coverage: ReturnType<typeof responseCoverage>;
}

export function unitCoverage(u: Unit): UnitCoverage {
  const textCols = textColumnsOf(u.framework);
  return { textCols, coverage: responseCoverage(u.framework, textCols) };
}

export function coverageSheet(u: Unit, catalogue: Catalogue, name: string, { textCols, coverage }: UnitCoverage): SheetSpec {
  const key = { ...coverageMeanings(u.framework, textCols), [NOT_FOR_DISSEMINATION]: "the party's response is not for wider dissemination: nothing of it is shown, and its cells count only in this state's totals." };
  return matrixSheet(u, name, { title: "coverage", states: COVERAGE, fills: COVERAGE_FILLS, value: coverage, cycles: { trend: coverageTrend(u, catalogue, textCols, coverage) }, key });
}

/** Status fills by what a value means (the catalogue's list says which value means what). */
const STATUS_FILLS: Readonly<Partial<Record<ValueMeaning, string>>> = {
  "not-started": "FFC7CE",
  planned: "FFEB9C",
  "under-way": "DDEBF7",
  completed: "C6EFCE",
  "not-applicable": "D9D9D9",
};

/**
 * The status of actions, where the framework has a status list and column; undefined where it has
 * not. `name` is asked only for a sheet that is made, so no sheet name is taken for nothing.
 */
export function statusSheet(u: Unit, name: () => string): SheetSpec | undefined {
  const column = columnWithRole(u.framework, "status");
  const status = u.framework.lists.find((l) => l.id === column?.list);
  if (!column || !status) return undefined;
  const statusOf = (v: CellValue | undefined): string => (typeof v === "string" && status.values.includes(v) ? v : "not reported");
  const fills: Record<string, string> = { "not reported": "FFFFFF" };
  for (const v of status.values) {
    const meaning = meaningOf(u.framework, column, v);
    const fill = meaning && STATUS_FILLS[meaning];
    if (fill) fills[v] = fill;
  }
  const last = u.earlier.at(-1);
  const role = itemRole(u.framework);
  const was = (party: Party, ref: string): string | undefined => {
    const r = last ? earlierResponse(u, last, party, role) : undefined;
    return r ? statusOf(r.entries.get(ref)?.[column.id]) : undefined;
  };
  return matrixSheet(u, name(), {
    title: "status of actions",
    states: [...status.values, "not reported"],
    fills,
    value: (r, ref) => statusOf(r?.entries.get(ref)?.get(column.id)?.value),
    cycles: last ? { was } : {},
  });
}
