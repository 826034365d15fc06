import type { CellValue } from "../../../core/template/spec";
import { READ_STRING_TOO_LONG, READ_WORKBOOK_INVALID } from "../codes";
import { serialToIsoDay } from "../../../core/grid/excel-date";
import { decodeXstring } from "../../ooxml-string";
import { detached } from "./shared-strings";

/** What a cell's value needs from the rest of the workbook. */
export interface CellContext {
  readonly sharedStrings: readonly string[];
  /** Per cell format index (`s`), whether it shows a date. */
  readonly dateStyles: readonly boolean[];
  readonly date1904: boolean;
  readonly maxCellText: number;
}

/** The raw pieces of one `<c>`: its type, style, `<v>` text and inline-string text. */
export interface RawCell {
  readonly type: string;
  readonly style: number;
  readonly v: string | undefined;
  readonly inline: string | undefined;
}

export type Fail = (code: string, message: string) => never;

const NUMBER = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})(?:T[\d:.]*(?:Z|[+-]\d{2}:\d{2})?)?$/;

/**
 * The cell's value as the user sees it. A formula's cached result is the value (its `<f>` is a
 * detail the worksheet records apart), so text stays text: "=HYPERLINK(…)" stored as a string is
 * that string.
 */
export function cellValue(c: RawCell, ctx: CellContext, fail: Fail): CellValue {
  switch (c.type) {
    case "s":
      return text(sharedString(c.v, ctx, fail), ctx, fail);
    case "inlineStr":
      return text(c.inline !== undefined ? detached(decodeXstring(c.inline)) : c.v !== undefined ? detached(decodeXstring(c.v)) : null, ctx, fail);
    case "str":
      return text(c.v !== undefined ? detached(decodeXstring(c.v)) : null, ctx, fail);
    case "b":
      return c.v === undefined ? null : boolean(c.v.trim(), fail);
    case "e":
      return c.v === undefined ? null : c.v.trim();
    case "d":
      return c.v === undefined ? null : isoDay(c.v.trim(), fail);
    case "n":
      return c.v === undefined ? null : number(c.v.trim(), c.style, ctx, fail);
    default:
      return fail(READ_WORKBOOK_INVALID, `unknown cell type '${c.type.slice(0, 20)}'`);
  }
}

/** Up to nine digits as a number, else -1: a shared-string index, parsed by hand as it is read for every text cell. */
function smallInteger(t: string): number {
  if (t.length === 0 || t.length > 9) return -1;
  let n = 0;
  for (let i = 0; i < t.length; i++) {
    const d = t.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return -1;
    n = n * 10 + d;
  }
  return n;
}

function sharedString(v: string | undefined, ctx: CellContext, fail: Fail): string | null {
  if (v === undefined) return null;
  const t = v.trim();
  const i = smallInteger(t);
  const s = i >= 0 ? ctx.sharedStrings[i] : undefined;
  if (s === undefined) return fail(READ_WORKBOOK_INVALID, `refers to shared string '${t.slice(0, 20)}', which does not exist`);
  return s;
}

function text(s: string | null, ctx: CellContext, fail: Fail): string | null {
  if (s !== null && s.length > ctx.maxCellText) {
    fail(READ_STRING_TOO_LONG, `holds ${s.length} characters; the reader's cap for one cell is ${ctx.maxCellText}`);
  }
  return s;
}

function boolean(v: string, fail: Fail): boolean {
  if (v === "1" || v === "true") return true;
  if (v === "0" || v === "false") return false;
  return fail(READ_WORKBOOK_INVALID, `has a bad boolean '${v.slice(0, 20)}'`);
}

function number(v: string, style: number, ctx: CellContext, fail: Fail): CellValue {
  if (v === "") return null;
  // Whole numbers of up to nine digits (counts, date serials) need no regular expression.
  let n = smallInteger(v);
  if (n < 0) {
    if (!NUMBER.test(v)) return fail(READ_WORKBOOK_INVALID, `has a bad number '${v.slice(0, 20)}'`);
    n = Number(v);
    if (!Number.isFinite(n)) return fail(READ_WORKBOOK_INVALID, `has a number out of range '${v.slice(0, 20)}'`);
  }
  if (ctx.dateStyles[style] === true) {
    const date = isoDay1900Or1904(n, ctx.date1904);
    if (date !== undefined) return { date };
  }
  return n;
}

/** Date serials repeat (a column of dates, a thousand returns of one cycle): each is converted once. */
const DAYS = new Map<number, string | undefined>();
const DAYS_1904 = new Map<number, string | undefined>();

function isoDay1900Or1904(n: number, date1904: boolean): string | undefined {
  const cache = date1904 ? DAYS_1904 : DAYS;
  if (cache.has(n)) return cache.get(n);
  const day = serialToIsoDay(n, date1904);
  if (cache.size >= 10_000) cache.clear();
  cache.set(n, day);
  return day;
}

/** t="d" (strict OOXML and some writers): an ISO 8601 date, possibly with a time we drop. */
function isoDay(v: string, fail: Fail): CellValue {
  const m = ISO_DAY.exec(v);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const check = new Date(Date.UTC(y, mo - 1, d));
    if (check.getUTCFullYear() === y && check.getUTCMonth() === mo - 1 && check.getUTCDate() === d) return { date: v.slice(0, 10) };
  }
  return fail(READ_WORKBOOK_INVALID, `has a bad ISO date '${v.slice(0, 30)}'`);
}
