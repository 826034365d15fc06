import type { Catalogue } from "../catalogue/catalogue";
import type { Framework, Party } from "../catalogue/schema";
import type { SheetGrid } from "../grid/grid";
import { NO_DETAILS, type SheetDetails, type UnreadDetail } from "../grid/sheet-details";
import { tableColumns } from "../template/layout";
import { readTemplateMeta, tableHeadingRow, type TemplateMeta } from "../template/read-template";
import type { CellValue, SheetRole } from "../template/spec";
import { ackKey, type Acknowledgement } from "./acknowledgements";
import { CARRIED_CHOICE, carriedKey, lastCycleShown, type CarriedMark } from "../cycles/carried";
import { checkDissemination } from "./choice-sources";
import { checkDetailsElsewhere, checkDuplicates, checkMerges } from "./detail-rules";
import type { DisseminationChoice } from "./dissemination";
import { headerStrays } from "./header-block";
import { checkHeader } from "./header-identity";
import type { EntryNote } from "./entry-notes";
import type { Finding } from "./finding";
import { FindingSink } from "./finding-sink";
import { settleRequired, UPDATE_ROUND, type EmptyRequired } from "./required-coverage";
import { sheetContext } from "./sheet-context";
import { checkHeaderBlock } from "./stray-text";
import { checkTableBody } from "./table-body";
import { locateColumns } from "./table-columns";
import { foldKey } from "./typed-text";

// The rule families live beside this file (header-identity, table-body, item-row, entry-rules,
// cross-column-rules, carried-entries, required-coverage, detail-rules, stray-text); here they run
// in the order that fixes the order of the findings.
export { UPDATE_ROUND, type EmptyRequired };

/** A template sheet as the validator understood it: what consolidation builds on. */
export interface TemplateSheet {
  readonly sheet: string;
  readonly meta: TemplateMeta;
  /** The sheet's first cell, where the template writes what the sheet is and whose (trimmed). */
  readonly title?: string;
  readonly framework?: Framework;
  /** The party, resolved through the party list from the header's code and name (absent when they disagree). */
  readonly party?: Party;
  readonly role?: SheetRole;
  /** Entry values per item reference, by entry column id (plus "responsible" and "review"). */
  readonly entries: ReadonlyMap<string, Readonly<Record<string, CellValue>>>;
  /** Formulas, cached errors, links and comments on entry cells, per item reference and column id. */
  readonly notes: ReadonlyMap<string, Readonly<Record<string, readonly EntryNote[]>>>;
  /** The "wider dissemination" choice, for frameworks that have one (questionnaire sheets). */
  readonly dissemination?: DisseminationChoice;
  readonly findings: readonly Finding[];
  /**
   * Required entries left empty (and not excused: not taking part, answered by another item). In an
   * initial return each is a PT-CONT-001 error; in an update they mean "unchanged since the initial
   * return" (one PT-CONT-020 info), and consolidation checks them against the initial (PT-CONT-021).
   */
  readonly emptyRequired?: readonly EmptyRequired[];
}

export interface SheetInput {
  readonly grid: SheetGrid;
  readonly hiddenColumns?: ReadonlySet<number>;
  /** Formulas, cached errors, links, comments and merges: what the values alone do not show. */
  readonly details?: SheetDetails;
  /** The workbook counts dates from 1904 (Excel for Mac's old default): bare serials are read so. */
  readonly date1904?: boolean;
  /** Details the reader could not read (an older Excel): each becomes an info finding. */
  readonly unread?: readonly UnreadDetail[];
  /** Whether the sheet is shown, hidden, or very hidden (only the file reader tells the last). */
  readonly state?: "visible" | "hidden" | "veryHidden";
  /** "header": only the header block was read (the Office.js reader, on a sheet that is no template). */
  readonly extent?: "header";
}

/** Validates one sheet that says it is a template; undefined for any other sheet (see other-sheets). */
export function validateTemplateSheet(
  input: SheetInput,
  catalogue: Catalogue,
  acknowledgements: readonly Acknowledgement[] = [],
  carried: ReadonlyMap<string, CarriedMark> = new Map(),
): TemplateSheet | undefined {
  const { grid } = input;
  const meta = readTemplateMeta(grid);
  if (!meta) return undefined;
  const sink = new FindingSink(grid.name);
  for (const u of input.unread ?? []) sink.add("PT-STRUCT-018", { reason: u.reason }, { row: 0, col: 0 });
  const { framework, party, role } = checkHeader(meta, catalogue, sink, grid);
  const details = input.details ?? NO_DETAILS;
  // The table is found by its headings: a row inserted above it moves it, and nothing is lost.
  // An update started from its own cycle's initial return has no "last cycle" column.
  const tableCols = framework && role ? tableColumns(framework, role, party?.code, lastCycleShown(meta.cycle, meta.previous || undefined)) : undefined;
  const headings = new Set((tableCols ?? []).map((c) => foldKey(c.header)));
  const headingRow = tableHeadingRow(grid, (h) => (tableCols ? headings.has(h) : h !== ""));
  const strays = framework ? headerStrays(grid, framework, meta, role, headingRow, (name) => party !== undefined && catalogue.findParty(framework, name)?.code === party.code, catalogue.partiesOf(framework)) : [];
  // The choice is read whatever the sheet says it is: a sheet that cannot be compiled still must not be published.
  const carriedChoice = framework && meta.partyCode ? carried.get(carriedKey(framework.id, meta.partyCode.trim(), CARRIED_CHOICE.role, CARRIED_CHOICE.ref, CARRIED_CHOICE.column)) : undefined;
  const choice = checkDissemination(framework, grid, meta, details, strays, sink, headingRow, carriedChoice ? { cycle: carriedChoice.cycle, choice: String(carriedChoice.value) } : undefined);
  checkDuplicates(grid, details, sink);
  if (!framework || !role || !tableCols) {
    checkMerges(grid, details, sink);
    const entries = new Map<string, Record<string, CellValue>>();
    const notes = new Map<string, Record<string, EntryNote[]>>();
    return { sheet: grid.name, meta, title: grid.text(0, 0).trim(), ...(framework ? { framework } : {}), ...(party ? { party } : {}), entries, notes, ...(choice ? { dissemination: choice } : {}), findings: sink.list };
  }

  const columns = locateColumns(grid, tableCols, sink, headingRow);
  const ctx = sheetContext(framework, columns, { hidden: input.hiddenColumns ?? new Set<number>(), details, date1904: input.date1904 ?? false, update: meta.round === UPDATE_ROUND }, sink);
  checkHeaderBlock(strays, ctx.hidden, sink);
  const { entries, notes } = checkTableBody(grid, meta, role, party, headingRow, carried, ctx);
  const emptyRequired = settleRequired(framework, entries, ctx.emptyRequired, ctx.update, sink);
  checkDetailsElsewhere(details, ctx.accounted, sink);
  checkMerges(grid, details, sink);

  const ackIndex = new Map(acknowledgements.map((a) => [ackKey(a.sheet, a.cell, a.code), a]));
  const findings = sink.list.map((f): Finding => {
    const ack = f.severity === "warning" && f.cell ? ackIndex.get(ackKey(f.sheet, f.cell, f.code)) : undefined;
    return ack ? { ...f, acknowledged: { justification: ack.justification } } : f;
  });
  return { sheet: grid.name, meta, title: grid.text(0, 0).trim(), framework, ...(party ? { party } : {}), role, entries, notes, ...(choice ? { dissemination: choice } : {}), findings, emptyRequired };
}
