import { CodedError } from "../../core/errors/coded-error";
import { PANE_DOWNLOAD_FAILED } from "../errors";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/**
 * Offers bytes as a download through a temporary link. Browsers and Excel on the web save it; the
 * web view of Excel for Mac and iPad drops it silently, so the views never call this where the
 * workspace says `canDownload === false` (they open the file as a new workbook there). Nothing
 * tells the page that a download arrived: callers say it started, never that it was saved.
 */
export function saveBytes(bytes: Uint8Array, fileName: string, doc: Document = document): void {
  let url: string;
  try {
    url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: XLSX_TYPE }));
  } catch (e) {
    throw new CodedError(PANE_DOWNLOAD_FAILED, `the browser refused to prepare the download: ${e instanceof Error ? e.message : String(e)}`, { file: fileName });
  }
  const link = doc.createElement("a");
  link.href = url;
  link.download = fileName;
  link.rel = "noopener";
  link.style.display = "none";
  doc.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
