import type { Catalogue } from "../../core/catalogue/catalogue";
import { startConsolidation } from "../consolidate/start-worker";
import { saveBytes } from "./download";
import { fileBytes, receivedOf, unreadableOutcome, withReceived } from "./file-bytes";
import type { FileActions } from "./file-actions";

/**
 * The real FileActions. exceljs (≈ 250 KB gzipped) and the reader are imported on first use, each
 * in its own chunk, so the pane's initial JavaScript stays small.
 */
export function browserFileActions(catalogue: Catalogue): FileActions {
  return {
    async templateBytes(spec) {
      const { workbookBytes } = await import(/* webpackChunkName: "xlsx-writer" */ "../../xlsx/write-spec");
      return workbookBytes(spec);
    },
    async readReturn(file) {
      const { readReturnBytes } = await import(/* webpackChunkName: "xlsx-reader" */ "../../xlsx/read-return");
      let bytes: Uint8Array;
      try {
        bytes = await fileBytes(file);
      } catch (e) {
        return unreadableOutcome(file.name, e, receivedOf(file));
      }
      return withReceived(readReturnBytes(bytes, file.name, catalogue), receivedOf(file));
    },
    startConsolidation,
    save: saveBytes,
  };
}
