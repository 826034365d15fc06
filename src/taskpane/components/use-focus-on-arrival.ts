import { useCallback, useEffect, useRef, useState, type RefObject } from "react";

/**
 * Moves keyboard focus to results when they arrive, so a keyboard or screen-reader user lands on
 * them rather than staying on the button far above. `arrived()` after the results are set; the
 * element (with tabIndex -1 and a name) is focused once it has rendered.
 */
export function useFocusOnArrival<T extends HTMLElement>(): { readonly ref: RefObject<T>; readonly arrived: () => void } {
  const ref = useRef<T>(null);
  const [arrivals, setArrivals] = useState(0);
  useEffect(() => {
    if (arrivals > 0) ref.current?.focus();
  }, [arrivals]);
  const arrived = useCallback(() => setArrivals((n) => n + 1), []);
  return { ref, arrived };
}
