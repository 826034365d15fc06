import { CodedError } from "../../src/core/errors/coded-error";
import { runOnWorker, type WorkerLike } from "../../src/taskpane/consolidate/consolidation-run";
import type { ConsolidationProgress, ConsolidationRequest, ConsolidationResult, FromWorker, ToWorker } from "../../src/taskpane/consolidate/protocol";

class FakeWorker implements WorkerLike {
  onmessage: ((event: MessageEvent<FromWorker>) => void) | null = null;
  onerror: ((event: ErrorEvent) => void) | null = null;
  onmessageerror: ((event: MessageEvent) => void) | null = null;
  readonly posted: ToWorker[] = [];
  terminated = 0;
  postMessage(message: ToWorker): void {
    this.posted.push(message);
  }
  terminate(): void {
    this.terminated++;
  }
  send(message: FromWorker): void {
    this.onmessage?.({ data: message } as MessageEvent<FromWorker>);
  }
  crash(message: string): void {
    this.onerror?.({ message, preventDefault: () => undefined } as ErrorEvent);
  }
}

const request: ConsolidationRequest = { files: [], order: "protocol", strict: false, includeSpec: false };
const result: ConsolidationResult = { summary: { rows: [], missing: [] }, failure: { code: "PT-CONS-005", message: "nothing" } };

describe("runOnWorker", () => {
  it("starts the worker, forwards progress and ends the worker when done", async () => {
    const worker = new FakeWorker();
    const progress: ConsolidationProgress[] = [];
    const run = runOnWorker(worker, request, (p) => progress.push(p));
    expect(worker.posted).toEqual([{ type: "start", request }]);
    worker.send({ type: "progress", progress: { phase: "reading", done: 0, total: 2, current: "a.xlsx" } });
    worker.send({ type: "done", result });
    await expect(run.outcome).resolves.toEqual({ kind: "done", result });
    expect(progress).toEqual([{ phase: "reading", done: 0, total: 2, current: "a.xlsx" }]);
    expect(worker.terminated).toBe(1);
  });

  it("cancels by terminating the worker and ignores what it still sends", async () => {
    const worker = new FakeWorker();
    const progress: ConsolidationProgress[] = [];
    const run = runOnWorker(worker, request, (p) => progress.push(p));
    run.cancel();
    worker.send({ type: "progress", progress: { phase: "writing", edition: "internal" } });
    worker.send({ type: "done", result });
    await expect(run.outcome).resolves.toEqual({ kind: "cancelled" });
    expect(progress).toEqual([]);
    expect(worker.terminated).toBe(1);
    run.cancel();
    expect(worker.terminated).toBe(1);
  });

  it("rejects with the worker's code when it reports a failure", async () => {
    const worker = new FakeWorker();
    const run = runOnWorker(worker, request, () => undefined);
    worker.send({ type: "failed", error: { code: "PT-PANE-001", message: "Unexpected problem: boom" } });
    await expect(run.outcome).rejects.toMatchObject({ code: "PT-PANE-001", message: "Unexpected problem: boom" });
    expect(worker.terminated).toBe(1);
  });

  it("rejects with PT-PANE-003 when the worker itself fails", async () => {
    const worker = new FakeWorker();
    const run = runOnWorker(worker, request, () => undefined);
    worker.crash("Uncaught RangeError: Array buffer allocation failed");
    const error: unknown = await run.outcome.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CodedError);
    expect(error).toMatchObject({ code: "PT-PANE-003", message: "the consolidation worker stopped: Uncaught RangeError: Array buffer allocation failed" });
  });
});
