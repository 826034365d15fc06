import { cellAddress, columnIndex } from "../../src/core/grid/grid";
import type { RangeAddress } from "../../src/core/template/spec";
import { excelTyping } from "./fake-typing";
import { capabilities, type Capabilities, type Library } from "../../src/excel/capabilities";
import { memberApiSet } from "./api-sets";
import type { ExcelRun } from "../../src/excel/host";
import type { Requirements } from "../../src/excel/requirements";

/**
 * A recording fake of the part of Office.js the workspace uses. It keeps a small in-memory
 * workbook so reads return what was written, records every queued operation with its arguments,
 * counts sync() calls and measures each request (the JSON size of the operations queued between
 * two syncs). It is strict where Office is: a property cannot be read unless it was named in a load
 * (or, for load() without names, is one of the object's properties) and a sync has run since,
 * isNullObject only after a sync, a load naming a property the fake does not know fails the sync,
 * protected sheets refuse changes, a failing operation fails the next sync, and an API from a
 * requirement set above `excelApi` fails the sync with ApiNotFound, as on an older Excel.
 */

export interface Operation {
  readonly request: number;
  readonly path: string;
  readonly kind: "set" | "call" | "load";
  readonly name: string;
  readonly args: readonly unknown[];
}

export interface RequestStats {
  readonly operations: number;
  /** The request: JSON size of the operations queued. */
  readonly bytes: number;
  /** The response: JSON size of every property and result the request loaded. */
  readonly responseBytes: number;
  /** The most cells one range read of this request covered (values, formulas, formats, types, cell properties). */
  readonly maxCellsPerRead: number;
  /** Cells read by the whole request, over all its range reads. */
  readonly cellsRead: number;
  /** The code the request failed with, if it failed. */
  readonly failed?: string;
}

/** Excel on the web refuses requests and responses over 5 MB (the fake takes 5,000,000 bytes, the strict reading). */
export const PAYLOAD_LIMIT = 5_000_000;
/** A range read may cover at most 5,000,000 cells. */
export const READ_CELL_LIMIT = 5_000_000;

/** What Office.js rejects with: an Error with a code and debugInfo. */
export class FakeOfficeError extends Error {
  readonly debugInfo: { readonly code: string; readonly message: string; readonly errorLocation: string };
  constructor(
    readonly code: string,
    message: string,
    errorLocation = "",
  ) {
    super(message);
    this.name = "RichApi.Error";
    this.debugInfo = { code, message, errorLocation };
  }
}

type Value = string | number | boolean;

export interface FakeCell {
  value: Value;
  /** Set when a write or an entry was taken as a formula: what the fake must never see. */
  formula?: string;
  /** The value is an error ("#DIV/0!", "#NAME?"): valueTypes says "Error". */
  error?: boolean;
  hyperlink?: Excel.RangeHyperlink;
  numberFormat: string;
  fill: { color: string; pattern: "None" | "Solid" };
  font: { size?: number; bold?: boolean; italic?: boolean; color?: string };
  wrapText?: boolean;
  verticalAlignment?: string;
  locked: boolean;
}

/**
 * A large block of the user's own data, stored as a function rather than as cells (a 200,000-row
 * sheet would not fit in memory cell by cell). Reads see its cells as any others; a write to one
 * makes it a real cell.
 */
export interface BulkData {
  readonly top: number;
  readonly left: number;
  readonly rows: number;
  readonly cols: number;
  value(row: number, col: number): Value;
}

export interface FakeSheet {
  readonly id: string;
  bulk?: BulkData;
  /** Every range whose cells a request read (values, formulas, formats, types, cell properties). */
  readonly reads: RangeAddress[];
  name: string;
  visibility: "Visible" | "Hidden" | "VeryHidden";
  readonly cells: Map<string, FakeCell>;
  readonly hiddenColumns: Set<number>;
  readonly columnWidths: Map<number, number>;
  readonly rowHeights: Map<number, number>;
  readonly merges: RangeAddress[];
  /** Threaded comments (ExcelApi 1.10) and notes (ExcelApi 1.18), by cell. */
  readonly comments: FakeComment[];
  readonly notes: FakeNote[];
  readonly borders: { range: RangeAddress; edge: string; style?: string; weight?: string; color?: string }[];
  readonly validations: { range: RangeAddress; rule?: unknown; ignoreBlanks?: unknown; errorAlert?: unknown; prompt?: unknown }[];
  /** Conditional formats added (ExcelApi 1.6): a CellValue one keeps its `rule`, a Custom one its `formula` (with "="). */
  readonly conditionalFormats: { range: RangeAddress; type: string; fill?: string; rule?: unknown; formula?: string }[];
  protection: { protected: boolean; options: Excel.WorksheetProtectionOptions; password?: string };
  freeze?: { rows: number; cols: number };
  readonly pageLayout: { orientation?: string; paperSize?: string; zoom?: Excel.PageLayoutZoomOptions; printTitleRows?: string; printTitleColumns?: string; printOrder?: string; headersFooters?: Partial<Record<HeaderFooterPart, string>> };
  /** The range an AutoFilter was applied to (ExcelApi 1.9), A1 without the sheet. */
  autoFilter?: string;
}

export interface FakeNote {
  readonly row: number;
  readonly col: number;
  readonly author: string;
  readonly content: string;
}

export interface FakeComment extends FakeNote {
  readonly replies: { readonly author: string; readonly content: string }[];
}

/** Error values Excel takes as errors when typed into a cell that is not text-formatted. */
const ERROR_LITERALS = new Set(["#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A"]);

/** "1.13" < "1.9" as text, not as versions: compare part by part. */
export function versionAtLeast(have: string, want: string): boolean {
  const a = have.split(".").map(Number);
  const b = want.split(".").map(Number);
  for (let i = 0; i < Math.max(a.length, b.length); i++) {
    const x = a[i] ?? 0;
    const y = b[i] ?? 0;
    if (x !== y) return x > y;
  }
  return true;
}

/**
 * What a load asks for: undefined for load() (every property the fake keeps), else each
 * top-level name with the sub-paths asked of it ("items/name,items/visibility" → items: name, visibility).
 */
class LoadRequest {
  private readonly names?: Map<string, string[]>;
  constructor(props: string | undefined) {
    if (props === undefined) return;
    this.names = new Map();
    for (const path of props.split(",").map((p) => p.trim()).filter(Boolean)) {
      const [head = "", ...rest] = path.split("/");
      const subs = this.names.get(head) ?? [];
      if (rest.length > 0) subs.push(rest.join("/"));
      this.names.set(head, subs);
    }
  }
  wants(name: string): boolean {
    return !this.names || this.names.has(name);
  }
  /** What to load on a child (a collection's items, a navigation property); undefined: all of it. */
  sub(name: string): string | undefined {
    const subs = this.names?.get(name);
    return subs && subs.length > 0 ? subs.join(",") : undefined;
  }
  requested(): string[] {
    return this.names ? [...this.names.keys()] : [];
  }
}

const MAX_ROW = 1_048_575;
const MAX_COL = 16_383;
const key = (row: number, col: number): string => `${row},${col}`;

export function parseAddress(address: string): RangeAddress {
  const a = address.replace(/\$/g, "").trim();
  const cols = /^([A-Z]+):([A-Z]+)$/i.exec(a);
  if (cols?.[1] && cols[2]) return { top: 0, bottom: MAX_ROW, left: columnIndex(cols[1]), right: columnIndex(cols[2]) };
  const rows = /^(\d+):(\d+)$/.exec(a);
  if (rows?.[1] && rows[2]) return { top: Number(rows[1]) - 1, bottom: Number(rows[2]) - 1, left: 0, right: MAX_COL };
  const cells = /^([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?$/i.exec(a);
  if (!cells?.[1] || !cells[2]) throw new FakeOfficeError("InvalidArgument", `The argument is invalid or missing or has an incorrect format: '${address}'`, "Worksheet.getRange");
  const top = Number(cells[2]) - 1;
  const left = columnIndex(cells[1]);
  return cells[3] && cells[4] ? { top, left, bottom: Number(cells[4]) - 1, right: columnIndex(cells[3]) } : { top, left, bottom: top, right: left };
}

function blankCell(): FakeCell {
  return { value: "", numberFormat: "General", fill: { color: "#FFFFFF", pattern: "None" }, font: {}, locked: true };
}

/** A cell as reads see it: a real cell, else one of the sheet's bulk data, else undefined (blank). */
function cellAt(sheet: FakeSheet, row: number, col: number): FakeCell | undefined {
  const c = sheet.cells.get(key(row, col));
  if (c) return c;
  const b = sheet.bulk;
  if (!b || row < b.top || row >= b.top + b.rows || col < b.left || col >= b.left + b.cols) return undefined;
  const v = b.value(row, col);
  return v === "" ? undefined : { ...blankCell(), value: v };
}

/** Materialises a bulk cell before a write, so the write sticks. */
function realCell(sheet: FakeSheet, row: number, col: number): FakeCell {
  let c = sheet.cells.get(key(row, col));
  if (!c) {
    c = cellAt(sheet, row, col) ?? blankCell();
    sheet.cells.set(key(row, col), c);
  }
  return c;
}

/** The serial of a day in the workbook's date system (days since 1899-12-30, or since 1904-01-01). */
export function isoToSerial(iso: string, date1904 = false): number {
  const epoch = date1904 ? Date.UTC(1904, 0, 1) : Date.UTC(1899, 11, 30);
  return Math.round((Date.parse(`${iso}T00:00:00Z`) - epoch) / 86_400_000);
}

/**
 * How Excel takes a string typed into (or written by Range.values to) a cell: as text in a "@"
 * cell; otherwise as excelTyping says (formulas, errors, numbers, dates, times, percentages,
 * booleans), a recognised date or time giving a General cell its format, as Excel does.
 */
export function enter(cell: FakeCell, input: Value, date1904 = false, textFormatKeepsText = true): void {
  delete cell.formula;
  delete cell.error;
  const typed = typeof input === "string" && !(cell.numberFormat === "@" && textFormatKeepsText) ? excelTyping(input, date1904) : undefined;
  if (typed === undefined) {
    cell.value = input;
    return;
  }
  switch (typed.kind) {
    case "formula":
      cell.formula = input as string;
      cell.value = "#NAME?";
      cell.error = true;
      return;
    case "error":
      cell.value = typed.value;
      cell.error = true;
      return;
    case "boolean":
    case "text":
      cell.value = typed.value;
      return;
    case "number":
      cell.value = typed.value;
      if (typed.format && cell.numberFormat === "General") cell.numberFormat = typed.format;
  }
}

class FakeWorkbook {
  readonly sheets: FakeSheet[] = [];
  /** Excel for Mac's old default: serials count days from 1904-01-01. */
  date1904 = false;
  readonly names = new Map<string, { name: string; sheet: FakeSheet; range: RangeAddress }>();
  active?: FakeSheet;
  selection?: { sheet: string; address: string };
  /** Workbook.settings, as JSON by key (shared by every pane on this workbook, co-authors' too). */
  readonly settings = new Map<string, string>();
  /** Review → Protect Workbook (structure): no sheet may be added, deleted or renamed. */
  structureProtected = false;
  /**
   * Whether Range.values keeps a formula-looking string as text in a "@" cell. The API reference
   * does not promise it; an Excel that does not is what the writer's read-back must catch.
   */
  textFormatKeepsText = true;
  private nextId = 1;

  addSheet(name: string): FakeSheet {
    if (this.structureProtected) throw new FakeOfficeError("AccessDenied", "The workbook's structure is protected.", "WorksheetCollection.add");
    // Excel also refuses a leading or trailing apostrophe and the reserved "History".
    if (name.length > 31 || /[[\]:*?/\\]/.test(name) || name.trim() === "" || name.startsWith("'") || name.endsWith("'") || name.toLowerCase() === "history") throw new FakeOfficeError("InvalidArgument", `The sheet name '${name}' is not valid.`, "WorksheetCollection.add");
    if (this.findSheet(name)) throw new FakeOfficeError("ItemAlreadyExists", `A sheet named '${name}' already exists.`, "WorksheetCollection.add");
    const sheet: FakeSheet = {
      id: `{sheet-${this.nextId++}}`,
      name,
      visibility: "Visible",
      cells: new Map(),
      hiddenColumns: new Set(),
      columnWidths: new Map(),
      rowHeights: new Map(),
      merges: [],
      reads: [],
      comments: [],
      notes: [],
      borders: [],
      validations: [],
      conditionalFormats: [],
      protection: { protected: false, options: {} },
      pageLayout: {},
    };
    this.sheets.push(sheet);
    return sheet;
  }

  findSheet(nameOrId: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.id === nameOrId || s.name.toLowerCase() === nameOrId.toLowerCase());
  }
}

/** One Excel.run's context: queues (and here, eagerly performs) operations until sync. */
class FakeContext {
  private pendingError: unknown;
  private readonly afterSync: (() => void)[] = [];
  /** What the pending request will bring back: bytes of loaded properties, the largest read in cells. */
  private response = { bytes: 0, maxCells: 0, cells: 0 };
  /** Events the pending request causes (the add-in's own writes fire them too), fired once it has run. */
  private events: { event: FakeEvent; args: Record<string, unknown> }[] = [];

  noteEvent(event: FakeEvent, args: Record<string, unknown>): void {
    this.events.push({ event, args: { source: "Local", ...args } });
  }
  readonly workbook: WorkbookProxy;

  constructor(readonly fake: FakeExcel) {
    this.workbook = new WorkbookProxy(this, "workbook");
  }

  /** Records an operation and performs it now, unless an earlier one failed (Office stops there). */
  record(path: string, kind: Operation["kind"], name: string, args: readonly unknown[], perform: () => void): void {
    // A proxy outlives its Excel.run only as a holder of what was loaded: queueing on it is an error.
    if (!this.fake.isRunning(this)) throw new FakeOfficeError("InvalidObjectPath", `${path}.${name}: the object belongs to an Excel.run that has ended.`, path);
    const op: Operation = { request: this.fake.syncCount, path, kind, name, args };
    this.fake.queue(op);
    if (this.pendingError !== undefined) return;
    // An injected failure stops the request here: this operation and the ones after it are not applied.
    const injected = this.fake.takeOperationFailure(op);
    if (injected !== undefined) {
      this.pendingError = injected;
      return;
    }
    try {
      perform();
    } catch (err) {
      this.pendingError = err;
    }
  }

  /** Fails the pending request (the first failure is the one Office reports). */
  fail(error: unknown): void {
    this.pendingError ??= error;
  }

  /** A value that becomes readable after the next sync (a load, isNullObject, a ClientResult). */
  onSync(reveal: () => void): void {
    this.afterSync.push(reveal);
  }

  /** Counts what a load or a ClientResult adds to the response. */
  respond(value: unknown, cells = 0): void {
    this.response.bytes += JSON.stringify(value ?? null).length;
    this.response.maxCells = Math.max(this.response.maxCells, cells);
    this.response.cells += cells;
  }

  /** A range read over Excel's cell limit fails its request, as Excel fails it. */
  checkCells(cells: number, location: string): void {
    if (cells > READ_CELL_LIMIT) throw new FakeOfficeError("RangeExceedsLimit", "The cell count in the range has exceeded the maximum supported number.", location);
  }

  async sync(): Promise<void> {
    if (!this.fake.isRunning(this)) throw new FakeOfficeError("InvalidObjectPath", "The request context was used after its Excel.run ended.", "RequestContext.sync");
    const response = this.response;
    this.response = { bytes: 0, maxCells: 0, cells: 0 };
    const tooBig = this.fake.currentRequestBytes > PAYLOAD_LIMIT
      ? new FakeOfficeError("RequestPayloadSizeLimitExceeded", "The request payload size has exceeded the limit.", "RequestContext.sync")
      : response.bytes > PAYLOAD_LIMIT
        ? new FakeOfficeError("ResponsePayloadSizeLimitExceeded", "The response payload size has exceeded the limit.", "RequestContext.sync")
        : undefined;
    const failure = this.fake.takeSyncFailure() ?? this.pendingError ?? tooBig;
    this.fake.endRequest(failure === undefined ? response.bytes : 0, response.maxCells, response.cells, failure === undefined ? undefined : String((failure as { code?: unknown }).code ?? "Error"));
    this.pendingError = undefined;
    // What was applied fires its events, after the request (a failed request applied its first operations too).
    const events = this.events.splice(0);
    const seen = new Set<string>();
    for (const e of events) {
      const id = `${e.event} ${JSON.stringify(e.args)}`;
      if (seen.has(id)) continue;
      seen.add(id);
      this.fake.schedule(e.event, e.args);
    }
    const reveals = this.afterSync.splice(0);
    if (failure !== undefined) throw failure;
    for (const reveal of reveals) reveal();
  }
}

/** Base of every proxy: its path, and properties readable only once loaded and synced. */
/** The Excel class each proxy stands for: its members' requirement sets come from @types/office-js. */
const EXCEL_CLASS: Readonly<Record<string, string | ((proxy: object) => string)>> = {
  WorkbookProxy: "Workbook",
  FunctionsProxy: "Functions",
  FunctionResultProxy: "FunctionResult",
  CommentCollectionProxy: (p) => ((p as { threaded?: boolean }).threaded === false ? "NoteCollection" : "CommentCollection"),
  CommentProxy: (p) => ((p as { threaded?: boolean }).threaded === false ? "Note" : "Comment"),
  ReplyCollectionProxy: "CommentReplyCollection",
  RangeAreasProxy: "RangeAreas",
  WorksheetsProxy: "WorksheetCollection",
  ProtectionProxy: "WorksheetProtection",
  WorksheetProxy: "Worksheet",
  PageLayoutProxy: "PageLayout",
  ConditionalFormatProxy: "ConditionalFormat",
  RangeProxy: "Range",
  RangeFormatProxy: "RangeFormat",
  RangeFillProxy: "RangeFill",
  DataValidationProxy: "DataValidation",
  NamedItemProxy: "NamedItem",
  NamesProxy: "NamedItemCollection",
  SettingsProxy: "SettingCollection",
  SettingProxy: "Setting",
};

/**
 * Members as the loaded office.js and the host have them. A member of a set above the library's
 * does not exist: reading it gives undefined and assigning it does nothing (plain JavaScript on an
 * object without that property), which is how an old office.js fails. A member the library has
 * but the host's sets lack fails the request with ApiNotFound, as Excel fails it.
 */
/** Each member's ExcelApi version (null: none), looked up once: proxies are made by the thousand. */
const MEMBER_VERSIONS = new Map<string, string | null>();
const COMPARED = new Map<string, boolean>();
function atLeast(have: string, want: string): boolean {
  const key = `${have}|${want}`;
  let result = COMPARED.get(key);
  if (result === undefined) {
    result = versionAtLeast(have, want);
    COMPARED.set(key, result);
  }
  return result;
}

function guardMembers<T extends FakeProxy>(proxy: T): T {
  const excelClass = EXCEL_CLASS[proxy.constructor.name];
  if (excelClass === undefined) return proxy;
  const classOf = (target: object): string => (typeof excelClass === "function" ? excelClass(target) : excelClass);
  const setOf = (target: object, prop: string | symbol): string | undefined => {
    if (typeof prop !== "string") return undefined;
    const key = `${classOf(target)}.${prop}`;
    let version = MEMBER_VERSIONS.get(key);
    if (version === undefined) {
      const set = memberApiSet(classOf(target), prop);
      version = set?.set === "ExcelApi" && /^\d+(\.\d+)*$/.test(set.version) ? set.version : null;
      MEMBER_VERSIONS.set(key, version);
    }
    return version ?? undefined;
  };
  const check = (target: FakeProxy, prop: string, version: string): boolean => {
    const fake = target.context.fake;
    if (!atLeast(fake.libraryApi, version)) return false;
    if (!atLeast(fake.excelApi, version)) target.context.fail(new FakeOfficeError("ApiNotFound", `The API you are trying to use could not be found. It may be available in a newer version of Excel (${classOf(target)}.${prop}: ExcelApi ${version}).`, `${classOf(target)}.${prop}`));
    return true;
  };
  return new Proxy(proxy, {
    get(target, prop, receiver) {
      const version = setOf(target, prop);
      if (version !== undefined && !check(target, prop as string, version)) return undefined;
      return Reflect.get(target, prop, receiver) as unknown;
    },
    set(target, prop, value, receiver) {
      const version = setOf(target, prop);
      if (version !== undefined && !check(target, prop as string, version)) return true;
      return Reflect.set(target, prop, value, receiver);
    },
  });
}

class FakeProxy {
  private readonly loaded = new Map<string, unknown>();
  constructor(
    readonly context: FakeContext,
    readonly path: string,
  ) {
    // Every proxy is handed out guarded; members are looked up when used.
    return guardMembers(this);
  }

  toJSON(): string {
    return this.path;
  }

  protected op(kind: Operation["kind"], name: string, args: readonly unknown[], perform: () => void = () => undefined): void {
    this.context.record(this.path, kind, name, args, perform);
  }

  /**
   * Queues a load. The snapshot is the state when the operation runs; what the load named (all of
   * it for load()) becomes readable at the next sync, and nothing else. Naming a property the
   * fake does not keep fails the sync: a misspelt load is caught rather than read as undefined.
   */
  protected snapshotOnLoad(props: string | undefined, snapshot: (request: LoadRequest) => Record<string, unknown>, cells?: (request: LoadRequest) => number): void {
    const request = new LoadRequest(props);
    this.op("load", "load", props === undefined ? [] : [props], () => {
      const values = snapshot(request);
      const unknown = request.requested().find((name) => !(name in values));
      if (unknown !== undefined) throw new FakeOfficeError("PropertyNotLoaded", `The fake's ${this.path} has no property '${unknown}' to load.`, this.path);
      const count = cells?.(request) ?? 0;
      this.context.checkCells(count, this.path);
      // Only what was asked is computed and sent back (a large range's arrays are built only when named).
      const picked: Record<string, unknown> = {};
      for (const k of Object.keys(values)) if (k === "isNullObject" || request.wants(k)) picked[k] = values[k];
      this.context.respond(picked, count);
      this.context.onSync(() => {
        for (const [k, v] of Object.entries(picked)) this.loaded.set(k, v);
      });
    });
  }

  protected read<T>(name: string): T {
    if (!this.loaded.has(name)) throw new FakeOfficeError("PropertyNotLoaded", `The property '${name}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`, this.path);
    return this.loaded.get(name) as T;
  }

  protected reveal(name: string, value: unknown): void {
    this.context.onSync(() => this.loaded.set(name, value));
  }
}

class WorkbookProxy extends FakeProxy {
  readonly worksheets: WorksheetsProxy;
  readonly names: NamesProxy;
  readonly functions: FunctionsProxy;
  readonly settings: SettingsProxy;
  constructor(context: FakeContext, path: string) {
    super(context, path);
    this.worksheets = new WorksheetsProxy(context, "worksheets");
    this.names = new NamesProxy(context, "names");
    this.functions = new FunctionsProxy(context, "functions");
    this.settings = new SettingsProxy(context, "settings");
  }
}

/**
 * The workbook's own settings (ExcelApi 1.4): stored in the document, one entry per key, so a
 * co-author's other keys are never overwritten; values travel as JSON (a copy comes back).
 */
class SettingsProxy extends FakeProxy {
  add(key: string, value: unknown): SettingProxy {
    const setting = new SettingProxy(this.context, `${this.path}.add(${JSON.stringify(key)})`, key);
    this.op("call", "add", [key, value], () => {
      if (key.trim() === "" || key.length > 255) throw new FakeOfficeError("InvalidArgument", "The setting key is not valid.", "SettingCollection.add");
      const json = JSON.stringify(value);
      if (json === undefined) throw new FakeOfficeError("InvalidArgument", "The setting value cannot be stored.", "SettingCollection.add");
      this.context.fake.workbook.settings.set(key, json);
    });
    return setting;
  }
  getItemOrNullObject(key: string): SettingProxy {
    return new SettingProxy(this.context, `${this.path}.getItemOrNullObject(${JSON.stringify(key)})`, key);
  }
}

class SettingProxy extends FakeProxy {
  constructor(
    context: FakeContext,
    path: string,
    private readonly key: string,
  ) {
    super(context, path);
  }
  get value(): unknown {
    return this.read("value");
  }
  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  load(props?: string): this {
    this.snapshotOnLoad(props, () => {
      const json = this.context.fake.workbook.settings.get(this.key);
      return { key: this.key, value: json === undefined ? null : (JSON.parse(json) as unknown), isNullObject: json === undefined };
    });
    return this;
  }
  delete(): void {
    this.op("call", "delete", [], () => {
      this.context.fake.workbook.settings.delete(this.key);
    });
  }
}

/** Worksheet functions (ExcelApi 1.2), computed by the workbook: only DATE is part of the fake. */
class FunctionsProxy extends FakeProxy {
  date(year: number, month: number, day: number): FunctionResultProxy {
    const result = new FunctionResultProxy(this.context, `${this.path}.date(${year},${month},${day})`);
    this.op("call", "date", [year, month, day], () => {
      this.context.fake.requireApi("1.2", "Functions.date");
      const iso = new Date(Date.UTC(year, month - 1, day)).toISOString().slice(0, 10);
      const error = this.context.fake.dateProbeError;
      if (error !== undefined) result.setError(error);
      else result.set(isoToSerial(iso, this.context.fake.workbook.date1904));
    });
    return result;
  }
}

class FunctionResultProxy extends FakeProxy {
  private result?: { value: number | null; error: string | null };
  set(value: number): void {
    this.result = { value, error: null };
  }
  setError(error: string): void {
    this.result = { value: null, error };
  }
  get value(): number {
    return this.read("value");
  }
  get error(): string {
    return this.read("error");
  }
  load(props?: string): this {
    this.snapshotOnLoad(props, () => ({ value: this.result?.value ?? null, error: this.result?.error ?? null }));
    return this;
  }
}

/** A worksheet's threaded comments (with replies) or notes. */
class CommentCollectionProxy extends FakeProxy {
  constructor(
    context: FakeContext,
    path: string,
    private readonly sheet: () => FakeSheet,
    private readonly api: string,
    private readonly threaded: boolean,
  ) {
    super(context, path);
  }
  get items(): CommentProxy[] {
    return this.read("items");
  }
  load(props?: string): this {
    this.snapshotOnLoad(props, (request) => {
      this.context.fake.requireApi(this.api, this.threaded ? "Worksheet.comments" : "Worksheet.notes");
      const s = this.sheet();
      const list: FakeNote[] = this.threaded ? s.comments : s.notes;
      return { items: list.map((c, i) => new CommentProxy(this.context, `${this.path}.getItemAt(${i})`, s, c, this.threaded, request.sub("items"))) };
    });
    return this;
  }
}

class CommentProxy extends FakeProxy {
  constructor(
    context: FakeContext,
    path: string,
    private readonly sheet: FakeSheet,
    private readonly comment: FakeNote | FakeComment,
    private readonly threaded: boolean,
    props: string | undefined,
  ) {
    super(context, path);
    const request = new LoadRequest(props);
    if (request.wants("authorName")) this.reveal("authorName", comment.author);
    if (request.wants("content")) this.reveal("content", comment.content);
  }
  get authorName(): string {
    return this.read("authorName");
  }
  get content(): string {
    return this.read("content");
  }
  /** Only threaded comments have replies. */
  get replies(): ReplyCollectionProxy {
    if (!this.threaded || !("replies" in this.comment)) throw new Error(`${this.path}: a note has no replies in Office.js`);
    return new ReplyCollectionProxy(this.context, `${this.path}.replies`, this.comment);
  }
  getLocation(): RangeProxy {
    const { row, col } = this.comment;
    return new RangeProxy(this.context, `${this.path}.getLocation()`, () => this.sheet, () => ({ top: row, left: col, bottom: row, right: col }));
  }
}

class ReplyCollectionProxy extends FakeProxy {
  constructor(
    context: FakeContext,
    path: string,
    private readonly comment: FakeComment,
  ) {
    super(context, path);
  }
  get items(): { readonly authorName: string; readonly content: string }[] {
    return this.read("items");
  }
  load(props?: string): this {
    this.snapshotOnLoad(props, (request) => {
      const sub = new LoadRequest(request.sub("items"));
      const items = this.comment.replies.map((r, i) => {
        const path = `${this.path}.getItemAt(${i})`;
        const item = { author: r.author, content: r.content };
        return {
          get authorName(): string {
            if (!sub.wants("authorName")) throw new FakeOfficeError("PropertyNotLoaded", "The property 'authorName' is not available.", path);
            return item.author;
          },
          get content(): string {
            if (!sub.wants("content")) throw new FakeOfficeError("PropertyNotLoaded", "The property 'content' is not available.", path);
            return item.content;
          },
          /** What the response carries: the properties loaded. */
          toJSON: () => ({ ...(sub.wants("authorName") ? { authorName: item.author } : {}), ...(sub.wants("content") ? { content: item.content } : {}) }),
        };
      });
      return { items };
    });
    return this;
  }
}

/** Merged areas of a range: Range.getMergedAreasOrNullObject (ExcelApi 1.13). */
class RangeAreasProxy extends FakeProxy {
  private areas: RangeAddress[] = [];
  constructor(
    context: FakeContext,
    path: string,
    private readonly sheet: () => FakeSheet,
  ) {
    super(context, path);
  }
  found(areas: RangeAddress[]): void {
    this.areas = areas;
    this.reveal("isNullObject", areas.length === 0);
  }
  get isNullObject(): boolean {
    return this.read("isNullObject");
  }
  get address(): string {
    // A null object has no address: reading one is a bug even where Office would not throw.
    if (this.read<boolean>("isNullObject")) throw new FakeOfficeError("InvalidObjectPath", "The object is a null object: check isNullObject before reading its properties.", this.path);
    return this.read("address");
  }
  get areaCount(): number {
    return this.read("areaCount");
  }
  load(props?: string): this {
    this.snapshotOnLoad(props, () => {
      const sheet = quoteSheetName(this.sheet().name);
      return { address: this.areas.map((a) => `${sheet}!${addressOf(a)}`).join(", "), areaCount: this.areas.length };
    });
    return this;
  }
}

/** A sheet name as Excel writes it in an address: quoted (quotes doubled) unless a plain word. */
export function quoteSheetName(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

/** The worksheet collection's events the fake fires. */
export type FakeEvent = "changed" | "added" | "deleted" | "nameChanged";
/** Office hands each event its own args type; the fake stores them alike and passes each its own. */
type Handler = (args: never) => Promise<void>;

class EventHandlersProxy extends FakeProxy {
  constructor(
    context: FakeContext,
    path: string,
    private readonly event: FakeEvent,
    private readonly api: string,
  ) {
    super(context, path);
  }
  add(handler: Handler): { context: FakeContext; remove(): void } {
    const fake = this.context.fake;
    const added = this.context;
    this.op("call", "add", ["<handler>"], () => {
      fake.requireApi(this.api, this.path);
      fake.handlersOf(this.event).add(handler);
    });
    return {
      context: added,
      remove: () => {
        // Office removes a handler only through the context that added it.
        if (!fake.isRunning(added)) throw new FakeOfficeError("InvalidOperation", "The handler was not added in this request context.", "EventHandlerResult.remove");
        added.record(this.path, "call", "remove", [], () => fake.handlersOf(this.event).delete(handler));
      },
    };
  }
}

class WorksheetsProxy extends FakeProxy {
  readonly onChanged = new EventHandlersProxy(this.context, "worksheets.onChanged", "changed", "1.9");
  readonly onAdded = new EventHandlersProxy(this.context, "worksheets.onAdded", "added", "1.7");
  readonly onDeleted = new EventHandlersProxy(this.context, "worksheets.onDeleted", "deleted", "1.7");
  readonly onNameChanged = new EventHandlersProxy(this.context, "worksheets.onNameChanged", "nameChanged", "1.17");
  private itemProxies: WorksheetProxy[] = [];

  get items(): WorksheetProxy[] {
    return this.read<WorksheetProxy[]>("items");
  }

  load(props?: string): this {
    this.snapshotOnLoad(props, (request) => {
      const wb = this.context.fake.workbook;
      this.itemProxies = wb.sheets.map((s) => new WorksheetProxy(this.context, `worksheets.getItem(${JSON.stringify(s.id)})`, s, true));
      for (const p of this.itemProxies) p.snapshot(request.sub("items"));
      return { items: this.itemProxies };
    });
    return this;
  }

  add(name: string): WorksheetProxy {
    const proxy = new WorksheetProxy(this.context, `worksheets.add(${JSON.stringify(name)})`, undefined, false);
    this.op("call", "add", [name], () => {
      const sheet = this.context.fake.workbook.addSheet(name);
      proxy.bind(sheet);
      this.context.noteEvent("added", { type: "WorksheetAdded", worksheetId: sheet.id });
    });
    return proxy;
  }

  getItem(name: string): WorksheetProxy {
    const proxy = new WorksheetProxy(this.context, `worksheets.getItem(${JSON.stringify(name)})`, undefined, false);
    this.op("call", "getItem", [name], () => {
      const sheet = this.context.fake.workbook.findSheet(name);
      if (!sheet) throw new FakeOfficeError("ItemNotFound", "The requested resource doesn't exist.", "WorksheetCollection.getItem");
      proxy.bind(sheet);
    });
    return proxy;
  }

  getItemOrNullObject(name: string): WorksheetProxy {
    const proxy = new WorksheetProxy(this.context, `worksheets.getItemOrNullObject(${JSON.stringify(name)})`, undefined, false);
    this.op("call", "getItemOrNullObject", [name], () => {
      const sheet = this.context.fake.workbook.findSheet(name);
      if (sheet) proxy.bind(sheet);
      proxy.revealNull(!sheet);
    });
    return proxy;
  }
}

class ProtectionProxy extends FakeProxy {
  constructor(
    context: FakeContext,
    path: string,
    private readonly sheet: () => FakeSheet,
  ) {
    super(context, path);
  }
  get protected(): boolean {
    return this.read("protected");
  }
  get options(): Excel.WorksheetProtectionOptions {
    return this.read("options");
  }
  /** What a load of the worksheet collection reveals of each sheet's protection. */
  snapshot(props?: string): void {
    const s = this.sheet();
    const request = new LoadRequest(props);
    if (request.wants("protected")) this.reveal("protected", s.protection.protected);
    if (request.wants("options")) this.reveal("options", { ...s.protection.options });
  }
  load(props?: string): this {
    this.snapshotOnLoad(props, () => ({ protected: this.sheet().protection.protected, options: { ...this.sheet().protection.options } }));
    return this;
  }
  protect(options: Excel.WorksheetProtectionOptions = {}, password?: string): void {
    this.op("call", "protect", password === undefined ? [options] : [options, password], () => {
      const s = this.sheet();
      if (s.protection.protected) throw new FakeOfficeError("InvalidOperation", "The worksheet is already protected.", "WorksheetProtection.protect");
      s.protection = { protected: true, options: { ...options }, ...(password ? { password } : {}) };
    });
  }
  /** A sheet protected with a password is unprotected only with that password. */
  unprotect(password?: string): void {
    this.op("call", "unprotect", password === undefined ? [] : [password], () => {
      const s = this.sheet();
      if (s.protection.protected && s.protection.password !== undefined && s.protection.password !== password) {
        throw new FakeOfficeError("BadPassword", "The password you supplied is incorrect.", "WorksheetProtection.unprotect");
      }
      s.protection = { protected: false, options: {} };
    });
  }
}

class WorksheetProxy extends FakeProxy {
  private target?: FakeSheet;
  readonly protection: ProtectionProxy;
  readonly freezePanes: { freezeAt(r: RangeProxy | string): void; freezeRows(n: number): void; freezeColumns(n: number): void };
  readonly pageLayout: PageLayoutProxy;
  readonly autoFilter: { apply(range: RangeProxy | string): void };

  constructor(context: FakeContext, path: string, target: FakeSheet | undefined, readonly loadedFromCollection: boolean) {
    super(context, path);
    this.target = target;
    this.protection = new ProtectionProxy(context, `${path}.protection`, () => this.sheet());
    const freeze = (name: string, rows: number, cols: number, args: unknown[]): void =>
      this.op("call", `freezePanes.${name}`, args, () => {
        this.sheet().freeze = { rows, cols };
      });
    this.freezePanes = {
      freezeAt: (r) => {
        const a = typeof r === "string" ? parseAddress(r) : r.bounds();
        freeze("freezeAt", a.bottom + 1, a.right + 1, [r]);
      },
      freezeRows: (n) => freeze("freezeRows", n, 0, [n]),
      freezeColumns: (n) => freeze("freezeColumns", 0, n, [n]),
    };
    this.pageLayout = new PageLayoutProxy(context, `${path}.pageLayout`, () => this.sheet());
    this.autoFilter = {
      apply: (range) =>
        this.op("call", "autoFilter.apply", [range], () => {
          this.context.fake.requireApi("1.9", "AutoFilter.apply");
          const a = typeof range === "string" ? parseAddress(range) : range.bounds();
          this.sheet().autoFilter = `${cellAddress(a.top, a.left)}:${cellAddress(a.bottom, a.right)}`;
        }),
    };
  }

  bind(sheet: FakeSheet): void {
    this.target = sheet;
  }

  revealNull(isNull: boolean): void {
    this.reveal("isNullObject", isNull);
  }

  get isNullObject(): boolean {
    return this.read("isNullObject");
  }

  sheet(): FakeSheet {
    if (!this.target) throw new FakeOfficeError("InvalidObjectPath", "The object path is not working for what you are trying to do (null object).", this.path);
    return this.target;
  }

  /** What a load of the worksheet collection reveals of this sheet: the scalars asked (all for none named), and protection only when named. */
  snapshot(props?: string): void {
    const s = this.sheet();
    const request = new LoadRequest(props);
    if (request.wants("name")) this.reveal("name", s.name);
    if (request.wants("id")) this.reveal("id", s.id);
    if (request.wants("visibility")) this.reveal("visibility", s.visibility);
    if (props !== undefined && request.wants("protection")) this.protection.snapshot(request.sub("protection"));
  }

  get name(): string {
    return this.read("name");
  }
  get id(): string {
    return this.read("id");
  }
  get visibility(): string {
    return this.read("visibility");
  }
  set visibility(v: "Visible" | "Hidden" | "VeryHidden") {
    this.op("set", "visibility", [v], () => {
      this.sheet().visibility = v;
    });
  }

  load(props?: string): this {
    this.snapshotOnLoad(props, () => ({ name: this.sheet().name, id: this.sheet().id, visibility: this.sheet().visibility }));
    return this;
  }

  activate(): void {
    this.op("call", "activate", [], () => {
      const s = this.sheet();
      // Excel cannot show a hidden sheet by activating it.
      if (s.visibility !== "Visible") throw new FakeOfficeError("InvalidOperation", "The sheet is hidden and cannot be activated.", "Worksheet.activate");
      this.context.fake.workbook.active = s;
    });
  }

  /** Deletes the sheet (its protection does not stop this; the workbook's structure protection would). */
  delete(): void {
    this.op("call", "delete", [], () => {
      const wb = this.context.fake.workbook;
      if (wb.structureProtected) throw new FakeOfficeError("AccessDenied", "The workbook's structure is protected.", "Worksheet.delete");
      const s = this.sheet();
      // By design: a very hidden sheet is shielded from deletion (make it Hidden first).
      if (s.visibility === "VeryHidden") throw new FakeOfficeError("GeneralException", "There was an internal error while processing the request.", "Worksheet.delete");
      if (wb.sheets.filter((x) => x !== s && x.visibility === "Visible").length === 0) throw new FakeOfficeError("InvalidOperation", "A workbook must keep at least one visible sheet.", "Worksheet.delete");
      wb.sheets.splice(wb.sheets.indexOf(s), 1);
      if (wb.active === s) delete wb.active;
      this.context.noteEvent("deleted", { type: "WorksheetDeleted", worksheetId: s.id });
    });
  }

  /** A range by address; without one, the whole sheet. */
  getRange(address?: string): RangeProxy {
    const whole: RangeAddress = { top: 0, left: 0, bottom: MAX_ROW, right: MAX_COL };
    return new RangeProxy(this.context, `${this.path}.getRange(${address === undefined ? "" : JSON.stringify(address)})`, () => this.sheet(), () => (address === undefined ? whole : parseAddress(address)));
  }

  /** Threaded comments: ExcelApi 1.10. */
  get comments(): CommentCollectionProxy {
    return new CommentCollectionProxy(this.context, `${this.path}.comments`, () => this.sheet(), "1.10", true);
  }

  /** Notes (the old comments): ExcelApi 1.18. */
  get notes(): CommentCollectionProxy {
    return new CommentCollectionProxy(this.context, `${this.path}.notes`, () => this.sheet(), "1.18", false);
  }

  getCell(row: number, col: number): RangeProxy {
    return new RangeProxy(this.context, `${this.path}.getCell(${row},${col})`, () => this.sheet(), () => ({ top: row, left: col, bottom: row, right: col }));
  }

  getRangeByIndexes(row: number, col: number, rows: number, cols: number): RangeProxy {
    return new RangeProxy(this.context, `${this.path}.getRangeByIndexes(${row},${col},${rows},${cols})`, () => this.sheet(), () => ({ top: row, left: col, bottom: row + rows - 1, right: col + cols - 1 }));
  }

  getUsedRange(valuesOnly = false): RangeProxy {
    let used: RangeAddress | undefined;
    const proxy = new RangeProxy(this.context, `${this.path}.getUsedRange(${valuesOnly})`, () => this.sheet(), () => {
      used ??= usedRange(this.sheet(), valuesOnly);
      return used;
    });
    this.op("call", "getUsedRange", [valuesOnly], () => {
      used = usedRange(this.sheet(), valuesOnly);
    });
    return proxy;
  }
}

function usedRange(sheet: FakeSheet, valuesOnly: boolean): RangeAddress {
  const b = sheet.bulk;
  let r: RangeAddress | undefined = b && b.rows > 0 && b.cols > 0 ? { top: b.top, left: b.left, bottom: b.top + b.rows - 1, right: b.left + b.cols - 1 } : undefined;
  for (const [k, c] of sheet.cells) {
    if (valuesOnly && c.value === "") continue;
    const [row, col] = k.split(",").map(Number) as [number, number];
    r = r ? { top: Math.min(r.top, row), left: Math.min(r.left, col), bottom: Math.max(r.bottom, row), right: Math.max(r.right, col) } : { top: row, left: col, bottom: row, right: col };
  }
  return r ?? { top: 0, left: 0, bottom: 0, right: 0 };
}

class PageLayoutProxy extends FakeProxy {
  constructor(
    context: FakeContext,
    path: string,
    private readonly sheet: () => FakeSheet,
  ) {
    super(context, path);
  }
  set orientation(v: string) {
    this.op("set", "orientation", [v], () => {
      this.sheet().pageLayout.orientation = v;
    });
  }
  set paperSize(v: string) {
    this.op("set", "paperSize", [v], () => {
      this.sheet().pageLayout.paperSize = v;
    });
  }
  set zoom(v: Excel.PageLayoutZoomOptions) {
    this.op("set", "zoom", [v], () => {
      this.sheet().pageLayout.zoom = { ...v };
    });
  }
  set printOrder(v: string) {
    if (v !== "DownThenOver" && v !== "OverThenDown") throw new FakeOfficeError("InvalidArgument", `printOrder '${v}' is not a PrintOrder`, "PageLayout.printOrder");
    this.op("set", "printOrder", [v], () => {
      this.sheet().pageLayout.printOrder = v;
    });
  }
  setPrintTitleRows(rows: string): void {
    this.op("call", "setPrintTitleRows", [rows], () => {
      this.sheet().pageLayout.printTitleRows = rows;
    });
  }
  setPrintTitleColumns(cols: string): void {
    this.op("call", "setPrintTitleColumns", [cols], () => {
      this.sheet().pageLayout.printTitleColumns = cols;
    });
  }
  /** The header and footer of every page (ExcelApi 1.9, as pageLayout): each part set is kept by its name. */
  get headersFooters(): { readonly defaultForAllPages: Partial<Record<HeaderFooterPart, string>> } {
    const parts: readonly HeaderFooterPart[] = ["leftHeader", "centerHeader", "rightHeader", "leftFooter", "centerFooter", "rightFooter"];
    const page = {};
    for (const part of parts) {
      Object.defineProperty(page, part, {
        set: (v: string) =>
          this.op("set", `headersFooters.defaultForAllPages.${part}`, [v], () => {
            const s = this.sheet();
            s.pageLayout.headersFooters = { ...s.pageLayout.headersFooters, [part]: v };
          }),
        enumerable: true,
      });
    }
    return { defaultForAllPages: page };
  }
}

type HeaderFooterPart = "leftHeader" | "centerHeader" | "rightHeader" | "leftFooter" | "centerFooter" | "rightFooter";

/** Cells of a range, created on demand (a format or value write creates them). */
function* cellsOf(sheet: FakeSheet, r: RangeAddress, create: boolean): Generator<[number, number, FakeCell]> {
  const whole = r.bottom === MAX_ROW || r.right === MAX_COL;
  if (whole) {
    // Whole rows or columns: only the cells that exist.
    for (const [k, c] of sheet.cells) {
      const [row, col] = k.split(",").map(Number) as [number, number];
      if (row >= r.top && row <= r.bottom && col >= r.left && col <= r.right) yield [row, col, c];
    }
    return;
  }
  for (let row = r.top; row <= r.bottom; row++) {
    for (let col = r.left; col <= r.right; col++) {
      const c = create ? realCell(sheet, row, col) : cellAt(sheet, row, col);
      if (c) yield [row, col, c];
    }
  }
}

function protectedError(location: string): FakeOfficeError {
  return new FakeOfficeError("AccessDenied", "The cell or chart you're trying to change is on a protected sheet. To make a change, unprotect the sheet.", location);
}

function matrix<T>(input: T | T[][], r: RangeAddress, what: string): (row: number, col: number) => T | null {
  if (!Array.isArray(input)) return () => input;
  const rows = r.bottom - r.top + 1;
  const cols = r.right - r.left + 1;
  if (input.length !== rows || input.some((row) => !Array.isArray(row) || row.length !== cols)) {
    throw new FakeOfficeError("InvalidArgument", `The number of rows or columns in the input array doesn't match the size or dimensions of the range (${what}).`, `Range.${what}`);
  }
  return (row, col) => input[row - r.top]?.[col - r.left] ?? null;
}

/** Excel.ConditionalFormatType: what ConditionalFormatCollection.add takes. */
const CONDITIONAL_FORMAT_TYPES = new Set(["Custom", "DataBar", "ColorScale", "IconSet", "TopBottom", "PresetCriteria", "ContainsText", "CellValue"]);
/** The types the fake renders; the others are Excel's, but no part of the fake. */
const FAKE_CONDITIONAL_FORMAT_TYPES = new Set(["CellValue", "Custom"]);

/** A colour as Office.js takes it: "#RRGGBB" or an HTML colour name ("lightgreen"). */
function checkColor(v: unknown, location: string): void {
  if (typeof v !== "string" || !/^(#[0-9A-Fa-f]{6}|[A-Za-z]+)$/.test(v)) throw new FakeOfficeError("InvalidArgument", `'${String(v)}' is not a colour ("#RRGGBB" or a colour name).`, location);
}

/**
 * A conditional-format formula as Excel takes it through the API: it starts with "=" (without, it
 * would be a constant, never a condition), its strings are closed and its parentheses balanced, and
 * every sheet it names exists now (a missing one would be read as a link to another workbook).
 */
function checkConditionFormula(formula: unknown, wb: FakeWorkbook, location: string): void {
  const refuse = (why: string): never => {
    throw new FakeOfficeError("InvalidArgument", `The conditional format formula ${JSON.stringify(formula)} ${why}.`, location);
  };
  if (typeof formula !== "string" || !formula.startsWith("=")) return refuse('does not start with "="');
  let depth = 0;
  for (let i = 1; i < formula.length; i++) {
    const ch = formula[i];
    if (ch === '"') {
      // A string literal; "" inside is a quote.
      let j = i + 1;
      for (; j < formula.length; j++) {
        if (formula[j] === '"' && formula[j + 1] === '"') j++;
        else if (formula[j] === '"') break;
      }
      if (j >= formula.length) refuse("has an unclosed string");
      i = j;
    } else if (ch === "'") {
      // A quoted sheet name; '' inside is an apostrophe.
      let j = i + 1;
      let name = "";
      for (; j < formula.length; j++) {
        if (formula[j] === "'" && formula[j + 1] === "'") {
          name += "'";
          j++;
        } else if (formula[j] === "'") break;
        else name += formula[j];
      }
      if (j >= formula.length || formula[j + 1] !== "!") refuse("has a quoted name that is no sheet reference");
      if (!wb.findSheet(name)) refuse(`refers to the sheet '${name}', which does not exist`);
      i = j + 1;
    } else if (ch === "!") {
      const name = /(#?[A-Za-z_][A-Za-z0-9_.]*)$/.exec(formula.slice(1, i))?.[1];
      // "#REF!" and the other error literals end in "!" too.
      if (!name?.startsWith("#") && (!name || !wb.findSheet(name))) refuse(`refers to the sheet '${name ?? ""}', which does not exist`);
    } else if (ch === "(") depth++;
    else if (ch === ")" && --depth < 0) refuse("has an unbalanced ')'");
  }
  if (depth !== 0) refuse("has an unclosed '('");
}

/**
 * One conditional format (ExcelApi 1.6): `cellValue` for a CellValue format, `custom` for a Custom
 * one; using the other fails the sync, as the property does in Excel for a format of another type
 * (its ...OrNullObject twin would be a null object).
 */
class ConditionalFormatProxy extends FakeProxy {
  readonly cellValue: { readonly format: { readonly fill: { color: string } }; rule: Excel.ConditionalCellValueRule };
  readonly custom: { readonly format: { readonly fill: { color: string } }; readonly rule: { formula: string } };

  constructor(
    context: FakeContext,
    path: string,
    range: RangeProxy,
    readonly type: string,
  ) {
    super(context, path);
    const entry: FakeSheet["conditionalFormats"][number] = { range: { top: 0, left: 0, bottom: 0, right: 0 }, type };
    context.record(path, "call", "add", [type], () => {
      context.fake.requireApi("1.6", "ConditionalFormatCollection.add");
      if (!CONDITIONAL_FORMAT_TYPES.has(type)) throw new FakeOfficeError("InvalidArgument", `'${type}' is not a conditional format type.`, "ConditionalFormatCollection.add");
      if (!FAKE_CONDITIONAL_FORMAT_TYPES.has(type)) throw new FakeOfficeError("NotImplemented", `${type} conditional formats are not part of the fake`, "ConditionalFormatCollection.add");
      range.guardFormat("ConditionalFormatCollection.add");
      entry.range = range.bounds();
      range.sheet().conditionalFormats.push(entry);
    });
    const ofType = (wanted: "CellValue" | "Custom", location: string): void => {
      if (entry.type !== wanted) throw new FakeOfficeError("ItemNotFound", `The conditional format is of type ${entry.type}, not ${wanted}.`, location);
    };
    const fill = (wanted: "CellValue" | "Custom", at: string): { color: string } => ({
      set color(v: string) {
        context.record(`${at}.format.fill`, "set", "color", [v], () => {
          ofType(wanted, `ConditionalFormat.${wanted === "Custom" ? "custom" : "cellValue"}`);
          checkColor(v, "ConditionalRangeFill.color");
          entry.fill = v;
        });
      },
      get color(): string {
        return entry.fill ?? "";
      },
    });
    this.cellValue = {
      format: { fill: fill("CellValue", `${path}.cellValue`) },
      set rule(v: Excel.ConditionalCellValueRule) {
        context.record(`${path}.cellValue`, "set", "rule", [v], () => {
          ofType("CellValue", "ConditionalFormat.cellValue");
          entry.rule = v;
        });
      },
      get rule(): Excel.ConditionalCellValueRule {
        return entry.rule as Excel.ConditionalCellValueRule;
      },
    };
    // CustomConditionalFormat.rule is read-only: its formula is set on it.
    const rule = {
      set formula(v: string) {
        context.record(`${path}.custom.rule`, "set", "formula", [v], () => {
          ofType("Custom", "ConditionalFormat.custom");
          checkConditionFormula(v, context.fake.workbook, "ConditionalFormatRule.formula");
          entry.rule = { formula: v };
          entry.formula = v;
        });
      },
      get formula(): string {
        return entry.formula ?? "";
      },
    };
    this.custom = {
      format: { fill: fill("Custom", `${path}.custom`) },
      get rule() {
        return rule;
      },
    };
  }
}

class RangeProxy extends FakeProxy {
  readonly format: RangeFormatProxy;
  readonly dataValidation: DataValidationProxy;
  readonly conditionalFormats: { add(type: string): ConditionalFormatProxy };

  constructor(
    context: FakeContext,
    path: string,
    readonly sheet: () => FakeSheet,
    /** Where the range lies (zero-based, inclusive); `address` is Excel's A1 string, once loaded. */
    readonly bounds: () => RangeAddress,
  ) {
    super(context, path);
    this.format = new RangeFormatProxy(context, `${path}.format`, this);
    this.dataValidation = new DataValidationProxy(context, `${path}.dataValidation`, this);
    this.conditionalFormats = { add: (type: string) => new ConditionalFormatProxy(context, `${path}.conditionalFormats.add(${JSON.stringify(type)})`, this, type) };
  }

  private cached?: FakeCell[];

  /** The range's cells, created on first use; whole rows or columns are looked up each time. */
  cells(): FakeCell[] {
    const a = this.bounds();
    if (a.bottom === MAX_ROW || a.right === MAX_COL) return [...cellsOf(this.sheet(), a, true)].map(([, , c]) => c);
    this.cached ??= [...cellsOf(this.sheet(), a, true)].map(([, , c]) => c);
    return this.cached;
  }

  /** Formatting a protected sheet needs allowFormatCells. */
  guardFormat(location: string): void {
    const s = this.sheet();
    if (s.protection.protected && !s.protection.options.allowFormatCells) throw protectedError(location);
  }

  set values(input: (Value | null)[][]) {
    this.op("set", "values", [input], () => {
      const s = this.sheet();
      const r = this.bounds();
      const at = matrix<Value | null>(input, r, "values");
      for (const [row, col, cell] of cellsOf(s, r, true)) {
        const v = at(row, col);
        if (v === null) continue;
        if (s.protection.protected && cell.locked) throw protectedError("Range.values");
        const wb = this.context.fake.workbook;
        enter(cell, v, wb.date1904, wb.textFormatKeepsText);
      }
      this.context.noteEvent("changed", { type: "WorksheetChanged", worksheetId: s.id, address: addressOf(r), changeType: "RangeEdited" });
    });
  }
  get values(): Value[][] {
    return this.read("values");
  }

  /** Typed values (ExcelApi 1.16): a String is text whatever it looks like; Double, Boolean and Empty as such. */
  set valuesAsJson(input: Excel.CellValue[][]) {
    this.op("set", "valuesAsJson", [input], () => {
      this.context.fake.requireApi("1.16", "Range.valuesAsJson");
      const s = this.sheet();
      const at = matrix<Excel.CellValue | null>(input, this.bounds(), "valuesAsJson");
      for (const [row, col, cell] of cellsOf(s, this.bounds(), true)) {
        const v = at(row, col);
        if (v === null) throw new FakeOfficeError("InvalidArgument", "valuesAsJson takes a cell value for every cell.", "Range.valuesAsJson");
        if (s.protection.protected && cell.locked) throw protectedError("Range.valuesAsJson");
        delete cell.formula;
        delete cell.error;
        if (v.type === "String" || v.type === "Double" || v.type === "Boolean") cell.value = v.basicValue as Value;
        else if (v.type === "Empty") cell.value = "";
        else throw new FakeOfficeError("NotImplemented", `valuesAsJson of type ${v.type} is not part of the fake`, "Range.valuesAsJson");
      }
      this.context.noteEvent("changed", { type: "WorksheetChanged", worksheetId: s.id, address: addressOf(this.bounds()), changeType: "RangeEdited" });
    });
  }

  set numberFormat(input: (string | null)[][]) {
    this.op("set", "numberFormat", [input], () => {
      this.guardFormat("Range.numberFormat");
      const r = this.bounds();
      const at = matrix<string | null>(input, r, "numberFormat");
      for (const [row, col, cell] of cellsOf(this.sheet(), r, true)) {
        const f = at(row, col);
        if (f !== null) cell.numberFormat = f;
      }
    });
  }
  get numberFormat(): string[][] {
    return this.read("numberFormat");
  }

  /** Never written by the workspace: a test asserts no operation sets it. */
  set formulas(input: unknown[][]) {
    this.op("set", "formulas", [input], () => {
      throw new FakeOfficeError("NotImplemented", "writing formulas is not part of the fake", "Range.formulas");
    });
  }
  /** Each cell's formula ("=…"), or its value when it holds a constant. */
  get formulas(): Value[][] {
    return this.read("formulas");
  }
  get valueTypes(): string[][] {
    return this.read("valueTypes");
  }

  get rowIndex(): number {
    return this.read("rowIndex");
  }
  get columnIndex(): number {
    return this.read("columnIndex");
  }
  get rowCount(): number {
    return this.read("rowCount");
  }
  get columnCount(): number {
    return this.read("columnCount");
  }
  get address(): string {
    return this.read("address");
  }
  get isNullObject(): boolean {
    return this.read("isNullObject");
  }

  load(props?: string): this {
    const arrays = ["values", "numberFormat", "formulas", "valueTypes"];
    const cellCount = (request: LoadRequest): number => {
      if (!arrays.some((name) => request.wants(name))) return 0;
      const r = this.bounds();
      this.sheet().reads.push(r);
      return (r.bottom - r.top + 1) * (r.right - r.left + 1);
    };
    this.snapshotOnLoad(
      props,
      () => {
        const r = this.bounds();
        const s = this.sheet();
        const grid = <T>(f: (c: FakeCell | undefined) => T): T[][] => {
          const out: T[][] = [];
          for (let row = r.top; row <= r.bottom; row++) {
            const line: T[] = [];
            for (let col = r.left; col <= r.right; col++) line.push(f(cellAt(s, row, col)));
            out.push(line);
          }
          return out;
        };
        // Getters: a large range's arrays are built only when the load names them.
        return {
          get values() {
            return grid<Value>((c) => c?.value ?? "");
          },
          get numberFormat() {
            return grid<string>((c) => c?.numberFormat ?? "General");
          },
          // Excel gives a formula as "=…" (an entry "+1" reads back "=+1"), and a constant as its value.
          get formulas() {
            return grid<Value>((c) => (c?.formula !== undefined ? (c.formula.startsWith("=") ? c.formula : `=${c.formula}`) : (c?.value ?? "")));
          },
          get valueTypes() {
            return grid<string>(valueType);
          },
          rowIndex: r.top,
          columnIndex: r.left,
          rowCount: r.bottom - r.top + 1,
          columnCount: r.right - r.left + 1,
          address: `${quoteSheetName(s.name)}!${addressOf(r)}`,
          isNullObject: false,
        };
      },
      cellCount,
    );
    return this;
  }

  /** Per-cell properties (ExcelApi 1.9): only `hyperlink` is part of the fake; a cell without one gives no hyperlink. */
  getCellProperties(options: Excel.CellPropertiesLoadOptions): { readonly value: Excel.CellProperties[][] } {
    const result: { value?: Excel.CellProperties[][] } = {};
    this.op("call", "getCellProperties", [options], () => {
      this.context.fake.requireApi("1.9", "Range.getCellProperties");
      const other = Object.keys(options).filter((k) => k !== "hyperlink");
      if (other.length > 0) throw new FakeOfficeError("NotImplemented", `getCellProperties(${other.join(", ")}) is not part of the fake`, "Range.getCellProperties");
      const r = this.bounds();
      if (r.bottom === MAX_ROW || r.right === MAX_COL) throw new FakeOfficeError("NotImplemented", "getCellProperties of whole rows or columns is not part of the fake", "Range.getCellProperties");
      const cells = (r.bottom - r.top + 1) * (r.right - r.left + 1);
      this.context.checkCells(cells, "Range.getCellProperties");
      const s = this.sheet();
      s.reads.push(r);
      const props: Excel.CellProperties[][] = [];
      for (let row = r.top; row <= r.bottom; row++) {
        const line: Excel.CellProperties[] = [];
        for (let col = r.left; col <= r.right; col++) {
          const link = cellAt(s, row, col)?.hyperlink;
          line.push(options.hyperlink && link ? { hyperlink: { ...link } } : {});
        }
        props.push(line);
      }
      this.context.respond(props, cells);
      this.context.onSync(() => {
        result.value = props;
      });
    });
    return {
      get value(): Excel.CellProperties[][] {
        if (!result.value) throw new FakeOfficeError("PropertyNotLoaded", "The value of the result object has not been loaded yet.", "ClientResult.value");
        return result.value;
      },
    };
  }

  /**
   * Merged areas whose top-left cell lies in this range (ExcelApi 1.13), as Excel gives them: a
   * null object when there are none, and a failure above 512 areas.
   */
  getMergedAreasOrNullObject(): RangeAreasProxy {
    const areas = new RangeAreasProxy(this.context, `${this.path}.getMergedAreasOrNullObject()`, () => this.sheet());
    this.op("call", "getMergedAreasOrNullObject", [], () => {
      this.context.fake.requireApi("1.13", "Range.getMergedAreasOrNullObject");
      const r = this.bounds();
      const found = this.sheet().merges.filter((m) => m.top >= r.top && m.top <= r.bottom && m.left >= r.left && m.left <= r.right);
      if (found.length > 512) throw new FakeOfficeError("GeneralException", "There are more than 512 merged areas in the range.", "Range.getMergedAreasOrNullObject");
      areas.found(found);
    });
    return areas;
  }

  getColumnProperties(options: Excel.ColumnPropertiesLoadOptions): { readonly value: Excel.ColumnProperties[] } {
    const result: { value?: Excel.ColumnProperties[] } = {};
    this.op("call", "getColumnProperties", [options], () => {
      const r = this.bounds();
      const s = this.sheet();
      const props: Excel.ColumnProperties[] = [];
      for (let col = r.left; col <= r.right; col++) props.push({ columnIndex: col, columnHidden: s.hiddenColumns.has(col) });
      this.context.respond(props);
      this.context.onSync(() => {
        result.value = props;
      });
    });
    return {
      get value(): Excel.ColumnProperties[] {
        if (!result.value) throw new FakeOfficeError("PropertyNotLoaded", "The value of the result object has not been loaded yet.", "ClientResult.value");
        return result.value;
      },
    };
  }

  /** Range.clear: "Contents" empties values and formulas; "All" also resets formats. */
  clear(applyTo: "All" | "Contents" | "Formats" = "All"): void {
    this.op("call", "clear", [applyTo], () => {
      const s = this.sheet();
      const r = this.bounds();
      if (s.protection.protected) throw protectedError("Range.clear");
      for (const [row, col, cell] of [...cellsOf(s, r, false)]) {
        if (applyTo === "Formats") {
          Object.assign(cell, { ...blankCell(), value: cell.value, ...(cell.formula !== undefined ? { formula: cell.formula } : {}) });
          continue;
        }
        if (applyTo === "All") s.cells.delete(key(row, col));
        else {
          cell.value = "";
          delete cell.formula;
          delete cell.error;
        }
      }
    });
  }

  /** Excel keeps the upper-left value of each merged area (of each row, across) and discards the rest. */
  merge(across = false): void {
    this.op("call", "merge", [across], () => {
      this.guardFormat("Range.merge");
      const r = this.bounds();
      const areas = across ? Array.from({ length: r.bottom - r.top + 1 }, (_, i) => ({ ...r, top: r.top + i, bottom: r.top + i })) : [r];
      for (const area of areas) {
        mergeArea(this.sheet(), area);
      }
    });
  }

  select(): void {
    this.op("call", "select", [], () => {
      this.context.fake.workbook.selection = { sheet: this.sheet().name, address: addressOf(this.bounds()) };
    });
  }
}

/** Merges an area: its upper-left cell keeps its value, every other cell of it is emptied. */
function mergeArea(sheet: FakeSheet, area: RangeAddress): void {
  for (const [row, col, cell] of cellsOf(sheet, area, true)) {
    if (row === area.top && col === area.left) continue;
    cell.value = "";
    delete cell.formula;
    delete cell.error;
  }
  sheet.merges.push(area);
}

/**
 * Defined names as Excel takes them: a letter, "_" or "\\" first, then letters, digits, "_" and
 * "."; at most 255 characters; never a cell reference (A1, XFD1048576, R1C1, R, C) nor TRUE/FALSE.
 */
export function validDefinedName(name: string): boolean {
  if (name.length === 0 || name.length > 255) return false;
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name)) return false;
  if (/^[A-Za-z]{1,3}\d+$/.test(name)) {
    const m = /^([A-Za-z]+)(\d+)$/.exec(name);
    if (m && columnIndex(m[1] ?? "") <= MAX_COL && Number(m[2]) >= 1 && Number(m[2]) <= MAX_ROW + 1) return false;
  }
  if (/^[rc]$/i.test(name) || /^r\d*c\d*$/i.test(name)) return false;
  return !/^(true|false)$/i.test(name);
}

/** Range.valueTypes of a cell. */
function valueType(c: FakeCell | undefined): Excel.RangeValueType | "Empty" | "String" | "Integer" | "Double" | "Boolean" | "Error" {
  if (!c || c.value === "") return "Empty";
  if (c.error) return "Error";
  // Excel reports every number as Double (the enum's "Integer" is never returned).
  if (typeof c.value === "number") return "Double";
  if (typeof c.value === "boolean") return "Boolean";
  return "String";
}

export function addressOf(r: RangeAddress): string {
  const a = cellAddress(r.top, r.left);
  const b = cellAddress(r.bottom, r.right);
  return a === b ? a : `${a}:${b}`;
}

class RangeFormatProxy extends FakeProxy {
  readonly font: { size: number; bold: boolean; italic: boolean; color: string };
  readonly fill: RangeFillProxy;
  readonly protection: { locked: boolean };
  readonly borders: { getItem(edge: string): { style: string; weight: string; color: string } };

  constructor(
    context: FakeContext,
    path: string,
    private readonly range: RangeProxy,
  ) {
    super(context, path);
    const setCells = (prop: string, v: unknown, apply: (c: FakeCell) => void, at: string = `${path}.font`): void =>
      this.context.record(at, "set", prop, [v], () => {
        this.range.guardFormat(`RangeFormat.${prop}`);
        for (const c of this.range.cells()) apply(c);
      });
    this.font = {
      set size(v: number) {
        setCells("size", v, (c) => (c.font.size = v));
      },
      set bold(v: boolean) {
        setCells("bold", v, (c) => (c.font.bold = v));
      },
      set italic(v: boolean) {
        setCells("italic", v, (c) => (c.font.italic = v));
      },
      set color(v: string) {
        setCells("color", v, (c) => (c.font.color = v));
      },
    } as { size: number; bold: boolean; italic: boolean; color: string };
    this.fill = new RangeFillProxy(context, `${path}.fill`, range);
    const ctx = this.context;
    this.protection = {
      set locked(v: boolean) {
        ctx.record(`${path}.protection`, "set", "locked", [v], () => {
          range.guardFormat("RangeFormat.protection.locked");
          for (const c of range.cells()) c.locked = v;
        });
      },
    } as { locked: boolean };
    this.borders = {
      getItem: (edge: string) => {
        const entry: FakeSheet["borders"][number] = { range: { top: 0, left: 0, bottom: 0, right: 0 }, edge };
        const bPath = `${path}.borders.getItem(${JSON.stringify(edge)})`;
        let added = false;
        const set = (prop: "style" | "weight" | "color", v: string): void =>
          ctx.record(bPath, "set", prop, [v], () => {
            range.guardFormat("RangeBorder");
            const a = range.bounds();
            if ((edge === "InsideHorizontal" && a.top === a.bottom) || (edge === "InsideVertical" && a.left === a.right)) {
              throw new FakeOfficeError("InvalidArgument", `No ${edge} border in a range of one ${edge === "InsideHorizontal" ? "row" : "column"}.`, "RangeBorder");
            }
            if (!added) {
              entry.range = a;
              range.sheet().borders.push(entry);
              added = true;
            }
            entry[prop] = v;
          });
        return {
          set style(v: string) {
            set("style", v);
          },
          set weight(v: string) {
            set("weight", v);
          },
          set color(v: string) {
            set("color", v);
          },
        } as { style: string; weight: string; color: string };
      },
    };
  }

  set wrapText(v: boolean) {
    this.op("set", "wrapText", [v], () => {
      this.range.guardFormat("RangeFormat.wrapText");
      for (const c of this.range.cells()) c.wrapText = v;
    });
  }
  set verticalAlignment(v: string) {
    this.op("set", "verticalAlignment", [v], () => {
      this.range.guardFormat("RangeFormat.verticalAlignment");
      for (const c of this.range.cells()) c.verticalAlignment = v;
    });
  }
  set rowHeight(v: number) {
    this.op("set", "rowHeight", [v], () => {
      const s = this.range.sheet();
      if (s.protection.protected && !s.protection.options.allowFormatRows) throw protectedError("RangeFormat.rowHeight");
      const a = this.range.bounds();
      for (let row = a.top; row <= a.bottom; row++) s.rowHeights.set(row, v);
    });
  }
  set columnWidth(v: number) {
    this.op("set", "columnWidth", [v], () => {
      const s = this.range.sheet();
      if (s.protection.protected && !s.protection.options.allowFormatColumns) throw protectedError("RangeFormat.columnWidth");
      const a = this.range.bounds();
      for (let col = a.left; col <= a.right; col++) s.columnWidths.set(col, v);
    });
  }
}

class RangeFillProxy extends FakeProxy {
  constructor(
    context: FakeContext,
    path: string,
    private readonly range: RangeProxy,
  ) {
    super(context, path);
  }
  private each(apply: (c: FakeCell) => void, location: string): void {
    this.range.guardFormat(location);
    for (const c of this.range.cells()) apply(c);
  }
  set color(v: string) {
    this.op("set", "color", [v], () => this.each((c) => (c.fill = { color: v.toUpperCase(), pattern: "Solid" }), "RangeFill.color"));
  }
  get color(): string {
    return this.read("color");
  }
  get pattern(): string {
    return this.read("pattern");
  }
  clear(): void {
    this.op("call", "clear", [], () => this.each((c) => (c.fill = { color: "#FFFFFF", pattern: "None" }), "RangeFill.clear"));
  }
  load(props?: string): this {
    this.snapshotOnLoad(props, () => {
      const a = this.range.bounds();
      const c = cellAt(this.range.sheet(), a.top, a.left) ?? blankCell();
      return { color: c.fill.color, pattern: c.fill.pattern };
    });
    return this;
  }
}

class DataValidationProxy extends FakeProxy {
  private entry?: FakeSheet["validations"][number];
  constructor(
    context: FakeContext,
    path: string,
    private readonly range: RangeProxy,
  ) {
    super(context, path);
  }
  private set(prop: "rule" | "ignoreBlanks" | "errorAlert" | "prompt", v: unknown): void {
    this.op("set", prop, [v], () => {
      const s = this.range.sheet();
      if (s.protection.protected) throw protectedError("DataValidation");
      if (prop === "rule") checkRule(v, this.context.fake.workbook);
      if (!this.entry) {
        this.entry = { range: this.range.bounds() };
        s.validations.push(this.entry);
      }
      this.entry[prop] = v;
    });
  }
  set rule(v: Excel.DataValidationRule) {
    this.set("rule", v);
  }
  set ignoreBlanks(v: boolean) {
    this.set("ignoreBlanks", v);
  }
  set errorAlert(v: Excel.DataValidationErrorAlert) {
    this.set("errorAlert", v);
  }
  set prompt(v: Excel.DataValidationPrompt) {
    this.set("prompt", v);
  }
}

/** A list source "=name" must name an existing workbook name; a prompt longer than 255 is refused. */
function checkRule(rule: unknown, wb: FakeWorkbook): void {
  const source = (rule as { list?: { source?: unknown } }).list?.source;
  if (typeof source === "string" && source.startsWith("=")) {
    const name = source.slice(1);
    if (/^[A-Za-z_][\w.]*$/.test(name) && !wb.names.has(name.toLowerCase())) throw new FakeOfficeError("InvalidArgument", `The list source refers to '${name}', which is not defined.`, "DataValidation.rule");
  }
}

class NamedItemProxy extends FakeProxy {
  constructor(
    context: FakeContext,
    path: string,
    private readonly item: { name: string; sheet: FakeSheet; range: RangeAddress },
  ) {
    super(context, path);
    this.reveal("name", item.name);
  }
  get name(): string {
    return this.read("name");
  }
  delete(): void {
    this.op("call", "delete", [], () => {
      this.context.fake.workbook.names.delete(this.item.name.toLowerCase());
    });
  }
  getRangeOrNullObject(): RangeProxy {
    return new RangeProxy(this.context, `${this.path}.getRangeOrNullObject()`, () => this.item.sheet, () => this.item.range);
  }
}

class NamesProxy extends FakeProxy {
  get items(): NamedItemProxy[] {
    return this.read("items");
  }
  load(props?: string): this {
    this.snapshotOnLoad(props, () => ({ items: [...this.context.fake.workbook.names.values()].map((n) => new NamedItemProxy(this.context, `names.getItem(${JSON.stringify(n.name)})`, n)) }));
    return this;
  }
  add(name: string, reference: RangeProxy | string): void {
    this.op("call", "add", [name, reference], () => {
      const wb = this.context.fake.workbook;
      if (!validDefinedName(name)) throw new FakeOfficeError("InvalidArgument", `The name '${name}' is not valid.`, "NamedItemCollection.add");
      if (wb.names.has(name.toLowerCase())) throw new FakeOfficeError("ItemAlreadyExists", `The name '${name}' already exists.`, "NamedItemCollection.add");
      if (typeof reference === "string") throw new FakeOfficeError("NotImplemented", "string references are not part of the fake", "NamedItemCollection.add");
      wb.names.set(name.toLowerCase(), { name, sheet: reference.sheet(), range: reference.bounds() });
    });
  }
}

/** The fake host: run() hands batches a FakeContext typed as Excel's, and keeps the statistics. */
/** "workbook.worksheets.getItem(\"a.b\").getRange(\"A1\").format" → its segments, dots inside (…) or "…" kept. */
function pathSegments(path: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quoted = false;
  let start = 0;
  for (let i = 0; i < path.length; i++) {
    const ch = path[i];
    if (quoted) {
      if (ch === "\\") i++;
      else if (ch === '"') quoted = false;
    } else if (ch === '"') quoted = true;
    else if (ch === "(") depth++;
    else if (ch === ")") depth--;
    else if (ch === "." && depth === 0) {
      parts.push(path.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(path.slice(start));
  return parts;
}

/**
 * What one operation adds to a request as Office.js encodes it (the RichApi request JSON): the
 * action itself, and, for every object on its path the request has not yet described, an
 * ObjectPath entry with its arguments plus the action that instantiates it. So per-cell work
 * (getRange(cell).format.fill.color = …) costs several hundred bytes, as in Excel, not the few
 * bytes of its arguments.
 */
export function officeRequestBytes(op: Operation, sent: Set<string>): number {
  const segments = pathSegments(op.path);
  let bytes = 0;
  let id = 1_000 + sent.size;
  for (let i = 0; i < segments.length; i++) {
    const prefix = segments.slice(0, i + 1).join(".");
    if (sent.has(prefix)) continue;
    sent.add(prefix);
    const segment = segments[i] ?? "";
    const call = /^([^(]*)\((.*)\)$/s.exec(segment);
    const args = call?.[2] ?? "";
    bytes += JSON.stringify({ Id: id, ObjectPathType: call ? 3 : 4, Name: call?.[1] ?? segment, ParentObjectPathId: id - 1, ArgumentInfo: { Arguments: args ? [args] : [] } }).length + 1;
    bytes += JSON.stringify({ Id: id + 1, ActionType: 1, Name: "", ObjectPathId: id }).length + 1;
    id += 2;
  }
  const actionType = op.kind === "set" ? 4 : op.kind === "call" ? 3 : 2;
  const argumentInfo = op.kind === "load" ? { Select: op.args, Expand: [] } : { Arguments: op.args };
  return bytes + JSON.stringify({ Id: id, ActionType: actionType, Name: op.name, ObjectPathId: id - 1, ArgumentInfo: argumentInfo }).length + 1;
}

export class FakeExcel {
  readonly workbook = new FakeWorkbook();
  readonly operations: Operation[] = [];
  readonly requests: RequestStats[] = [];
  private readonly handlers = new Map<FakeEvent, Set<Handler>>();
  private readonly dispatching = new Set<Promise<void>>();

  handlersOf(event: FakeEvent): Set<Handler> {
    let set = this.handlers.get(event);
    if (!set) {
      set = new Set();
      this.handlers.set(event, set);
    }
    return set;
  }

  /** Handlers registered, over all events. */
  get handlerCount(): number {
    return [...this.handlers.values()].reduce((n, set) => n + set.size, 0);
  }

  /**
   * Fires an event at every handler, as Office does: a handler's rejection goes nowhere the add-in
   * can see (Office logs it), so the fake keeps it in `unhandled` for tests to assert on.
   */
  fire(event: FakeEvent, args: Record<string, unknown>): Promise<void> {
    const all = Promise.all([...this.handlersOf(event)].map((h) => h(args as never).catch((e: unknown) => void this.unhandled.push(e)))).then(() => undefined);
    this.dispatching.add(all);
    void all.finally(() => this.dispatching.delete(all));
    return all;
  }

  /** Errors thrown by event handlers: Office swallows them; an add-in must not leave them there. */
  readonly unhandled: unknown[] = [];

  private scheduled = 0;

  /** Fires an event once the current request has returned to the add-in (as Office delivers them). */
  schedule(event: FakeEvent, args: Record<string, unknown>): void {
    this.scheduled++;
    setTimeout(() => {
      this.scheduled--;
      void this.fire(event, args);
    }, 0);
  }

  /** Waits until every event fired so far has been handled (handlers may start Excel.runs of their own). */
  async idle(): Promise<void> {
    while (this.scheduled > 0 || this.dispatching.size > 0) {
      await Promise.all([...this.dispatching]);
      await new Promise((resolve) => setTimeout(resolve, 0));
    }
  }
  private readonly running = new Set<FakeContext>();
  private current: { operations: number; bytes: number } = { operations: 0, bytes: 0 };
  private syncFailure?: { after: number; error: unknown };
  syncCount = 0;
  /** The highest ExcelApi requirement set this Excel supports; an API above it fails the sync. */
  excelApi = "1.19";

  /** Office.context.requirements of this Excel: ExcelApi up to `excelApi`. */
  readonly requirements: Requirements = {
    isSetSupported: (name, minVersion) => name === "ExcelApi" && versionAtLeast(this.excelApi, minVersion ?? "1.1"),
  };

  /** What the adapter may use here: the host's sets and the loaded library's members. */
  get capabilities(): Capabilities {
    return capabilities(this.requirements, this.library);
  }

  /**
   * The ExcelApi level of the office.js the page loaded: members above it do not exist at all
   * (see guardMembers). The CDN's office.js has every member; an old npm copy does not.
   */
  libraryApi = "1.99";

  /** Makes worksheet functions answer this error (a workbook whose date system cannot be told). */
  dateProbeError?: string;

  /** capabilities.ts's view of the loaded office.js: Excel.<Class>.prototype has the member. */
  readonly library: Library = {
    hasMember: (member) => {
      const [cls, name] = member.split(".") as [string, string];
      const set = memberApiSet(cls, name);
      if (set === undefined) throw new Error(`${member} is not a member of the Excel API (tests/excel/api-sets.ts)`);
      return set.set !== "ExcelApi" || versionAtLeast(this.libraryApi, set.version);
    },
  };

  /** Fails the operation (so the next sync) as Excel does for an API its version lacks. */
  requireApi(version: string, api: string): void {
    if (!versionAtLeast(this.excelApi, version)) {
      throw new FakeOfficeError("ApiNotFound", `The API you are trying to use could not be found. It may be available in a newer version of Excel (${api}: ExcelApi ${version}).`, api);
    }
  }

  readonly run: ExcelRun = async (batch, previous) => {
    const context = previous ? (previous as unknown as FakeContext) : new FakeContext(this);
    this.running.add(context);
    try {
      const result = await batch(context as unknown as Excel.RequestContext);
      // Strict: work queued after the last sync would be lost (or sent unchecked) in Office.
      if (this.current.operations > 0) throw new Error(`the batch ended with ${this.current.operations} operation(s) queued after its last sync`);
      return result;
    } finally {
      this.running.delete(context);
      // Office drops what a batch queued without syncing.
      this.current = { operations: 0, bytes: 0 };
      this.pathsSent.clear();
    }
  };

  isRunning(context: FakeContext): boolean {
    return this.running.has(context);
  }

  queue(op: Operation): void {
    this.operations.push(op);
    this.current.operations++;
    this.current.bytes += officeRequestBytes(op, this.pathsSent);
  }

  /** Object paths the pending request already describes (Office sends each once per request). */
  private pathsSent = new Set<string>();

  get currentRequestBytes(): number {
    return this.current.bytes;
  }

  endRequest(responseBytes = 0, maxCellsPerRead = 0, cellsRead = 0, failed?: string): void {
    this.requests.push({ ...this.current, responseBytes, maxCellsPerRead, cellsRead, ...(failed ? { failed } : {}) });
    this.current = { operations: 0, bytes: 0 };
    this.pathsSent.clear();
    this.syncCount++;
  }

  private operationFailure?: { error: unknown; matches: (op: Operation, index: number) => boolean };
  private operationIndex = 0;

  /**
   * Makes the first operation that `matches` fail, before it is applied (as Excel stops a request at
   * the failing operation): earlier operations of its request stand, it and later ones do not, and
   * the request's sync rejects. `matches` sees the operation and its index since the last reset().
   */
  failOperation(error: unknown, matches: (op: Operation, index: number) => boolean): void {
    this.operationFailure = { error, matches };
  }

  takeOperationFailure(op: Operation): unknown {
    const index = this.operationIndex++;
    if (!this.operationFailure?.matches(op, index)) return undefined;
    const { error } = this.operationFailure;
    this.operationFailure = undefined;
    return error;
  }

  /** Makes a sync fail with this error, after `after` more successful syncs. */
  failSync(error: unknown, after = 0): void {
    this.syncFailure = { after, error };
  }

  takeSyncFailure(): unknown {
    if (!this.syncFailure) return undefined;
    if (this.syncFailure.after > 0) {
      this.syncFailure.after--;
      return undefined;
    }
    const { error } = this.syncFailure;
    this.syncFailure = undefined;
    return error;
  }

  /** Statistics from here on: a test measures one action. */
  reset(): void {
    this.operationIndex = 0;
    this.operations.length = 0;
    this.requests.length = 0;
    this.syncCount = 0;
  }

  get maxRequestBytes(): number {
    return Math.max(0, ...this.requests.map((r) => r.bytes));
  }

  get maxResponseBytes(): number {
    return Math.max(0, ...this.requests.map((r) => r.responseBytes));
  }

  get maxCellsPerRead(): number {
    return Math.max(0, ...this.requests.map((r) => r.maxCellsPerRead));
  }

  // Workbook set-up and inspection for tests.

  addSheet(name: string, cells: Readonly<Record<string, Value>> = {}): FakeSheet {
    const s = this.workbook.addSheet(name);
    for (const [a, v] of Object.entries(cells)) {
      const { top, left } = parseAddress(a);
      const c = blankCell();
      c.value = v;
      s.cells.set(key(top, left), c);
    }
    return s;
  }

  /** A user's sheet of `rows` × `cols` generated values from A1 (stored as a function, read as cells). */
  addBulkSheet(name: string, rows: number, cols: number, value: (row: number, col: number) => Value): FakeSheet {
    const s = this.workbook.addSheet(name);
    s.bulk = { top: 0, left: 0, rows, cols, value };
    return s;
  }

  sheet(name: string): FakeSheet {
    const s = this.workbook.findSheet(name);
    if (!s) throw new Error(`no sheet '${name}' in the fake workbook`);
    return s;
  }

  /** The cell at an address, created blank if absent. */
  private at(sheet: string, address: string): FakeCell {
    const { top, left } = parseAddress(address);
    const cells = this.sheet(sheet).cells;
    let c = cells.get(key(top, left));
    if (!c) {
      c = blankCell();
      cells.set(key(top, left), c);
    }
    return c;
  }

  /** A formula with its cached result, as a recalculated workbook holds it; an error literal result is an error. */
  setFormula(sheet: string, address: string, formula: string, cached: Value): void {
    const c = this.at(sheet, address);
    c.formula = formula;
    c.value = cached;
    if (typeof cached === "string" && ERROR_LITERALS.has(cached)) c.error = true;
    else delete c.error;
  }

  /** Insert → Link on a cell (its text stays as it is). */
  setHyperlink(sheet: string, address: string, link: Excel.RangeHyperlink): void {
    this.at(sheet, address).hyperlink = { ...link };
  }

  addComment(sheet: string, address: string, author: string, content: string, replies: { author: string; content: string }[] = []): void {
    const { top, left } = parseAddress(address);
    this.sheet(sheet).comments.push({ row: top, col: left, author, content, replies });
  }

  addNote(sheet: string, address: string, author: string, content: string): void {
    const { top, left } = parseAddress(address);
    this.sheet(sheet).notes.push({ row: top, col: left, author, content });
  }

  /**
   * A merged area as a returned file can hold it (no protection check: the test sets the scene):
   * values under it are kept, as Excel keeps them when it opens such a file.
   */
  mergeCells(sheet: string, address: string): void {
    this.sheet(sheet).merges.push(parseAddress(address));
  }

  /**
   * Merge & Center typed by the user in Excel: Excel warns that only the upper-left value is kept,
   * and discards the others (unlike mergeCells, a file opened with values under a merge).
   */
  mergeByHand(sheet: string, address: string): void {
    mergeArea(this.sheet(sheet), parseAddress(address));
  }

  cell(sheet: string, address: string): FakeCell | undefined {
    const { top, left } = parseAddress(address);
    return this.sheet(sheet).cells.get(key(top, left));
  }

  /** A user (or a co-author) types into a cell: Excel parses the entry and fires onChanged. */
  async type(sheet: string, row: number, col: number, input: Value | { date: string }, source: "Local" | "Remote" = "Local"): Promise<void> {
    const s = this.sheet(sheet);
    let c = s.cells.get(key(row, col));
    if (!c) {
      c = blankCell();
      s.cells.set(key(row, col), c);
    }
    if (s.protection.protected && c.locked) throw new Error(`${sheet}!${cellAddress(row, col)} is locked`);
    if (typeof input === "object") {
      // A date typed into a date-formatted cell is stored as its serial.
      enter(c, input.date, this.workbook.date1904);
    } else if (input === "") {
      c.value = "";
      delete c.formula;
      delete c.error;
    } else {
      enter(c, input, this.workbook.date1904);
    }
    await this.fire("changed", { type: "WorksheetChanged", worksheetId: s.id, address: cellAddress(row, col), source, changeType: "RangeEdited" });
  }

  /** A user (or a co-author) renames a sheet: onNameChanged where the Excel has it (ExcelApi 1.17). */
  async renameSheet(from: string, to: string, source: "Local" | "Remote" = "Local"): Promise<void> {
    const s = this.sheet(from);
    s.name = to;
    await this.fire("nameChanged", { type: "WorksheetNameChanged", worksheetId: s.id, nameBefore: from, nameAfter: to, source });
  }

  /** A user (or a co-author) deletes a sheet. */
  async deleteSheet(name: string, source: "Local" | "Remote" = "Local"): Promise<void> {
    const s = this.sheet(name);
    this.workbook.sheets.splice(this.workbook.sheets.indexOf(s), 1);
    await this.fire("deleted", { type: "WorksheetDeleted", worksheetId: s.id, source });
  }
}
