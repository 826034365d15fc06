/**
 * Queues Office.js operations and syncs when the next step would push the request past its
 * budget, so a large write becomes several requests each under the limit, and a small one, one.
 */

/** Per queued operation: Office's action record (id, action type, name, object path id) around the arguments. */
export const OPERATION_OVERHEAD = 160;
/**
 * Per object an operation reaches through (getRange(…), .format, .fill): Office describes each
 * object once per request, with its arguments, and adds an action that instantiates it. Per-cell
 * work is mostly this: getRange("B7").format.fill.color = … is three objects and one action.
 */
export const OBJECT_OVERHEAD = 150;

/**
 * A request-size estimate as Office.js encodes it: the arguments' JSON, an action record per
 * operation, and an object record per object reached (by default one per operation: each on an
 * object of its own, the conservative reading).
 */
export function estimateBytes(args: unknown, operations = 1, objects = operations): number {
  return (args === undefined ? 0 : JSON.stringify(args).length) + operations * OPERATION_OVERHEAD + objects * OBJECT_OVERHEAD;
}

export class RequestBatch {
  private pending = 0;
  private syncs = 0;

  constructor(
    private readonly context: Excel.RequestContext,
    private readonly budget: number,
  ) {}

  /** Queues one step (all of it in one request); syncs first if it would not fit. */
  async add(bytes: number, queue: () => void): Promise<void> {
    if (this.pending > 0 && this.pending + bytes > this.budget) await this.sync();
    queue();
    this.pending += bytes;
  }

  /** Sends what is queued, if anything. */
  async flush(): Promise<void> {
    if (this.pending > 0) await this.sync();
  }

  get syncCount(): number {
    return this.syncs;
  }

  private async sync(): Promise<void> {
    await this.context.sync();
    this.syncs++;
    this.pending = 0;
  }
}
