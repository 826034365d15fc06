import { meaningOf } from "../catalogue/roles";
import { catalogueFingerprint } from "../catalogue/fingerprint";
import { dueText, longDate } from "../catalogue/timetable";
import { sourceDocumentLine } from "../catalogue/source-document";
import { TOOL_LABELS, columnNote, hintNote, instructionsNote, isEuLevel, itemNote, listNote, partiesNote, periodNotice, restoredNote, roundNote } from "../catalogue/provenance";
import { runPartiesNote, type RunParties } from "../catalogue/run-parties";
import type { EntryColumn, Framework, Item, Party } from "../catalogue/schema";
import {
  POLITICAL_ENTRY,
  FIRST_BODY_ROW,
  INSTRUCTIONS_ROW,
  LISTS_SHEET,
  META,
  META_ROWS,
  REVIEW_LIST_ID,
  REVIEW_STATES,
  TABLE_HEADER_ROW,
  TEMPLATE_MARKER,
  listRangeName,
  sheetRoles,
  tableColumns,
  templateSheetName,
  type MetaKey,
  type TableColumn,
} from "./layout";
import type { CellSpec, CellValue, ConditionalFillSpec, DefinedNameSpec, PageText, RangeAddress, SheetRole, SheetSpec, StyleName, ValidationSpec, WorkbookSpec } from "./spec";
import { CARRIED_CHOICE, CARRIED_FIRST_VALUE_COL, CARRIED_HEADERS, CARRIED_SHEET, lastCycleShown, sameCycle, type CarriedCycle } from "../cycles/carried";
import { CARRIED_FILL } from "./styles";
import { printSetup } from "./print";

export type Round = "initial" | "update";

export interface TemplateRequest {
  readonly framework: Framework;
  readonly party: Party;
  /** Free label of the reporting cycle, e.g. "2026". */
  readonly cycle: string;
  readonly round: Round;
  /** Last cycle's answers of the same framework and party, to start from (see src/core/cycles); for an update, maybe this cycle's initial return. */
  readonly previous?: CarriedCycle;
  /**
   * The parties the templates are sent to, where the user chose them (see catalogue/run-parties):
   * the note beside the party then says the list is the user's, not the catalogue's.
   */
  readonly parties?: RunParties;
}

/** Date validation bounds: wide, because the validator (not Excel) judges the plan's timeframe. */
const DATE_MIN = "1990-01-01";
const DATE_MAX = "2100-12-31";

const INSTRUCTIONS: Readonly<Record<SheetRole, string>> = {
  political: "Summarise, for each policy area, your political assessment of progress. Fill the yellow cells only; the rest of the sheet is protected (no password).",
  factual: "Report, for each commitment, the main actions undertaken and the most significant developments planned. Fill the yellow cells only; write \"nothing to report\" where there is nothing to report.",
  matrix: "Choose values from the drop-down lists; fill the yellow cells only.",
  questionnaire: "Answer each question in the yellow cells, and choose whether your response may be disseminated beyond the EMN NCPs.",
  lists: "",
  report: "",
};

function roleTitle(framework: Framework, role: SheetRole): string {
  if (role === "political") return `${framework.title} — Part I: short political report`;
  if (role === "factual") return `${framework.title} — Part II: factual information`;
  return framework.title;
}

function entryStyle(type: "text" | "list" | "date"): StyleName {
  return type === "date" ? "entryDate" : type === "list" ? "entryList" : "entryText";
}

class SheetWriter {
  readonly cells: CellSpec[] = [];
  readonly merges: RangeAddress[] = [];
  readonly validations: ValidationSpec[] = [];

  put(row: number, col: number, value: CellValue, style: StyleName): void {
    this.cells.push({ row, col, value, style });
  }
}

function roundLabel(framework: Framework, round: Round): string {
  return framework.rounds.find((r) => r.id === round)?.label ?? round;
}

/** A template sheet's title (its first cell): what the sheet is and whose it is. */
export function sheetTitle(framework: Framework, role: SheetRole, partyName: string): string {
  return `${roleTitle(framework, role)} — ${partyName}`;
}

/**
 * The message a list or date cell shows when selected: its hint, then what of it is the tool's —
 * the hint's words, the list's values, the column itself ("Values: pact-tracker's list.").
 */
export function entryPrompt(framework: Framework, entry: EntryColumn): string | undefined {
  const list = entry.list ? framework.lists.find((l) => l.id === entry.list) : undefined;
  const hint = entry.hint ? `${entry.hint}${hintNote(entry) ? ` (${hintNote(entry)})` : ""}` : entry.type === "date" ? "A date, e.g. 2026-03-31." : "";
  const notes = [...(list && listNote(list) ? [`Values: ${listNote(list)}.`] : []), ...(columnNote(entry) ? [`A column of ${TOOL_LABELS.column.replace(/ column$/, "")}.`] : [])];
  const text = [hint, ...notes].filter(Boolean).join(" ");
  return text || undefined;
}

/** Whom a sheet's instructions address, and whether as templates before the citations wrote them. */
export interface Addressee {
  readonly partyCode?: string | undefined;
  /** The instructions as earlier templates wrote them (the Member States' prompt, no citation or labels): still the template's. */
  readonly earlier?: boolean;
}

/**
 * The instruction block a template sheet writes above its table (with the carried line when started
 * from `previousCycle`): the political report's prompt — the EU level's own where the party is it —
 * with its citation, or the item sheet's line, labelled as the tool's wording, and the columns that
 * are the tool's named.
 */
export function sheetInstructions(framework: Framework, role: SheetRole, previousCycle?: string, cycle?: string, to: Addressee = {}): string {
  const own = to.earlier ? earlierInstructions(framework, role) : role === "political" ? politicalPrompt(framework, to.partyCode) : itemInstructions(framework, role);
  return previousCycle ? `${own}\n${carriedInstruction(previousCycle, sameCycle(cycle, previousCycle))}` : own;
}

function earlierInstructions(framework: Framework, role: SheetRole): string {
  return role === "political" ? (framework.politicalReport?.prompt ?? INSTRUCTIONS.political) : [...requestLines(framework), framework.instructions ?? INSTRUCTIONS[role]].join("\n");
}

/** The political report's prompt: the Annex's to the Member States, the EU level's own to it; each with where it comes from. */
function politicalPrompt(framework: Framework, partyCode: string | undefined): string {
  const eu = partyCode !== undefined && isEuLevel(framework, partyCode) ? framework.euLevel?.politicalReport : undefined;
  const report = eu ?? framework.politicalReport;
  if (!report) return INSTRUCTIONS.political;
  return `${report.prompt}\n${citationLine(report.source)}`;
}

function itemInstructions(framework: Framework, role: SheetRole): string {
  const note = instructionsNote(framework);
  const line = `${framework.instructions ?? INSTRUCTIONS[role]}${note ? ` (${note})` : ""}`;
  const toolColumns = framework.entryColumns.filter((c) => columnNote(c)).map((c) => c.header);
  const columns = toolColumns.length ? [`Columns of ${TOOL_LABELS.column.replace(/ column$/, "")} (the document does not ask for them): ${toolColumns.join(", ")}.`] : [];
  return [...requestLines(framework), line, ...columns].join("\n");
}

function writeHeader(w: SheetWriter, req: TemplateRequest, role: SheetRole, lastCol: number): void {
  const { framework, party } = req;
  w.put(0, 0, sheetTitle(framework, role, party.name), "title");
  const meta: [MetaKey, CellValue, string?][] = [
    ["template", TEMPLATE_MARKER],
    ["framework", framework.id, headerNote(framework, "framework", framework.id, req.cycle)],
    ["version", framework.version],
    ["fingerprint", catalogueFingerprint(framework)],
    ["party", party.name, req.parties ? runPartiesNote(req.parties) : headerNote(framework, "party", party.name, req.cycle)],
    ["partyCode", party.code],
    ["cycle", req.cycle, headerNote(framework, "cycle", req.cycle, req.cycle)],
    ["round", req.round, headerNote(framework, "round", req.round, req.cycle, party.code)],
    ["sheet", role],
    ...(req.previous ? ([["previous", req.previous.cycle]] as [MetaKey, CellValue][]) : []),
  ];
  for (const [key, value, note] of meta) {
    w.put(META_ROWS[key], 0, META[key], "metaLabel");
    w.put(META_ROWS[key], 1, value, "metaValue");
    if (note) w.put(META_ROWS[key], 2, note, "metaValue");
  }
  if (framework.dissemination && role === "questionnaire") {
    const row = META_ROWS.dissemination;
    w.put(row, 0, META.dissemination, "metaLabel");
    w.put(row, 1, req.previous?.dissemination ?? framework.dissemination.default, "metaEntry");
    w.put(row, 2, headerNote(framework, "dissemination", "", req.cycle) ?? "", "metaValue");
    w.validations.push({
      kind: "list",
      range: { top: row, left: 1, bottom: row, right: 1 },
      listName: listRangeName(framework.id, "dissemination"),
      ...(framework.dissemination.hint ? { prompt: framework.dissemination.hint } : {}),
    });
  }
  w.put(INSTRUCTIONS_ROW, 0, sheetInstructions(framework, role, req.previous?.cycle, req.cycle, { partyCode: party.code }), "instructions");
  w.merges.push({ top: INSTRUCTIONS_ROW, left: 0, bottom: INSTRUCTIONS_ROW, right: lastCol });
}

/** The line a template started from last cycle (or, for an update, from this cycle's initial return) adds to its instructions. */
export function carriedInstruction(cycle: string, initialOfSameCycle = false): string {
  if (initialOfSameCycle) return `Started from your initial return of cycle ${cycle}: entries still as carried are shaded blue — change only what changed since; an entry left as it is, or emptied, keeps the initial return's answer. Review states start again at draft.`;
  return `Started from your return of cycle ${cycle}: entries still as carried are shaded blue until you change them — confirm or update each. Review states start again at draft.`;
}

/** An area's heading row on an item sheet: its title, its main commitment and the request closing its block, where it has them. */
export function areaHeadingText(area: { title: string; mainCommitment?: string | undefined; closing?: string | undefined }): string {
  return [area.title, ...(area.mainCommitment ? [`Main commitment: ${area.mainCommitment}`] : []), ...(area.closing ? [area.closing] : [])].join("\n");
}

/** An ad-hoc query's background block, above the instruction: who asked and when, the background, its definitions. */
function requestLines(framework: Framework): string[] {
  const r = framework.request;
  if (!r) return [];
  return [`Requested by ${r.requestedBy} on ${longDate(r.date)}.`, `Background: ${r.background}`, ...r.definitions.map((d) => `"${d.term}": ${d.meaning}.`)];
}

/**
 * The note a template writes beside a header value (column C), by metadata key; the round's note
 * gives the due day of the round in the sheet's cycle, where the framework's timetable has one.
 */
export function headerNote(framework: Framework, key: MetaKey, value: string, cycle: string, partyCode?: string): string | undefined {
  if (key === "framework") return `${framework.title}. ${sourceDocumentLine(framework)}`;
  if (key === "round") {
    if (value !== "initial" && value !== "update") return undefined;
    const round = framework.rounds.find((r) => r.id === value);
    const label = [roundLabel(framework, value), ...(round && roundNote(round) ? [`(${roundNote(round)})`] : [])].join(" ");
    if (partyCode !== undefined && isEuLevel(framework, partyCode)) return `${label} — ${EU_LEVEL_NO_DUE}${framework.euLevel?.timetable ? `; the Commission's timetable: ${framework.euLevel.timetable.text}` : ""}`;
    const due = dueText(framework, cycle, value);
    return due ? `${label} — due ${due}` : label;
  }
  // Where the document names no parties, the list is the tool's choice: said beside the party.
  if (key === "party") return partiesNote(framework);
  if (key === "cycle") return periodNotice(framework, value);
  if (key === "dissemination") return framework.dissemination?.question;
  return undefined;
}

/** The EU level's round note: the timetable dates the Member States' contributions, not the Commission's. */
export const EU_LEVEL_NO_DUE = "the EU level: no due date (the timetable's dates are the Member States' contributions)";

/**
 * Notes earlier templates wrote beside a header value, still the template's own when a return
 * carries one: the framework's title alone (before the source document), and the Member States'
 * due date on the EU level's round (before it had its own note).
 */
export function earlierHeaderNotes(framework: Framework, key: MetaKey, value: string, cycle: string, given = ""): readonly string[] {
  if (key === "framework") return [framework.title];
  // The period notice written for the cycle the template was made for, the cycle since edited or cleared.
  const named = key === "cycle" ? /^Cycle (.+) is outside /.exec(given.trim())?.[1] : undefined;
  if (named !== undefined) return [periodNotice(framework, named) ?? ""].filter(Boolean);
  if (key !== "round" || (value !== "initial" && value !== "update")) return [];
  const due = dueText(framework, cycle, value);
  return [due ? `${roundLabel(framework, value)} — due ${due}` : roundLabel(framework, value)];
}

/** The line under an item's guidance saying that part of it is the catalogue's reconstruction, not the document's text. */
export function reconstructedLine(reconstructed: NonNullable<Item["reconstructed"]>): string {
  return `[${reconstructed.part === "guidance" ? "This guidance is" : "The item's text is"} reconstructed from the source: ${reconstructed.note}.]`;
}

/** What goes in the guidance column: the item's prompts, one per line, then the reconstruction note where there is one. */
export function guidanceCellText(item: Pick<Item, "guidance" | "reconstructed">): string {
  return [...item.guidance, ...(item.reconstructed ? [reconstructedLine(item.reconstructed)] : [])].join("\n");
}

/**
 * What goes in the item column: the text, its sub-items on their own lines, then where the document
 * says it ("Source: COM(2009) 266 final, Annex, part II, area I, (a)"), so a reader of the return can
 * check it. `cited: false` gives the cell as templates before the citation wrote it (still read).
 */
export function itemCellText(item: Pick<Item, "text" | "subitems" | "source" | "tool" | "restored">, cited = true): string {
  if (!cited) return [item.text, ...item.subitems.map((s) => `${s.ref} ${s.text}`)].join("\n");
  const labelled = (text: string, ...notes: (string | undefined)[]): string => [text, ...notes.filter(Boolean).map((n) => `[${n}]`)].join(" ");
  return [labelled(item.text, itemNote(item), restoredNote(item)), ...item.subitems.map((s) => labelled(`${s.ref} ${s.text}`, restoredNote(s))), citationLine(item.source)].join("\n");
}

/** An item's citation line, as the template and the report print it under the item. */
export function citationLine(source: string): string {
  return `Source: ${source}`;
}

/** What a row starts from: last cycle's values by column id, and whether review states reset to draft. */
interface Carried {
  readonly values: Readonly<Record<string, CellValue>> | undefined;
  readonly resetReview: boolean;
}
const NOTHING_CARRIED: Carried = { values: undefined, resetReview: false };

/** Last cycle's value, greyed; a status that meant "completed" in green. */
function previousStyle(framework: Framework, shows: string, v: CellValue | undefined): StyleName {
  const column = framework.entryColumns.find((c) => c.id === shows);
  return column?.role === "status" && meaningOf(framework, column, v) === "completed" ? "previousCompleted" : "previousText";
}

function rowValues(framework: Framework, columns: readonly TableColumn[], values: Partial<Record<TableColumn["kind"], CellValue>>, carried: Carried = NOTHING_CARRIED): [number, CellValue, StyleName][] {
  return columns.map((c, col): [number, CellValue, StyleName] => {
    switch (c.kind) {
      case "ref":
        return [col, values.ref ?? null, "ref"];
      case "item":
        return [col, values.item ?? null, "catalogueText"];
      case "guidance":
        return [col, values.guidance ?? null, "guidance"];
      case "mainCommitment":
        return [col, values.mainCommitment ?? null, "catalogueText"];
      case "entry":
        return [col, carried.values?.[c.entry.id] ?? null, entryStyle(c.entry.type)];
      case "responsible":
        return [col, carried.values?.["responsible"] ?? null, "entryText"];
      case "review":
        return [col, carried.resetReview ? "draft" : null, "entryList"];
      case "previous":
        return [col, carried.values?.[c.shows] ?? null, previousStyle(framework, c.shows, carried.values?.[c.shows])];
    }
  });
}

/** The columns whose values are carried (entry columns and the responsible unit), in the carried sheet's order. */
export function carriedColumns(framework: Framework, role: SheetRole): string[] {
  return [...(role === "political" ? [POLITICAL_ENTRY.id] : framework.entryColumns.map((c) => c.id)), "responsible"];
}

/** Where a sheet's block starts on the carried sheet: its header row; body rows mirror the template's from FIRST_BODY_ROW. */
interface CarriedBlock {
  readonly headerRow: number;
}

function buildSheet(req: TemplateRequest, role: SheetRole, block?: CarriedBlock): SheetSpec {
  const { framework } = req;
  const columns = tableColumns(framework, role, req.party.code, lastCycleShown(req.cycle, req.previous?.cycle));
  const carriedEntries = req.previous?.entries.get(role);
  const carriedOf = (ref: string): Carried => (req.previous ? { values: carriedEntries?.get(ref), resetReview: true } : NOTHING_CARRIED);
  const lastCol = columns.length - 1;
  const w = new SheetWriter();
  writeHeader(w, req, role, lastCol);
  columns.forEach((c, col) => w.put(TABLE_HEADER_ROW, col, c.header, "columnHeader"));

  let row = FIRST_BODY_ROW;
  if (role === "political") {
    for (const area of framework.areas) {
      for (const [col, value, style] of rowValues(framework, columns, { ref: area.id, item: area.title, mainCommitment: area.mainCommitment ?? null }, carriedOf(area.id))) {
        w.put(row, col, value, style);
      }
      row++;
    }
  } else {
    for (const area of framework.areas) {
      w.put(row, 0, area.id, "areaHeading");
      w.put(row, 1, areaHeadingText(area), "areaHeading");
      for (let col = 2; col <= lastCol; col++) w.put(row, col, null, "areaHeading");
      w.merges.push({ top: row, left: 1, bottom: row, right: lastCol });
      row++;
      for (const item of area.items) {
        const values = { ref: item.ref, item: itemCellText(item), guidance: guidanceCellText(item) || null };
        for (const [col, value, style] of rowValues(framework, columns, values, carriedOf(item.ref))) w.put(row, col, value, style);
        row++;
      }
    }
  }
  const lastRow = row - 1;

  columns.forEach((c, col) => {
    const range = { top: FIRST_BODY_ROW, left: col, bottom: lastRow, right: col };
    if (c.kind === "review") {
      w.validations.push({ kind: "list", range, listName: listRangeName(framework.id, REVIEW_LIST_ID) });
    } else if (c.kind === "entry" && c.entry.type === "list" && c.entry.list) {
      const prompt = entryPrompt(framework, c.entry);
      w.validations.push({ kind: "list", range, listName: listRangeName(framework.id, c.entry.list), ...(prompt ? { prompt } : {}) });
    } else if (c.kind === "entry" && c.entry.type === "date") {
      w.validations.push({ kind: "date", range, min: DATE_MIN, max: DATE_MAX, prompt: entryPrompt(framework, c.entry) ?? "" });
    }
  });

  // Carried entries are shaded while they still equal their hidden copy: editing one clears its mark.
  const fills: ConditionalFillSpec[] = [];
  if (block && carriedEntries) {
    carriedColumns(framework, role).forEach((id, k) => {
      const col = columns.findIndex((c) => (c.kind === "entry" && c.entry.id === id) || (c.kind === "responsible" && id === "responsible"));
      if (col < 0 || ![...carriedEntries.values()].some((v) => (v[id] ?? null) !== null)) return;
      fills.push({
        range: { top: FIRST_BODY_ROW, left: col, bottom: lastRow, right: col },
        when: { kind: "sameAs", sheet: CARRIED_SHEET, cell: { row: block.headerRow + 1, col: CARRIED_FIRST_VALUE_COL + k } },
        fill: CARRIED_FILL,
      });
    });
  }

  return {
    name: templateSheetName(framework, req.party.code, role),
    role,
    hidden: false,
    columnWidths: columns.map((c) => c.width),
    cells: w.cells,
    merges: w.merges,
    validations: w.validations,
    freeze: { rows: FIRST_BODY_ROW, cols: 2 },
    print: printSetup({ widths: columns.map((c) => c.width), titleRows: { first: TABLE_HEADER_ROW, last: TABLE_HEADER_ROW }, keyCols: 2, ...templatePageText(req) }),
    protect: true,
    ...(fills.length ? { conditionalFills: fills } : {}),
  };
}

/** Every printed page of a return names its framework, cycle and party, and its page, for sign-off. */
function templatePageText(req: TemplateRequest): { header: PageText; footer: PageText } {
  return {
    header: { left: `${req.framework.title} — cycle ${req.cycle}`, right: `${req.party.name} (${req.party.code})` },
    footer: { left: "{sheet}", center: roundLabel(req.framework, req.round), right: "Page {page} of {pages}" },
  };
}

/** The references of a sheet's body rows, top to bottom, as the template writes them (areas and items). */
function bodyRefs(framework: Framework, role: SheetRole): string[] {
  return role === "political" ? framework.areas.map((a) => a.id) : framework.areas.flatMap((a) => [a.id, ...a.items.map((i) => i.ref)]);
}

/**
 * The hidden copy of what was carried: per template sheet a block whose header names the carried
 * columns and whose rows mirror the sheet's body rows (so one conditional fill per column compares
 * each entry with its copy). Self-describing (framework, party, sheet, reference on every row), so
 * the validator reads it by content, whatever rows or sheets were added since.
 */
function buildCarriedSheet(req: TemplateRequest, previous: CarriedCycle): { sheet: SheetSpec; blocks: Map<SheetRole, CarriedBlock> } {
  const { framework, party } = req;
  const cells: CellSpec[] = [];
  const blocks = new Map<SheetRole, CarriedBlock>();
  let row = 0;
  let width: number = CARRIED_FIRST_VALUE_COL;
  for (const role of sheetRoles(framework)) {
    const ids = carriedColumns(framework, role);
    width = Math.max(width, CARRIED_FIRST_VALUE_COL + ids.length);
    blocks.set(role, { headerRow: row });
    [...CARRIED_HEADERS, ...ids].forEach((h, col) => cells.push({ row, col, value: h, style: "metaLabel" }));
    row++;
    const entries = previous.entries.get(role);
    for (const ref of bodyRefs(framework, role)) {
      [framework.id, party.code, role, ref, previous.cycle].forEach((v, col) => cells.push({ row, col, value: v, style: "listValue" }));
      ids.forEach((id, k) => {
        const v = entries?.get(ref)?.[id] ?? null;
        if (v !== null) cells.push({ row, col: CARRIED_FIRST_VALUE_COL + k, value: v, style: typeof v === "object" ? "entryDate" : "listValue" });
      });
      row++;
    }
  }
  // Last cycle's choice, so that a "no" cleared this cycle is not read as the default yes.
  if (framework.dissemination && previous.dissemination) {
    [...CARRIED_HEADERS, CARRIED_CHOICE.column].forEach((h, col) => cells.push({ row, col, value: h, style: "metaLabel" }));
    row++;
    [framework.id, party.code, CARRIED_CHOICE.role, CARRIED_CHOICE.ref, previous.cycle, previous.dissemination].forEach((v, col) => cells.push({ row, col, value: v, style: "listValue" }));
    row++;
  }
  const sheet: SheetSpec = {
    name: CARRIED_SHEET,
    role: "lists",
    hidden: true,
    columnWidths: Array.from({ length: width }, () => 24),
    cells,
    merges: [],
    validations: [],
    protect: true,
  };
  return { sheet, blocks };
}

/** The lists a framework's templates use, by list id: its own, the review states, dissemination. */
export function templateLists(framework: Framework): { id: string; values: readonly string[] }[] {
  return [
    ...framework.lists,
    { id: REVIEW_LIST_ID, values: REVIEW_STATES },
    ...(framework.dissemination ? [{ id: "dissemination", values: ["yes", "no"] }] : []),
  ];
}

function buildListsSheet(framework: Framework): { sheet: SheetSpec; names: DefinedNameSpec[] } {
  const cells: CellSpec[] = [];
  const names: DefinedNameSpec[] = [];
  templateLists(framework).forEach((list, col) => {
    cells.push({ row: 0, col, value: list.id, style: "metaLabel" });
    list.values.forEach((v, i) => cells.push({ row: i + 1, col, value: v, style: "listValue" }));
    names.push({ name: listRangeName(framework.id, list.id), sheet: LISTS_SHEET, range: { top: 1, left: col, bottom: list.values.length, right: col } });
  });
  const sheet: SheetSpec = {
    name: LISTS_SHEET,
    role: "lists",
    hidden: true,
    columnWidths: templateLists(framework).map(() => 24),
    cells,
    merges: [],
    validations: [],
    protect: true,
  };
  return { sheet, names };
}

/** The whole template workbook for one party: its template sheets and the hidden lists sheet. */
export function buildTemplate(req: TemplateRequest): WorkbookSpec {
  const lists = buildListsSheet(req.framework);
  const carried = req.previous ? buildCarriedSheet(req, req.previous) : undefined;
  return {
    title: `${req.framework.title} — ${req.party.name} — ${req.cycle}`,
    subject: `${req.framework.id} ${req.framework.version} ${req.party.code} ${req.cycle} ${req.round}`,
    sheets: [...sheetRoles(req.framework).map((role) => buildSheet(req, role, carried?.blocks.get(role))), lists.sheet, ...(carried ? [carried.sheet] : [])],
    definedNames: lists.names,
  };
}
