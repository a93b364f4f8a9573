/** A list of strings kept in localStorage under `key` (the metrics a user picked stay picked on reload, as in Flink). */
import { useCallback, useState } from "react";

function read(key: string): string[] {
  try {
    const v: unknown = JSON.parse(localStorage.getItem(key) ?? "[]");
    return Array.isArray(v) ? v.filter((x): x is string => typeof x === "string") : [];
  } catch {
    return [];
  }
}

export function useStoredList(key: string): [string[], (next: string[]) => void] {
  const [state, setState] = useState<{ key: string; list: string[] }>(() => ({ key, list: read(key) }));
  const list = state.key === key ? state.list : read(key);
  const set = useCallback(
    (next: string[]) => {
      setState({ key, list: next });
      try {
        localStorage.setItem(key, JSON.stringify(next));
      } catch {
        // Storage full or disabled: the choice lasts for this page only.
      }
    },
    [key],
  );
  return [list, set];
}
