import { CHANGES_FAILED, withCode } from "./codes";
import { HIGHLIGHT_SHEET } from "./highlights";
import type { Capabilities } from "./capabilities";
import type { ExcelRun } from "./host";
import type { WorkbookChange } from "./workspace";

/**
 * Reports what changed in the workbook, for local and co-author edits alike: cells edited
 * (worksheets.onChanged), sheets added and deleted (onAdded, onDeleted: ExcelApi 1.7), and sheets
 * renamed (onNameChanged, only where ExcelApi 1.17 is supported). Events name a sheet by id: the
 * watcher keeps each id's last known name, so a deleted sheet is reported by the name it had, and
 * an edit on a sheet renamed unseen (no onNameChanged) is reported as a rename first.
 *
 * Office swallows whatever an event handler throws (it is logged, never shown), so nothing thrown
 * here or in `handler` leaves the watcher: every failure goes to `fail`, coded.
 */


export async function watchChanges(run: ExcelRun, can: Capabilities, handler: (change: WorkbookChange) => void, fail: (error: unknown) => void): Promise<() => Promise<void>> {
  const names = new Map<string, string>();
  const guarded =
    <A>(what: string, body: (args: A) => Promise<void>) =>
    async (args: A): Promise<void> => {
      try {
        await withCode(CHANGES_FAILED, what, {}, () => body(args));
      } catch (err) {
        fail(err);
      }
    };
  const nameOf = (worksheetId: string): Promise<string> =>
    run(async (context) => {
      const ws = context.workbook.worksheets.getItem(worksheetId).load("name");
      await context.sync();
      return ws.name;
    });

  const onChanged = guarded<Excel.WorksheetChangedEventArgs>("Could not name the changed sheet", async (args) => {
    const name = await nameOf(args.worksheetId);
    const known = names.get(args.worksheetId);
    names.set(args.worksheetId, name);
    if (known !== undefined && known !== name) handler({ kind: "renamed", from: known, to: name });
    // The highlights' own bookkeeping holds nothing to validate.
    if (name !== HIGHLIGHT_SHEET) handler({ kind: "edited", sheets: [name] });
  });
  const onAdded = guarded<Excel.WorksheetAddedEventArgs>("Could not name the added sheet", async (args) => {
    const name = await nameOf(args.worksheetId);
    names.set(args.worksheetId, name);
    handler({ kind: "added", sheet: name });
  });
  const onDeleted = guarded<Excel.WorksheetDeletedEventArgs>("Could not follow a deleted sheet", async (args) => {
    const name = names.get(args.worksheetId);
    names.delete(args.worksheetId);
    if (name !== undefined) handler({ kind: "deleted", sheet: name });
  });
  const onRenamed = guarded<Excel.WorksheetNameChangedEventArgs>("Could not follow a renamed sheet", async (args) => {
    names.set(args.worksheetId, args.nameAfter);
    handler({ kind: "renamed", from: args.nameBefore, to: args.nameAfter });
  });

  const renames = can.has("renameEvent");
  const subscriptions = await withCode(CHANGES_FAILED, "Could not watch the workbook for changes", {}, () =>
    run(async (context) => {
      const sheets = context.workbook.worksheets.load("items/id,items/name");
      const wb = context.workbook.worksheets;
      const added = [wb.onChanged.add(onChanged), wb.onAdded.add(onAdded), wb.onDeleted.add(onDeleted), ...(renames ? [wb.onNameChanged.add(onRenamed)] : [])];
      await context.sync();
      for (const s of sheets.items) names.set(s.id, s.name);
      return added;
    }),
  );
  let removed = false;
  return async () => {
    if (removed) return;
    const first = subscriptions[0];
    // Handlers can only be removed through the context that added them.
    await withCode(CHANGES_FAILED, "Could not stop watching the workbook", {}, () =>
      run(async (context) => {
        for (const s of subscriptions) s.remove();
        await context.sync();
      }, first?.context as Excel.RequestContext),
    );
    removed = true;
  };
}
