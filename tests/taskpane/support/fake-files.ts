import type { ReadOutcome } from "../../../src/core/consolidation/register";
import type { WorkbookSpec } from "../../../src/core/template/spec";
import type { ConsolidationRun, RunOutcome } from "../../../src/taskpane/consolidate/consolidation-run";
import type { ConsolidationProgress, ConsolidationRequest } from "../../../src/taskpane/consolidate/protocol";
import type { PreviousCycle } from "../../../src/core/cycles/previous";
import type { FileActions, PreviousRead } from "../../../src/taskpane/files/file-actions";
import type { NamedBlob } from "../../../src/taskpane/files/file-bytes";

/** A consolidation the test drives by hand: report progress, finish, or see it cancelled. */
export class ManualRun implements ConsolidationRun {
  readonly outcome: Promise<RunOutcome>;
  cancelled = false;
  private settle: (o: RunOutcome) => void = () => undefined;
  private reject: (e: unknown) => void = () => undefined;

  constructor(
    readonly request: ConsolidationRequest,
    readonly onProgress: (p: ConsolidationProgress) => void,
  ) {
    this.outcome = new Promise<RunOutcome>((resolve, reject) => {
      this.settle = resolve;
      this.reject = reject;
    });
  }
  cancel(): void {
    this.cancelled = true;
    this.settle({ kind: "cancelled" });
  }
  finish(outcome: RunOutcome): void {
    this.settle(outcome);
  }
  fail(e: unknown): void {
    this.reject(e);
  }
}

/** FileActions recording what the views ask; outcomes per file name come from the test. */
export class FakeFiles implements FileActions {
  readonly saved: { bytes: Uint8Array; fileName: string }[] = [];
  readonly templates: WorkbookSpec[] = [];
  readonly read: string[] = [];
  readonly runs: ManualRun[] = [];
  outcomes = new Map<string, ReadOutcome>();
  /** Files that read as our own combined report of last cycle, by name. */
  reports = new Map<string, PreviousCycle>();

  async templateBytes(spec: WorkbookSpec): Promise<Uint8Array> {
    this.templates.push(spec);
    return Uint8Array.from(spec.subject, (c) => c.charCodeAt(0));
  }
  async readReturn(file: NamedBlob): Promise<ReadOutcome> {
    this.read.push(file.name);
    const outcome = this.outcomes.get(file.name);
    if (!outcome) throw new Error(`test gave no outcome for ${file.name}`);
    return outcome;
  }
  async readPrevious(file: NamedBlob): Promise<PreviousRead> {
    const previous = this.reports.get(file.name);
    if (previous) {
      this.read.push(file.name);
      return { kind: "report", file: file.name, previous };
    }
    return { kind: "return", outcome: await this.readReturn(file) };
  }
  startConsolidation = (request: ConsolidationRequest, onProgress: (p: ConsolidationProgress) => void): ConsolidationRun => {
    const run = new ManualRun(request, onProgress);
    this.runs.push(run);
    return run;
  };
  save(bytes: Uint8Array, fileName: string): void {
    this.saved.push({ bytes, fileName });
  }
}

/** A File as an <input type="file"> hands it over (the fake FileActions never reads its bytes). */
export function fakeFile(name: string): File {
  return new File(["not read"], name, { type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", lastModified: 1_700_000_000_000 });
}
