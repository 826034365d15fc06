import type { WorkbookSpec } from "../core/template/spec";
import { writeWorkbook } from "./write/workbook-writer";
import { concat } from "./write/zip-writer";

/**
 * A workbook spec as .xlsx bytes, in memory: templates (CLI and pane) and the pane's combined
 * reports. Our own writer (write/): sheets in the schema's element order, text as shared strings
 * as Excel writes it, deflated by Node's zlib in Node and by fflate in the browser. Imports nothing
 * from Node, so the task pane's bundle can load it.
 */
export async function workbookBytes(spec: WorkbookSpec): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  writeWorkbook(spec, { write: (c) => void chunks.push(c) }, { strings: "shared" });
  return Promise.resolve(concat(chunks));
}
