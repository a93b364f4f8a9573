/**
 * The contract of a keyed operator's timer queue (Flink's KeyGroupedInternalPriorityQueue with set
 * semantics, as HeapPriorityQueueSet and RocksDB's caching queue implement it), for one time
 * domain of one operator. A timer is (key, namespace, timestamp): adding one that is already
 * there keeps one, so every timer fires exactly once. Timers are organised per key group, like
 * all keyed state, so the backend snapshots them per key group and a rescaled subtask restores
 * exactly the key groups it owns (docs/state-and-time.md, "Timers").
 *
 * The queue works on the backend's current key: add and remove refer to it, and poll hands out
 * the key of the timer it removes (the timer service then sets it as the current key).
 *
 * Implementations (chosen by the backend, see KeyedStateBackend.timerQueue):
 * - heap-timer-queue.ts: typed arrays on the heap; the heap backend's, and the LMDB backend's
 *   with `state.backend.lmdb.timer-service.factory: HEAP`;
 * - lmdb-timer-queue.ts: ordered in LMDB, a small cache of each key group's head in memory; the
 *   LMDB backend's by default (larger than memory).
 * test/state-backends/support/timer-queue-conformance.ts holds both to the same behaviour.
 */
import type { Key } from "../../../api/functions.js";
import type { Namespace } from "../state-cell.js";
import type { StateKey } from "../state-key.js";
import type { RestoredTimer } from "./timer-snapshot.js";

/** A timer as the operator's callback sees it. */
export interface Timer<N> {
  readonly timestamp: number;
  readonly key: Key;
  /** The namespace as the operator registered it (a window, a join side, 0 for process functions). */
  readonly namespace: N;
  /** The namespace as a primitive, which tells timers apart (two windows are equal by value). */
  readonly ns: Namespace;
}

/**
 * The timer a poll removed, written into an object the caller reuses (no allocation per fired
 * timer). Valid until the next poll.
 */
export class PolledTimer<N> implements Timer<N> {
  timestamp = 0;
  key: Key = 0;
  namespace!: N;
  ns: Namespace = 0;
}

export interface InternalTimerQueue<N> {
  /** Pending timers. */
  readonly size: number;
  /** Adds a timer of the current key; false when that (key, namespace, timestamp) is already there. */
  add(timestamp: number, namespace: N, ns: Namespace): boolean;
  /** Removes a timer of the current key; false when there was none. */
  remove(timestamp: number, ns: Namespace): boolean;
  /** The earliest timestamp, +Infinity when the queue is empty. */
  peekTimestamp(): number;
  /**
   * Removes the earliest timer (timestamp order; timers with equal timestamps fire in an order of
   * the implementation's, as in Flink) into `into`; false when the queue is empty.
   */
  poll(into: PolledTimer<N>): boolean;
  /**
   * Restored namespaces are deserialized plain objects: `revive` turns them back into what the
   * operator registered (a TimeWindow); applied to every restored or stored namespace handed out.
   */
  reviveNamespaces(revive: (namespace: N) => N): void;
  /** Every pending timer, in no particular order (for tests; may read the whole store). */
  timers(): IterableIterator<Timer<N>>;

  // Per key, for the state changelog (incremental checkpoints record the keys whose timers changed).
  /** The keys of key group `keyGroup` (absolute) that have timers. */
  keysOf(keyGroup: number): Iterable<StateKey>;
  /** The timers of one key, in the snapshot form (timer-snapshot.ts). */
  timersOf(keyGroup: number, stateKey: StateKey): RestoredTimer[];
  /** Removes every timer of one key (replaying a changelog replaces a key's timers). */
  clearKey(keyGroup: number, stateKey: StateKey): void;
}

/** What a queue needs of its keyed backend: the current key and the subtask's key groups. */
export interface TimerKeyContext {
  readonly keyGroupStart: number;
  readonly keyGroupEnd: number;
  /** The current key's key group. */
  readonly currentKeyGroup: number;
  readonly currentStateKey: StateKey;
  getCurrentKey(): Key;
}
