/**
 * Live data by polling (Flink's dashboard polls too): load now, then again every refresh interval,
 * keeping the last good answer on screen while a refresh fails. Requests of a previous key are
 * discarded, so switching pages never shows another job's data.
 */
import { useCallback, useEffect, useRef, useState } from "react";
import { useDashboardConfig } from "./use-dashboard-config";

export interface Polled<T> {
  data: T | undefined;
  error: Error | undefined;
  /** Load again now (after an action such as cancel). */
  refresh: () => void;
}

export function usePoll<T>(load: () => Promise<T>, key: string, options: { intervalMs?: number; enabled?: boolean } = {}): Polled<T> {
  const config = useDashboardConfig();
  const interval = options.intervalMs ?? config.refreshMs;
  const enabled = options.enabled ?? true;
  const [state, setState] = useState<{ key: string; data?: T; error?: Error }>({ key });
  const loadRef = useRef(load);
  loadRef.current = load;
  const [tick, setTick] = useState(0);
  const refresh = useCallback(() => setTick((t) => t + 1), []);

  useEffect(() => {
    if (!enabled) return;
    let alive = true;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const run = async (): Promise<void> => {
      try {
        const data = await loadRef.current();
        if (alive) setState({ key, data });
      } catch (e) {
        if (alive) setState((s) => ({ key, data: s.key === key ? s.data : undefined, error: e instanceof Error ? e : new Error(String(e)) }));
      }
      // Schedule after the answer, not on a fixed clock: a slow server is never flooded.
      if (alive) timer = setTimeout(run, interval);
    };
    void run();
    return () => {
      alive = false;
      clearTimeout(timer);
    };
  }, [key, interval, enabled, tick]);

  const current = state.key === key;
  return { data: current ? state.data : undefined, error: current ? state.error : undefined, refresh };
}
