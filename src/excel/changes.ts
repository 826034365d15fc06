import { CHANGES_FAILED, withCode } from "./codes";
import type { ExcelRun } from "./host";

/**
 * Reports which sheets changed, for local and co-author edits alike (worksheets.onChanged fires for
 * both). The event names a sheet by id, so each event looks its name up: a renamed sheet is
 * reported by its current name. Debouncing is the caller's.
 */
export async function watchChanges(run: ExcelRun, handler: (sheets: readonly string[]) => void): Promise<() => Promise<void>> {
  const onChanged = async (args: Excel.WorksheetChangedEventArgs): Promise<void> => {
    // A failure here rejects the handler's promise, which Office's event dispatcher receives.
    const name = await withCode(CHANGES_FAILED, "Could not name the changed sheet", {}, () =>
      run(async (context) => {
        const ws = context.workbook.worksheets.getItem(args.worksheetId).load("name");
        await context.sync();
        return ws.name;
      }),
    );
    handler([name]);
  };
  const subscription = await withCode(CHANGES_FAILED, "Could not watch the workbook for changes", {}, () =>
    run(async (context) => {
      const result = context.workbook.worksheets.onChanged.add(onChanged);
      await context.sync();
      return result;
    }),
  );
  let removed = false;
  return async () => {
    if (removed) return;
    // The handler can only be removed through the context that added it.
    await withCode(CHANGES_FAILED, "Could not stop watching the workbook", {}, () =>
      run(async (context) => {
        subscription.remove();
        await context.sync();
      }, subscription.context as Excel.RequestContext),
    );
    removed = true;
  };
}
