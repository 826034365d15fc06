import ExcelJS from "exceljs";
import { execFileSync } from "node:child_process";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { isDateValue, type WorkbookSpec } from "../../src/core/template/spec";
import { ACK_HEADERS, ACK_SHEET, type Acknowledgement } from "../../src/core/validation/acknowledgements";
import { workbookBytes } from "../../src/xlsx/write-spec";
import { encodeXstring } from "../../src/xlsx/ooxml-string";
import type { Edit } from "./returns";
import { PYTHON } from "./tools";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";
import { cellAddress } from "../../src/core/grid/grid";
import type { Damage } from "./damage";

/** A returned workbook as a ministry would send it: our template, filled in another program (here exceljs). */
export async function filledReturn(
  spec: WorkbookSpec,
  edits: readonly Edit[],
  opts: { hideColumns?: readonly number[]; acknowledgements?: readonly Acknowledgement[]; damage?: readonly Damage[] } = {},
): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(Buffer.from(await workbookBytes(spec)) as unknown as ArrayBuffer);
  for (const e of edits) {
    const ws = wb.getWorksheet(e.sheet);
    if (!ws) throw new Error(`no sheet ${e.sheet}`);
    const v = e.value;
    // Encoded as Excel writes text (exceljs would drop control characters and leave "_x0041_" raw).
    ws.getCell(e.row + 1, e.col + 1).value = v === null ? null : isDateValue(v) ? new Date(`${v.date}T00:00:00Z`) : typeof v === "string" ? encodeXstring(v) : v;
  }
  const first = wb.worksheets[0];
  for (const col of opts.hideColumns ?? []) if (first) first.getColumn(col + 1).hidden = true;
  if (opts.acknowledgements?.length) {
    const ws = wb.addWorksheet(ACK_SHEET, { state: "hidden" });
    ws.addRow([...ACK_HEADERS]);
    for (const a of opts.acknowledgements) ws.addRow([a.sheet, a.cell, a.code, a.justification, a.by ?? "", a.date ?? ""]);
  }
  const merges: { sheet: number; range: string }[] = [];
  const duplicates: { sheet: number; cell: string; earlier: string }[] = [];
  for (const d of opts.damage ?? []) {
    const ws = wb.getWorksheet(d.sheet);
    if (!ws) throw new Error(`no sheet ${d.sheet}`);
    if (d.kind === "duplicate") {
      duplicates.push({ sheet: wb.worksheets.indexOf(ws) + 1, cell: cellAddress(d.row, d.col), earlier: d.earlier });
      continue;
    }
    if (d.kind === "merge") {
      // Written into the XML afterwards: exceljs (like Excel's own command) drops the values a merge hides.
      merges.push({ sheet: wb.worksheets.indexOf(ws) + 1, range: `${cellAddress(d.range.top, d.range.left)}:${cellAddress(d.range.bottom, d.range.right)}` });
      continue;
    }
    const cell = ws.getCell(d.row + 1, d.col + 1);
    if (d.kind === "formula") cell.value = { formula: d.formula.replace(/^=/, ""), ...(d.cached === null ? {} : { result: d.cached as string }) } as ExcelJS.CellFormulaValue;
    else if (d.kind === "error") cell.value = { formula: d.formula.replace(/^=/, ""), result: { error: d.error as ExcelJS.CellErrorValue["error"] } };
    else if (d.kind === "link") cell.value = { text: d.text, hyperlink: d.address };
    else cell.note = d.text;
  }
  const bytes = new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
  const merged = merges.length ? withMerges(bytes, merges) : bytes;
  return duplicates.length ? withDuplicates(merged, duplicates) : merged;
}

/** Gives cells twice in the sheets' XML, the earlier text first (as a damaged or hand-written file does). */
export function withDuplicates(bytes: Uint8Array, duplicates: readonly { sheet: number; cell: string; earlier: string }[]): Uint8Array {
  const files = unzipSync(bytes);
  for (const d of duplicates) {
    const path = `xl/worksheets/sheet${d.sheet}.xml`;
    const xml = strFromU8(files[path] ?? new Uint8Array());
    const at = xml.search(new RegExp(`<c r="${d.cell}"[ >/]`));
    if (at < 0) throw new Error(`${path} has no cell ${d.cell} to give twice`);
    const text = d.earlier.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
    files[path] = strToU8(`${xml.slice(0, at)}<c r="${d.cell}" t="inlineStr"><is><t>${text}</t></is></c>${xml.slice(at)}`);
  }
  return zipSync(files);
}

/** Adds merged ranges to sheets' XML, keeping the values they hide (as files written by scripts do). */
function withMerges(bytes: Uint8Array, merges: readonly { sheet: number; range: string }[]): Uint8Array {
  const files = unzipSync(bytes);
  for (const m of merges) {
    const path = `xl/worksheets/sheet${m.sheet}.xml`;
    const xml = strFromU8(files[path] ?? new Uint8Array());
    const added = xml.replace(/<mergeCells count="(\d+)">/, (_, n: string) => `<mergeCells count="${Number(n) + 1}"><mergeCell ref="${m.range}"/>`);
    if (added === xml) throw new Error(`${path} has no mergeCells element to add to`);
    files[path] = strToU8(added);
  }
  return zipSync(files);
}

/** The same template filled by openpyxl: another writer, other XML habits. */
export async function filledByOpenpyxl(spec: WorkbookSpec, edits: readonly Edit[], dir: string, name: string): Promise<string> {
  const template = join(dir, `${name}-template.xlsx`);
  const out = join(dir, `${name}-openpyxl.xlsx`);
  writeFileSync(template, await workbookBytes(spec));
  const editsFile = join(dir, `${name}-edits.json`);
  writeFileSync(editsFile, JSON.stringify(edits));
  execFileSync(PYTHON, [join(__dirname, "openpyxl_fill.py"), template, editsFile, out]);
  return out;
}
