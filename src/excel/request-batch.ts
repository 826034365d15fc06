/**
 * Queues Office.js operations and syncs when the next step would push the request past its
 * budget, so a large write becomes several requests each under the limit, and a small one, one.
 */

/** Per queued operation: Office's framing (object path, action type, ids) around the arguments. */
export const OPERATION_OVERHEAD = 160;

/** A rough request size: the arguments' JSON plus framing per operation. */
export function estimateBytes(args: unknown, operations = 1): number {
  return (args === undefined ? 0 : JSON.stringify(args).length) + operations * OPERATION_OVERHEAD;
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
