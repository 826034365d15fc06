import { useEffect, useRef } from "react";
import type { ExcelWorkspace, WorkbookChange } from "../../excel/workspace";

/** Typing a paragraph fires a change per cell edit; wait for a pause before re-reading the workbook. */
export const LIVE_DEBOUNCE_MS = 800;

/** What changed since the last validation: sheets to read again, sheets that are gone. */
export interface LiveUpdate {
  readonly changed: readonly string[];
  readonly gone: readonly string[];
}

/** Folds one change into the pending update: a rename is the old name gone and the new one to read. */
export function addChange(pending: { changed: Set<string>; gone: Set<string> }, change: WorkbookChange): void {
  const read = (name: string): void => {
    pending.gone.delete(name);
    pending.changed.add(name);
  };
  const drop = (name: string): void => {
    pending.changed.delete(name);
    pending.gone.add(name);
  };
  if (change.kind === "edited") change.sheets.forEach(read);
  else if (change.kind === "added") read(change.sheet);
  else if (change.kind === "deleted") drop(change.sheet);
  else {
    drop(change.from);
    read(change.to);
  }
}

/**
 * While `enabled`, calls `validate()` once at once (the whole workbook) and then, after every pause
 * in changes (local or a co-author's: edits, sheets added, deleted, renamed), `validate(update)`
 * with the sheets to read again and the sheets that are gone. Subscribing, unsubscribing and every
 * failure while handling an event (which Office would only log) go to `fail`, so the pane shows them.
 */
export function useLiveValidation(workspace: ExcelWorkspace, enabled: boolean, validate: (update?: LiveUpdate) => Promise<void>, fail: (e: unknown) => void): void {
  // The latest callbacks, so a re-render does not resubscribe.
  const latest = useRef({ validate, fail });
  latest.current = { validate, fail };

  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let unsubscribe: (() => Promise<void>) | undefined;
    let stopped = false;
    const pending = { changed: new Set<string>(), gone: new Set<string>() };
    const report = (e: unknown): void => {
      if (!stopped) latest.current.fail(e);
    };
    const stop = (off: () => Promise<void>): void => {
      off().catch((e: unknown) => latest.current.fail(e));
    };
    workspace
      .onChanged((change) => {
        addChange(pending, change);
        clearTimeout(timer);
        timer = setTimeout(() => {
          const update = { changed: [...pending.changed], gone: [...pending.gone] };
          pending.changed.clear();
          pending.gone.clear();
          latest.current.validate(update).catch(report);
        }, LIVE_DEBOUNCE_MS);
      }, report)
      .then(
        (off) => {
          if (stopped) stop(off);
          else unsubscribe = off;
        },
        (e: unknown) => latest.current.fail(e),
      );
    latest.current.validate().catch(report);
    return () => {
      stopped = true;
      clearTimeout(timer);
      if (unsubscribe) stop(unsubscribe);
    };
  }, [workspace, enabled]);
}
