import { OPEN_FAILED, withCode } from "./codes";
import type { ExcelHost } from "./host";

/**
 * Opening a file as a new workbook, where the pane cannot download: Excel for Mac and for iPad run
 * the pane in a web view that drops downloads silently, so "Download" would claim a file that never
 * arrived. Excel.createWorkbook (ExcelApi 1.8, below the manifest's 1.9) opens it in a new window,
 * from where the user saves it.
 */

/** Platforms (Office.context.platform) whose task pane does not save downloads. */
const NO_DOWNLOADS = new Set(["Mac", "iOS", "Android"]);

export function platformDownloads(platform: string): boolean {
  return !NO_DOWNLOADS.has(platform);
}

/** Bytes as base64, in slices: one String.fromCharCode over megabytes overflows the call stack. */
export function toBase64(bytes: Uint8Array): string {
  const SLICE = 0x8000;
  let binary = "";
  for (let i = 0; i < bytes.length; i += SLICE) binary += String.fromCharCode(...bytes.subarray(i, i + SLICE));
  return btoa(binary);
}

export function openWorkbook(createWorkbook: ExcelHost["createWorkbook"], bytes: Uint8Array, fileName: string): Promise<void> {
  return withCode(OPEN_FAILED, `Could not open ${fileName} as a new workbook`, { file: fileName }, () => createWorkbook(toBase64(bytes)));
}
