import { isDateValue, type WorkbookSpec } from "../core/template/spec";
import { dateSystem, probeDateSystem } from "./date-system";
import type { WriteMode } from "./sheet-writes";
import { rangeA1 } from "./addresses";
import { CodedError } from "../core/errors/coded-error";
import { INSERT_FAILED, officeFailure } from "./codes";
import type { Capabilities } from "./capabilities";
import type { ExcelRun } from "./host";
import { canWriteTyped, verifyText, type TextCheck } from "./text-writes";
import { placeSpec, type ExistingName, type Placement } from "./placement";
import { RequestBatch, estimateBytes } from "./request-batch";
import { queueSheetContent, queueSheetSettings } from "./sheet-render";
import type { InsertResult } from "./workspace";

/**
 * Renders a workbook spec into the open workbook as new sheets, matching what write-spec.ts puts
 * in a file. One request reads what exists (a second only when list names collide), then the
 * writes go in as few requests as fit the budget: one for any template.
 */

/** Sheet and workbook-name lookups, plus the values behind list names the spec also defines. */
async function readWorkbook(context: Excel.RequestContext, spec: WorkbookSpec): Promise<{ sheets: string[]; names: ExistingName[]; date1904: boolean; dateUnknown?: string }> {
  const sheets = context.workbook.worksheets.load("items/name");
  const names = context.workbook.names.load("items/name");
  // Days are written as serials of the workbook's own date system, as they are read.
  const probe = probeDateSystem(context);
  await context.sync();
  const { date1904, unread } = dateSystem(probe);
  const wanted = new Set(spec.definedNames.map((n) => n.name.toLowerCase()));
  const clashing = names.items.filter((n) => wanted.has(n.name.toLowerCase()));
  const ranges = clashing.map((n) => ({ name: n.name, range: n.getRangeOrNullObject().load("values") }));
  if (ranges.length > 0) await context.sync();
  const valuesOf = new Map(ranges.map((r) => [r.name, r.range.isNullObject ? undefined : r.range.values]));
  return {
    date1904,
    ...(unread ? { dateUnknown: unread.reason } : {}),
    sheets: sheets.items.map((s) => s.name),
    names: names.items.map((n) => {
      const values = valuesOf.get(n.name);
      return values ? { name: n.name, values } : { name: n.name };
    }),
  };
}

async function queueInsert(context: Excel.RequestContext, plan: Placement, requestBytes: number, mode: WriteMode): Promise<void> {
  const checks: TextCheck[] = [];
  const batch = new RequestBatch(context, requestBytes);
  const sheets = new Map<string, Excel.Worksheet>();
  const blockBytes = Math.max(4_096, Math.floor(requestBytes / 8));
  for (const { spec, actual } of plan.sheets) {
    await batch.add(estimateBytes(actual), () => sheets.set(spec.name, context.workbook.worksheets.add(actual)));
  }
  for (const { spec } of plan.sheets) {
    const ws = sheets.get(spec.name);
    if (ws) await queueSheetContent(batch, ws, spec, blockBytes, mode, checks);
  }
  // Names before validations: a list validation's source refers to its name.
  for (const n of plan.names) {
    if (n.reused) continue;
    const ws = sheets.get(n.spec.sheet);
    if (!ws) continue;
    await batch.add(estimateBytes([n.actual, rangeA1(n.spec.range)]), () => context.workbook.names.add(n.actual, ws.getRange(rangeA1(n.spec.range))));
  }
  const actualName = new Map(plan.names.map((n) => [n.spec.name, n.actual]));
  const listName = (name: string): string => actualName.get(name) ?? name;
  // Conditional fills may compare with another sheet of the spec (a carried entry with its hidden
  // copy): they must name the sheet as placed, "pt_carried (2)" when a pt_carried existed.
  const actualSheet = new Map(plan.sheets.map((s) => [s.spec.name, s.actual]));
  const sheetName = (name: string): string => actualSheet.get(name) ?? name;
  for (const { spec } of plan.sheets) {
    const ws = sheets.get(spec.name);
    if (ws) await queueSheetSettings(batch, ws, spec, listName, sheetName);
  }
  // Protection last: a protected sheet refuses further formatting.
  for (const { spec } of plan.sheets) {
    const ws = sheets.get(spec.name);
    if (!ws || !spec.protect) continue;
    // No password: protection guards catalogue text against slips, not against a determined editor.
    await batch.add(estimateBytes(undefined, 1, 2), () => ws.protection.protect({ allowFormatColumns: true, allowFormatRows: true, selectionMode: "Normal" }));
  }
  await batch.flush();
  // Every string came back as written, or the insert fails (and is undone by the caller).
  for (const check of checks) verifyText(check);
}

/**
 * Removes what a failed insert had added: its defined names, then its sheets, found by the names
 * the plan gave them and that did not exist before. Protected sheets can be deleted as they are.
 */
async function removeAdded(run: ExcelRun, plan: Placement, before: { sheets: readonly string[]; names: readonly ExistingName[] }): Promise<void> {
  const key = (n: string): string => n.toLowerCase();
  const oldSheets = new Set(before.sheets.map(key));
  const oldNames = new Set(before.names.map((n) => key(n.name)));
  const newSheets = new Set(plan.sheets.map((s) => key(s.actual)).filter((n) => !oldSheets.has(n)));
  const newNames = new Set(plan.names.filter((n) => !n.reused).map((n) => key(n.actual)).filter((n) => !oldNames.has(n)));
  await run(async (context) => {
    const sheets = context.workbook.worksheets.load("items/name");
    const names = context.workbook.names.load("items/name");
    await context.sync();
    const doomedNames = names.items.filter((n) => newNames.has(key(n.name)));
    const doomedSheets = sheets.items.filter((s) => newSheets.has(key(s.name)));
    if (doomedNames.length === 0 && doomedSheets.length === 0) return;
    // Names first: they refer into the sheets.
    for (const n of doomedNames) n.delete();
    for (const s of doomedSheets) s.delete();
    await context.sync();
  });
}

/**
 * All or nothing: if any request of the insert fails, the sheets and names it had added are
 * removed again, so the workbook is as before and a retry gets the names the first try would have.
 */
export async function insertSpec(run: ExcelRun, spec: WorkbookSpec, requestBytes: number, can?: Capabilities): Promise<InsertResult> {
  const action = `Could not insert '${spec.title}'`;
  let started: { plan: Placement; before: { sheets: string[]; names: ExistingName[] } } | undefined;
  try {
    return await run(async (context) => {
      const existing = await readWorkbook(context, spec);
      const plan = placeSpec(spec, existing.sheets, existing.names);
      started = { plan, before: existing };
      await queueInsert(context, plan, requestBytes, { typed: canWriteTyped(can), date1904: existing.date1904 });
      const hasDates = spec.sheets.some((s) => s.cells.some((c) => isDateValue(c.value)));
      const dateNote = existing.dateUnknown && hasDates ? [`Dates were written as 1900-system dates: ${existing.dateUnknown.replace(/; dates were read as 1900 dates$/, "")}. Check them.`] : [];
      return { sheets: plan.placed, notes: [...plan.notes, ...dateNote] };
    });
  } catch (err) {
    const failure = officeFailure(INSERT_FAILED, action, err);
    if (!started) throw failure;
    try {
      await removeAdded(run, started.plan, started.before);
    } catch (undo) {
      const left = started.plan.sheets.map((s) => `'${s.actual}'`).join(", ");
      const coded = new CodedError(failure.code, `${failure.message}. Removing what it had added failed too (${officeFailure(INSERT_FAILED, "", undo).message.replace(/^: /, "")}): delete ${left} by hand if they are there`);
      coded.cause = err;
      throw coded;
    }
    const coded = new CodedError(failure.code, `${failure.message}. Nothing was left behind: the sheets and names it had added were removed.`, failure.place);
    coded.cause = failure.cause ?? err;
    throw coded;
  }
}
