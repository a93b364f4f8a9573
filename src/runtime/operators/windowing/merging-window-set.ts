/**
 * The session windows of one key and the state window of each (Flink's MergingWindowSet). When
 * windows merge, their contents are merged into the state window of one of them, so the
 * namespace holding a session's contents stays stable while the session grows. Persisted per
 * key in the keyed backend (so per key group) as [window, stateWindow] pairs.
 */
import type { MergingWindowAssigner } from "../../../api/windowing/window-assigner.js";
import { rehydrateWindow, type Window } from "../../../api/windowing/windows.js";
import type { KeyedStateBackend, StateTable } from "../../state/keyed-state-backend.js";
import type { Namespace } from "../../state/state-cell.js";

export type MergeFunction<W> = (mergeResult: W, mergedWindows: W[], stateWindowResult: W, mergedStateWindows: W[]) => void;

export class MergingWindowSet<W extends Window> {
  private readonly mapping = new Map<Namespace, { window: W; state: W }>();

  constructor(
    private readonly assigner: MergingWindowAssigner<unknown, W>,
    private readonly ns: (w: W) => Namespace,
    private readonly table: StateTable<[W, W][]>,
    private readonly backend: KeyedStateBackend,
  ) {
    for (const [w, s] of backend.currentGroup(table).get(backend.currentStateKey) ?? []) {
      // After a restore the windows are plain objects until written back.
      const window = rehydrateWindow(w) as W;
      this.mapping.set(ns(window), { window, state: rehydrateWindow(s) as W });
    }
  }

  getStateWindow(window: W): W | undefined {
    return this.mapping.get(this.ns(window))?.state;
  }

  /** The window is gone (fired and cleaned up, or late). */
  retireWindow(window: W): void {
    if (!this.mapping.delete(this.ns(window))) throw new Error(`window ${String(window)} is not in the merging window set`);
  }

  /**
   * Adds a new window, merging it with overlapping ones; returns the window it ended up in.
   * `merge` is called for every merge before the mapping is used again.
   */
  addWindow(newWindow: W, merge: MergeFunction<W>): W {
    const ns = this.ns;
    const windows = [...[...this.mapping.values()].map((m) => m.window), newWindow];
    const results: { result: W; members: W[] }[] = [];
    this.assigner.mergeWindows(windows, (members, result) => results.push({ result, members }));

    const newNs = ns(newWindow);
    let resultWindow = newWindow;
    let mergedNewWindow = false;
    for (const { result, members } of results) {
      // The new window has no state of its own: take it (only it, by identity: an existing
      // window may be equal to it) out of the windows being merged.
      const merged = members.filter((m) => m !== newWindow);
      if (merged.length !== members.length) {
        mergedNewWindow = true;
        resultWindow = result;
      }
      const stateWindow = this.mapping.get(ns(merged[0]!))!.state;
      const mergedStateWindows: W[] = [];
      for (const m of merged) {
        const entry = this.mapping.get(ns(m));
        if (entry) {
          this.mapping.delete(ns(m));
          mergedStateWindows.push(entry.state);
        }
      }
      this.mapping.set(ns(result), { window: result, state: stateWindow });
      const others = mergedStateWindows.filter((s) => ns(s) !== ns(stateWindow));
      // Merging one existing window into itself without growing it changes nothing.
      const noop = merged.length === 1 && ns(merged[0]!) === ns(result);
      if (!noop) merge(result, merged, stateWindow, others);
    }
    if (results.length === 0 || (ns(resultWindow) === newNs && !mergedNewWindow)) {
      this.mapping.set(newNs, { window: resultWindow, state: resultWindow });
    }
    return resultWindow;
  }

  /** Writes the set back to the backend for the current key. */
  persist(): void {
    const group = this.backend.currentGroup(this.table);
    if (this.mapping.size === 0) group.delete(this.backend.currentStateKey);
    else group.set(this.backend.currentStateKey, [...this.mapping.values()].map((m) => [m.window, m.state]));
  }
}
