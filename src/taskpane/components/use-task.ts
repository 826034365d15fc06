import { useCallback, useEffect, useRef, useState } from "react";
import { toPaneError, type PaneError } from "../errors";

export interface Task {
  readonly busy: boolean;
  readonly error: PaneError | undefined;
  /**
   * Runs the work, marking the view busy; any failure becomes `error` (shown, never swallowed).
   * Resolves true when the work succeeded. A user's action clears the last error first; background
   * work (live validation) passes `{ background: true }` so it never hides an error nobody has read.
   */
  run(work: () => Promise<void>, options?: { readonly background?: boolean }): Promise<boolean>;
  fail(error: unknown): void;
  clearError(): void;
}

/** Busy and error state for a view's actions. */
export function useTask(): Task {
  const [busy, setBusy] = useState(0);
  const [error, setError] = useState<PaneError>();
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);
  const fail = useCallback((e: unknown) => {
    if (mounted.current) setError(toPaneError(e));
  }, []);
  const run = useCallback(
    async (work: () => Promise<void>, options?: { readonly background?: boolean }) => {
      setBusy((n) => n + 1);
      if (!options?.background) setError(undefined);
      try {
        await work();
        return true;
      } catch (e) {
        fail(e);
        return false;
      } finally {
        if (mounted.current) setBusy((n) => n - 1);
      }
    },
    [fail],
  );
  const clearError = useCallback(() => setError(undefined), []);
  return { busy: busy > 0, error, run, fail, clearError };
}
