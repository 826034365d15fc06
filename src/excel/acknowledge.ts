import { ACK_HEADERS, ACK_SHEET, ackKey, type Acknowledgement } from "../core/validation/acknowledgements";
import { rangeA1 } from "./addresses";
import { ACKNOWLEDGE_FAILED, withCode } from "./codes";
import { DEFAULT_REQUEST_BYTES, type ExcelRun } from "./host";
import { estimateBytes } from "./request-batch";
import { typedWriteBytes, verifyText, writeValues, type TextCheck } from "./text-writes";

/**
 * Records an acknowledgement on the hidden sheet every co-author sees, so that two co-authors
 * accepting warnings at the same time both keep theirs:
 *   - each acknowledgement has its own row, found from its key (sheet, cell, code) by hashing
 *     into ACK_SLOTS rows, then probing down: two different acknowledgements almost never aim at
 *     the same row, and accepting the same warning again updates its row;
 *   - after the write the row is read back; if it holds someone else's acknowledgement (a
 *     co-author wrote there in between), the next free row is tried.
 * Every cell is text ("@" first, and typed String values where Excel has them), checked on the way back.
 */

/** Rows acknowledgements are spread over: few enough that the sheet stays one small read. */
export const ACK_SLOTS = 2048;
/** Rows read at a time while looking for a free one. */
const WINDOW = 32;
/** Writes tried before giving up (each lost to a co-author who wrote the same row). */
const ATTEMPTS = 8;

/** FNV-1a of the key: a stable row for the same acknowledgement on every computer. */
function slotOf(key: string, slots: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return 1 + (h % slots);
}

const rowKey = (row: readonly unknown[]): string | undefined => {
  const [sheet, cell, code] = row.map((v) => (typeof v === "string" ? v.trim() : String(v ?? "")));
  return sheet && cell && code ? ackKey(sheet, cell, code) : undefined;
};

function rowRange(ws: Excel.Worksheet, row: number, rows = 1): Excel.Range {
  return ws.getRange(rangeA1({ top: row, left: 0, bottom: row + rows - 1, right: ACK_HEADERS.length - 1 }));
}

/**
 * The acknowledgements sheet, added hidden with its headers if missing; `fresh` when this call
 * added it. A co-author adding it at the same moment makes the add fail: theirs is used.
 */
async function ackSheet(context: Excel.RequestContext, typed: boolean): Promise<{ ws: Excel.Worksheet; fresh: boolean }> {
  const found = context.workbook.worksheets.getItemOrNullObject(ACK_SHEET);
  await context.sync();
  if (!found.isNullObject) return { ws: found, fresh: false };
  const ws = context.workbook.worksheets.add(ACK_SHEET);
  writeRow(ws, 0, [...ACK_HEADERS], typed);
  ws.getRange("1:1").format.font.bold = true;
  ws.visibility = "Hidden";
  try {
    await context.sync();
    return { ws, fresh: true };
  } catch (err) {
    if ((err as { code?: unknown }).code !== "ItemAlreadyExists") throw err;
    return { ws: context.workbook.worksheets.getItem(ACK_SHEET), fresh: false };
  }
}

function writeRow(ws: Excel.Worksheet, row: number, values: string[], typed: boolean) {
  const range = rowRange(ws, row);
  range.numberFormat = [values.map(() => "@")];
  return writeValues(ws, ACK_SHEET, { top: row, left: 0, bottom: row, right: values.length - 1 }, [values], typed, range);
}

/** The row values of an acknowledgement, in ACK_HEADERS order. */
const rowValues = (ack: Acknowledgement): string[] => [ack.sheet, ack.cell, ack.code, ack.justification, ack.by ?? "", ack.date ?? ""];

export function acknowledge(run: ExcelRun, ack: Acknowledgement, typed = false, slots = ACK_SLOTS): Promise<void> {
  const values = rowValues(ack);
  const key = ackKey(ack.sheet, ack.cell, ack.code);
  return withCode(ACKNOWLEDGE_FAILED, "Could not record the acknowledgement", { sheet: ack.sheet, cell: ack.cell }, () =>
    run(async (context) => {
      const { ws, fresh } = await ackSheet(context, typed);
      let row = slotOf(key, slots);
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        // The first row from here that is free or already this acknowledgement's (and, once, the headers).
        const header = fresh || attempt > 0 ? undefined : rowRange(ws, 0).load("values");
        let target: number | undefined;
        for (let from = row; target === undefined; from += WINDOW) {
          const window = rowRange(ws, from, WINDOW).load("values");
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- the next window is read only if this one is full (rarely more than one)
          await context.sync();
          const i = window.values.findIndex((r: unknown[]) => r.every((v) => v === "") || rowKey(r) === key);
          if (i >= 0) target = from + i;
        }
        // A sheet emptied by hand gets its headers back.
        const headers = header && header.values[0]?.every((v: unknown) => v === "") ? writeRow(ws, 0, [...ACK_HEADERS], typed) : undefined;
        const check = writeRow(ws, target, values, typed);
        const back = rowRange(ws, target).load("values");
        // eslint-disable-next-line office-addins/no-context-sync-in-loop -- write and read back, then retry only if a co-author took the row
        await context.sync();
        try {
          if (headers) verifyText(headers);
          if (check) verifyText(check);
        } catch (err) {
          // Text that did not stay text is not left behind.
          rowRange(ws, target).clear("Contents");
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- leaves the loop: the failure is thrown right after
          await context.sync();
          throw err;
        }
        // Ours, unless a co-author's write landed on the same row in between: then try the next.
        if (rowKey(back.values[0] ?? []) === key && back.values[0]?.[3] === ack.justification) return;
        row = target + 1;
      }
      throw new Error(`no free row found after ${ATTEMPTS} tries; other co-authors are writing acknowledgements — try again`);
    }),
  );
}

/** Steps packed into requests of at most `budget` bytes (a step larger than the budget goes alone). */
function requests<T extends { bytes: number }>(steps: readonly T[], budget: number): T[][] {
  const out: T[][] = [];
  let bytes = 0;
  for (const step of steps) {
    const last = out[out.length - 1];
    if (last && bytes + step.bytes <= budget) {
      last.push(step);
      bytes += step.bytes;
    } else {
      out.push([step]);
      bytes = step.bytes;
    }
  }
  return out;
}

/**
 * Records many acknowledgements (e.g. every carried entry confirmed unchanged) with the same
 * co-author safety as acknowledge(), in a bounded number of requests rather than several each:
 *   - the sheet is found (or added) once; the rows acknowledgements hash into are read in one
 *     request (a window more when a probe runs past them, rarely);
 *   - free rows are chosen for all of them at once, in memory: never the same row twice;
 *   - all rows are written, and read back, in as few requests as fit `budget`;
 *   - those a co-author's write displaced are tried again from their next row (at most ATTEMPTS
 *     rounds, each re-reading the rows it probes, as acknowledge() does).
 * The same acknowledgement twice in `acks` is recorded once (the last one).
 */
export function acknowledgeAll(run: ExcelRun, acks: readonly Acknowledgement[], typed = false, slots = ACK_SLOTS, budget = DEFAULT_REQUEST_BYTES): Promise<void> {
  const byKey = new Map<string, Acknowledgement>();
  for (const ack of acks) byKey.set(ackKey(ack.sheet, ack.cell, ack.code), ack);
  if (byKey.size === 0) return Promise.resolve();
  const first = acks[0];
  const place = byKey.size === 1 && first ? { sheet: first.sheet, cell: first.cell } : first ? { sheet: first.sheet } : {};
  return withCode(ACKNOWLEDGE_FAILED, `Could not record the ${byKey.size} acknowledgements`, place, () =>
    run(async (context) => {
      const { ws, fresh } = await ackSheet(context, typed);
      // Where each acknowledgement still to record starts probing.
      let pending = [...byKey.entries()].map(([key, ack]) => ({ key, ack, from: slotOf(key, slots) }));
      for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
        // Rows as read in this round: every row that may be probed, read fresh.
        const known = new Map<number, unknown[]>();
        const read = async (from: number, rows: number): Promise<void> => {
          const range = rowRange(ws, from, rows).load("values");
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one read per round, a window more only when a probe runs past it
          await context.sync();
          range.values.forEach((r: unknown[], i: number) => known.set(from + i, r));
        };
        // Folded, not spread: thousands of pending acknowledgements are too many arguments for Math.min.
        const lowest = pending.reduce((n, p) => Math.min(n, p.from), Infinity);
        const highest = pending.reduce((n, p) => Math.max(n, p.from), -Infinity);
        // The headers (once) and every starting row, plus a window for the probing, in one read.
        const top = fresh || attempt > 0 ? lowest : 0;
        await read(top, highest - top + WINDOW);
        const headerRow = attempt === 0 && !fresh ? known.get(0) : undefined;
        // Free rows for all at once: free or already this acknowledgement's, and not given to another here.
        const taken = new Set<number>();
        const targets: { key: string; ack: Acknowledgement; row: number }[] = [];
        for (const p of pending) {
          let row = p.from;
          for (;;) {
            const values = known.get(row);
            if (values === undefined) {
              // Only when a probe runs past the rows read (rarely more than once).
              await read(row, WINDOW);
              continue;
            }
            if (!taken.has(row) && (values.every((v) => v === "") || rowKey(values) === p.key)) break;
            row++;
          }
          taken.add(row);
          targets.push({ key: p.key, ack: p.ack, row });
        }
        // Writes and read-backs, as many per request as fit the budget (each request queued whole,
        // with no wait in between, then sent).
        const checks: TextCheck[] = [];
        const steps: { bytes: number; queue: () => void }[] = [];
        // A sheet emptied by hand gets its headers back.
        if (headerRow?.every((v) => v === "")) {
          steps.push({
            bytes: estimateBytes(ACK_HEADERS, 4),
            queue: () => {
              const check = writeRow(ws, 0, [...ACK_HEADERS], typed);
              if (check) checks.push(check);
            },
          });
        }
        const backs: Excel.Range[] = [];
        for (const t of targets) {
          const values = rowValues(t.ack);
          steps.push({
            bytes: estimateBytes(values, 5) + typedWriteBytes([values], typed),
            queue: () => {
              const check = writeRow(ws, t.row, values, typed);
              if (check) checks.push(check);
              backs.push(rowRange(ws, t.row).load("values"));
            },
          });
        }
        for (const request of requests(steps, budget)) {
          for (const step of request) step.queue();
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- one request per budget's worth of rows: a few for hundreds
          await context.sync();
        }
        try {
          for (const check of checks) verifyText(check);
        } catch (err) {
          // Text that did not stay text is not left behind: every row this round wrote is cleared.
          for (const t of targets) rowRange(ws, t.row).clear("Contents");
          // eslint-disable-next-line office-addins/no-context-sync-in-loop -- leaves the loop: the failure is thrown right after
          await context.sync();
          throw err;
        }
        // Ours, unless a co-author's write landed on the same row in between: those try the next row.
        pending = targets
          .filter((t, i) => {
            const back = backs[i]?.values[0] ?? [];
            return !(rowKey(back) === t.key && back[3] === t.ack.justification);
          })
          .map((t) => ({ key: t.key, ack: t.ack, from: t.row + 1 }));
        if (pending.length === 0) return;
      }
      throw new Error(`no free row found for ${pending.length} acknowledgement(s) after ${ATTEMPTS} tries; other co-authors are writing acknowledgements — try again`);
    }),
  );
}
