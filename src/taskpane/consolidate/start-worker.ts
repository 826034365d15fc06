import type { ConsolidationRun, WorkerLike } from "./consolidation-run";
import { runOnWorker } from "./consolidation-run";
import type { ConsolidationProgress, ConsolidationRequest } from "./protocol";

/**
 * Starts the consolidation worker. The `new Worker(new URL(..., import.meta.url))` form is what
 * webpack 5 recognises to bundle the worker as its own chunk; nothing else may change here.
 *
 * Only the webpack build (ts-loader, module esnext) compiles this file. The repository's tsconfig
 * emits CommonJS for Node and jest, where import.meta does not exist, hence the expect-error below;
 * for the same reason tests use runOnWorker with a fake worker and never import this module.
 */
export function startConsolidation(request: ConsolidationRequest, onProgress: (p: ConsolidationProgress) => void): ConsolidationRun {
  const worker = new Worker(
    /* webpackChunkName: "consolidate-worker" */
    // @ts-expect-error TS1343: import.meta needs an ES module target; webpack compiles this file as one.
    new URL("./consolidate.worker.ts", import.meta.url),
    { name: "pact-tracker consolidation" },
  );
  return runOnWorker(worker as WorkerLike, request, onProgress);
}
