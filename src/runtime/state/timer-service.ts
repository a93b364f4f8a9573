/**
 * Timers of a keyed operator (Flink's InternalTimerService), for one time domain.
 *
 * A timer is (key, namespace, timestamp); registering the same one twice keeps one, so it fires
 * exactly once. Timers live in the keyed backend, in a table per domain with one entry per key in
 * that key's key group, so they are snapshotted and rescaled per key group like all keyed state.
 * A heap over all timers of the subtask gives the firing order: by timestamp, then by
 * registration. Deleting a timer removes it from its table and marks it cancelled; the heap
 * drops cancelled entries when they surface (and in bulk when they pile up).
 */
import type { Key } from "../../api/functions.js";
import type { HeapKeyedStateBackend, StateTable } from "./heap-keyed-state-backend.js";
import type { Namespace } from "./state-cell.js";
import { BinaryHeap } from "./binary-heap.js";
import type { ProcessingTimeService } from "../operators/stream-operator.js";

export interface Timer<N> {
  readonly timestamp: number;
  readonly key: Key;
  readonly namespace: N;
  /** The namespace as a primitive, to compare timers by value. */
  readonly ns: Namespace;
  /** Registration order, to break timestamp ties deterministically. */
  readonly seq: number;
  cancelled: boolean;
}

/** Per key: timestamp → the timers at that time (usually one, more with several namespaces). */
type KeyTimers<N> = Map<number, Timer<N>[]>;

export type TimeDomain = "event" | "processing";

export class TimerService<N> {
  private readonly table: StateTable<KeyTimers<N>>;
  private readonly heap = new BinaryHeap<Timer<N>>((a, b) => a.timestamp < b.timestamp || (a.timestamp === b.timestamp && a.seq < b.seq));
  private seq = 0;
  private live = 0;
  private firing = false;
  /** Processing time: the wall-clock timer armed for the earliest timer, if any. */
  private armedAt = Number.POSITIVE_INFINITY;
  private disarm: (() => void) | undefined;

  constructor(
    private readonly backend: HeapKeyedStateBackend,
    readonly domain: TimeDomain,
    /** Called with the key of the timer set as the backend's current key. */
    private readonly onTimer: (timer: Timer<N>) => void,
    private readonly nsOf: (namespace: N) => Namespace,
    private readonly clock?: ProcessingTimeService,
    name = "",
  ) {
    this.table = backend.table<KeyTimers<N>>(`_timers:${domain}${name ? ":" + name : ""}`);
  }

  /** Number of pending timers. */
  get size(): number {
    return this.live;
  }

  /** Registers a timer for the backend's current key. */
  register(namespace: N, timestamp: number): void {
    const ns = this.nsOf(namespace);
    const group = this.backend.currentGroup(this.table);
    const sk = this.backend.currentStateKey;
    let perKey = group.get(sk);
    if (!perKey) group.set(sk, (perKey = new Map()));
    let atTime = perKey.get(timestamp);
    if (atTime) {
      for (const t of atTime) if (t.ns === ns) return;
    } else perKey.set(timestamp, (atTime = []));
    const timer: Timer<N> = { timestamp, key: this.backend.getCurrentKey(), namespace, ns, seq: this.seq++, cancelled: false };
    atTime.push(timer);
    this.heap.push(timer);
    this.live++;
    if (this.domain === "processing") this.arm();
  }

  /** Deletes a timer of the backend's current key; nothing happens when there is none. */
  delete(namespace: N, timestamp: number): void {
    const ns = this.nsOf(namespace);
    const group = this.backend.currentGroup(this.table);
    const sk = this.backend.currentStateKey;
    const perKey = group.get(sk);
    const atTime = perKey?.get(timestamp);
    if (!perKey || !atTime) return;
    const i = atTime.findIndex((t) => t.ns === ns);
    if (i < 0) return;
    atTime[i]!.cancelled = true;
    this.unlink(group, sk, perKey, atTime, i, timestamp);
    // Cancelled entries stay in the heap until they surface; don't let them pile up.
    if (this.heap.size > 1024 && this.heap.size > 4 * this.live) this.heap.retain((t) => !t.cancelled);
  }

  private unlink(group: Map<unknown, KeyTimers<N>>, sk: unknown, perKey: KeyTimers<N>, atTime: Timer<N>[], i: number, timestamp: number): void {
    atTime.splice(i, 1);
    if (atTime.length === 0) perKey.delete(timestamp);
    if (perKey.size === 0) group.delete(sk);
    this.live--;
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
        if (next.cancelled) continue;
        this.backend.setCurrentKey(next.key);
        const group = this.backend.currentGroup(this.table);
        const sk = this.backend.currentStateKey;
        const perKey = group.get(sk)!;
        const atTime = perKey.get(next.timestamp)!;
        this.unlink(group, sk, perKey, atTime, atTime.indexOf(next), next.timestamp);
        next.cancelled = true;
        this.onTimer(next);
      }
    } finally {
      this.firing = false;
    }
  }

  /** The earliest pending timestamp, or +Infinity. */
  nextTimestamp(): number {
    for (;;) {
      const t = this.heap.peek();
      if (!t) return Number.POSITIVE_INFINITY;
      if (!t.cancelled) return t.timestamp;
      this.heap.pop();
    }
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

  /**
   * After a restore: the timers are back in the backend's table (per key group) but not in the
   * firing order. Rebuilds it, in the original registration order per timestamp; `rehydrate`
   * turns deserialized namespaces (plain objects) back into what the operator uses.
   */
  restore(rehydrate: (namespace: N) => N = (n) => n): void {
    const all: { timer: Timer<N>; atTime: Timer<N>[]; index: number }[] = [];
    for (const group of this.table.groups) {
      for (const perKey of group.values()) {
        for (const atTime of perKey.values()) atTime.forEach((timer, index) => all.push({ timer, atTime, index }));
      }
    }
    all.sort((a, b) => a.timer.timestamp - b.timer.timestamp || a.timer.seq - b.timer.seq);
    for (const { timer, atTime, index } of all) {
      const t: Timer<N> = { ...timer, namespace: rehydrate(timer.namespace), seq: this.seq++, cancelled: false };
      atTime[index] = t;
      this.heap.push(t);
      this.live++;
    }
    if (this.domain === "processing" && this.live > 0) this.arm();
  }

  /** Every pending timer, per key group (for snapshots and tests). */
  *timers(): IterableIterator<Timer<N>> {
    for (const group of this.table.groups) for (const perKey of group.values()) for (const atTime of perKey.values()) yield* atTime;
  }
}
