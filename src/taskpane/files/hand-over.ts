/**
 * How a file reaches the user, and what the pane may honestly say about it. A download is only
 * offered to the browser: the pane never learns whether it arrived (Excel for Mac and iPad drop it
 * silently, which is why they get "Open as a new workbook" instead). A workbook opened with
 * Excel.createWorkbook is not saved until the user saves it, and Excel does not give it the name.
 */
export type HandOver = "downloaded" | "opened";

/** The bar's title. */
export const HANDED_OVER_TITLE: Readonly<Record<HandOver, string>> = {
  downloaded: "Download started:",
  opened: "Opened as a new workbook",
};

/** The bar's text after the title: where to find the file, or how to keep it. */
export function handedOverText(how: HandOver, fileName: string): string {
  return how === "downloaded" ? `${fileName} (check your browser's downloads)` : `— save it from its window (File → Save As), e.g. as ${fileName}`;
}
