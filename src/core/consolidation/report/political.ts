import { POLITICAL_ENTRY } from "../../template/layout";
import type { SheetSpec } from "../../template/spec";
import { AREA_HEADER, TITLE_KIND, sheetTitle, type Edition } from "./headings";
import { areaHeading, collaborationColumns, editionLegend, entryColumn, entryLabels, leadColumns, notesColumn, partyRow, withheldRows, type PartyRow } from "./party-rows";
import { Sheet, widthsOf, type Column } from "./sheet-toolkit";
import { isShown, type Unit } from "./units";

/** The Pact's political reports: per policy area, one row per party with its short political report. */

function politicalColumns(edition: Edition): Column<PartyRow>[] {
  const labels = entryLabels([POLITICAL_ENTRY]);
  return [
    ...leadColumns({ header: AREA_HEADER, width: 7 }, { header: "Policy area", width: 24 }),
    entryColumn(POLITICAL_ENTRY.id, POLITICAL_ENTRY.header, 70),
    notesColumn(edition, 24, labels),
    ...(edition === "internal" ? collaborationColumns(labels) : []),
  ];
}

export function politicalSheet(unit: Unit, edition: Edition, name: string): SheetSpec {
  const s = new Sheet();
  const columns = politicalColumns(edition);
  s.line([sheetTitle(unit.framework.title, TITLE_KIND.political, unit.cycle)], "title");
  s.legend(editionLegend(unit.framework, edition, unit.parties, unit.cycle, unit.chosen), columns.length);
  const headerRow = s.headings(columns);
  for (const area of unit.framework.areas) {
    s.line(areaHeading(area), "areaHeading");
    withheldRows(s, unit, area.id, columns.length);
    for (const party of unit.parties) {
      if (isShown(unit, party)) s.tableRow(columns, partyRow(unit.byParty.get(party.code)?.get("political"), party, area.id));
    }
  }
  return s.spec(name, widthsOf(columns), { headerRow, freeze: { rows: headerRow + 1, cols: 4 }, filter: true });
}
