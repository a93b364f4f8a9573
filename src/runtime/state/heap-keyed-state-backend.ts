/**
 * Keyed state on the JavaScript heap, partitioned by key group (docs/architecture.md, principle 6): every
 * state name has one Map per key group of this subtask's range, so a snapshot or a rescale moves
 * whole key groups. The Maps are native, so state access costs one Map lookup.
 */
import { serialize, deserialize } from "node:v8";
import type { Key } from "../../api/functions.js";
import { visitKeyGroup } from "./key-group-format.js";
import { ownedKeyGroup, type KeyedStateBackend, type KeyedStateSnapshot, type StateTable } from "./keyed-state-backend.js";
import { readStateKey } from "./state-key-codec.js";
import { toStateKey, type StateKey } from "./state-key.js";
import { HeapTimerQueues } from "./timers/heap-timer-queues.js";
import type { InternalTimerQueue } from "./timers/internal-timer-queue.js";
import { isDerivedTimerTable, timerQueueOf, timersOfObjectEntry, timersOfSerializedEntry } from "./timers/timer-snapshot.js";

export { KeyGroupOutOfRangeError } from "./keyed-state-backend.js";
export type { StateTable } from "./keyed-state-backend.js";

/** The entries of one state name, one Map per key group. */
export class HeapStateTable<V> implements StateTable<V> {
  readonly groups: Map<StateKey, V>[];
  constructor(
    readonly name: string,
    readonly firstKeyGroup: number,
    size: number,
  ) {
    this.groups = Array.from({ length: size }, () => new Map<StateKey, V>());
  }
}

export class HeapKeyedStateBackend implements KeyedStateBackend {
  readonly type = "hashmap";
  private readonly tables = new Map<string, HeapStateTable<unknown>>();
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

  currentGroup<V>(table: StateTable<V>): Map<StateKey, V> {
    if (this.groupIndex < 0) throw new Error("keyed state accessed outside of a keyed context");
    return (table as HeapStateTable<V>).groups[this.groupIndex]!;
  }

  table<V>(name: string): HeapStateTable<V> {
    let t = this.tables.get(name);
    if (!t) {
      t = new HeapStateTable<unknown>(name, this.keyGroupStart, this.keyGroupEnd - this.keyGroupStart + 1);
      this.tables.set(name, t);
    }
    return t as HeapStateTable<V>;
  }

  tableNames(): string[] {
    return [...this.tables.keys()];
  }

  /**
   * Serializes every non-empty key group now: the Maps and the objects in them keep changing as
   * soon as processing goes on, so there is nothing to defer (Flink's copy-on-write heap
   * snapshots would make this part asynchronous too).
   */
  snapshot(): KeyedStateSnapshot {
    const out: Array<[number, Uint8Array]> = [];
    const size = this.keyGroupEnd - this.keyGroupStart + 1;
    const timers = this.timers.snapshot();
    for (let i = 0; i < size; i++) {
      const tables: Record<string, Array<[unknown, unknown]>> = {};
      let any = timers.keyGroupTables(i, tables);
      for (const [name, table] of this.tables) {
        const group = table.groups[i]!;
        if (group.size === 0) continue;
        const filter = this.snapshotFilters.get(name);
        const entries = filter ? [...group].flatMap(([k, v]): Array<[unknown, unknown]> => {
          const kept = filter(v);
          return kept === undefined ? [] : [[k, kept]];
        }) : [...group];
        if (entries.length === 0) continue;
        tables[name] = entries;
        any = true;
      }
      if (any) out.push([this.keyGroupStart + i, serialize(tables)]);
    }
    return { materialize: () => Promise.resolve(out), release: () => {} };
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
