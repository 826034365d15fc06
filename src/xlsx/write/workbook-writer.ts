import type { RangeAddress, WorkbookSpec } from "../../core/template/spec";
import { columnLetters } from "../../core/grid/grid";
import { SharedStrings, sheetSteps } from "./sheet-part";
import { stylesXml } from "./styles-part";
import { NS_MAIN, NS_REL, XML_HEAD, attr, tElement, text } from "./xml";
import { Slices } from "./xml-out";
import { ZipWriter, type ByteSink, type CompressorFactory, type EntryStream } from "./zip-writer";

/**
 * Writes a workbook spec as an .xlsx package, straight into a sink: each sheet's XML is made row
 * by row, encoded and deflated in slices as it comes, so memory holds the spec and a slice, never
 * the file. Runs in Node and the browser; the caller picks the deflate (zip-writer.ts).
 *
 * The package: [Content_Types].xml, the package and workbook relationships, core and app
 * properties, the workbook (sheets, defined names, print titles), styles, the sheets, and the
 * shared strings when text is shared (Excel's habit; templates) rather than inline (streamed
 * reports, which would otherwise hold every contributed text until the end).
 */

export interface WriteOptions {
  /** "shared": a shared-string table, as Excel writes; "inline": text in the cells. */
  readonly strings: "shared" | "inline";
  readonly compressor?: CompressorFactory;
  /** For the sheets, if not `compressor`: in Node, zlib on its thread pool (writeWorkbookAsync only). */
  readonly streamCompressor?: CompressorFactory;
  /** The time stamped in the properties and the zip (default: now). */
  readonly now?: Date;
}

const CT = "application/vnd.openxmlformats-officedocument.spreadsheetml";
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
function absoluteRef(sheet: string, r: RangeAddress): string {
  return `'${sheet.replace(/'/g, "''")}'!$${columnLetters(r.left)}$${r.top + 1}:$${columnLetters(r.right)}$${r.bottom + 1}`;
}

function isoSeconds(d: Date): string {
  return `${d.toISOString().slice(0, 19)}Z`;
}

/** Slices a sheet may have in compression before its writer waits for them. */
const MAX_IN_FLIGHT = 6;

/** Writes the workbook with a synchronous deflate (the default). */
export function writeWorkbook(spec: WorkbookSpec, sink: ByteSink, options: WriteOptions): void {
  for (const step of workbookSteps(spec, sink, options)) {
    if (step instanceof Promise) throw new Error("a compressor that works in the background needs writeWorkbookAsync");
  }
}

/** Writes the workbook, waiting for a background deflate where it has to (too many slices in flight, a part's end). */
export async function writeWorkbookAsync(spec: WorkbookSpec, sink: ByteSink, options: WriteOptions): Promise<void> {
  for (const step of workbookSteps(spec, sink, options)) {
    if (step instanceof Promise) await step;
    else if (step && step.backlog() > MAX_IN_FLIGHT) await step.settled(MAX_IN_FLIGHT / 2);
  }
}

/** The writing, as steps: a part that is streaming (to check its backlog) or a part's end to wait for. */
function* workbookSteps(spec: WorkbookSpec, sink: ByteSink, options: WriteOptions): Generator<EntryStream | Promise<void> | undefined, void, void> {
  const now = options.now ?? new Date();
  const zip = new ZipWriter(sink, options.compressor, now, options.streamCompressor ?? options.compressor);
  const enc = new TextEncoder();
  const add = (name: string, xml: string): void => zip.add(name, enc.encode(xml));
  const shared = options.strings === "shared" ? new SharedStrings() : undefined;
  const sheets = spec.sheets;

  const dxfColors: string[] = [];
  for (const s of sheets) for (const f of s.conditionalFills ?? []) if (!dxfColors.includes(f.fill)) dxfColors.push(f.fill);
  const dxf = (color: string): number => dxfColors.indexOf(color);

  add(
    "[Content_Types].xml",
    `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
      '<Default Extension="xml" ContentType="application/xml"/>' +
      `<Override PartName="/xl/workbook.xml" ContentType="${CT}.sheet.main+xml"/>` +
      sheets.map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="${CT}.worksheet+xml"/>`).join("") +
      `<Override PartName="/xl/styles.xml" ContentType="${CT}.styles+xml"/>` +
      (shared ? `<Override PartName="/xl/sharedStrings.xml" ContentType="${CT}.sharedStrings+xml"/>` : "") +
      '<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>' +
      '<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>' +
      "</Types>",
  );
  add(
    "_rels/.rels",
    `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      `<Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/>` +
      '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>' +
      `<Relationship Id="rId3" Type="${REL}/extended-properties" Target="docProps/app.xml"/>` +
      "</Relationships>",
  );
  const stamp = isoSeconds(now);
  add(
    "docProps/core.xml",
    `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">` +
      `<dc:title>${text(spec.title)}</dc:title><dc:subject>${text(spec.subject)}</dc:subject><dc:creator>pact-tracker</dc:creator><cp:lastModifiedBy>pact-tracker</cp:lastModifiedBy>` +
      `<dcterms:created xsi:type="dcterms:W3CDTF">${stamp}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${stamp}</dcterms:modified>` +
      "</cp:coreProperties>",
  );
  add(
    "docProps/app.xml",
    `${XML_HEAD}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">` +
      "<Application>pact-tracker</Application><DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>" +
      "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc><HyperlinksChanged>false</HyperlinksChanged>" +
      "</Properties>",
  );

  // The first visible sheet is the one Excel opens on (a hidden active sheet confuses it).
  const active = Math.max(0, sheets.findIndex((s) => !s.hidden));
  const names: string[] = spec.definedNames.map((n) => `<definedName name="${attr(n.name)}">${text(absoluteRef(n.sheet, n.range))}</definedName>`);
  sheets.forEach((s, i) => {
    if (!s.print) return;
    const { first, last } = s.print.titleRows;
    const sheet = `'${s.name.replace(/'/g, "''")}'!`;
    // Repeated columns first, then rows, as Excel writes them.
    const cols = s.print.titleCols ? `${sheet}$${columnLetters(s.print.titleCols.first)}:$${columnLetters(s.print.titleCols.last)},` : "";
    names.push(`<definedName name="_xlnm.Print_Titles" localSheetId="${i}">${text(`${cols}${sheet}$${first + 1}:$${last + 1}`)}</definedName>`);
  });
  add(
    "xl/workbook.xml",
    `${XML_HEAD}<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
      "<workbookPr/>" +
      `<bookViews><workbookView activeTab="${active}"${active ? ` firstSheet="${active}"` : ""}/></bookViews>` +
      `<sheets>${sheets.map((s, i) => `<sheet name="${attr(s.name)}" sheetId="${i + 1}"${s.hidden ? ' state="hidden"' : ""} r:id="rId${i + 1}"/>`).join("")}</sheets>` +
      (names.length ? `<definedNames>${names.join("")}</definedNames>` : "") +
      '<calcPr calcId="191029"/>' +
      "</workbook>",
  );
  add(
    "xl/_rels/workbook.xml.rels",
    `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">` +
      sheets.map((_, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`).join("") +
      `<Relationship Id="rId${sheets.length + 1}" Type="${REL}/styles" Target="styles.xml"/>` +
      (shared ? `<Relationship Id="rId${sheets.length + 2}" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>` : "") +
      "</Relationships>",
  );
  add("xl/styles.xml", stylesXml(dxfColors));

  for (const [i, s] of sheets.entries()) {
    const entry = zip.stream(`xl/worksheets/sheet${i + 1}.xml`);
    const out = new Slices(entry);
    for (const pause of sheetSteps(s, { shared, dxf, selected: i === active }, out)) yield pause ?? entry;
    const ended = out.end();
    if (ended) yield ended;
  }

  if (shared) {
    const entry = zip.stream("xl/sharedStrings.xml");
    const out = new Slices(entry);
    out.write(`${XML_HEAD}<sst xmlns="${NS_MAIN}" count="${shared.count}" uniqueCount="${shared.list.length}">`);
    for (const [i, s] of shared.list.entries()) {
      out.write(`<si>${tElement(s)}</si>`);
      if (i % 1000 === 999) yield entry;
    }
    out.write("</sst>");
    const ended = out.end();
    if (ended) yield ended;
  }
  zip.finish();
}
