/**
 * Keyed state on the JavaScript heap, partitioned by key group (docs/architecture.md, principle 6): every
 * state name has one map per key group of this subtask's range, so a snapshot or a rescale moves
 * whole key groups. The maps are copy-on-write over native Maps (heap/copy-on-write-state-map.ts):
 * state access costs one Map lookup and a version check, and a snapshot pins a version instead of
 * copying the state (docs/architecture.md, "Snapshots that do not stop the task").
 */
import { deserialize } from "node:v8";
import type { Key } from "../../api/functions.js";
import { visitKeyGroup } from "./key-group-format.js";
import { ownedKeyGroup, type KeyedStateBackend, type KeyedStateSnapshot, type StateTable } from "./keyed-state-backend.js";
import { readStateKey } from "./state-key-codec.js";
import { toStateKey, type StateKey } from "./state-key.js";
import { HeapTimerQueues } from "./timers/heap-timer-queues.js";
import type { InternalTimerQueue } from "./timers/internal-timer-queue.js";
import { isDerivedTimerTable, timerQueueOf, timersOfObjectEntry, timersOfSerializedEntry } from "./timers/timer-snapshot.js";
import { CopyOnWriteStateMap } from "./heap/copy-on-write-state-map.js";
import { StateVersions } from "./heap/state-pin.js";
import { HeapSnapshot } from "./heap/heap-snapshot.js";
import { copyStateValue } from "./heap/state-value-copy.js";

export { KeyGroupOutOfRangeError } from "./keyed-state-backend.js";
export type { StateTable } from "./keyed-state-backend.js";

/** The entries of one state name, one map per key group. */
export class HeapStateTable<V> implements StateTable<V> {
  readonly groups: CopyOnWriteStateMap<V>[];
  constructor(
    readonly name: string,
    readonly firstKeyGroup: number,
    size: number,
    versions: StateVersions,
    copy: (value: V) => V,
  ) {
    this.groups = Array.from({ length: size }, () => new CopyOnWriteStateMap<V>(versions, copy));
  }
}

export class HeapKeyedStateBackend implements KeyedStateBackend {
  readonly type = "hashmap";
  private readonly tables = new Map<string, HeapStateTable<unknown>>();
  private readonly versions = new StateVersions();
  /** Ends when the last snapshot is read or released: snapshots read their versions one after the other. */
  private previousSnapshot: Promise<void> = Promise.resolve();
  private key: Key | undefined;
  private stateKey: StateKey = "";
  private groupIndex = -1;
  private readonly timers = new HeapTimerQueues(this);

  constructor(
    readonly maxParallelism: number,
    readonly keyGroupStart: number,
    readonly keyGroupEnd: number,
  ) {}

  private readonly keySelectionListeners: Array<() => void> = [];
  private readonly snapshotFilters = new Map<string, (value: unknown) => unknown>();
  private readonly valueCopies = new Map<string, (value: unknown) => unknown>();

  setValueCopy(table: string, copy: (value: unknown) => unknown): void {
    this.valueCopies.set(table, copy);
    // A restore may have made the table already.
    for (const g of this.tables.get(table)?.groups ?? []) g.valueCopy = copy;
  }

  setSnapshotFilter(table: string, filter: (value: unknown) => unknown): void {
    this.snapshotFilters.set(table, filter);
  }

  addKeySelectionListener(listener: () => void): void {
    this.keySelectionListeners.push(listener);
  }

  setCurrentKey(key: Key): void {
    const group = ownedKeyGroup(key, this.maxParallelism, this.keyGroupStart, this.keyGroupEnd);
    this.key = key;
    this.stateKey = toStateKey(key);
    this.groupIndex = group - this.keyGroupStart;
    for (const listener of this.keySelectionListeners) listener();
  }

  getCurrentKey(): Key {
    if (this.key === undefined) throw new Error("keyed state accessed outside of a keyed context");
    return this.key;
  }

  get currentStateKey(): StateKey {
    return this.stateKey;
  }

  get currentKeyGroup(): number {
    return this.keyGroupStart + this.groupIndex;
  }

  timerQueue<N>(name: string): InternalTimerQueue<N> {
    return this.timers.queue<N>(name);
  }

  currentGroup<V>(table: StateTable<V>): CopyOnWriteStateMap<V> {
    if (this.groupIndex < 0) throw new Error("keyed state accessed outside of a keyed context");
    return (table as HeapStateTable<V>).groups[this.groupIndex]!;
  }

  table<V>(name: string): HeapStateTable<V> {
    let t = this.tables.get(name);
    if (!t) {
      const size = this.keyGroupEnd - this.keyGroupStart + 1;
      t = new HeapStateTable<unknown>(name, this.keyGroupStart, size, this.versions, this.valueCopies.get(name) ?? copyStateValue);
      this.tables.set(name, t);
    }
    return t as HeapStateTable<V>;
  }

  tableNames(): string[] {
    return [...this.tables.keys()];
  }

  /**
   * Pins the current state version on every map: O(number of maps), no entry is copied; the timer
   * queues' slot arrays are copied (typed-array copies, no object per timer). The asynchronous part
   * reads the pinned version out while processing goes on (heap/heap-snapshot.ts).
   */
  snapshot(): KeyedStateSnapshot {
    const tables = [...this.tables.values()].map((t) => ({ name: t.name, groups: t.groups, filter: this.snapshotFilters.get(t.name) }));
    // Timers are copied now (their slot arrays) and read out with the tables (timers/heap-timer-snapshot.ts).
    const snapshot = HeapSnapshot.take(this.versions.pin(), tables, this.keyGroupStart, this.previousSnapshot, this.timers.snapshot());
    this.previousSnapshot = snapshot.done;
    return snapshot;
  }

  restore(groups: Iterable<readonly [number, Uint8Array]>): void {
    for (const [keyGroup, bytes] of groups) {
      if (keyGroup < this.keyGroupStart || keyGroup > this.keyGroupEnd) continue;
      const index = keyGroup - this.keyGroupStart;
      visitKeyGroup(bytes, {
        object: (name, k, v) => {
          const queue = timerQueueOf(name);
          if (queue !== undefined) this.timers.restore(queue, keyGroup, timersOfObjectEntry(name, k, v));
          else if (!isDerivedTimerTable(name)) this.table(name).groups[index]!.set(k, v);
        },
        serialized: (name, k, v) => {
          const queue = timerQueueOf(name);
          if (queue !== undefined) this.timers.restore(queue, keyGroup, timersOfSerializedEntry(name, k, v));
          else if (!isDerivedTimerTable(name)) this.table(name).groups[index]!.set(readStateKey(k), deserialize(v));
        },
      });
    }
  }

  dispose(): Promise<void> {
    return Promise.resolve();
  }
}
