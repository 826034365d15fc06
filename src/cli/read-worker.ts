import { parentPort, workerData } from "node:worker_threads";
import { Catalogue } from "../core/catalogue/catalogue";
import { toPortable } from "../core/consolidation/portable-outcome";
import { readReturn } from "./read-return";
import type { ReadTask, ReadWorkerData, ReadWorkerReply } from "./read-pool";

/**
 * A reading thread of the read pool (bundled apart as dist/cli/read-worker.js): reads and
 * validates the returns it is given, one at a time, with the catalogue the command loaded.
 * A bad file is an outcome like any other; only a bug in reading is a failure, reported with
 * its stack so the command can stop naming the file.
 */
const port = parentPort;
if (!port) throw new Error("read-worker runs only as a worker thread of the read pool");
const data = workerData as ReadWorkerData;
const catalogue = new Catalogue(data.frameworks, data.partyLists);

port.on("message", (task: ReadTask) => {
  let reply: ReadWorkerReply;
  try {
    reply = { index: task.index, outcome: toPortable(readReturn(task.file, catalogue, task.received)) };
  } catch (e) {
    reply = { index: task.index, failure: e instanceof Error ? (e.stack ?? e.message) : String(e) };
  }
  port.postMessage(reply);
});
