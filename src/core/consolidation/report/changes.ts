import { frameworkLegend } from "./party-rows";
import type { Catalogue } from "../../catalogue/catalogue";
import type { Framework, Party } from "../../catalogue/schema";
import type { CellValue, SheetRole, SheetSpec } from "../../template/spec";
import { CHANGE_FILLS, CHANGE_STATES, entryColumnsOf, itemChange, type ChangeState } from "../../cycles/changes";
import { valuesOf } from "../party-response";
import { CODE_HEADER, EDITION_LABEL, PARTY_HEADER, REF_HEADER } from "./headings";
import { shortLabel } from "./matrix";
import { areaHeading, withheldRows } from "./party-rows";
import { Sheet, shown, widthsOf, type Column } from "./sheet-toolkit";
import { earlierResponse, isShown, itemRole, type Earlier, type Unit } from "./units";

/** The Changes sheet: what each party answered now against the latest earlier cycle given. */

/** The sheet roles holding items to compare across cycles: the Pact's political report (per area) and its factual table, or the one item sheet. */
function comparedRoles(fw: Framework): { role: SheetRole; rows: (areaId: string) => { ref: string; text: string }[] }[] {
  const items = (areaId: string) => fw.areas.find((a) => a.id === areaId)?.items.map((i) => ({ ref: i.ref, text: i.text })) ?? [];
  const political = { role: "political" as const, rows: (areaId: string) => fw.areas.filter((a) => a.id === areaId).map((a) => ({ ref: a.id, text: a.title })) };
  return fw.kind === "pact" ? [political, { role: "factual", rows: items }] : [{ role: itemRole(fw), rows: items }];
}

/** One line of the Changes sheet: an item of a party, and (where it changed) one column with both values. */
interface ChangeLine {
  readonly areaId: string;
  readonly ref: string;
  /** The item's first words, on the first line of the item only. */
  readonly label: string | null;
  readonly party: Party;
  readonly state: ChangeState;
  readonly column: string | null;
  readonly then: CellValue;
  readonly now: CellValue;
}

function changeColumns(earlier: Earlier, unit: Unit): Column<ChangeLine>[] {
  return [
    { header: REF_HEADER, width: 7, style: "matrixCell", value: (l) => l.ref },
    { header: "Item", width: 22, style: "matrixCell", value: (l) => l.label },
    { header: PARTY_HEADER, width: 16, style: "matrixCell", value: (l) => l.party.name },
    { header: CODE_HEADER, width: 6, style: "matrixCell", value: (l) => l.party.code },
    { header: "Change", width: 13, style: "matrixCell", value: (l) => l.state },
    { header: "Column", width: 16, value: (l) => l.column },
    { header: `Cycle ${earlier.cycle}`, width: 38, value: (l) => l.then },
    { header: `Cycle ${unit.cycle}`, width: 38, value: (l) => l.now },
  ];
}

/** Every item of every party this edition shows that has something to say, counted by state. */
function changeLines(unit: Unit, earlier: Earlier, parties: readonly Party[]): { lines: ChangeLine[]; counts: Map<ChangeState, number> } {
  const fw = unit.framework;
  const counts = new Map<ChangeState, number>();
  const lines: ChangeLine[] = [];
  for (const { role, rows: itemsOf } of comparedRoles(fw)) {
    const columns = entryColumnsOf(fw, role);
    for (const area of fw.areas) {
      for (const item of itemsOf(area.id)) {
        for (const party of parties) {
          if (!isShown(unit, party)) continue;
          const current = valuesOf(unit.byParty.get(party.code)?.get(role), item.ref);
          const then = earlierResponse(unit, earlier, party, role)?.entries.get(item.ref);
          const change = itemChange(columns, then, current, unit.byParty.has(party.code));
          if (!change) continue;
          counts.set(change.state, (counts.get(change.state) ?? 0) + 1);
          const line = { areaId: area.id, ref: item.ref, label: shortLabel(item.text, 12), party, state: change.state, column: null, then: null, now: null };
          if (change.columns.length === 0) lines.push(line);
          change.columns.forEach((c, i) => lines.push({ ...line, ...(i === 0 ? {} : { label: null }), column: c.header, then: shown(c.previous), now: shown(c.current) }));
        }
      }
    }
  }
  return { lines, counts };
}

/**
 * Changes since the latest earlier cycle given: item × party, new / changed / unchanged / no longer
 * reported / no return this cycle, with both values of every changed column. Parties that reported
 * then but sent nothing now are listed too. In the public edition a withheld party has the standard
 * sentence, and earlier answers are shown only where they were for wider dissemination then too.
 */
export function changesSheet(unit: Unit, catalogue: Catalogue, name: string): SheetSpec | undefined {
  const earlier = unit.earlier.at(-1);
  if (!earlier) return undefined;
  const fw = unit.framework;
  const s = new Sheet();
  const columns = changeColumns(earlier, unit);
  // Parties of either cycle, in the unit's order, then those that reported only then (in the list's order).
  const onlyThen = catalogue.partiesOf(fw).filter((p) => !unit.parties.includes(p) && [...(earlier.byParty.get(p.code)?.keys() ?? [])].some((role) => earlierResponse(unit, earlier, p, role)));
  const parties = [...unit.parties, ...onlyThen];
  const { lines, counts } = changeLines(unit, earlier, parties);
  s.line([`${fw.title} — changes since cycle ${earlier.cycle} — cycle ${unit.cycle}`], "title");
  const tally = CHANGE_STATES.map((st) => `${st}: ${counts.get(st) ?? 0}`).join(", ");
  const older = unit.earlier.slice(0, -1).map((e) => e.cycle);
  s.legend(
    `${EDITION_LABEL[unit.edition]}. Each party's answers compared with cycle ${earlier.cycle}, item by item (${tally}). A changed item has a row per changed column with both values; "no return this cycle": the party sent nothing this cycle. Responsible units and review states are not compared.${older.length ? ` Cycle${older.length > 1 ? "s" : ""} ${older.join(", ")} count${older.length > 1 ? "" : "s"} in the coverage sheet's trend only.` : ""} ${frameworkLegend(fw, unit.cycle, unit.chosen)}`,
    columns.length,
  );
  // Answers to items this catalogue no longer has cannot be compared: say which, and whose.
  const dropped = parties.flatMap((p) => {
    const refs = [...new Set(comparedRoles(fw).flatMap(({ role }) => earlierResponse(unit, earlier, p, role)?.dropped ?? []))];
    return refs.length ? [`${p.code}: ${refs.join(", ")}`] : [];
  });
  if (dropped.length) s.legend(`Items of cycle ${earlier.cycle} no longer in the catalogue, not compared — ${dropped.join("; ")}.`, columns.length);
  const headerRow = s.headings(columns);
  const bodyTop = s.row;
  for (const area of fw.areas) {
    const own = lines.filter((r) => r.areaId === area.id);
    const withheld = unit.parties.some((p) => !isShown(unit, p));
    if (own.length === 0 && !withheld) continue;
    s.spanned(areaHeading(area), "areaHeading", 1, columns.length - 1);
    withheldRows(s, unit, area.id, columns.length);
    for (const l of own) s.tableRow(columns, l);
  }
  if (s.row > bodyTop) for (const st of CHANGE_STATES) s.fills.push({ range: { top: bodyTop, left: 4, bottom: s.row - 1, right: 4 }, when: { kind: "equals", text: st }, fill: CHANGE_FILLS[st] });
  return s.spec(name, widthsOf(columns), { headerRow, freeze: { rows: headerRow + 1, cols: 4 }, filter: true });
}
