import { ACK_HEADERS, ACK_SHEET, ackKey, type Acknowledgement } from "../core/validation/acknowledgements";
import { rangeA1 } from "./addresses";
import { ACKNOWLEDGE_FAILED, withCode } from "./codes";
import type { ExcelRun } from "./host";
import { verifyText, writeValues } from "./text-writes";

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

export function acknowledge(run: ExcelRun, ack: Acknowledgement, typed = false, slots = ACK_SLOTS): Promise<void> {
  const values = [ack.sheet, ack.cell, ack.code, ack.justification, ack.by ?? "", ack.date ?? ""];
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
