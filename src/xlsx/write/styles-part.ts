import type { StyleName } from "../../core/template/spec";
import { STYLES, type CellStyle } from "../../core/template/styles";
import { NS_MAIN, XML_HEAD, attr } from "./xml";

/**
 * xl/styles.xml from the style table (core/template/styles.ts): one cell format per style name,
 * fonts, fills and borders shared between them, and one differential format (dxf) per colour a
 * conditional fill uses. Formats are the same in every file, so a cell's `s` is known up front.
 */

/** Number formats Excel has built in (ECMA-376 §18.8.30); others get ids from 164. */
const BUILTIN_FORMATS: Readonly<Record<string, number>> = { General: 0, "0": 1, "0.00": 2, "@": 49, "mm-dd-yy": 14 };
const FIRST_CUSTOM_FORMAT = 164;
const BORDER_COLOR = "FFBFBFBF";

const STYLE_NAMES = Object.keys(STYLES) as StyleName[];

/** The cell format index (`s`) of each style name: 0 is Excel's default format. */
export const STYLE_INDEX: Readonly<Record<StyleName, number>> = Object.fromEntries(STYLE_NAMES.map((name, i) => [name, i + 1])) as Record<StyleName, number>;

class Table {
  readonly items: string[] = [];
  private readonly index = new Map<string, number>();
  constructor(first: readonly string[]) {
    for (const f of first) this.id(f);
  }
  id(xml: string): number {
    let i = this.index.get(xml);
    if (i === undefined) {
      i = this.items.length;
      this.items.push(xml);
      this.index.set(xml, i);
    }
    return i;
  }
}

function fontXml(s: CellStyle): string {
  return `<font>${s.bold ? "<b/>" : ""}${s.italic ? "<i/>" : ""}<sz val="${s.size ?? 10}"/>${s.color ? `<color rgb="FF${s.color}"/>` : ""}<name val="Calibri"/><family val="2"/></font>`;
}

/** The styles part, with one dxf per conditional fill colour (in `dxfColors` order). */
export function stylesXml(dxfColors: readonly string[]): string {
  const fonts = new Table(['<font><sz val="11"/><name val="Calibri"/><family val="2"/></font>']);
  const fills = new Table(['<fill><patternFill patternType="none"/></fill>', '<fill><patternFill patternType="gray125"/></fill>']);
  const side = (tag: string): string => `<${tag} style="thin"><color rgb="${BORDER_COLOR}"/></${tag}>`;
  const borders = new Table(["<border><left/><right/><top/><bottom/><diagonal/></border>", `<border>${side("left")}${side("right")}${side("top")}${side("bottom")}<diagonal/></border>`]);
  const customFormats = new Map<string, number>();
  const formatId = (code: string): number => {
    const builtin = BUILTIN_FORMATS[code];
    if (builtin !== undefined) return builtin;
    let id = customFormats.get(code);
    if (id === undefined) customFormats.set(code, (id = FIRST_CUSTOM_FORMAT + customFormats.size));
    return id;
  };
  const xfs = ['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>'];
  for (const name of STYLE_NAMES) {
    const s = STYLES[name];
    const numFmt = formatId(s.numberFormat);
    const font = fonts.id(fontXml(s));
    const fill = s.fill ? fills.id(`<fill><patternFill patternType="solid"><fgColor rgb="FF${s.fill}"/><bgColor indexed="64"/></patternFill></fill>`) : 0;
    const border = s.border ? 1 : 0;
    const applies = `${numFmt ? ' applyNumberFormat="1"' : ""} applyFont="1"${fill ? ' applyFill="1"' : ""}${border ? ' applyBorder="1"' : ""} applyAlignment="1" applyProtection="1"`;
    const alignment = `<alignment vertical="${s.vertical === "middle" ? "center" : "top"}"${s.wrap ? ' wrapText="1"' : ""}/>`;
    const protection = s.locked ? "" : '<protection locked="0"/>';
    xfs.push(`<xf numFmtId="${numFmt}" fontId="${font}" fillId="${fill}" borderId="${border}" xfId="0"${applies}>${alignment}${protection}</xf>`);
  }
  const numFmts = [...customFormats].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${attr(code)}"/>`);
  const dxfs = dxfColors.map((c) => `<dxf><fill><patternFill patternType="solid"><bgColor rgb="FF${c}"/></patternFill></fill></dxf>`);
  return (
    `${XML_HEAD}<styleSheet xmlns="${NS_MAIN}">` +
    (numFmts.length ? `<numFmts count="${numFmts.length}">${numFmts.join("")}</numFmts>` : "") +
    `<fonts count="${fonts.items.length}">${fonts.items.join("")}</fonts>` +
    `<fills count="${fills.items.length}">${fills.items.join("")}</fills>` +
    `<borders count="${borders.items.length}">${borders.items.join("")}</borders>` +
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
    `<cellXfs count="${xfs.length}">${xfs.join("")}</cellXfs>` +
    '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
    `<dxfs count="${dxfs.length}">${dxfs.join("")}</dxfs>` +
    "</styleSheet>"
  );
}
