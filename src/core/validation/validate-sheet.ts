import type { Catalogue } from "../catalogue/catalogue";
import { catalogueFingerprint } from "../catalogue/fingerprint";
import type { EntryColumn, Framework, Party } from "../catalogue/schema";
import { cellAddress, cellAt, columnLetters, type SheetGrid } from "../grid/grid";
import { serialToIsoDay } from "../grid/excel-date";
import { NO_DETAILS, type SheetDetails, type UnreadDetail } from "../grid/sheet-details";
import { areaHeadingText, guidanceCellText, itemCellText, sheetTitle, templateLists } from "../template/builder";
import { META, META_ROWS, REVIEW_LIST_ID, sheetRoles, tableColumns, type TableColumn } from "../template/layout";
import { bodyRows, isSheetRole, readTemplateMeta, tableHeadingRow, titleParty, type TemplateMeta } from "../template/read-template";
import type { CellValue, SheetRole } from "../template/spec";
import { ackKey, type Acknowledgement } from "./acknowledgements";
import { CARRIED_CHOICE, carriedKey, lastCycleShown, sameCycle, type CarriedMark } from "../cycles/carried";
import { count } from "../wording";
import { isCycleLabel } from "../cycles/cycle-label";
import { parseIsoDay } from "./dates";
import { checkDissemination } from "./choice-sources";
import type { DisseminationChoice } from "./dissemination";
import { headerStrays, type HeaderStray } from "./header-block";
import { notesAt, type EntryNote } from "./entry-notes";
import type { Finding } from "./finding";
import { FindingSink } from "./finding-sink";
import { EXCEL_CELL_LIMIT, isNothingToReport, validationConfig } from "./rules";
import { locateColumns, type LocatedColumn } from "./table-columns";
import { foldKey, squash } from "./typed-text";

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

/** One required entry a sheet leaves empty: the item, the entry column's id and heading, the cell. */
export interface EmptyRequired {
  readonly ref: string;
  readonly column: string;
  readonly header: string;
  readonly cell: string;
}

/** The round whose empty entries keep the earlier return's: an update gives only what changed. */
export const UPDATE_ROUND = "update";
/** An update's required entries left empty, at most this many named in its PT-CONT-020 finding. */
const NAMED_EMPTY = 8;

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


/** The rows a sheet of this role lists, in order: areas (political report) or items. */
interface ExpectedRow {
  readonly ref: string;
  /** As the template writes it (most cells match it exactly) and squashed, for the tolerant compare. */
  readonly raw: string;
  readonly text: string;
  readonly isArea: boolean;
  /** Other locked catalogue text on the row (guidance, main commitment), squashed, and as written. */
  readonly locked: string;
  readonly lockedRaw: string;
}

const expectedCache = new WeakMap<Framework, Map<SheetRole, ExpectedRow[]>>();

/** Texts are kept squashed (white space folded): that is how cells are compared with them. */
function expectedRows(framework: Framework, role: SheetRole): ExpectedRow[] {
  const perRole = expectedCache.get(framework) ?? new Map<SheetRole, ExpectedRow[]>();
  expectedCache.set(framework, perRole);
  const known = perRole.get(role);
  if (known) return known;
  const rows: ExpectedRow[] =
    role === "political"
      ? framework.areas.map((a) => ({ ref: a.id, raw: a.title, text: squash(a.title), isArea: false, locked: squash(a.mainCommitment ?? ""), lockedRaw: a.mainCommitment ?? "" }))
      : framework.areas.flatMap((a) => [
          { ref: a.id, raw: areaHeadingText(a), text: squash(areaHeadingText(a)), isArea: true, locked: "", lockedRaw: "" },
          ...a.items.map((i) => {
            const raw = itemCellText(i.text, i.subitems);
            return { ref: i.ref, raw, text: squash(raw), isArea: false, locked: squash(guidanceCellText(i)), lockedRaw: guidanceCellText(i) };
          }),
        ]);
  perRole.set(role, rows);
  return rows;
}

function valueText(v: CellValue): string {
  if (v === null) return "";
  if (typeof v === "object") return v.date;
  return String(v);
}

/** A day as ISO text from what a date cell holds, or undefined when it is not a date. */
function asDay(v: CellValue, date1904: boolean): string | undefined {
  if (v === null) return undefined;
  if (typeof v === "object") return v.date;
  // A bare number in a date column: a serial whose date format another program dropped.
  if (typeof v === "number") return serialToIsoDay(v, date1904);
  if (typeof v === "string") return parseIsoDay(v.trim());
  return undefined;
}

interface Header {
  readonly framework?: Framework;
  readonly party?: Party;
  readonly role?: SheetRole;
}

function checkHeader(meta: TemplateMeta, catalogue: Catalogue, sink: FindingSink, grid: SheetGrid): Header {
  // Header findings point at the value cell where the template put it.
  const cellOf = (key: keyof typeof META_ROWS) => ({ row: META_ROWS[key], col: 1 });
  for (const field of ["framework", "version", "fingerprint", "partyCode", "sheet"] as const) {
    if (!meta[field]) sink.add("PT-STRUCT-001", { field: META[field] }, cellOf(field));
  }
  if (!meta.cycle) sink.add("PT-STRUCT-012", { field: "reporting cycle", value: "" }, cellOf("cycle"));
  // One rule for every input's cycle label: a label the rule refuses is named (the report still uses it, made safe).
  else if (!isCycleLabel(meta.cycle)) sink.add("PT-STRUCT-012", { field: "reporting cycle", value: meta.cycle.slice(0, 40) }, cellOf("cycle"));
  if (meta.round !== "initial" && meta.round !== "update") sink.add("PT-STRUCT-012", { field: "round", value: meta.round ?? "" }, cellOf("round"));
  const framework = meta.framework ? catalogue.findFramework(meta.framework) : undefined;
  if (meta.framework && !framework) sink.add("PT-STRUCT-002", { framework: meta.framework }, cellOf("framework"));
  let role = isSheetRole(meta.sheet) ? meta.sheet : undefined;
  if (meta.sheet && !role) sink.add("PT-STRUCT-001", { field: "sheet (role)" }, cellOf("sheet"));
  // A role the framework does not have would be read but never compiled: refuse it instead.
  if (framework && role && !sheetRoles(framework).includes(role)) {
    sink.add("PT-STRUCT-019", { role, framework: framework.id, roles: sheetRoles(framework).join(", ") }, cellOf("sheet"));
    role = undefined;
  }
  const resolved = framework && meta.partyCode ? resolveParty({ ...meta, partyCode: meta.partyCode }, framework, catalogue, sink) : undefined;
  const party = framework && resolved && identityAgrees(grid, framework, role, resolved, catalogue, sink) ? resolved : undefined;
  return { ...(framework ? { framework } : {}), ...(party ? { party } : {}), ...(role ? { role } : {}) };
}

/**
 * Identity is not taken on faith: the template writes the party in the title ("… — France") and in
 * the sheet's name ("pact-2008 FR factual") as well as in the header. Where the title or the name
 * still names another party of the list than the header does (France's return with Germany's code
 * and name typed in), the sheet is attributed to nobody until they agree (PT-STRUCT-023). A title
 * or name the user changed into something else names no party, and is no disagreement.
 */
function identityAgrees(grid: SheetGrid, framework: Framework, role: SheetRole | undefined, party: Party, catalogue: Catalogue, sink: FindingSink): boolean {
  const others: string[] = [];
  const titled = titleParty(grid.text(0, 0), role ? [sheetTitle(framework, role, "")] : []);
  const byTitle = titled ? catalogue.findParty(framework, titled) : undefined;
  if (byTitle && byTitle.code !== party.code) others.push(`the title names ${byTitle.name} (${byTitle.code})`);
  const named = grid.name.startsWith(`${framework.id} `) ? (grid.name.slice(framework.id.length + 1).split(" ")[0] ?? "") : "";
  const byName = named ? catalogue.findParty(framework, named) : undefined;
  if (byName && byName.code !== party.code) others.push(`the sheet's name '${grid.name}' names ${byName.name} (${byName.code})`);
  if (others.length === 0) return true;
  sink.add("PT-STRUCT-023", { party: `${party.name} (${party.code})`, others: others.join(", and ") }, { row: META_ROWS.partyCode, col: 1 });
  return false;
}

/**
 * One identity per party: the code ("FR", "fr", even "France") and the name are both resolved
 * through the party list. When they name different parties the return belongs to neither until
 * corrected — an edited code must never let France's return stand in for Germany's.
 */
function resolveParty(meta: TemplateMeta & { partyCode: string }, framework: Framework, catalogue: Catalogue, sink: FindingSink): Party | undefined {
  const code = meta.partyCode;
  const byCode = catalogue.findParty(framework, code);
  if (!byCode) {
    sink.add("PT-STRUCT-011", { party: code, framework: framework.id }, { row: META_ROWS.partyCode, col: 1 });
    return undefined;
  }
  const name = meta.party ?? "";
  const byName = name ? catalogue.findParty(framework, name) : byCode;
  if (byName?.code !== byCode.code) {
    sink.add(
      "PT-STRUCT-015",
      { code, codeParty: `${byCode.name} (${byCode.code})`, name, nameParty: byName ? `${byName.name} (${byName.code})` : `no party of ${framework.id}` },
      { row: META_ROWS.partyCode, col: 1 },
    );
    return undefined;
  }
  return byCode;
}

/** A list value as a slip would differ from it: case and white space. */
const listKey = foldKey;

/** What the row checks need to know about the sheet. */
interface SheetContext {
  readonly framework: Framework;
  readonly columns: readonly LocatedColumn[];
  readonly lists: ReadonlyMap<string, readonly string[]>;
  readonly hidden: ReadonlySet<number>;
  readonly details: SheetDetails;
  readonly date1904: boolean;
  readonly sink: FindingSink;
  /** A1 addresses of entry cells whose details were accounted for. */
  readonly accounted: Set<string>;
  /** Whether the sheet has any formula, error, link or comment at all (most returns have none). */
  readonly hasDetails: boolean;
  /** Entry column id → its column in this sheet, where found. */
  readonly entryCols: ReadonlyMap<string, number>;
  /** An update round: an empty required entry keeps the initial return's (no PT-CONT-001). */
  readonly update: boolean;
  /** Required entries found empty (see TemplateSheet.emptyRequired). */
  readonly emptyRequired: EmptyRequired[];
}

const NO_CELL_DETAILS: { readonly notes: EntryNote[]; readonly formula?: string; readonly error?: string } = Object.freeze({ notes: [] });

/** An entry cell's formula, error and notes, marked as accounted for; nothing to look up on a sheet without details. */
function cellDetails(ctx: SheetContext, row: number, col: number): { readonly notes: EntryNote[]; readonly formula?: string; readonly error?: string } {
  if (!ctx.hasDetails) return NO_CELL_DETAILS;
  const a1 = cellAddress(row, col);
  ctx.accounted.add(a1);
  const formula = ctx.details.formulas.get(a1);
  const error = ctx.details.errors.get(a1);
  return { notes: notesAt(ctx.details, a1), ...(formula !== undefined ? { formula } : {}), ...(error !== undefined ? { error } : {}) };
}

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
  const strays = framework ? headerStrays(grid, framework, meta, role, headingRow, (name) => party !== undefined && catalogue.findParty(framework, name)?.code === party.code) : [];
  // The choice is read whatever the sheet says it is: a sheet that cannot be compiled still must not be published.
  const carriedChoice = framework && meta.partyCode ? carried.get(carriedKey(framework.id, meta.partyCode.trim(), CARRIED_CHOICE.role, CARRIED_CHOICE.ref, CARRIED_CHOICE.column)) : undefined;
  const choice = checkDissemination(framework, grid, meta, details, strays, sink, headingRow, carriedChoice ? { cycle: carriedChoice.cycle, choice: String(carriedChoice.value) } : undefined);
  const entries = new Map<string, Record<string, CellValue>>();
  const notes = new Map<string, Record<string, EntryNote[]>>();
  checkDuplicates(grid, details, sink);
  if (!framework || !role || !tableCols) {
    checkMerges(grid, details, sink);
    return { sheet: grid.name, meta, title: grid.text(0, 0).trim(), ...(framework ? { framework } : {}), ...(party ? { party } : {}), entries, notes, ...(choice ? { dissemination: choice } : {}), findings: sink.list };
  }

  const columns = locateColumns(grid, tableCols, sink, headingRow);
  const ctx: SheetContext = {
    framework,
    columns,
    lists: new Map(templateLists(framework).map((l) => [l.id, l.values])),
    hidden: input.hiddenColumns ?? new Set<number>(),
    details,
    date1904: input.date1904 ?? false,
    sink,
    accounted: new Set<string>(),
    hasDetails: details.formulas.size + details.errors.size + details.links.size + details.comments.size > 0,
    entryCols: new Map(columns.flatMap((c) => (c.column.kind === "entry" && c.col !== undefined ? [[c.column.entry.id, c.col] as const] : []))),
    update: meta.round === UPDATE_ROUND,
    emptyRequired: [],
  };
  const mapped = new Set(columns.flatMap((c) => (c.col === undefined ? [] : [c.col])));
  const colOf = (kind: TableColumn["kind"]): number | undefined => columns.find((c) => c.column.kind === kind)?.col;
  const expected = expectedRows(framework, role);
  const expectedItems = expected.filter((e) => !e.isArea);

  checkHeaderBlock(strays, ctx.hidden, sink);

  const byRef = new Map(expected.map((e) => [e.ref, e]));
  const itemPosition = new Map(expectedItems.map((e, i) => [e.ref, i]));
  const itemCol = colOf("item");
  const locked = columns.find((c) => c.column.kind === "guidance" || c.column.kind === "mainCommitment");
  const seen = new Map<string, number>();
  let itemIndex = 0;
  const outdated: string[] = [];
  const beside = (row: number, col: number, v: CellValue): void => {
    const area = col >= columns.length ? "beside the table" : `column ${columnLetters(col)}, which is not a column of the template`;
    sink.add(ctx.hidden.has(col) ? "PT-STRUCT-010" : "PT-STRUCT-009", { area, column: columnLetters(col), value: valueText(v).slice(0, 60) }, { row, col });
  };

  for (const body of bodyRows(grid, headingRow)) {
    const exp = byRef.get(body.ref);
    if (!exp) {
      // Not a catalogue row: an unknown reference, or text typed below/beside the table.
      for (const [col, v] of body.values) {
        if (col === 0 && body.ref) {
          sink.add("PT-STRUCT-008", { ref: body.ref, framework: framework.id }, { row: body.row, col, ref: body.ref });
          outdated.push(`'${body.ref}' not in catalogue`);
        } else if (col !== 0) {
          sink.add(ctx.hidden.has(col) ? "PT-STRUCT-010" : "PT-STRUCT-009", { area: "outside the table", column: columnLetters(col), value: valueText(v).slice(0, 60) }, { row: body.row, col });
        }
      }
      continue;
    }
    if (exp.isArea) {
      const again = seen.get(exp.ref);
      if (again !== undefined) sink.add("PT-STRUCT-005", { ref: exp.ref, firstRow: again + 1 }, { row: body.row, col: 0, ref: exp.ref });
      else seen.set(exp.ref, body.row);
      for (const [col, v] of body.values) {
        // Column B holds the area's own heading: anything else typed there, or beside it, is not read.
        const changed = col === 1 && again === undefined && grid.text(body.row, 1) !== exp.raw && squash(grid.text(body.row, 1)) !== exp.text;
        if (col > 1 || changed || (col === 1 && again !== undefined)) sink.add("PT-STRUCT-009", { area: `area heading ${exp.ref}`, column: columnLetters(col), value: valueText(v).slice(0, 60) }, { row: body.row, col });
      }
      continue;
    }
    const first = seen.get(exp.ref);
    if (first !== undefined) {
      sink.add("PT-STRUCT-005", { ref: exp.ref, firstRow: first + 1 }, { row: body.row, col: 0, ref: exp.ref });
      continue;
    }
    seen.set(exp.ref, body.row);
    const wanted = expectedItems[itemIndex];
    if (wanted && wanted.ref !== exp.ref) sink.add("PT-STRUCT-006", { ref: exp.ref, expected: wanted.ref }, { row: body.row, col: 0, ref: exp.ref });
    itemIndex = (itemPosition.get(exp.ref) ?? -1) + 1;
    if (itemCol !== undefined) {
      const itemText = grid.text(body.row, itemCol);
      if (itemText !== exp.raw && squash(itemText) !== exp.text) {
        sink.add("PT-STRUCT-007", { ref: exp.ref }, { row: body.row, col: itemCol, ref: exp.ref });
        outdated.push(`${exp.ref} text changed`);
      }
    }
    const lockedText = locked?.col !== undefined ? grid.text(body.row, locked.col) : "";
    if (locked?.col !== undefined && lockedText !== exp.lockedRaw && squash(lockedText) !== exp.locked) {
      sink.add("PT-STRUCT-009", { area: `locked column ${locked.column.header}`, value: lockedText.slice(0, 60) }, { row: body.row, col: locked.col, ref: exp.ref });
    }
    for (const col of body.values.keys()) if (!mapped.has(col)) beside(body.row, col, body.values.get(col) ?? null);
    const row = checkItemRow(body.row, exp.ref, body.values, ctx);
    if (party) checkCarried(body.row, exp.ref, row.values, carried, { framework, party, role, grid, cycle: meta.cycle }, ctx);
    entries.set(exp.ref, row.values);
    if (Object.keys(row.notes).length > 0) notes.set(exp.ref, row.notes);
  }
  for (const e of expectedItems) {
    if (!seen.has(e.ref)) {
      sink.add("PT-STRUCT-004", { ref: e.ref }, { row: headingRow, col: 0, ref: e.ref });
      outdated.push(`${e.ref} missing`);
    }
  }
  if (meta.fingerprint && meta.fingerprint !== catalogueFingerprint(framework)) {
    const changes = outdated.length ? `${outdated.slice(0, 5).join("; ")}${outdated.length > 5 ? `; ${outdated.length - 5} more` : ""}` : "entry columns or lists changed";
    sink.add("PT-STRUCT-003", { framework: framework.id, sheetVersion: meta.version ?? "?", version: framework.version, changes }, { row: META_ROWS.fingerprint, col: 1 });
  }
  const excused = excuseAlternatives(framework, entries, sink);
  const emptyRequired = ctx.emptyRequired.filter((e) => !excused.has(e.ref));
  if (ctx.update && emptyRequired.length > 0) {
    const refs = [...new Set(emptyRequired.map((e) => e.ref))];
    const named = refs.length > NAMED_EMPTY ? `${refs.slice(0, NAMED_EMPTY).join(", ")} and ${count(refs.length - NAMED_EMPTY, "more item")}` : refs.join(", ");
    sink.add("PT-CONT-020", { entries: count(emptyRequired.length, "required entry", "required entries"), refs: named }, { row: META_ROWS.round, col: 1 });
  }
  checkDetailsElsewhere(details, ctx.accounted, sink);
  checkMerges(grid, details, sink);

  const ackIndex = new Map(acknowledgements.map((a) => [ackKey(a.sheet, a.cell, a.code), a]));
  const findings = sink.list.map((f): Finding => {
    const ack = f.severity === "warning" && f.cell ? ackIndex.get(ackKey(f.sheet, f.cell, f.code)) : undefined;
    return ack ? { ...f, acknowledged: { justification: ack.justification } } : f;
  });
  return { sheet: grid.name, meta, title: grid.text(0, 0).trim(), framework, ...(party ? { party } : {}), role, entries, notes, ...(choice ? { dissemination: choice } : {}), findings, emptyRequired };
}

/**
 * An item that answers others in one go (the EMN query's single response for 1.–4.): a party
 * answers each question, and then needs no single response, or none of them on its own and gives
 * the single response, which then stands for each.
 */
function excuseAlternatives(framework: Framework, entries: ReadonlyMap<string, Readonly<Record<string, CellValue>>>, sink: FindingSink): Set<string> {
  const all = new Set<string>();
  const answered = (ref: string): boolean => framework.entryColumns.every((c) => !c.required || valueText(entries.get(ref)?.[c.id] ?? null).trim() !== "");
  for (const area of framework.areas) {
    for (const item of area.items) {
      const covered = item.covers ?? [];
      if (covered.length === 0) continue;
      const oneByOne = covered.some(answered);
      const excused = new Set(oneByOne ? [item.ref] : answered(item.ref) ? covered : []);
      if (excused.size > 0) sink.withdraw((f) => f.code === "PT-CONT-001" && f.ref !== undefined && excused.has(f.ref));
      for (const ref of excused) all.add(ref);
    }
  }
  return all;
}

function checkItemRow(row: number, ref: string, values: ReadonlyMap<number, CellValue>, ctx: SheetContext): { values: Record<string, CellValue>; notes: Record<string, EntryNote[]> } {
  const { columns, lists, hidden, sink } = ctx;
  const out: Record<string, CellValue> = {};
  const notes: Record<string, EntryNote[]> = {};
  const at = (col: number) => ({ row, col, ref });
  const entryCol = (id: string): number | undefined => ctx.entryCols.get(id);
  const participationCol = entryCol("participation");
  const participation = participationCol === undefined ? "" : listKey(valueText(values.get(participationCol) ?? null));
  const notParticipating = participation === "no";

  for (const { column: c, col } of columns) {
    if (col === undefined || c.kind === "guidance" || c.kind === "mainCommitment" || c.kind === "ref" || c.kind === "item" || c.kind === "previous") continue;
    const key = c.kind === "entry" ? c.entry.id : c.kind;
    const { notes: cellNotes, formula, error } = cellDetails(ctx, row, col);
    if (cellNotes.length > 0) notes[key] = cellNotes;
    let v = values.get(col) ?? null;
    if (valueText(v) !== "" && hidden.has(col)) sink.add("PT-STRUCT-010", { column: columnLetters(col), value: valueText(v).slice(0, 60) }, at(col));
    if (error !== undefined) {
      // A cached error is never an answer: it counts as not reported, and the finding says why.
      sink.add("PT-CONT-015", { column: c.header, ref, error, formula: formula ? ` (formula ${formula})` : "" }, at(col));
      out[key] = null;
      continue;
    }
    if (formula !== undefined) {
      const required = c.kind === "entry" && c.entry.required;
      const cached = valueText(v);
      sink.add(required ? "PT-CONT-013" : "PT-CONT-014", { column: c.header, ref, formula, cached: cached ? `'${cached.slice(0, 60)}'` : "no value (it was never calculated)" }, at(col));
      // The formula's own finding says why the cell reads as empty; "is empty" would mislead.
      if (cached === "") {
        out[key] = null;
        continue;
      }
    }
    if (c.kind === "responsible") {
      out[key] = v;
      continue;
    }
    if (c.kind === "review") {
      out[key] = checkList(v, lists.get(REVIEW_LIST_ID) ?? [], c.header, at(col), sink);
      continue;
    }
    v = checkEntry(v, c.entry, c.header, ctx, notParticipating && c.entry.id !== "participation", at(col));
    out[key] = v;
  }

  // Rules across columns of one row (action matrices).
  const start = asDay(out["start"] ?? null, ctx.date1904);
  const end = asDay(out["end"] ?? null, ctx.date1904);
  const startCol = entryCol("start");
  const endCol = entryCol("end");
  if (start && end && start > end && startCol !== undefined) sink.add("PT-CONT-005", { ref, start, end }, at(startCol));
  if (listKey(valueText(out["status"] ?? null)) === "completed" && !end && endCol !== undefined) sink.add("PT-CONT-007", { ref }, at(endCol));
  const actions = valueText(out["actions"] ?? null);
  const actionsCol = entryCol("actions");
  if (notParticipating && actions && !isNothingToReport(actions) && actionsCol !== undefined) sink.add("PT-CONT-008", { ref }, at(actionsCol));
  return { values: out, notes };
}

/** Status values that, after "completed" last cycle, say the action went back to not being done. */
const BACKWARDS_FROM_COMPLETED: ReadonlySet<string> = new Set(["not started", "planned"]);

/**
 * Year after year (src/core/cycles): a text entry still exactly as carried from last cycle asks to
 * be confirmed or updated; an action completed last cycle and now not started (or only planned)
 * asks for its status to be checked. Last cycle's read-only column must still show what was carried.
 */
function checkCarried(
  row: number,
  ref: string,
  values: Readonly<Record<string, CellValue>>,
  carried: ReadonlyMap<string, CarriedMark>,
  sheet: { framework: Framework; party: Party; role: SheetRole; grid: SheetGrid; cycle: string | undefined },
  ctx: SheetContext,
): void {
  if (carried.size === 0) return;
  const mark = (column: string): CarriedMark | undefined => carried.get(carriedKey(sheet.framework.id, sheet.party.code, sheet.role, ref, column));
  for (const { column: c, col } of ctx.columns) {
    if (col === undefined) continue;
    if (c.kind === "previous") {
      const was = mark(c.shows);
      if (was && squash(sheet.grid.text(row, col)) !== squash(valueText(was.value))) {
        ctx.sink.add("PT-STRUCT-009", { area: `locked column ${c.header}`, column: columnLetters(col), value: sheet.grid.text(row, col).slice(0, 60) }, { row, col, ref });
      }
      continue;
    }
    if (c.kind !== "entry") continue;
    const was = mark(c.entry.id);
    if (!was) continue;
    const now = valueText(values[c.entry.id] ?? null);
    // Carried from this cycle's initial return into its update, an entry left as it is simply did not change.
    if (c.entry.type === "text" && now !== "" && now === valueText(was.value) && !sameCycle(sheet.cycle, was.cycle)) ctx.sink.add("PT-CONT-017", { column: c.header, ref, cycle: was.cycle }, { row, col, ref });
    if (c.entry.id === "status" && listKey(valueText(was.value)) === "completed" && BACKWARDS_FROM_COMPLETED.has(listKey(now))) {
      ctx.sink.add("PT-CONT-018", { ref, cycle: was.cycle, status: now }, { row, col, ref });
    }
  }
}

function checkList(v: CellValue, allowed: readonly string[], column: string, place: { row: number; col: number; ref: string }, sink: FindingSink): CellValue {
  const text = valueText(v).trim();
  if (text === "") return null;
  if (allowed.includes(text)) return text;
  const match = allowed.find((a) => listKey(a) === listKey(text));
  if (match) {
    sink.add("PT-CONT-003", { value: text, column, suggestion: match }, { ...place, suggestion: match });
    return match;
  }
  sink.add("PT-CONT-002", { value: text, column, allowed: allowed.join(", ") }, place);
  return text;
}

function checkEntry(v: CellValue, entry: EntryColumn, column: string, ctx: SheetContext, excused: boolean, place: { row: number; col: number; ref: string }): CellValue {
  const { sink, framework } = ctx;
  const text = valueText(v);
  const { ref } = place;
  if (text.trim() === "") {
    if (entry.required && !excused) {
      ctx.emptyRequired.push({ ref, column: entry.id, header: column, cell: cellAddress(place.row, place.col) });
      // In an update an empty entry is "unchanged since the initial return": said once for the sheet (PT-CONT-020).
      if (!ctx.update) sink.add("PT-CONT-001", { column, ref }, { ...place, columnType: entry.type });
    }
    return null;
  }
  if (entry.type === "list") return checkList(v, ctx.lists.get(entry.list ?? "") ?? [], column, place, sink);
  if (entry.type === "date") {
    if (isNothingToReport(text)) return text;
    const day = asDay(v, ctx.date1904);
    if (!day) {
      sink.add("PT-CONT-004", { column, ref, value: text.slice(0, 40) }, place);
      return v;
    }
    const tf = framework.timeframe;
    if (tf && (day < tf.start || day > tf.end)) sink.add("PT-CONT-006", { column, ref, value: day, start: tf.start, end: tf.end }, place);
    return { date: day };
  }
  if (text.length > EXCEL_CELL_LIMIT) sink.add("PT-CONT-010", { column, ref, length: text.length }, place);
  else if (text.length > validationConfig.advisoryLength) sink.add("PT-CONT-011", { column, ref, length: text.length, limit: validationConfig.advisoryLength }, place);
  return typeof v === "string" ? v : text;
}

const NOTE_WHAT: Readonly<Record<"formulas" | "links" | "comments", string>> = { formulas: "formula", links: "link", comments: "comment" };

/**
 * A formula, link or comment anywhere but an entry cell is not carried into the report: say so,
 * so that nothing a party wrote vanishes without a word. (Cached errors outside entry cells are
 * values, and the value rules already name them.)
 */
function checkDetailsElsewhere(details: SheetDetails, accounted: ReadonlySet<string>, sink: FindingSink): void {
  for (const kind of ["formulas", "links", "comments"] as const) {
    for (const [a1, text] of details[kind]) {
      if (accounted.has(a1)) continue;
      const { row, col } = cellAt(a1);
      sink.add("PT-CONT-016", { what: NOTE_WHAT[kind], cell: a1, text: text.slice(0, 80) }, { row, col });
    }
  }
}

/** Header strays are typed text that is not read: each is named. */
function checkHeaderBlock(strays: readonly HeaderStray[], hidden: ReadonlySet<number>, sink: FindingSink): void {
  for (const c of strays) sink.add(hidden.has(c.col) ? "PT-STRUCT-010" : "PT-STRUCT-009", { area: "header", column: columnLetters(c.col), value: valueText(c.value).slice(0, 60) }, { row: c.row, col: c.col });
}

/** A cell the file gives more than once: which value a reader shows differs between programs, so it is named. */
function checkDuplicates(grid: SheetGrid, details: SheetDetails, sink: FindingSink): void {
  for (const [a1, earlier] of details.duplicates ?? []) {
    const { row, col } = cellAt(a1);
    const last = grid.text(row, col);
    sink.add("PT-STRUCT-021", { cell: a1, values: [...earlier, last].map((v) => `'${v.slice(0, 40)}'`).join(", then "), value: last.slice(0, 60) }, { row, col });
  }
}

/** Excel shows only the top-left cell of a merged range: any other value in it is hidden from the reader. */
function checkMerges(grid: SheetGrid, details: SheetDetails, sink: FindingSink): void {
  for (const m of details.merges) {
    const range = `${cellAddress(m.top, m.left)}:${cellAddress(m.bottom, m.right)}`;
    const hidden = [...grid.cellsIn(m)].filter((c) => c.row !== m.top || c.col !== m.left).sort((a, b) => a.row - b.row || a.col - b.col);
    for (const c of hidden) sink.add("PT-STRUCT-016", { range, cell: cellAddress(c.row, c.col), value: valueText(c.value).slice(0, 60) }, { row: c.row, col: c.col });
  }
}
