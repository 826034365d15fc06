import type { SheetSpec } from "../../template/spec";
import { itemCellText } from "../../template/builder";
import { DISSEMINATION_HEADER, REF_HEADER, TITLE_KIND, sheetTitle, type Edition } from "./headings";
import { areaHeading, collaborationColumns, editionLegend, entryColumn, entryLabels, leadColumns, notesColumn, partyRow, withheldRows, type PartyRow } from "./party-rows";
import { Sheet, widthsOf, type Column } from "./sheet-toolkit";
import { isShown, itemRole, type Unit } from "./units";

/**
 * The compilation: per area and item, one row per party with its entries verbatim, its notes, and in
 * the internal edition its dissemination choice, contact, review state and source.
 */

function compilationColumns(unit: Unit, edition: Edition): Column<PartyRow>[] {
  const fw = unit.framework;
  const labels = entryLabels(fw.entryColumns);
  const choice: Column<PartyRow>[] = fw.dissemination ? [{ header: DISSEMINATION_HEADER, width: 14, value: (r) => r.response?.dissemination ?? null }] : [];
  return [
    ...leadColumns({ header: REF_HEADER, width: 8 }, { header: "Item", width: 30 }),
    ...fw.entryColumns.map((c) => entryColumn(c.id, c.header, c.type === "text" ? 40 : 12)),
    notesColumn(edition, 20, labels),
    ...(edition === "internal" ? [...choice, ...collaborationColumns(labels)] : []),
  ];
}

export function compilationSheet(unit: Unit, edition: Edition, name: string): SheetSpec {
  const s = new Sheet();
  const fw = unit.framework;
  const columns = compilationColumns(unit, edition);
  s.line([sheetTitle(fw.title, TITLE_KIND.compilation, unit.cycle)], "title");
  s.legend(editionLegend(fw, edition, unit.parties, unit.cycle, unit.chosen), columns.length);
  const headerRow = s.headings(columns);
  const role = itemRole(fw);
  for (const area of fw.areas) {
    s.spanned(areaHeading(area), "areaHeading", 1, columns.length - 1);
    withheldRows(s, unit, area.id, columns.length);
    for (const item of area.items) {
      // As the template prints it: sub-items, what is the tool's, and where the document says it.
      s.line([item.ref, itemCellText(item)], ["ref", "catalogueText"]);
      for (const party of unit.parties) {
        if (isShown(unit, party)) s.tableRow(columns, partyRow(unit.byParty.get(party.code)?.get(role), party, item.ref));
      }
    }
  }
  return s.spec(name, widthsOf(columns), { headerRow, freeze: { rows: headerRow + 1, cols: 4 }, filter: true });
}

