import type { Catalogue } from "../../core/catalogue/catalogue";
import { startConsolidation } from "../consolidate/start-worker";
import { saveBytes } from "./download";
import type { FileActions } from "./file-actions";

/**
 * The real FileActions. The writer and the reader are imported on first use, each
 * in its own chunk, so the pane's initial JavaScript stays small.
 */
export function browserFileActions(catalogue: Catalogue): FileActions {
  return {
    async templateBytes(spec) {
      const { workbookBytes } = await import(/* webpackChunkName: "xlsx-writer" */ "../../xlsx/write-spec");
      return workbookBytes(spec);
    },
    async readReturn(file) {
      const { readReturnFile } = await import(/* webpackChunkName: "xlsx-reader" */ "./read-file");
      return readReturnFile(file, catalogue);
    },
    async readPrevious(file) {
      const { readPreviousFile } = await import(/* webpackChunkName: "xlsx-reader" */ "./read-file");
      return readPreviousFile(file, catalogue);
    },
    startConsolidation,
    save: saveBytes,
  };
}
