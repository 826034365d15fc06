import { existsSync } from "node:fs";
import { availableParallelism } from "node:os";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { Catalogue } from "../core/catalogue/catalogue";
import type { Framework, PartyList } from "../core/catalogue/schema";
import { fromPortable, type PortableOutcome } from "../core/consolidation/portable-outcome";
import type { ReadOutcome } from "../core/consolidation/register";
import { readReturn } from "./read-return";

/**
 * Reads and validates many returns on several threads (validate and consolidate of a folder):
 * reading is most of the work and each file is independent. The outcomes are exactly those of
 * reading the files one by one in this thread, in the order given; a bad file stays an outcome.
 */

/** What a reading thread starts with: the catalogue the command loaded, as plain data. */
export interface ReadWorkerData {
  readonly frameworks: readonly Framework[];
  readonly partyLists: readonly PartyList[];
}

export interface ReadTask {
  readonly index: number;
  readonly file: string;
  readonly received?: string;
}

export type ReadWorkerReply = { readonly index: number; readonly outcome: PortableOutcome } | { readonly index: number; readonly failure: string };

export interface ReadPoolOptions {
  /** Threads to read on (`--jobs`); 1 reads in this thread. Default: one per core, at most 4. */
  readonly jobs?: number;
  /** The bundled reading thread; by default read-worker.js beside this bundle (absent when run from sources). */
  readonly workerScript?: string;
  /** Called as each file has been read, in the order they finish. */
  readonly onRead?: (file: string) => void;
}

/** A thread costs its start-up (~0.1 s): below this many files per thread, fewer threads. */
const FILES_PER_THREAD = 4;
/** Files handed to a thread before it has answered: it never waits for this thread between files. */
const IN_FLIGHT = 2;

/** `--jobs` by default: one per core, at most four (each thread has a heap of its own). */
export function defaultJobs(): number {
  return Math.max(1, Math.min(4, availableParallelism()));
}

function bundledWorkerScript(): string | undefined {
  const script = join(__dirname, "read-worker.js");
  return existsSync(script) ? script : undefined;
}

export async function readReturns(files: readonly string[], catalogue: Catalogue, received: ReadonlyMap<string, string>, options: ReadPoolOptions): Promise<ReadOutcome[]> {
  const script = options.workerScript ?? bundledWorkerScript();
  // This thread reads too: a thread fewer to start and to hold a heap, and it is otherwise idle.
  const helpers = script ? Math.max(0, Math.min(options.jobs ?? defaultJobs(), Math.floor(files.length / FILES_PER_THREAD)) - 1) : 0;
  if (helpers === 0) {
    return files.map((file) => {
      const outcome = readReturn(file, catalogue, received.get(file));
      options.onRead?.(file);
      return outcome;
    });
  }
  return readOnThreads(files, catalogue, received, script as string, helpers, options.onRead);
}

/**
 * Hands the files out in order to `helpers` reading threads and this one, each taking the next
 * file when it is free. Outcomes land at their file's index. Any failure (a bug in reading, a
 * thread that dies) stops every thread and rejects naming the files being read.
 */
function readOnThreads(files: readonly string[], catalogue: Catalogue, received: ReadonlyMap<string, string>, script: string, helpers: number, onRead?: (file: string) => void): Promise<ReadOutcome[]> {
  const outcomes: ReadOutcome[] = new Array<ReadOutcome>(files.length);
  const workerData: ReadWorkerData = { frameworks: catalogue.frameworks, partyLists: catalogue.partyLists };
  const workers: Worker[] = [];
  const inFlight = new Map<Worker, Set<number>>();
  return new Promise<ReadOutcome[]>((resolve, reject) => {
    let next = 0;
    let done = 0;
    let settled = false;
    // Stopped threads free their heaps before the report is built: peak memory stays the report's.
    const finish = (error?: Error): void => {
      if (settled) return;
      settled = true;
      void Promise.all(workers.map((w) => w.terminate())).then(() => (error ? reject(error) : resolve(outcomes)), reject);
    };
    const landed = (index: number, outcome: ReadOutcome): void => {
      outcomes[index] = outcome;
      done++;
      onRead?.(files[index] as string);
      if (done === files.length) finish();
    };
    const give = (w: Worker): void => {
      const mine = inFlight.get(w) as Set<number>;
      while (mine.size < IN_FLIGHT && next < files.length) {
        const index = next++;
        const file = files[index] as string;
        const when = received.get(file);
        const task: ReadTask = { index, file, ...(when !== undefined ? { received: when } : {}) };
        mine.add(index);
        w.postMessage(task);
      }
    };
    const reading = (w: Worker): string => [...(inFlight.get(w) ?? [])].map((i) => files[i]).join(", ") || "no file";
    for (let t = 0; t < helpers; t++) {
      const w = new Worker(script, { workerData, name: `pact-tracker reader ${t + 1}` });
      workers.push(w);
      inFlight.set(w, new Set());
      w.on("message", (reply: ReadWorkerReply) => {
        if (settled) return;
        if ("failure" in reply) return finish(new Error(`reading ${files[reply.index]} failed: ${reply.failure}`));
        let outcome: ReadOutcome;
        try {
          outcome = fromPortable(reply.outcome, catalogue);
        } catch (e) {
          return finish(e as Error);
        }
        inFlight.get(w)?.delete(reply.index);
        landed(reply.index, outcome);
        give(w);
      });
      w.on("error", (e) => finish(new Error(`a reading thread failed while reading ${reading(w)}: ${e.stack ?? e.message}`)));
      w.on("exit", (code) => {
        if (!settled) finish(new Error(`a reading thread stopped (exit code ${code}) while reading ${reading(w)}`));
      });
      give(w);
    }
    // This thread takes one file per turn of the event loop, so the helpers' replies are taken in between.
    const readHere = (): void => {
      if (settled || next >= files.length) return;
      const index = next++;
      const file = files[index] as string;
      try {
        landed(index, readReturn(file, catalogue, received.get(file)));
      } catch (e) {
        return finish(e as Error);
      }
      setImmediate(readHere);
    };
    setImmediate(readHere);
  });
}
