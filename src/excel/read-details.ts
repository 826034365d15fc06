import type { RangeAddress } from "../core/template/spec";
import { parseCell } from "./addresses";

/**
 * Turning what Office.js gives for a sheet's details (hyperlinks, comments, merged areas) into the
 * core's SheetDetails entries, the way the file reader writes them.
 */

const LAST_ROW = 1_048_575;
const LAST_COL = 16_383;

/**
 * A hyperlink's target as the file reader writes it: the URL or mail address, "#" and the place
 * for a link inside the workbook, both joined by "#" when a link has both.
 */
export function linkTarget(link: Excel.RangeHyperlink | null | undefined): string | undefined {
  if (!link) return undefined;
  const address = typeof link.address === "string" ? link.address : "";
  const place = typeof link.documentReference === "string" ? link.documentReference.replace(/^#/, "") : "";
  if (place === "") return address === "" ? undefined : address;
  return address.endsWith(`#${place}`) ? address : `${address}#${place}`;
}

/**
 * "Author: text", or the text alone when the author is not known. A note's text starts with its
 * author's name and a colon (Excel writes it so): that prefix is not repeated, as in the file reader.
 */
export function commentLine(author: string | null | undefined, content: string | null | undefined): string {
  const who = (author ?? "").trim();
  const text = content ?? "";
  if (who === "") return text;
  const own = `${who}:`;
  const body = text.startsWith(own) ? text.slice(own.length).replace(/^\s+/, "") : text;
  return body === "" ? own : `${who}: ${body}`;
}

/** One rectangle of an address: "B3", "B3:D9", whole rows "5:7" or whole columns "C:E" (`$` allowed). */
function area(a1: string, sheet: string): RangeAddress {
  const a = a1.replace(/\$/g, "").trim();
  const rows = /^(\d+):(\d+)$/.exec(a);
  if (rows?.[1] && rows[2]) return { top: Number(rows[1]) - 1, bottom: Number(rows[2]) - 1, left: 0, right: LAST_COL };
  const cols = /^([A-Za-z]{1,3}):([A-Za-z]{1,3})$/.exec(a);
  if (cols?.[1] && cols[2]) {
    const left = parseCell(`${cols[1]}1`, sheet).col;
    const right = parseCell(`${cols[2]}1`, sheet).col;
    return { top: 0, bottom: LAST_ROW, left, right };
  }
  const [first = "", last = first] = a.split(":");
  const from = parseCell(first, sheet);
  const to = parseCell(last, sheet);
  return { top: from.row, left: from.col, bottom: to.row, right: to.col };
}

/**
 * The rectangles of a RangeAreas address ("'My sheet'!A1:B2, 'My sheet'!D4:E4"), zero-based and
 * inclusive. Sheet names may hold commas and "!" inside their quotes; an address that is not one
 * throws a coded error (BAD_ADDRESS) rather than losing the area.
 */
export function parseAreas(address: string, sheet: string): RangeAddress[] {
  const parts: string[] = [];
  let current = "";
  let quoted = false;
  for (const ch of address) {
    // A quote doubled inside a quoted name toggles twice: still quoted.
    if (ch === "'") quoted = !quoted;
    if (ch === "," && !quoted) {
      parts.push(current);
      current = "";
    } else {
      current += ch;
    }
  }
  parts.push(current);
  return parts
    .map((p) => p.trim())
    .filter((p) => p !== "")
    .map((p) => area(p.slice(p.lastIndexOf("!") + 1), sheet));
}
