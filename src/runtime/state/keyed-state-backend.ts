/**
 * What keyed state is stored in (Flink's KeyedStateBackend): per state table and per key group a
 * Map-like StateMap from the key to its value. The heap backend hands out plain JavaScript Maps,
 * the LMDB backend views onto an on-disk range of keys; state cells, timers and operators only use
 * this interface, so they run unchanged on both.
 *
 * Values handed out by a StateMap may be modified in place by the caller (cells push into lists,
 * update per-namespace Maps): a backend that stores serialized values must therefore keep such an
 * object until it writes it back, at the earliest when the next key is set (see lmdb/).
 */
import type { Key } from "../../api/functions.js";
import { keyGroupFor } from "../../graph/key-groups.js";
import type { StateKey } from "./state-key.js";
import type { StateBackendType } from "../../api/state/state-backend-type.js";
import { registerErrorClass, SluiceError } from "../../errors/sluice-error.js";
import type { InternalTimerQueue } from "./timers/internal-timer-queue.js";

export type { StateBackendType };

/** The Map operations state code uses; a native Map is one. */
export interface StateMap<V> {
  get(key: StateKey): V | undefined;
  set(key: StateKey, value: V): void;
  delete(key: StateKey): boolean;
  has(key: StateKey): boolean;
  /** May cost a scan on an on-disk backend: do not use on a hot path. */
  readonly size: number;
  keys(): IterableIterator<StateKey>;
  values(): IterableIterator<V>;
  entries(): IterableIterator<[StateKey, V]>;
  [Symbol.iterator](): IterableIterator<[StateKey, V]>;
}

/** The entries of one state name: one StateMap per key group of the backend's range. */
export interface StateTable<V> {
  readonly name: string;
  readonly firstKeyGroup: number;
  readonly groups: readonly StateMap<V>[];
}

/**
 * A snapshot whose synchronous part has been taken (the state it holds no longer changes with
 * processing); `materialize` produces the bytes, possibly over several event-loop turns.
 */
export interface KeyedStateSnapshot {
  /**
   * [keyGroup, serialized tables of that key group] for every non-empty key group; releases the
   * snapshot. A key group may come in several parts (the heap backend bounds each part's
   * serializer call): restoring applies them all, in order.
   */
  materialize(): Promise<Array<[number, Uint8Array]>>;
  /** Releases the snapshot without materializing it (the checkpoint was declined). Idempotent. */
  release(): void;
}

export interface KeyedStateBackend {
  readonly type: StateBackendType;
  readonly maxParallelism: number;
  readonly keyGroupStart: number;
  readonly keyGroupEnd: number;

  /** Sets the key that state accesses refer to; called by the runtime before each record or timer. */
  setCurrentKey(key: Key): void;
  /** Calls `listener` after every setCurrentKey (Flink's key-selection listener; TTL cleanup for every record uses it). */
  addKeySelectionListener(listener: () => void): void;
  getCurrentKey(): Key;
  readonly currentStateKey: StateKey;
  /** The current key's key group. */
  readonly currentKeyGroup: number;
  /** The StateMap of the current key's key group in `table`. */
  currentGroup<V>(table: StateTable<V>): StateMap<V>;
  /** The table of a state name, created on first use. */
  table<V>(name: string): StateTable<V>;
  tableNames(): string[];
  /**
   * The timer queue of `name`, created on first use (Flink's PriorityQueueSetFactory): the
   * backend keeps it, snapshots it per key group and restores it (timers/timer-snapshot.ts).
   */
  timerQueue<N>(name: string): InternalTimerQueue<N>;

  /**
   * Passes every value of `table` through `filter` when snapshotting (undefined: left out), for
   * TTL's cleanupFullSnapshot. Only the heap backend writes full snapshots of values it holds;
   * the LMDB backend snapshots its store as it is and has no such filter.
   */
  setSnapshotFilter?(table: string, filter: (value: unknown) => unknown): void;
  /**
   * How the heap backend copies a value of `table` that a running snapshot still holds before
   * handing it out to be modified (copy-on-write; by default a deep copy). A table whose values
   * hold immutable parts can copy less. Backends that
   * store values serialized have no such copy.
   */
  setValueCopy?(table: string, copy: (value: unknown) => unknown): void;
  /**
   * The synchronous part of a checkpoint: afterwards processing may change the state again. The
   * heap backend pins a state version (copy-on-write), the LMDB backend opens a read transaction
   * and serializes its write-back cache's dirty entries: neither depends on the state's size.
   */
  snapshot(): KeyedStateSnapshot;
  /**
   * Puts back the key groups of a snapshot (of either backend) that this backend owns; others
   * are ignored (they belong to other subtasks after a rescale).
   */
  restore(groups: Iterable<readonly [number, Uint8Array]>): void;
  /** Frees what the backend holds (the LMDB backend deletes its files). Idempotent. */
  dispose(): Promise<void>;
}

export class KeyGroupOutOfRangeError extends SluiceError {}
registerErrorClass(KeyGroupOutOfRangeError);

/** The key group of `key`, checked against the subtask's range [start, end]. */
export function ownedKeyGroup(key: Key, maxParallelism: number, start: number, end: number): number {
  const group = keyGroupFor(key, maxParallelism);
  if (group < start || group > end) {
    throw new KeyGroupOutOfRangeError(
      `key ${JSON.stringify(typeof key === "bigint" ? key.toString() : key)} belongs to key group ${group}, outside this subtask's range ` +
        `[${start}, ${end}]: is the key selector deterministic?`,
    );
  }
  return group;
}
