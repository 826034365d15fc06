import type { Catalogue } from "../catalogue/catalogue";
import { catalogueFingerprint } from "../catalogue/fingerprint";
import type { EntryColumn, Framework, Party } from "../catalogue/schema";
import { cellAddress, columnLetters, type SheetGrid } from "../grid/grid";
import { itemCellText, templateLists } from "../template/builder";
import { META, META_ROWS, REVIEW_LIST_ID, TABLE_HEADER_ROW, tableColumns, type TableColumn } from "../template/layout";
import { bodyRows, isSheetRole, readTemplateMeta, type TemplateMeta } from "../template/read-template";
import type { CellValue, SheetRole } from "../template/spec";
import { ackKey, type Acknowledgement } from "./acknowledgements";
import type { Finding } from "./finding";
import { EXCEL_CELL_LIMIT, formatMessage, isNothingToReport, rule, validationConfig, type Params } from "./rules";
import { parseIsoDay } from "./dates";
import { serialToIsoDay } from "../grid/excel-date";
import type { SheetDetails } from "../grid/sheet-details";

/** A template sheet as the validator understood it: what consolidation builds on. */
export interface TemplateSheet {
  readonly sheet: string;
  readonly meta: TemplateMeta;
  readonly framework?: Framework;
  readonly party?: Party;
  readonly role?: SheetRole;
  /** Entry values per item reference, by entry column id (plus "responsible" and "review"). */
  readonly entries: ReadonlyMap<string, Readonly<Record<string, CellValue>>>;
  readonly findings: readonly Finding[];
}

export interface SheetInput {
  readonly grid: SheetGrid;
  readonly hiddenColumns?: ReadonlySet<number>;
  /** Formulas, cached errors, links, comments and merges: what the values alone do not show. */
  readonly details?: SheetDetails;
  /** The workbook counts dates from 1904 (Excel for Mac's old default): bare serials are read so. */
  readonly date1904?: boolean;
}

const squash = (s: string): string => s.replace(/\s+/g, " ").trim();

class FindingSink {
  readonly list: Finding[] = [];
  constructor(private readonly sheet: string) {}
  add(code: string, params: Params, place: { row?: number; col?: number; ref?: string; suggestion?: string } = {}): void {
    const r = rule(code);
    this.list.push({
      code,
      severity: r.severity,
      sheet: this.sheet,
      ...(place.row !== undefined ? { cell: cellAddress(place.row, place.col ?? 0) } : {}),
      ...(place.ref ? { ref: place.ref } : {}),
      message: formatMessage(r.message, params),
      ...(place.suggestion ? { suggestion: place.suggestion } : {}),
    });
  }
}

/** The rows a sheet of this role lists, in order: areas (political report) or items. */
interface ExpectedRow {
  readonly ref: string;
  /** As the template writes it (most cells match it exactly) and squashed, for the tolerant compare. */
  readonly raw: string;
  readonly text: string;
  readonly isArea: boolean;
  /** Other locked catalogue text on the row (guidance, main commitment). */
  readonly locked: string;
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
      ? framework.areas.map((a) => ({ ref: a.id, raw: a.title, text: squash(a.title), isArea: false, locked: squash(a.mainCommitment ?? "") }))
      : framework.areas.flatMap((a) => [
          { ref: a.id, raw: a.title, text: squash(a.title), isArea: true, locked: "" },
          ...a.items.map((i) => {
            const raw = itemCellText(i.text, i.subitems);
            return { ref: i.ref, raw, text: squash(raw), isArea: false, locked: squash(i.guidance.join("\n")) };
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
function asDay(v: CellValue): string | undefined {
  if (v === null) return undefined;
  if (typeof v === "object") return v.date;
  // A bare number in a date column: a serial whose date format another program dropped.
  if (typeof v === "number") return serialToIsoDay(v, false);
  if (typeof v === "string") return parseIsoDay(v.trim());
  return undefined;
}

function checkHeader(meta: TemplateMeta, catalogue: Catalogue, sink: FindingSink): { framework?: Framework; party?: Party; role?: SheetRole } {
  // Header findings point at the value cell where the template put it.
  const cellOf = (key: keyof typeof META_ROWS) => ({ row: META_ROWS[key], col: 1 });
  for (const field of ["framework", "version", "fingerprint", "partyCode", "sheet"] as const) {
    if (!meta[field]) sink.add("PT-STRUCT-001", { field: META[field] }, cellOf(field));
  }
  if (!meta.cycle) sink.add("PT-STRUCT-012", { field: "reporting cycle", value: "" }, cellOf("cycle"));
  if (meta.round !== "initial" && meta.round !== "update") sink.add("PT-STRUCT-012", { field: "round", value: meta.round ?? "" }, cellOf("round"));
  const framework = meta.framework ? catalogue.findFramework(meta.framework) : undefined;
  if (meta.framework && !framework) sink.add("PT-STRUCT-002", { framework: meta.framework }, cellOf("framework"));
  const role = isSheetRole(meta.sheet) ? meta.sheet : undefined;
  if (meta.sheet && !role) sink.add("PT-STRUCT-001", { field: "sheet (role)" }, cellOf("sheet"));
  let party: Party | undefined;
  if (framework && meta.partyCode) {
    party = catalogue.findParty(framework, meta.partyCode);
    if (!party) sink.add("PT-STRUCT-011", { party: meta.partyCode, framework: framework.id }, cellOf("partyCode"));
  }
  return { ...(framework ? { framework } : {}), ...(party ? { party } : {}), ...(role ? { role } : {}) };
}

/** Normalises a list value the way a slip would differ: case and white space. */
const listKey = (s: string): string => s.trim().replace(/\s+/g, " ").toLowerCase();

export function validateTemplateSheet(input: SheetInput, catalogue: Catalogue, acknowledgements: readonly Acknowledgement[] = []): TemplateSheet | undefined {
  const { grid } = input;
  const meta = readTemplateMeta(grid);
  if (!meta) return undefined;
  const sink = new FindingSink(grid.name);
  const { framework, party, role } = checkHeader(meta, catalogue, sink);
  const entries = new Map<string, Record<string, CellValue>>();
  if (!framework || !role) return { sheet: grid.name, meta, entries, findings: sink.list };

  const columns = tableColumns(framework, role);
  const hidden = input.hiddenColumns ?? new Set<number>();
  const lists = new Map(templateLists(framework).map((l) => [l.id, l.values]));
  const expected = expectedRows(framework, role);
  const expectedItems = expected.filter((e) => !e.isArea);

  // Column headers, so a moved or inserted column is caught before its values are misread.
  columns.forEach((c, col) => {
    const actual = grid.text(TABLE_HEADER_ROW, col);
    if (squash(actual) !== squash(c.header)) sink.add("PT-STRUCT-013", { column: columnLetters(col), expected: c.header, value: actual }, { row: TABLE_HEADER_ROW, col });
  });

  // Anything typed in the header block beyond what the template writes.
  for (const c of grid.cells()) {
    if (c.row >= TABLE_HEADER_ROW) break;
    if (c.col > 2) {
      const code = hidden.has(c.col) ? "PT-STRUCT-010" : "PT-STRUCT-009";
      sink.add(code, { area: "header", column: columnLetters(c.col), value: valueText(c.value).slice(0, 60) }, { row: c.row, col: c.col });
    }
  }

  const byRef = new Map(expected.map((e) => [e.ref, e]));
  const seen = new Map<string, number>();
  let itemIndex = 0;
  const outdated: string[] = [];

  for (const body of bodyRows(grid)) {
    const exp = byRef.get(body.ref);
    if (!exp) {
      // Not a catalogue row: an unknown reference, or text typed below/beside the table.
      for (const [col, v] of body.values) {
        if (col === 0 && body.ref) {
          sink.add("PT-STRUCT-008", { ref: body.ref, framework: framework.id }, { row: body.row, col });
          outdated.push(`'${body.ref}' not in catalogue`);
        } else if (col !== 0) {
          sink.add(hidden.has(col) ? "PT-STRUCT-010" : "PT-STRUCT-009", { area: "outside the table", column: columnLetters(col), value: valueText(v).slice(0, 60) }, { row: body.row, col });
        }
      }
      continue;
    }
    if (exp.isArea) {
      for (const [col, v] of body.values) {
        if (col > 1) sink.add("PT-STRUCT-009", { area: `area heading ${exp.ref}`, value: valueText(v).slice(0, 60) }, { row: body.row, col });
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
    itemIndex = expectedItems.findIndex((e) => e.ref === exp.ref) + 1;
    const itemCol = columns.findIndex((c) => c.kind === "item");
    const itemText = grid.text(body.row, itemCol);
    if (itemText !== exp.raw && squash(itemText) !== exp.text) {
      sink.add("PT-STRUCT-007", { ref: exp.ref }, { row: body.row, col: itemCol, ref: exp.ref });
      outdated.push(`${exp.ref} text changed`);
    }
    const lockedCol = columns.findIndex((c) => c.kind === "guidance" || c.kind === "mainCommitment");
    if (lockedCol >= 0 && squash(grid.text(body.row, lockedCol)) !== exp.locked) {
      sink.add("PT-STRUCT-009", { area: `locked column ${columns[lockedCol]?.header ?? ""}`, value: grid.text(body.row, lockedCol).slice(0, 60) }, { row: body.row, col: lockedCol, ref: exp.ref });
    }
    entries.set(exp.ref, checkItemRow(body.row, exp.ref, body.values, columns, framework, lists, hidden, sink));
  }
  for (const e of expectedItems) {
    if (!seen.has(e.ref)) {
      sink.add("PT-STRUCT-004", { ref: e.ref }, { row: TABLE_HEADER_ROW, col: 0, ref: e.ref });
      outdated.push(`${e.ref} missing`);
    }
  }
  if (meta.fingerprint && meta.fingerprint !== catalogueFingerprint(framework)) {
    const changes = outdated.length ? `${outdated.slice(0, 5).join("; ")}${outdated.length > 5 ? `; ${outdated.length - 5} more` : ""}` : "entry columns or lists changed";
    sink.add("PT-STRUCT-003", { framework: framework.id, sheetVersion: meta.version ?? "?", version: framework.version, changes }, { row: META_ROWS.fingerprint, col: 1 });
  }
  if (role === "questionnaire" && framework.dissemination) {
    const choice = listKey(meta.dissemination ?? "");
    if (choice !== "yes" && choice !== "no") sink.add("PT-CONT-009", {}, { row: META_ROWS.dissemination, col: 1 });
  }

  const ackIndex = new Map(acknowledgements.map((a) => [ackKey(a.sheet, a.cell, a.code), a]));
  const findings = sink.list.map((f): Finding => {
    const ack = f.severity === "warning" && f.cell ? ackIndex.get(ackKey(f.sheet, f.cell, f.code)) : undefined;
    return ack ? { ...f, acknowledged: { justification: ack.justification } } : f;
  });
  return { sheet: grid.name, meta, framework, ...(party ? { party } : {}), role, entries, findings };
}

function checkItemRow(
  row: number,
  ref: string,
  values: ReadonlyMap<number, CellValue>,
  columns: readonly TableColumn[],
  framework: Framework,
  lists: ReadonlyMap<string, readonly string[]>,
  hidden: ReadonlySet<number>,
  sink: FindingSink,
): Record<string, CellValue> {
  const out: Record<string, CellValue> = {};
  const at = (col: number) => ({ row, col, ref });

  for (const [col, v] of values) {
    if (col >= columns.length) sink.add(hidden.has(col) ? "PT-STRUCT-010" : "PT-STRUCT-009", { area: "beside the table", column: columnLetters(col), value: valueText(v).slice(0, 60) }, at(col));
  }

  const entryCol = (id: string): number => columns.findIndex((c) => c.kind === "entry" && c.entry.id === id);
  const participation = listKey(valueText(values.get(entryCol("participation")) ?? null));
  const notParticipating = participation === "no";

  columns.forEach((c, col) => {
    const v = values.get(col) ?? null;
    const text = valueText(v);
    if (c.kind === "guidance" || c.kind === "mainCommitment" || c.kind === "ref" || c.kind === "item") return;
    const key = c.kind === "entry" ? c.entry.id : c.kind;
    if (text !== "" && hidden.has(col)) sink.add("PT-STRUCT-010", { column: columnLetters(col), value: text.slice(0, 60) }, at(col));
    if (c.kind === "responsible") {
      out[key] = v;
      return;
    }
    if (c.kind === "review") {
      out[key] = checkList(v, lists.get(REVIEW_LIST_ID) ?? [], c.header, at(col), sink);
      return;
    }
    out[key] = checkEntry(v, c.entry, c.header, framework, lists, notParticipating && c.entry.id !== "participation", at(col), sink);
  });

  // Rules across columns of one row (action matrices).
  const start = asDay(out["start"] ?? null);
  const end = asDay(out["end"] ?? null);
  if (start && end && start > end) sink.add("PT-CONT-005", { ref, start, end }, at(entryCol("start")));
  if (listKey(valueText(out["status"] ?? null)) === "completed" && !end && entryCol("end") >= 0) sink.add("PT-CONT-007", { ref }, at(entryCol("end")));
  const actions = valueText(out["actions"] ?? null);
  if (notParticipating && actions && !isNothingToReport(actions)) sink.add("PT-CONT-008", { ref }, at(entryCol("actions")));
  return out;
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

function checkEntry(
  v: CellValue,
  entry: EntryColumn,
  column: string,
  framework: Framework,
  lists: ReadonlyMap<string, readonly string[]>,
  excused: boolean,
  place: { row: number; col: number; ref: string },
  sink: FindingSink,
): CellValue {
  const text = valueText(v);
  const { ref } = place;
  if (text.trim() === "") {
    if (entry.required && !excused) sink.add("PT-CONT-001", { column, ref }, place);
    return null;
  }
  if (entry.type === "list") return checkList(v, lists.get(entry.list ?? "") ?? [], column, place, sink);
  if (entry.type === "date") {
    if (isNothingToReport(text)) return text;
    const day = asDay(v);
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

