/**
 * Timers of a keyed operator for one time domain (Flink's InternalTimerService): registers and
 * deletes timers of the backend's current key, and fires them in timestamp order as time
 * advances, with each timer's key set as the current key. The timers themselves are kept by the
 * keyed backend in an InternalTimerQueue (heap or LMDB, as the backend's settings say), which is
 * snapshotted and rescaled per key group with the rest of the keyed state.
 */
import type { KeyedStateBackend } from "../keyed-state-backend.js";
import type { Namespace } from "../state-cell.js";
import type { StateKey } from "../state-key.js";
import { PolledTimer, type InternalTimerQueue, type Timer } from "./internal-timer-queue.js";

export type { Timer } from "./internal-timer-queue.js";

/** Wall-clock time and timers of a task, as operators and the timer service see them. */
export interface ProcessingTimeService {
  now(): number;
  /** Runs `callback` at (or soon after) wall-clock time `timestamp`; returns a cancel function. */
  setTimer(timestamp: number, callback: (timestamp: number) => void): () => void;
  /** Runs `callback` every `intervalMs`; returns a cancel function. */
  scheduleAtFixedRate(intervalMs: number, callback: () => void): () => void;
}

export type TimeDomain = "event" | "processing";

export class TimerService<N> {
  private readonly queue: InternalTimerQueue<N>;
  /** The timer being fired; one object, reused (the callback must not keep it). */
  private readonly fired = new PolledTimer<N>();
  private firing = false;
  /** Processing time: the wall-clock timer armed for the earliest timer, if any. */
  private armedAt = Number.POSITIVE_INFINITY;
  private disarm: (() => void) | undefined;
  /**
   * The last timer registered or found registered, valid while none was removed since: windows
   * register the same timer twice per element (trigger, cleanup), and the second costs nothing.
   */
  private lastSk: StateKey | undefined;
  private lastTs = Number.NaN;
  private lastNs: Namespace | undefined;

  constructor(
    private readonly backend: KeyedStateBackend,
    readonly domain: TimeDomain,
    /** Called with the key of the timer set as the backend's current key. */
    private readonly onTimer: (timer: Timer<N>) => void,
    private readonly nsOf: (namespace: N) => Namespace,
    private readonly clock?: ProcessingTimeService,
    name = "",
  ) {
    this.queue = backend.timerQueue<N>(`${domain}${name ? ":" + name : ""}`);
  }

  /** Number of pending timers. */
  get size(): number {
    return this.queue.size;
  }

  /**
   * Batch execution's end of a key (fireAtEndOfKey): timers registered while the key's timers fire
   * are dropped, as in Flink (its quiesced BatchExecutionInternalTimeService), so a timer that sets
   * the next one cannot loop forever at the end of time.
   */
  private quiesced = false;

  setQuiesced(quiesced: boolean): void {
    this.quiesced = quiesced;
  }

  /** Registers a timer for the backend's current key; registering it again changes nothing. */
  register(namespace: N, timestamp: number): void {
    if (this.quiesced) return;
    const ns = this.nsOf(namespace);
    const sk = this.backend.currentStateKey;
    if (this.lastSk === sk && this.lastTs === timestamp && this.lastNs === ns) return;
    this.queue.add(timestamp, namespace, ns);
    this.lastSk = sk;
    this.lastTs = timestamp;
    this.lastNs = ns;
    if (this.domain === "processing") this.arm();
  }

  /** Deletes a timer of the backend's current key; nothing happens when there is none. */
  delete(namespace: N, timestamp: number): void {
    this.lastSk = undefined;
    this.queue.remove(timestamp, this.nsOf(namespace));
  }

  /**
   * Fires, in order, every timer with timestamp <= `time`, including timers that firing
   * registers at or before `time` (a watermark jump fires everything it passes, once each).
   */
  advance(time: number): void {
    if (this.firing) return; // a timer callback moving time again is handled by the running loop
    this.firing = true;
    const queue = this.queue;
    const fired = this.fired;
    try {
      // (An empty queue's +Infinity is not a timer, even when time is +Infinity.)
      while (queue.size > 0 && queue.peekTimestamp() <= time) {
        queue.poll(fired);
        this.lastSk = undefined;
        this.backend.setCurrentKey(fired.key);
        this.onTimer(fired);
      }
    } finally {
      this.firing = false;
    }
  }

  /** The earliest pending timestamp, or +Infinity. */
  nextTimestamp(): number {
    return this.queue.peekTimestamp();
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
      if (this.queue.size > 0) this.arm();
    });
  }

  /** Stops the wall-clock timer (operator closing). */
  stop(): void {
    this.disarm?.();
    this.disarm = undefined;
    this.armedAt = Number.POSITIVE_INFINITY;
  }

  /**
   * Before processing (after a restore, the backend put the timers back into the queue):
   * `rehydrate` turns deserialized namespaces (plain objects: restored, or read from a queue
   * that stores them serialized) back into what the operator uses.
   */
  restore(rehydrate: (namespace: N) => N = (n) => n): void {
    this.queue.reviveNamespaces(rehydrate);
    if (this.domain === "processing" && this.queue.size > 0) this.arm();
  }

  /** Every pending timer (for tests). */
  timers(): IterableIterator<Timer<N>> {
    return this.queue.timers();
  }
}

/**
 * Batch execution (docs/architecture.md, "Batch execution mode"): the current key's input is
 * complete, so its timers fire as at the end of time — all event-time timers, then all
 * processing-time ones, in timestamp order — and timers registered meanwhile are dropped. Only the
 * current key has timers in batch mode: keys are processed one after the other.
 */
export function fireAtEndOfKey(services: readonly EndOfKeyTimers[]): void {
  for (const s of services) s.setQuiesced(true);
  try {
    for (const s of services) s.advance(Number.POSITIVE_INFINITY);
  } finally {
    for (const s of services) s.setQuiesced(false);
  }
}

/** What fireAtEndOfKey needs of a TimerService (of any namespace). */
export interface EndOfKeyTimers {
  advance(time: number): void;
  setQuiesced(quiesced: boolean): void;
}
