import { dateToSerial } from "../../core/grid/excel-date";
import { columnLetters } from "../../core/grid/grid";
import { excelText, fillFormula } from "../../core/template/fill-formula";
import { isDateValue, type CellSpec, type DateValue, type RangeAddress, type SheetSpec, type StyleName } from "../../core/template/spec";
import { STYLES } from "../../core/template/styles";
import { pageTextOoxml } from "../../core/template/print";
import { STYLE_INDEX } from "./styles-part";
import { NS_MAIN, NS_REL, XML_HEAD, attr, cellText, preserveSpace, tElement, text } from "./xml";
import { markup, type XmlOut } from "./xml-out";

/**
 * One worksheet's XML, written in the order of the schema's CT_Worksheet sequence: sheetPr,
 * dimension, sheetViews, sheetFormatPr, cols, sheetData, sheetProtection, autoFilter, mergeCells,
 * conditionalFormatting, dataValidations, pageMargins, pageSetup. Excel refuses a file whose
 * elements are out of this order (LibreOffice and openpyxl do not), so a test checks it.
 *
 * Text is written as text, never as a formula: a shared string (`t="s"`) or an inline string
 * (`t="inlineStr"`). Rows go out as they are made, in slices, so a large sheet never sits in
 * memory as one string.
 */

/** Strings shared across the workbook's sheets (xl/sharedStrings.xml). */
export class SharedStrings {
  readonly list: string[] = [];
  private readonly index = new Map<string, number>();
  count = 0;

  id(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.list.push(s);
      this.index.set(s, i);
    }
    return i;
  }
}

/**
 * Inline strings' `<t>` elements, each escaped and encoded once: short strings repeat (states,
 * codes, names, headings), so their bytes are kept; long ones rarely do and are written as they come.
 */
class InlineStrings {
  private readonly cache = new Map<string, Uint8Array>();
  /** The element's bytes for a short string; undefined for a long one. */
  element(s: string): Uint8Array | undefined {
    if (s.length > 80) return undefined;
    let e = this.cache.get(s);
    if (e === undefined) {
      e = markup(tElement(s));
      if (this.cache.size >= 50_000) this.cache.clear();
      this.cache.set(s, e);
    }
    return e;
  }
}

/** Serials of the days written so far: a report repeats the same few hundred days many times. */
const SERIALS = new Map<string, number>();

/** An ISO day (and UTC time) as an Excel serial in the 1900 date system. */
export function dateSerial(v: DateValue): number {
  if (v.time !== undefined) return serialOf(v);
  let n = SERIALS.get(v.date);
  if (n === undefined) {
    n = serialOf(v);
    if (SERIALS.size >= 10_000) SERIALS.clear();
    SERIALS.set(v.date, n);
  }
  return n;
}

/** Files are written in the 1900 date system (workbookPr has no date1904). */
function serialOf(v: DateValue): number {
  return dateToSerial(v, false);
}

export function rangeRef(r: RangeAddress): string {
  const a = `${columnLetters(r.left)}${r.top + 1}`;
  const b = `${columnLetters(r.right)}${r.bottom + 1}`;
  return a === b ? a : `${a}:${b}`;
}

export interface SheetContext {
  /** Shared strings, or undefined to write text inline. */
  readonly shared: SharedStrings | undefined;
  /** The dxf index of each conditional fill colour. */
  readonly dxf: (color: string) => number;
  /** The sheet Excel shows first. */
  readonly selected: boolean;
}

/** ` s="N"` for each style name, made once. */
const STYLE_ATTR = Object.fromEntries(Object.entries(STYLE_INDEX).map(([name, i]) => [name, `" s="${i}"`])) as Record<StyleName, string>;
const WRAPS = Object.fromEntries(Object.entries(STYLES).map(([name, st]) => [name, st.wrap])) as Record<StyleName, boolean>;

/**
 * Row heights for wrapped text, as core/template/row-heights.ts estimates them (neither Excel nor
 * LibreOffice re-measures rows on opening): the same rule, computed while the row is written with
 * no per-cell key or array, and once per distinct short text. A test holds it equal to the core's.
 */
class RowHeights {
  private readonly mergedWidth = new Map<number, number>();
  private readonly short = new Map<string, { perLine: number; height: number }>();

  constructor(private readonly spec: SheetSpec) {
    for (const m of spec.merges) {
      let w = 0;
      for (let c = m.left; c <= m.right; c++) w += spec.columnWidths[c] ?? 10;
      this.mergedWidth.set(m.top * 16384 + m.left, w);
    }
  }

  /** The height the text needs in its cell, or 0 when one line is enough. */
  of(text: string, row: number, col: number): number {
    const width = (this.mergedWidth.size ? this.mergedWidth.get(row * 16384 + col) : undefined) ?? this.spec.columnWidths[col] ?? 10;
    const perLine = Math.max(1, Math.floor(width * CHARS_PER_WIDTH));
    if (text.length <= perLine && !text.includes("\n")) return 0;
    if (text.length > 80) return heightOf(text, perLine);
    const known = this.short.get(text);
    if (known?.perLine === perLine) return known.height;
    const height = heightOf(text, perLine);
    if (this.short.size >= 50_000) this.short.clear();
    this.short.set(text, { perLine, height });
    return height;
  }
}

const POINTS_PER_LINE = 13;
const PADDING = 3;
const MAX_HEIGHT = 409;
const CHARS_PER_WIDTH = 1.15;

function heightOf(text: string, perLine: number): number {
  let lines = 0;
  for (let from = 0; ; ) {
    const nl = text.indexOf("\n", from);
    const end = nl < 0 ? text.length : nl;
    lines += Math.max(1, Math.ceil((end - from) / perLine));
    if (nl < 0) break;
    from = nl + 1;
  }
  return lines <= 1 ? 0 : Math.min(MAX_HEIGHT, lines * POINTS_PER_LINE + PADDING);
}

/** Cells by row then column, one per address (the last given wins), with merged cells' hidden cells. */
function orderedCells(spec: SheetSpec): readonly CellSpec[] {
  let cells = spec.cells;
  let sorted = true;
  for (let i = 1; i < cells.length; i++) {
    const a = cells[i - 1] as CellSpec;
    const b = cells[i] as CellSpec;
    if (a.row > b.row || (a.row === b.row && a.col >= b.col)) {
      sorted = false;
      break;
    }
  }
  if (!sorted) {
    const indexed = cells.map((c, i) => ({ c, i }));
    indexed.sort((x, y) => x.c.row - y.c.row || x.c.col - y.c.col || x.i - y.i);
    const out: CellSpec[] = [];
    for (const { c } of indexed) {
      const last = out[out.length - 1];
      if (last && last.row === c.row && last.col === c.col) out[out.length - 1] = c;
      else out.push(c);
    }
    cells = out;
  }
  if (spec.merges.length === 0) return cells;
  // A merged range shows its top-left cell; the others take its style (its borders and fill
  // cover the whole range) and hold no value, as Excel keeps them.
  const masters = new Map<number, StyleName | undefined>();
  const key = (row: number, col: number): number => row * 16384 + col;
  for (const m of spec.merges) masters.set(key(m.top, m.left), undefined);
  for (const c of cells) if (masters.has(key(c.row, c.col))) masters.set(key(c.row, c.col), c.style);
  const hidden: CellSpec[] = [];
  for (const m of spec.merges) {
    const style = masters.get(key(m.top, m.left));
    if (style === undefined) continue;
    for (let r = m.top; r <= m.bottom; r++) for (let c = m.left; c <= m.right; c++) if (r !== m.top || c !== m.left) hidden.push({ row: r, col: c, value: null, style });
  }
  hidden.sort((x, y) => x.row - y.row || x.col - y.col);
  // Two merges covering one cell would repeat it: keep one.
  const unique = hidden.filter((c, i) => i === 0 || (hidden[i - 1] as CellSpec).row !== c.row || (hidden[i - 1] as CellSpec).col !== c.col);
  const out: CellSpec[] = [];
  let h = 0;
  for (const c of cells) {
    while (h < unique.length && ((unique[h] as CellSpec).row < c.row || ((unique[h] as CellSpec).row === c.row && (unique[h] as CellSpec).col < c.col))) out.push(unique[h++] as CellSpec);
    const next = unique[h];
    if (next && next.row === c.row && next.col === c.col) {
      out.push(next);
      h++;
    } else out.push(c);
  }
  while (h < unique.length) out.push(unique[h++] as CellSpec);
  return out;
}

function sheetViews(spec: SheetSpec, selected: boolean): string {
  const tab = selected ? ' tabSelected="1"' : "";
  const f = spec.freeze;
  if (!f || (f.rows <= 0 && f.cols <= 0)) return `<sheetViews><sheetView${tab} workbookViewId="0"/></sheetViews>`;
  const pane = f.rows > 0 && f.cols > 0 ? "bottomRight" : f.rows > 0 ? "bottomLeft" : "topRight";
  const split = `${f.cols > 0 ? ` xSplit="${f.cols}"` : ""}${f.rows > 0 ? ` ySplit="${f.rows}"` : ""}`;
  const topLeft = `${columnLetters(Math.max(0, f.cols))}${Math.max(0, f.rows) + 1}`;
  return `<sheetViews><sheetView${tab} workbookViewId="0"><pane${split} topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/><selection pane="${pane}" activeCell="${topLeft}" sqref="${topLeft}"/></sheetView></sheetViews>`;
}

function cols(widths: readonly number[]): string {
  let out = "";
  for (let i = 0; i < widths.length; ) {
    const w = widths[i];
    let j = i;
    while (j + 1 < widths.length && widths[j + 1] === w) j++;
    if (typeof w === "number" && w > 0) out += `<col min="${i + 1}" max="${j + 1}" width="${w}" customWidth="1"/>`;
    i = j + 1;
  }
  return out ? `<cols>${out}</cols>` : "";
}

function validations(spec: SheetSpec): string {
  if (spec.validations.length === 0) return "";
  let out = `<dataValidations count="${spec.validations.length}">`;
  for (const v of spec.validations) {
    const prompt = v.prompt ? ` showInputMessage="1" prompt="${attr(v.prompt)}"` : "";
    if (v.kind === "list") {
      out += `<dataValidation type="list" allowBlank="1"${prompt} showErrorMessage="1" errorStyle="stop" error="Choose a value from the list." sqref="${rangeRef(v.range)}"><formula1>${text(v.listName)}</formula1></dataValidation>`;
    } else {
      out += `<dataValidation type="date" operator="between" allowBlank="1"${prompt} showErrorMessage="1" errorStyle="stop" error="Enter a date, e.g. 2026-03-31." sqref="${rangeRef(v.range)}"><formula1>${dateSerial({ date: v.min })}</formula1><formula2>${dateSerial({ date: v.max })}</formula2></dataValidation>`;
    }
  }
  return `${out}</dataValidations>`;
}

function conditionalFormatting(spec: SheetSpec, dxf: (color: string) => number): string {
  let out = "";
  for (const [i, f] of (spec.conditionalFills ?? []).entries()) {
    const formula = fillFormula(f);
    const rule =
      formula === undefined || f.when.kind === "equals"
        ? // The compared text is ours (a state name), quoted as an Excel string literal.
          `<cfRule type="cellIs" dxfId="${dxf(f.fill)}" priority="${i + 1}" operator="equal"><formula>${text(excelText(f.when.kind === "equals" ? f.when.text : ""))}</formula></cfRule>`
        : `<cfRule type="expression" dxfId="${dxf(f.fill)}" priority="${i + 1}"><formula>${text(formula)}</formula></cfRule>`;
    out += `<conditionalFormatting sqref="${rangeRef(f.range)}">${rule}</conditionalFormatting>`;
  }
  return out;
}

/** The markup around a cell's value, encoded once. */
const CELL = {
  valueClose: markup("</v></c>"),
  inlineClose: markup("</is></c>"),
  textClose: markup("</t></is></c>"),
  rowOpen: markup('<row r="'),
  rowOpenEnd: markup('">'),
  heightOpen: markup('" ht="'),
  heightClose: markup('" customHeight="1">'),
  rowClose: markup("</row>"),
};

/** What follows `<c r="A1` for a cell of a style, up to its value: one piece per kind of value. */
interface CellHeads {
  readonly shared: Uint8Array;
  readonly inline: Uint8Array;
  readonly text: Uint8Array;
  readonly textPreserved: Uint8Array;
  readonly value: Uint8Array;
  readonly boolean: Uint8Array;
  readonly empty: Uint8Array;
}
const HEADS = Object.fromEntries(
  Object.entries(STYLE_ATTR).map(([name, a]): [string, CellHeads] => [
    name,
    {
      shared: markup(`${a} t="s"><v>`),
      inline: markup(`${a} t="inlineStr"><is>`),
      text: markup(`${a} t="inlineStr"><is><t>`),
      textPreserved: markup(`${a} t="inlineStr"><is><t xml:space="preserve">`),
      value: markup(`${a}><v>`),
      boolean: markup(`${a} t="b"><v>`),
      empty: markup(`${a}/>`),
    },
  ]),
) as Record<StyleName, CellHeads>;

/**
 * A sheet's rows as XML, written piece by piece into the part's bytes (xml-out.ts): the markup is
 * encoded once, row numbers go in as digits, and only contributed text is encoded as it comes.
 * Kept apart from the sheet's steps so that the code writing hundreds of thousands of cells is a
 * small method V8 optimises once for every sheet, not a generator it recompiles as each sheet of a
 * new shape arrives.
 */
class RowWriter {
  private readonly inline: InlineStrings | undefined;
  private readonly heights: RowHeights;
  /** `<c r="A` for each column. */
  private readonly cellOpen: Uint8Array[];

  constructor(
    spec: SheetSpec,
    private readonly shared: SharedStrings | undefined,
    letters: readonly string[],
  ) {
    this.inline = shared ? undefined : new InlineStrings();
    this.heights = new RowHeights(spec);
    this.cellOpen = letters.map((l) => markup(`<c r="${l}`));
  }

  /** Writes the row of `cells[from]` and returns the index of the next row's first cell. */
  write(cells: readonly CellSpec[], from: number, out: XmlOut): number {
    const row = (cells[from] as CellSpec).row;
    let end = from;
    let height = 0;
    for (; end < cells.length && (cells[end] as CellSpec).row === row; end++) {
      const c = cells[end] as CellSpec;
      if (typeof c.value === "string" && WRAPS[c.style]) {
        const h = this.heights.of(c.value, c.row, c.col);
        if (h > height) height = h;
      }
    }
    const r = row + 1;
    out.bytes(CELL.rowOpen);
    out.digits(r);
    if (height) {
      out.bytes(CELL.heightOpen);
      out.write(String(height));
      out.bytes(CELL.heightClose);
    } else out.bytes(CELL.rowOpenEnd);
    for (let i = from; i < end; i++) this.cell(cells[i] as CellSpec, r, out);
    out.bytes(CELL.rowClose);
    return end;
  }

  private cell(c: CellSpec, r: number, out: XmlOut): void {
    const v = c.value;
    const heads = HEADS[c.style];
    out.bytes(this.cellOpen[c.col] as Uint8Array);
    out.digits(r);
    if (typeof v === "string") {
      if (this.shared) {
        out.bytes(heads.shared);
        out.digits(this.shared.id(v));
        out.bytes(CELL.valueClose);
        return;
      }
      const known = (this.inline as InlineStrings).element(v);
      if (known) {
        out.bytes(heads.inline);
        out.bytes(known);
        out.bytes(CELL.inlineClose);
      } else {
        out.bytes(preserveSpace(v) ? heads.textPreserved : heads.text);
        out.write(cellText(v));
        out.bytes(CELL.textClose);
      }
    } else if (typeof v === "number") {
      if (!Number.isFinite(v)) return out.bytes(heads.empty);
      out.bytes(heads.value);
      out.write(String(v));
      out.bytes(CELL.valueClose);
    } else if (typeof v === "boolean") {
      out.bytes(heads.boolean);
      out.digits(v ? 1 : 0);
      out.bytes(CELL.valueClose);
    } else if (v !== null && isDateValue(v)) {
      out.bytes(heads.value);
      out.write(String(dateSerial(v)));
      out.bytes(CELL.valueClose);
    } else out.bytes(heads.empty);
  }
}

/** Writes the sheet's XML to `out`, pausing (yielding) after each slice of rows. */
export function* sheetSteps(spec: SheetSpec, ctx: SheetContext, out: XmlOut): Generator<undefined, void, void> {
  const cells = orderedCells(spec);
  let maxRow = 0;
  let maxCol = 0;
  for (const c of cells) {
    if (c.row > maxRow) maxRow = c.row;
    if (c.col > maxCol) maxCol = c.col;
  }
  const letters: string[] = [];
  for (let c = 0; c <= maxCol; c++) letters.push(columnLetters(c));

  out.write(`${XML_HEAD}<worksheet xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">`);
  // Fit to page (one page wide) unless the sheet prints at a scale over pages across.
  if (spec.print && spec.print.scale === undefined) out.write('<sheetPr><pageSetUpPr fitToPage="1"/></sheetPr>');
  out.write(`<dimension ref="${cells.length ? rangeRef({ top: 0, left: 0, bottom: maxRow, right: maxCol }) : "A1"}"/>`);
  out.write(sheetViews(spec, ctx.selected));
  out.write('<sheetFormatPr defaultRowHeight="15"/>');
  out.write(cols(spec.columnWidths));
  out.write("<sheetData>");
  const rows = new RowWriter(spec, ctx.shared, letters);
  let yieldAt = out.written + 65536;
  for (let i = 0; i < cells.length; ) {
    i = rows.write(cells, i, out);
    if (out.written > yieldAt) {
      yieldAt = out.written + 65536;
      yield undefined;
    }
  }
  out.write("</sheetData>");
  if (spec.protect) {
    // No password: protection guards catalogue text against slips, not against a determined editor.
    out.write('<sheetProtection sheet="1" formatColumns="0" formatRows="0"/>');
  }
  if (spec.autoFilter) out.write(`<autoFilter ref="${rangeRef(spec.autoFilter)}"/>`);
  if (spec.merges.length) out.write(`<mergeCells count="${spec.merges.length}">${spec.merges.map((m) => `<mergeCell ref="${rangeRef(m)}"/>`).join("")}</mergeCells>`);
  out.write(conditionalFormatting(spec, ctx.dxf));
  out.write(validations(spec));
  out.write('<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>');
  out.write(pageSetup(spec));
  out.write("</worksheet>");
}

/** Page setup, then the header and footer on every page (CT_Worksheet puts headerFooter after pageSetup). */
function pageSetup(spec: SheetSpec): string {
  const p = spec.print;
  if (!p) return "";
  const size = p.scale === undefined ? `fitToWidth="1" fitToHeight="${p.onePage ? 1 : 0}"` : `scale="${Math.round(p.scale)}"`;
  let out = `<pageSetup paperSize="9" ${size}${p.acrossFirst ? ' pageOrder="overThenDown"' : ""} orientation="landscape"/>`;
  const header = p.header ? pageTextOoxml(p.header) : "";
  const footer = p.footer ? pageTextOoxml(p.footer) : "";
  if (header || footer) out += `<headerFooter>${header ? `<oddHeader>${text(header)}</oddHeader>` : ""}${footer ? `<oddFooter>${text(footer)}</oddFooter>` : ""}</headerFooter>`;
  return out;
}
