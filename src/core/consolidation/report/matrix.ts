import { frameworkLegend } from "./party-rows";
import type { Party } from "../../catalogue/schema";
import type { CellValue, SheetSpec } from "../../template/spec";
import type { PartyResponse } from "../party-response";
import { REF_HEADER } from "./headings";
import { Sheet, widthsOf, type Column } from "./sheet-toolkit";
import { isShown, itemRole, type Unit } from "./units";

/**
 * Items × parties: a value per cell, totals per area and per party, heat-map fills. In the public
 * edition a withheld party's cells say only that it is not for wider dissemination, with no counts.
 */

export const NOT_FOR_DISSEMINATION = "not for wider dissemination";

/** The first words of an item's text, so a matrix of fifty parties stays legible. */
export function shortLabel(text: string, words = 8): string {
  const all = text.split(/\s+/).filter(Boolean);
  return all.length <= words ? all.join(" ") : `${all.slice(0, words).join(" ")} …`;
}

/** Extras of a matrix over cycles: how a cell moved since the last earlier cycle, and a per-area trend below. */
export interface MatrixCycles {
  /** The state the party's item had in the latest earlier cycle (as this edition may show it), if any. */
  readonly was?: (party: Party, ref: string) => string | undefined;
  /** Per area, per cycle (earlier ones then this one): a count, under a heading naming what is counted. */
  readonly trend?: { readonly heading: string; readonly cycles: readonly string[]; readonly counts: (areaId: string) => readonly number[] };
}

/** What a matrix shows and how: its title, its states and their fills, the value of a party's item. */
export interface MatrixKind {
  readonly title: string;
  readonly states: readonly string[];
  readonly fills: Readonly<Record<string, string>>;
  readonly value: (r: PartyResponse | undefined, ref: string) => string;
  readonly cycles?: MatrixCycles;
  /** What each state means, one line each below the totals (the coverage sheet's key). */
  readonly key?: Readonly<Record<string, string>>;
}

/** One item's line: its cells (a state, or a move "A → B") and how many cells are in each state. */
interface ItemLine {
  readonly ref: string;
  readonly text: string;
  readonly cells: readonly string[];
  readonly counts: ReadonlyMap<string, number>;
}

function matrixColumns(parties: readonly Party[], states: readonly string[]): Column<ItemLine>[] {
  return [
    { header: REF_HEADER, width: 8, style: "ref", value: (l) => l.ref },
    { header: "Item", width: 26, style: "catalogueText", value: (l) => shortLabel(l.text) },
    ...parties.map((p, i): Column<ItemLine> => ({ header: p.code, width: 12, style: "matrixCell", value: (l) => l.cells[i] ?? null })),
    ...states.map((st): Column<ItemLine> => ({ header: `Total: ${st}`, width: 11, style: "reportNumber", value: (l) => l.counts.get(st) ?? 0 })),
  ];
}

const add = (m: Map<string, number>, k: string): void => void m.set(k, (m.get(k) ?? 0) + 1);

export function matrixSheet(unit: Unit, name: string, kind: MatrixKind): SheetSpec {
  const { title, fills, value, cycles = {}, key } = kind;
  const s = new Sheet();
  const fw = unit.framework;
  const role = itemRole(fw);
  const shownTo = unit.parties.map((p) => isShown(unit, p));
  const states = shownTo.every(Boolean) ? kind.states : [...kind.states, NOT_FOR_DISSEMINATION];
  const cell = (i: number, ref: string): string => {
    const party = unit.parties[i];
    if (!party) return "";
    return shownTo[i] ? value(unit.byParty.get(party.code)?.get(role), ref) : NOT_FOR_DISSEMINATION;
  };
  const columns = matrixColumns(unit.parties, states);
  const width = columns.length;
  const lastEarlier = unit.earlier.at(-1)?.cycle;
  const moves = cycles.was && lastEarlier ? ` "A → B": A in cycle ${lastEarlier}, B now (counted as B).` : "";
  s.line([`${fw.title} — ${title} — cycle ${unit.cycle}`], "title");
  s.legend(`Cells: ${states.join(" / ")}. Totals count the cells in each state.${moves}${key ? " What each state means: below the totals." : ""} Items are named by their first words; the compilation has their full text. ${frameworkLegend(fw, unit.cycle, unit.chosen)}`, width);
  const headerRow = s.headings(columns);
  const first = 2;
  const perParty = unit.parties.map(() => new Map<string, number>());
  const bodyTop = s.row;
  for (const area of fw.areas) {
    const areaCounts = new Map<string, number>();
    for (const item of area.items) {
      const counts = new Map<string, number>();
      const cells = unit.parties.map((party, i) => {
        const v = cell(i, item.ref);
        const was = shownTo[i] ? cycles.was?.(party, item.ref) : undefined;
        for (const m of [counts, areaCounts, perParty[i]]) if (m) add(m, v);
        return was !== undefined && was !== v ? `${was} → ${v}` : v;
      });
      s.tableRow(columns, { ref: item.ref, text: item.text, cells, counts });
    }
    const total: CellValue[] = [area.id, `Total area ${area.id}: ${area.title}`, ...unit.parties.map(() => null), ...states.map((st) => areaCounts.get(st) ?? 0)];
    s.line(total, "reportTotal");
  }
  const bodyBottom = s.row - 1;
  for (const st of kind.states) {
    s.line([null, `Total per party: ${st}`, ...perParty.map((m, i) => (shownTo[i] ? (m.get(st) ?? 0) : null))], "reportTotal");
  }
  if (unit.parties.length > 0) {
    const range = { top: bodyTop, left: first, bottom: bodyBottom, right: first + unit.parties.length - 1 };
    // A moved cell ("planned → ongoing") is coloured by where it is now.
    for (const st of states) if (fills[st]) s.fills.push({ range, when: cycles.was ? { kind: "endsWith", text: st } : { kind: "equals", text: st }, fill: fills[st] ?? "FFFFFF" });
  }
  if (key) {
    s.row++;
    s.spanned(["Key: what each state means"], "areaHeading", 0, 1);
    for (const st of states) if (key[st]) s.legend(`${st}: ${key[st]}`, width);
  }
  const trend = cycles.trend;
  if (trend && trend.cycles.length > 1) {
    s.row++;
    s.spanned([trend.heading], "areaHeading", 0, 1 + trend.cycles.length);
    s.line(["Area", "Title", ...trend.cycles.map((c) => `Cycle ${c}`)], "columnHeader");
    for (const area of fw.areas) {
      const row: CellValue[] = [area.id, area.title, ...trend.counts(area.id)];
      s.line(row, row.map((_, i) => (i === 0 ? "ref" : i === 1 ? "catalogueText" : "reportNumber")));
    }
  }
  return s.spec(name, widthsOf(columns), { headerRow, freeze: { rows: headerRow + 1, cols: 2 }, filter: true, filterBottom: bodyBottom });
}
