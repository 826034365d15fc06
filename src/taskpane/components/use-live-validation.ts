import { useEffect, useRef } from "react";
import type { ExcelWorkspace } from "../../excel/workspace";

/** Typing a paragraph fires a change per cell edit; wait for a pause before re-reading the workbook. */
export const LIVE_DEBOUNCE_MS = 800;

/**
 * While `enabled`, calls `validate()` once at once (the whole workbook) and then, after every pause
 * in edits (local or a co-author's), `validate(changedSheets)` with the sheets edited since the last
 * call. Subscribing and unsubscribing are Office calls: their failures go to `fail`.
 */
export function useLiveValidation(workspace: ExcelWorkspace, enabled: boolean, validate: (changed?: readonly string[]) => Promise<void>, fail: (e: unknown) => void): void {
  // The latest callbacks, so a re-render does not resubscribe.
  const latest = useRef({ validate, fail });
  latest.current = { validate, fail };

  useEffect(() => {
    if (!enabled) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    let unsubscribe: (() => Promise<void>) | undefined;
    let stopped = false;
    const changed = new Set<string>();
    const stop = (off: () => Promise<void>): void => {
      off().catch((e: unknown) => latest.current.fail(e));
    };
    workspace
      .onChanged((sheets) => {
        for (const s of sheets) changed.add(s);
        clearTimeout(timer);
        timer = setTimeout(() => {
          const names = [...changed];
          changed.clear();
          void latest.current.validate(names);
        }, LIVE_DEBOUNCE_MS);
      })
      .then(
        (off) => {
          if (stopped) stop(off);
          else unsubscribe = off;
        },
        (e: unknown) => latest.current.fail(e),
      );
    void latest.current.validate();
    return () => {
      stopped = true;
      clearTimeout(timer);
      if (unsubscribe) stop(unsubscribe);
    };
  }, [workspace, enabled]);
}
