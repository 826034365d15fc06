import { shippedCatalogue } from "../../core/catalogue/builtin";
import { workbookBytes } from "../../xlsx/write-spec";
import { toPaneError } from "../errors";
import type { FromWorker, ToWorker } from "./protocol";
import { runConsolidation } from "./run-consolidation";

/**
 * The consolidation worker: reading, validating and writing run here, off the pane's UI thread,
 * so the pane stays responsive and Cancel can simply terminate the worker. The writer and the reader
 * are bundled into this worker's chunk, never into the pane's initial JavaScript.
 */

/** The part of DedicatedWorkerGlobalScope we use (tsconfig's lib is DOM, not WebWorker). */
interface WorkerScope {
  onmessage: ((event: MessageEvent<ToWorker>) => void) | null;
  postMessage(message: FromWorker, transfer?: Transferable[]): void;
}
const scope = self as unknown as WorkerScope;

scope.onmessage = (event) => {
  void handle(event.data);
};

async function handle(message: ToWorker): Promise<void> {
  try {
    const result = await runConsolidation(message.request, { catalogue: shippedCatalogue(), writeBytes: workbookBytes }, (progress) =>
      scope.postMessage({ type: "progress", progress }),
    );
    // Hand the report bytes over instead of copying them.
    const transfer = result.reports ? [result.reports.internal, ...(result.reports.public ? [result.reports.public] : [])].map((b) => b.buffer as ArrayBuffer) : [];
    scope.postMessage({ type: "done", result }, transfer);
  } catch (e) {
    // A bug or a writer failure: report it with a code rather than dying silently.
    const error = toPaneError(e);
    scope.postMessage({ type: "failed", error: { code: error.code, message: error.message } });
  }
}
