/**
 * The merging windows (sessions) of the current key and the state window of each (Flink's
 * MergingWindowSet). When windows merge, their contents are merged into the state window of one of
 * them, so the namespace holding a session's contents stays stable while the session grows.
 *
 * Namespaces are numbers this set hands out, not strings made from the window
 * (docs/state-and-time.md, "Window namespaces"): every window that enters the set, on its own or
 * as the result of a merge, gets a fresh id, the namespace of its trigger state, window state and
 * timers; its contents live under the id of its state window. Ids come from one counter per
 * operator instance, so an id names one window for good and a timer or state entry left behind by
 * a window can never be taken for another's.
 *
 * The set of a key is stored in the keyed backend (so per key group) as a KeyWindowSet: the live
 * object on the heap backend, a cached live object on LMDB, a plain object after a restore or an
 * LMDB read (then given its class back once). It is changed in place per element, not rebuilt:
 * for session windows (TimeWindows) the entries are kept sorted by start and pairwise apart, so a
 * new window merges with the contiguous run of entries it intersects, found by a scan that stops
 * at the first entry past it. Other merging assigners get the general path: their mergeWindows()
 * over all windows of the key and the new one, as Flink does on every element.
 */
import type { MergingWindowAssigner } from "../../../api/windowing/window-assigner.js";
import { rehydrateWindow, TimeWindow, type Window } from "../../../api/windowing/windows.js";
import type { KeyedStateBackend, StateMap, StateTable } from "../../state/keyed-state-backend.js";

export interface WindowEntry<W extends Window> {
  window: W;
  /** Namespace of the window: trigger state, window state, timers. */
  id: number;
  /** The window whose namespace holds the contents (the first window of the merged ones). */
  state: W;
  /** Namespace of the contents. */
  stateId: number;
}

/** What one key stores. */
export class KeyWindowSet<W extends Window> {
  /** For TimeWindows: sorted by start, no two intersecting. */
  entries: WindowEntry<W>[] = [];
}

/**
 * Called for every merge before the set is used again: `result` (a new entry) replaces `merged`
 * (entries no longer in the set); `mergedStateIds` are the namespaces whose contents go into
 * result.stateId. The arrays are only valid during the call.
 */
export type MergeFunction<W extends Window> = (result: WindowEntry<W>, merged: readonly WindowEntry<W>[], mergedStateIds: readonly number[]) => void;

const NONE: readonly number[] = [];

export class MergingWindowSet<W extends Window> {
  /** The next namespace id (see restoreIds()). */
  private nextId = 0;
  private current: KeyWindowSet<W> | undefined;
  private group: StateMap<KeyWindowSet<W>> | undefined;
  /** Whether the assigner's windows are TimeWindows merged as sessions are (intersecting or adjacent). */
  private readonly sessions: boolean;
  private readonly single: WindowEntry<W>[] = [];

  constructor(
    private readonly assigner: MergingWindowAssigner<unknown, W>,
    private readonly table: StateTable<KeyWindowSet<W>>,
    private readonly backend: KeyedStateBackend,
  ) {
    this.sessions = assigner.mergesAsSessions();
  }

  /** The set of the backend's current key (call after every setCurrentKey). */
  load(): void {
    const group = this.backend.currentGroup(this.table);
    const sk = this.backend.currentStateKey;
    let set = group.get(sk);
    if (set !== undefined && !(set instanceof KeyWindowSet)) {
      set = revive(set);
      group.set(sk, set);
    }
    this.group = group;
    this.current = set;
  }

  /** The entries of the current key (read-only). */
  entries(): readonly WindowEntry<W>[] {
    return this.current?.entries ?? [];
  }

  /** The entry of the window with namespace `id`, if it is still in the set. */
  byId(id: number): WindowEntry<W> | undefined {
    const entries = this.current?.entries;
    if (entries) for (let i = 0; i < entries.length; i++) if (entries[i]!.id === id) return entries[i];
    return undefined;
  }

  /** The window is gone (fired and cleaned up, or late). */
  retire(entry: WindowEntry<W>): void {
    const entries = this.current?.entries;
    const i = entries ? entries.indexOf(entry) : -1;
    if (i < 0) throw new Error(`window ${String(entry.window)} is not in the merging window set`);
    entries!.splice(i, 1);
    // An empty set would keep the key alive in snapshots forever.
    if (entries!.length === 0) {
      this.group!.delete(this.backend.currentStateKey);
      this.current = undefined;
    }
  }

  /**
   * Adds a new window, merging it with the windows it overlaps; returns the entry it ended up in.
   * `merge` is called for every merge, with Flink's arguments and in Flink's order.
   */
  addWindow(window: W, merge: MergeFunction<W>): WindowEntry<W> {
    let set = this.current;
    if (set === undefined) {
      set = this.current = new KeyWindowSet<W>();
      this.group!.set(this.backend.currentStateKey, set);
    }
    return this.sessions ? this.addSession(set.entries, window, merge) : this.addGeneral(set.entries, window, merge);
  }

  /** Sessions: the entries [first, last) that intersect the new window become one. */
  private addSession(entries: WindowEntry<W>[], window: W, merge: MergeFunction<W>): WindowEntry<W> {
    const w = window as unknown as TimeWindow;
    let first = 0;
    while (first < entries.length && (entries[first]!.window as unknown as TimeWindow).end < w.start) first++;
    let last = first;
    while (last < entries.length && (entries[last]!.window as unknown as TimeWindow).start <= w.end) last++;
    if (first === last) {
      const entry = this.fresh(window);
      entries.splice(first, 0, entry);
      return entry;
    }
    const head = entries[first]!;
    const headWindow = head.window as unknown as TimeWindow;
    const tailWindow = entries[last - 1]!.window as unknown as TimeWindow;
    // A new window inside one existing window changes nothing (Flink: no merge call).
    if (last - first === 1 && headWindow.start <= w.start && headWindow.end >= w.end) return head;
    const start = Math.min(w.start, headWindow.start);
    const end = Math.max(w.end, tailWindow.end);
    const result: WindowEntry<W> = { window: new TimeWindow(start, end) as unknown as W, id: this.nextId++, state: head.state, stateId: head.stateId };
    if (last - first === 1) {
      // The common case, a session growing: no arrays (`merge` does not keep its arguments).
      entries[first] = result;
      this.single[0] = head;
      merge(result, this.single, NONE);
      return result;
    }
    const merged = entries.splice(first, last - first, result);
    merge(result, merged, stateIdsBut(merged, head.stateId));
    return result;
  }

  /** Any merging assigner: its mergeWindows() over every window of the key and the new one. */
  private addGeneral(entries: WindowEntry<W>[], window: W, merge: MergeFunction<W>): WindowEntry<W> {
    const groups: { members: W[]; result: W }[] = [];
    this.assigner.mergeWindows([...entries.map((e) => e.window), window], (members, result) => groups.push({ members, result }));
    let resultEntry: WindowEntry<W> | undefined;
    for (const { members, result } of groups) {
      // The new window has no state of its own: only it (by identity: an existing window may
      // equal it) leaves the windows being merged.
      const merged = members.filter((m) => m !== window).map((m) => entries.find((e) => e.window === m)!);
      const containsNew = merged.length !== members.length;
      const head = merged[0]!;
      for (const m of merged) entries.splice(entries.indexOf(m), 1);
      // Merging one existing window into a window equal to it changes nothing.
      if (merged.length === 1 && sameWindow(this.assigner, head.window, result)) {
        entries.push(head);
        if (containsNew) resultEntry = head;
        continue;
      }
      const entry: WindowEntry<W> = { window: result, id: this.nextId++, state: head.state, stateId: head.stateId };
      entries.push(entry);
      if (containsNew) resultEntry = entry;
      merge(entry, merged, stateIdsBut(merged, head.stateId));
    }
    if (resultEntry) return resultEntry;
    const entry = this.fresh(window);
    entries.push(entry);
    return entry;
  }

  private fresh(window: W): WindowEntry<W> {
    const id = this.nextId++;
    return { window, id, state: window, stateId: id };
  }

  /**
   * After a restore: ids continue above every id in the restored sets, so new windows never
   * share a namespace with a restored one of the same key.
   */
  restoreIds(): void {
    let max = -1;
    for (const group of this.table.groups) {
      for (const set of group.values()) {
        checkStoredSet(set);
        for (const e of set.entries) max = Math.max(max, e.id, e.stateId);
      }
    }
    this.nextId = Math.max(this.nextId, max + 1);
  }
}

function stateIdsBut(merged: readonly WindowEntry<Window>[], stateId: number): readonly number[] {
  if (merged.length === 1) return NONE;
  const ids: number[] = [];
  for (const m of merged) if (m.stateId !== stateId) ids.push(m.stateId);
  return ids;
}

function sameWindow<W extends Window>(assigner: MergingWindowAssigner<unknown, W>, a: W, b: W): boolean {
  return a === b || assigner.namespace(a) === assigner.namespace(b);
}

/** A set read back from a snapshot or from LMDB: plain objects, given their classes back. */
function revive<W extends Window>(stored: KeyWindowSet<W>): KeyWindowSet<W> {
  checkStoredSet(stored);
  const set = new KeyWindowSet<W>();
  set.entries = stored.entries.map((e) => ({
    window: rehydrateWindow(e.window) as W,
    id: e.id,
    state: rehydrateWindow(e.state) as W,
    stateId: e.stateId,
  }));
  return set;
}

/**
 * Sets written before window namespaces were numbers are [window, state window] pairs without
 * ids: their contents are under string namespaces this operator no longer reads.
 */
function checkStoredSet(stored: unknown): void {
  if (!Array.isArray((stored as Partial<KeyWindowSet<Window>>).entries)) {
    throw new Error(
      "the checkpoint holds session-window state in the format of an earlier Sluice version (window pairs with string namespaces), " +
        "which this version cannot read: start the job without that checkpoint or savepoint (or drain the windows first with `sluice stop --drain` on the earlier version)",
    );
  }
}
