/**
 * Timers of a keyed operator (Flink's InternalTimerService), for one time domain.
 *
 * A timer is (key, namespace, timestamp); registering the same one twice keeps one, so it fires
 * exactly once. Timers live in the keyed backend, in a table per domain with one entry per key in
 * that key's key group, so they are snapshotted and rescaled per key group like all keyed state.
 * The entry is the key's single timer (the common case: one window or one deadline per key), or
 * a Map from timestamp to the timers at that time.
 *
 * A heap over all timers of the subtask gives the firing order: by timestamp, then by
 * registration. The heap may hold entries of deleted timers; an entry fires only if the table
 * still holds a timer with its registration number (entries are matched by value, not identity,
 * so backends that store state serialized work too).
 */
import type { Key } from "../../api/functions.js";
import type { KeyedStateBackend, StateMap, StateTable } from "./keyed-state-backend.js";
import type { Namespace } from "./state-cell.js";
import type { StateKey } from "./state-key.js";
import { BinaryHeap } from "./binary-heap.js";

/** Wall-clock time and timers of a task, as operators and the timer service see them. */
export interface ProcessingTimeService {
  now(): number;
  /** Runs `callback` at (or soon after) wall-clock time `timestamp`; returns a cancel function. */
  setTimer(timestamp: number, callback: (timestamp: number) => void): () => void;
  /** Runs `callback` every `intervalMs`; returns a cancel function. */
  scheduleAtFixedRate(intervalMs: number, callback: () => void): () => void;
}

export interface Timer<N> {
  readonly timestamp: number;
  readonly key: Key;
  readonly namespace: N;
  /** The namespace as a primitive, to compare timers by value. */
  readonly ns: Namespace;
  /** Registration number: orders equal timestamps and tells a live timer from a deleted one. */
  readonly seq: number;
}

/**
 * Per key: its one timer (the common case: one window or one deadline per key), a short array
 * (a scan beats hashing for a few timers), or, past ARRAY_LIMIT timers, timestamp → timers.
 */
type KeyTimers<N> = Timer<N> | Timer<N>[] | Map<number, Timer<N>[]>;
const ARRAY_LIMIT = 32;

function findTimer<N>(cur: KeyTimers<N>, timestamp: number, ns: Namespace): Timer<N> | undefined {
  if (cur instanceof Map) return cur.get(timestamp)?.find((t) => t.ns === ns);
  if (Array.isArray(cur)) {
    for (let i = 0; i < cur.length; i++) {
      const t = cur[i]!;
      if (t.timestamp === timestamp && t.ns === ns) return t;
    }
    return undefined;
  }
  return cur.timestamp === timestamp && cur.ns === ns ? cur : undefined;
}

/** `cur` with `timer` added (a new value when the form changes). */
function withTimer<N>(cur: KeyTimers<N> | undefined, timer: Timer<N>): KeyTimers<N> {
  if (cur === undefined) return timer;
  if (cur instanceof Map) {
    const atTime = cur.get(timer.timestamp);
    if (atTime) atTime.push(timer);
    else cur.set(timer.timestamp, [timer]);
    return cur;
  }
  if (!Array.isArray(cur)) return [cur, timer];
  if (cur.length < ARRAY_LIMIT) {
    cur.push(timer);
    return cur;
  }
  const byTime = new Map<number, Timer<N>[]>();
  for (const t of [...cur, timer]) withTimer(byTime, t);
  return byTime;
}

/** `cur` without `timer` (undefined when none is left). */
function withoutTimer<N>(cur: KeyTimers<N>, timer: Timer<N>): KeyTimers<N> | undefined {
  if (cur instanceof Map) {
    const atTime = cur.get(timer.timestamp)!;
    atTime.splice(atTime.indexOf(timer), 1);
    if (atTime.length === 0) cur.delete(timer.timestamp);
    return cur.size === 0 ? undefined : cur;
  }
  if (Array.isArray(cur)) {
    cur.splice(cur.indexOf(timer), 1);
    return cur.length === 0 ? undefined : cur.length === 1 ? cur[0] : cur;
  }
  return undefined;
}

/** A copy of the containers of a key's timers, sharing the (immutable) Timer objects. */
function copyKeyTimers<N>(cur: KeyTimers<N>): KeyTimers<N> {
  if (cur instanceof Map) return new Map([...cur].map(([ts, timers]) => [ts, timers.slice()]));
  return Array.isArray(cur) ? cur.slice() : cur;
}

function allTimers<N>(cur: KeyTimers<N>): Timer<N>[] {
  if (cur instanceof Map) return [...cur.values()].flat();
  return Array.isArray(cur) ? cur : [cur];
}

export type TimeDomain = "event" | "processing";

export class TimerService<N> {
  private readonly table: StateTable<KeyTimers<N>>;
  private heap = TimerService.newHeap<N>();
  private seq = 0;
  private live = 0;
  private firing = false;
  /** Processing time: the wall-clock timer armed for the earliest timer, if any. */
  private armedAt = Number.POSITIVE_INFINITY;
  private disarm: (() => void) | undefined;

  constructor(
    private readonly backend: KeyedStateBackend,
    readonly domain: TimeDomain,
    /** Called with the key of the timer set as the backend's current key. */
    private readonly onTimer: (timer: Timer<N>) => void,
    private readonly nsOf: (namespace: N) => Namespace,
    private readonly clock?: ProcessingTimeService,
    name = "",
  ) {
    const table = `_timers:${domain}${name ? ":" + name : ""}`;
    // Copy-on-write snapshots need not copy Timer objects: they are never modified.
    backend.setValueCopy?.(table, copyKeyTimers as (value: unknown) => unknown);
    this.table = backend.table<KeyTimers<N>>(table);
  }

  private static newHeap<N>(): BinaryHeap<Timer<N>> {
    return new BinaryHeap<Timer<N>>((a, b) => a.timestamp < b.timestamp || (a.timestamp === b.timestamp && a.seq < b.seq));
  }

  /** Number of pending timers. */
  get size(): number {
    return this.live;
  }

  /** Registers a timer for the backend's current key. */
  register(namespace: N, timestamp: number): void {
    const ns = this.nsOf(namespace);
    const sk = this.backend.currentStateKey;
    // Windows register the same timer twice per element (trigger, cleanup): skip the lookup then.
    if (this.lastVersion === this.version && this.lastSk === sk && this.lastTs === timestamp && this.lastNs === ns) return;
    this.lastVersion = this.version;
    this.lastSk = sk;
    this.lastTs = timestamp;
    this.lastNs = ns;
    const group = this.backend.currentGroup(this.table);
    const cur = group.get(sk);
    if (cur !== undefined && findTimer(cur, timestamp, ns)) return;
    const timer = this.make(namespace, ns, timestamp);
    const next = withTimer(cur, timer);
    if (next !== cur) group.set(sk, next);
    this.heap.push(timer);
    this.live++;
    if (this.domain === "processing") this.arm();
  }

  /** The last timer registered (or found registered), valid while no timer was removed since. */
  private lastSk: StateKey | undefined;
  private lastTs = Number.NaN;
  private lastNs: Namespace | undefined;
  private lastVersion = -1;
  private version = 0;

  private make(namespace: N, ns: Namespace, timestamp: number): Timer<N> {
    return { timestamp, key: this.backend.getCurrentKey(), namespace, ns, seq: this.seq++ };
  }

  /** Deletes a timer of the backend's current key; nothing happens when there is none. */
  delete(namespace: N, timestamp: number): void {
    const group = this.backend.currentGroup(this.table);
    if (!this.remove(group, this.backend.currentStateKey, timestamp, this.nsOf(namespace))) return;
    // Deleted timers stay in the heap until they surface; don't let them pile up.
    if (this.heap.size > 1024 && this.heap.size > 4 * this.live) this.rebuildHeap();
  }

  /** Removes the timer from the table; returns it when there was one. */
  private remove(group: StateMap<KeyTimers<N>>, sk: StateKey, timestamp: number, ns: Namespace): Timer<N> | undefined {
    const cur = group.get(sk);
    const found = cur === undefined ? undefined : findTimer(cur, timestamp, ns);
    if (!found) return undefined;
    this.version++;
    const next = withoutTimer(cur!, found);
    if (next === undefined) group.delete(sk);
    else if (next !== cur) group.set(sk, next);
    this.live--;
    return found;
  }

  /**
   * Fires, in order, every timer with timestamp <= `time`, including timers that firing
   * registers at or before `time` (a watermark jump fires everything it passes, once each).
   */
  advance(time: number): void {
    if (this.firing) return; // a timer callback moving time again is handled by the running loop
    this.firing = true;
    try {
      for (;;) {
        const next = this.heap.peek();
        if (!next || next.timestamp > time) break;
        this.heap.pop();
        this.backend.setCurrentKey(next.key);
        const group = this.backend.currentGroup(this.table);
        const sk = this.backend.currentStateKey;
        const cur = group.get(sk);
        // Only if this very registration is still there (not deleted, not deleted and registered again).
        const live = cur === undefined ? undefined : findTimer(cur, next.timestamp, next.ns);
        if (!live || live.seq !== next.seq) continue;
        this.remove(group, sk, next.timestamp, next.ns);
        // The heap's own object: on a backend that stores state serialized (lmdb) `live` is a
        // copy whose namespace (a window) lost its class.
        this.onTimer(next);
      }
    } finally {
      this.firing = false;
    }
  }

  /** The earliest pending timestamp (possibly of a deleted timer), or +Infinity. */
  nextTimestamp(): number {
    return this.heap.peek()?.timestamp ?? Number.POSITIVE_INFINITY;
  }

  /** Processing time: keeps one wall-clock timer armed for the earliest pending timer. */
  private arm(): void {
    const clock = this.clock!;
    const next = this.nextTimestamp();
    if (next >= this.armedAt) return;
    this.disarm?.();
    this.armedAt = next;
    this.disarm = clock.setTimer(next, () => {
      this.armedAt = Number.POSITIVE_INFINITY;
      this.disarm = undefined;
      this.advance(clock.now());
      if (this.live > 0) this.arm();
    });
  }

  /** Stops the wall-clock timer (operator closing). */
  stop(): void {
    this.disarm?.();
    this.disarm = undefined;
    this.armedAt = Number.POSITIVE_INFINITY;
  }

  /** The heap from the table: after a restore, or to drop entries of deleted timers. */
  private rebuildHeap(rehydrate?: (namespace: N) => N): void {
    this.heap = TimerService.newHeap<N>();
    this.live = 0;
    for (const group of this.table.groups) {
      for (const [sk, cur] of [...group.entries()]) {
        const timers = allTimers(cur).map((t) => this.track(t, rehydrate));
        // Restored namespaces are new objects: store the timers that hold them.
        if (rehydrate) group.set(sk, timers.slice(1).reduce<KeyTimers<N>>((acc, t) => withTimer(acc, t), timers[0]!));
      }
    }
  }

  private track(t: Timer<N>, rehydrate?: (namespace: N) => N): Timer<N> {
    const timer = rehydrate ? { ...t, namespace: rehydrate(t.namespace) } : t;
    this.heap.push(timer);
    this.live++;
    if (timer.seq >= this.seq) this.seq = timer.seq + 1;
    return timer;
  }

  /**
   * After a restore: the timers are back in the backend's table (per key group) but not in the
   * firing order. Rebuilds it, in the original registration order per timestamp; `rehydrate`
   * turns deserialized namespaces (plain objects) back into what the operator uses.
   */
  restore(rehydrate: (namespace: N) => N = (n) => n): void {
    this.rebuildHeap(rehydrate);
    if (this.domain === "processing" && this.live > 0) this.arm();
  }

  /** Every pending timer (for tests). */
  *timers(): IterableIterator<Timer<N>> {
    for (const group of this.table.groups) for (const cur of group.values()) yield* allTimers(cur);
  }
}
