import { CodedError } from "../../core/errors/coded-error";
import { PANE_WORKER_FAILED } from "../errors";
import type { ConsolidationProgress, ConsolidationRequest, ConsolidationResult, FromWorker, ToWorker } from "./protocol";

/** The part of Worker the pane uses; tests pass a fake. */
export interface WorkerLike {
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
  postMessage(message: ToWorker): void;
  terminate(): void;
}

export type RunOutcome = { readonly kind: "done"; readonly result: ConsolidationResult } | { readonly kind: "cancelled" };

export interface ConsolidationRun {
  /** Settles once: done, cancelled, or rejected with a CodedError if the worker failed. */
  readonly outcome: Promise<RunOutcome>;
  /** Stops at once by terminating the worker; whatever it had read is dropped. */
  cancel(): void;
}

export type StartConsolidation = (request: ConsolidationRequest, onProgress: (p: ConsolidationProgress) => void) => ConsolidationRun;

/** Drives one consolidation on a fresh worker, which is terminated when the run ends (memory goes with it). */
export function runOnWorker(worker: WorkerLike, request: ConsolidationRequest, onProgress: (p: ConsolidationProgress) => void): ConsolidationRun {
  let settle: (o: RunOutcome) => void = () => undefined;
  let fail: (e: CodedError) => void = () => undefined;
  let finished = false;
  const outcome = new Promise<RunOutcome>((resolve, reject) => {
    settle = resolve;
    fail = reject;
  });
  const end = (): boolean => {
    if (finished) return false;
    finished = true;
    worker.terminate();
    return true;
  };
  worker.onmessage = (event) => {
    const message = event.data;
    if (message.type === "progress") {
      if (!finished) onProgress(message.progress);
    } else if (message.type === "done") {
      if (end()) settle({ kind: "done", result: message.result });
    } else if (end()) {
      fail(new CodedError(message.error.code, message.error.message));
    }
  };
  worker.onerror = (event) => {
    // An error event means the worker script failed to load or threw outside our handler.
    event.preventDefault();
    if (end()) fail(new CodedError(PANE_WORKER_FAILED, `the consolidation worker stopped: ${event.message || "it could not be started"}`));
  };
  worker.onmessageerror = () => {
    if (end()) fail(new CodedError(PANE_WORKER_FAILED, "the consolidation worker sent a message the pane could not read"));
  };
  worker.postMessage({ type: "start", request });
  return {
    outcome,
    cancel: () => {
      if (end()) settle({ kind: "cancelled" });
    },
  };
}
