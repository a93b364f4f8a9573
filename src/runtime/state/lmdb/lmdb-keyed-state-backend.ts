/**
 * Keyed state on local disk in LMDB (the embedded on-disk backend, Flink's RocksDB backend in
 * role): one LMDB environment per task in its own folder, deleted when the task ends. Keys are
 * laid out so that each (table, key group) is a contiguous range (lmdb-keys.ts); values are
 * v8-serialized, like heap snapshots, so state round-trips with the same fidelity on both backends.
 *
 * Objects read from LMDB live in a bounded write-back cache (write-back-cache.ts) because state
 * code modifies them in place; entries used by the current record (since the last setCurrentKey)
 * are never evicted, so an object a cell holds stays the live copy while it works on it.
 *
 * The environment is only a working copy: checkpoints are what makes state durable, so LMDB runs
 * without fsync.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { join } from "node:path";
import { serialize } from "node:v8";
import { createRequire } from "node:module";
import type { RootDatabase } from "lmdb";
import type { Key } from "../../../api/functions.js";
import { visitKeyGroup } from "../key-group-format.js";
import { ownedKeyGroup, type KeyedStateBackend, type KeyedStateSnapshot, type StateTable } from "../keyed-state-backend.js";
import { toStateKey, type StateKey } from "../state-key.js";
import { entryKey, MAX_KEY_LENGTH, MAX_TABLES, rangePrefix } from "./lmdb-keys.js";
import { readSnapshot, SNAPSHOT_SLICE_MS, SnapshotOverlay } from "./lmdb-snapshot.js";
import { LmdbStateMap } from "./lmdb-state-map.js";
import { CacheNode, DELETED, LruList, type CacheOwner } from "./write-back-cache.js";
import { HeapTimerQueues, type HeapTimersSnapshot } from "../timers/heap-timer-queues.js";
import type { InternalTimerQueue } from "../timers/internal-timer-queue.js";
import { LmdbTimerQueue, type KeyTimerIndex } from "../timers/lmdb-timer-queue.js";
import { orderedTimerKey } from "../timers/ordered-timer-key.js";
import {
  isDerivedTimerTable,
  ORDERED_TIMER_TABLE,
  TIMER_INDEX_TABLE,
  timerQueueOf,
  timersOfObjectEntry,
  timersOfSerializedEntry,
  type RestoredTimer,
} from "../timers/timer-snapshot.js";

/**
 * Loaded on first use: the native module takes hundreds of milliseconds to load in each worker,
 * which jobs on the heap backend need not pay.
 */
let lmdbModule: typeof import("lmdb") | undefined;
function lmdb(): typeof import("lmdb") {
  return (lmdbModule ??= createRequire(import.meta.url)("lmdb") as typeof import("lmdb"));
}

export interface LmdbBackendOptions {
  maxParallelism: number;
  keyGroupStart: number;
  keyGroupEnd: number;
  /** Parent folder: the backend works in a new folder inside it and deletes that on dispose(). */
  localDir: string;
  /** Entries kept as live objects (the write-back cache); bounds the backend's heap use. */
  cacheEntries: number;
  /** Part of the folder's name, to tell tasks apart on disk. */
  label?: string;
  /** Where timers live (`state.backend.lmdb.timer-service.factory`): in LMDB (default) or on the heap. */
  timerService?: "lmdb" | "heap";
  /** Timers per key group the LMDB timer queue keeps in memory (`state.backend.lmdb.timer-service.cache-size`). */
  timerCacheSize?: number;
}

/** Flink's default for state.backend.rocksdb.timer-service.cache-size. */
export const DEFAULT_TIMER_CACHE_SIZE = 128;

/** How much work the backend did; for tests and benchmarks. */
export interface LmdbBackendCounters {
  /** Values read from LMDB and deserialized (cache misses that found an entry). */
  reads: number;
  /** Entries written back (puts and deletes). */
  writes: number;
  /** Entries dropped from the cache. */
  evictions: number;
}

export class LmdbStateTable<V> implements StateTable<V> {
  readonly groups: LmdbStateMap<V>[];
  constructor(
    backend: LmdbKeyedStateBackend,
    readonly name: string,
    readonly id: number,
    readonly firstKeyGroup: number,
    size: number,
  ) {
    this.groups = Array.from({ length: size }, (_, i) => new LmdbStateMap<V>(backend, id, firstKeyGroup + i));
  }
}

export class LmdbKeyedStateBackend implements KeyedStateBackend {
  readonly type = "lmdb";
  readonly maxParallelism: number;
  readonly keyGroupStart: number;
  readonly keyGroupEnd: number;
  readonly dir: string;
  /** @internal for LmdbStateMap */
  readonly db: RootDatabase<Buffer, Buffer>;
  /** @internal for LmdbStateMap: LMDB copies keys on every call, so lookups share one buffer. */
  readonly scratch = Buffer.allocUnsafe(MAX_KEY_LENGTH + 16);
  readonly counters: LmdbBackendCounters = { reads: 0, writes: 0, evictions: 0 };
  private readonly cacheEntries: number;
  /** Evicting in batches makes one LMDB transaction carry many write-backs. */
  private readonly evictBatch: number;
  private readonly lru = new LruList();
  private readonly tables = new Map<string, LmdbStateTable<unknown>>();
  /** Incremented per record (setCurrentKey) and per snapshot: nodes of the current epoch are pinned. */
  private epoch = 0;
  private key: Key | undefined;
  private stateKey: StateKey = "";
  private groupIndex = -1;
  private openSnapshots = 0;
  private disposal: Promise<void> | undefined;
  private finishDisposal: (() => void) | undefined;
  private closed = false;
  private readonly timerService: "lmdb" | "heap";
  private readonly timerCacheSize: number;
  /** Timer queues of the "heap" timer service, snapshotted into the overlay (see snapshot()). */
  private readonly heapTimers = new HeapTimerQueues(this);
  private readonly lmdbTimers = new Map<string, LmdbTimerQueue<unknown>>();

  constructor(options: LmdbBackendOptions) {
    this.maxParallelism = options.maxParallelism;
    this.keyGroupStart = options.keyGroupStart;
    this.keyGroupEnd = options.keyGroupEnd;
    if (!(options.cacheEntries >= 1)) throw new RangeError(`the lmdb state backend needs a cache of at least 1 entry, got ${options.cacheEntries}`);
    this.cacheEntries = Math.floor(options.cacheEntries);
    this.timerService = options.timerService ?? "lmdb";
    this.timerCacheSize = options.timerCacheSize ?? DEFAULT_TIMER_CACHE_SIZE;
    if (!(this.timerCacheSize >= 1)) throw new RangeError(`state.backend.lmdb.timer-service.cache-size must be at least 1, got ${this.timerCacheSize}`);
    // At least 64 entries per transaction (all of a smaller cache): a commit costs tens of µs.
    this.evictBatch = Math.min(this.cacheEntries, Math.max(64, this.cacheEntries >> 5));
    mkdirSync(options.localDir, { recursive: true });
    const label = (options.label ?? "task").replace(/[^A-Za-z0-9_.-]/g, "_").slice(0, 60);
    this.dir = mkdtempSync(join(options.localDir, `sluice-lmdb-${label}-`));
    try {
      this.db = lmdb().open<Buffer, Buffer>({
        path: this.dir,
        encoding: "binary",
        keyEncoding: "binary",
        // A working copy (checkpoints make state durable): no fsync.
        noSync: true,
        noMetaSync: true,
        // No write map: with one, the lmdb package once stopped a process with a native assertion
        // under the timer workload (timers in LMDB: many small write transactions next to the read
        // transactions of snapshots); without it that workload ran. It costs nothing measurable
        // here (docs/state-backends.md, "No write map").
        useWritemap: false,
        overlappingSync: false,
        cache: false,
      });
    } catch (e) {
      rmSync(this.dir, { recursive: true, force: true });
      throw e;
    }
  }

  // ---- key context ----------------------------------------------------------------------------

  private readonly keySelectionListeners: Array<() => void> = [];

  addKeySelectionListener(listener: () => void): void {
    this.keySelectionListeners.push(listener);
  }

  setCurrentKey(key: Key): void {
    const group = ownedKeyGroup(key, this.maxParallelism, this.keyGroupStart, this.keyGroupEnd);
    this.key = key;
    this.stateKey = toStateKey(key);
    this.groupIndex = group - this.keyGroupStart;
    this.epoch++;
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
    if (this.timerService === "heap") return this.heapTimers.queue<N>(name);
    let q = this.lmdbTimers.get(name);
    if (!q) {
      q = new LmdbTimerQueue<unknown>(this, this.table(ORDERED_TIMER_TABLE + name), this.table(TIMER_INDEX_TABLE + name), this.timerCacheSize);
      this.lmdbTimers.set(name, q);
    }
    return q as LmdbTimerQueue<N>;
  }

  currentGroup<V>(table: StateTable<V>): LmdbStateMap<V> {
    if (this.groupIndex < 0) throw new Error("keyed state accessed outside of a keyed context");
    return (table as LmdbStateTable<V>).groups[this.groupIndex]!;
  }

  table<V>(name: string): LmdbStateTable<V> {
    let t = this.tables.get(name);
    if (!t) {
      if (this.tables.size >= MAX_TABLES) throw new Error(`the lmdb state backend supports at most ${MAX_TABLES} state tables per operator`);
      t = new LmdbStateTable<unknown>(this, name, this.tables.size, this.keyGroupStart, this.keyGroupEnd - this.keyGroupStart + 1);
      this.tables.set(name, t);
    }
    return t as LmdbStateTable<V>;
  }

  tableNames(): string[] {
    return [...this.tables.keys()];
  }

  /** Entries currently held as live objects. */
  get cachedEntries(): number {
    return this.lru.size;
  }

  // ---- the write-back cache (used by LmdbStateMap) ---------------------------------------------

  /** @internal A cached node is handed out or about to change. */
  touch(node: CacheNode): void {
    if (node.pendingFor) this.keepForSnapshots(node);
    node.epoch = this.epoch;
    node.dirty = true;
    this.lru.moveToTail(node);
  }

  /**
   * @internal Caches `value` as the live copy of `key`. A `scanned` node (met while iterating)
   * goes to the cold end and is not pinned: it may be written back and dropped as soon as the
   * iteration moves on.
   */
  admit(owner: CacheOwner, key: StateKey, value: unknown, scanned: boolean, stored?: Buffer): void {
    if (this.lru.size >= this.cacheEntries) this.evict();
    const node = new CacheNode(owner, key, value, scanned ? -1 : this.epoch);
    node.stored = stored;
    owner.cache.set(key, node);
    if (scanned) this.lru.pushHead(node);
    else this.lru.pushTail(node);
  }

  /** Drops a batch of the least recently used nodes that the current record does not use. */
  private evict(): void {
    const target = this.cacheEntries - this.evictBatch;
    const victims: CacheNode[] = [];
    for (let n = this.lru.head; n && this.lru.size - victims.length > target; n = n.next) {
      // From here on every node was used by the current record (touching moves a node to the tail).
      if (n.epoch === this.epoch) break;
      victims.push(n);
    }
    this.writeBack(victims, true);
  }

  /**
   * @internal Writes the dirty ones of `nodes` to LMDB in one transaction; `drop` removes them
   * from the cache afterwards (deleted entries always go). Values are serialized before anything
   * changes, so a value v8 cannot serialize fails the access without losing other state.
   */
  writeBack(nodes: Iterable<CacheNode>, drop = false): void {
    const list = [...nodes];
    const writes: Array<[Buffer, Buffer | undefined]> = [];
    for (const n of list) {
      if (n.pendingFor) this.keepForSnapshots(n);
      if (!n.dirty) continue;
      if (n.value === DELETED) {
        writes.push([n.owner.lmdbKey(n.key), undefined]);
        continue;
      }
      const bytes = serialize(n.value);
      if (n.stored?.equals(bytes)) continue;
      writes.push([n.owner.lmdbKey(n.key), bytes]);
      n.stored = drop ? undefined : bytes;
    }
    if (writes.length > 0) {
      const db = this.db;
      db.transactionSync(() => {
        for (const [k, v] of writes) {
          if (v === undefined) db.removeSync(k);
          else db.putSync(k, v);
        }
      });
      this.counters.writes += writes.length;
    }
    for (const n of list) {
      if (drop || n.value === DELETED) {
        this.lru.remove(n);
        n.owner.cache.delete(n.key);
        if (drop) this.counters.evictions++;
      } else if (n.epoch !== this.epoch) {
        // Nobody holds it any more; the next access makes it dirty again.
        n.dirty = false;
      }
    }
  }

  private allNodes(): CacheNode[] {
    const out: CacheNode[] = [];
    for (let n = this.lru.head; n; n = n.next) out.push(n);
    return out;
  }

  // ---- snapshots -----------------------------------------------------------------------------

  /**
   * @internal Serializes a node's value, as the snapshots that found it dirty need it, into their
   * overlays; LMDB's view already holds it when it is the bytes last read or written.
   */
  keepForSnapshots(node: CacheNode): void {
    const overlays = node.pendingFor!;
    node.pendingFor = undefined;
    const bytes = serialize(node.value);
    if (node.stored?.equals(bytes)) return;
    const owner = node.owner as LmdbStateMap<unknown>;
    for (const overlay of overlays) overlay.add(owner.tableId, owner.keyGroup, node.key, bytes);
  }

  /**
   * Synchronous part: opens an LMDB read transaction, a consistent view (MVCC) that later writes
   * do not change, and notes the cache's modified entries, which the view may not hold: a walk
   * over at most `cache-entries` nodes, serializing nothing. Each of them is serialized into the
   * snapshot's overlay before it next changes (touch, write-back) or else in the asynchronous
   * part, which then reads each key group by range scans of the view merged with the overlay, in
   * slices, so processing goes on meanwhile (lmdb-snapshot.ts).
   */
  snapshot(): KeyedStateSnapshot {
    this.assertOpen();
    // Snapshots are taken between records: nothing handed out before may still be modified.
    this.epoch++;
    const overlay = new SnapshotOverlay();
    const pending: CacheNode[] = [];
    for (let n = this.lru.head; n; n = n.next) {
      if (!n.dirty) continue;
      if (n.value === DELETED) {
        const owner = n.owner as LmdbStateMap<unknown>;
        overlay.add(owner.tableId, owner.keyGroup, n.key, undefined);
        continue;
      }
      (n.pendingFor ??= []).push(overlay);
      pending.push(n);
    }
    // Heap timers (timer-service.factory HEAP): their slot arrays now, into the overlay later.
    const heapTimers = this.heapTimers.snapshot();
    for (const name of heapTimers.queues.keys()) this.table(ORDERED_TIMER_TABLE + name);
    const txn = this.db.useReadTransaction();
    this.openSnapshots++;
    // The timer queues' per-key index is rebuilt from their timers on restore.
    const tables = [...this.tables.values()].filter((t) => !isDerivedTimerTable(t.name)).map((t) => ({ id: t.id, name: t.name }));
    let released = false;
    const release = (): void => {
      if (released) return;
      released = true;
      for (const n of pending) {
        const i = n.pendingFor?.indexOf(overlay) ?? -1;
        if (i >= 0) n.pendingFor!.splice(i, 1);
        if (n.pendingFor?.length === 0) n.pendingFor = undefined;
      }
      txn.done();
      this.openSnapshots--;
      this.closeIfDisposed();
    };
    const source = { db: this.db, txn, keyGroupStart: this.keyGroupStart, keyGroupEnd: this.keyGroupEnd, tables, overlay };
    return {
      materialize: async () => {
        try {
          await this.keepPending(pending, overlay);
          await this.addHeapTimers(heapTimers, overlay);
          return await readSnapshot(source);
        } finally {
          release();
        }
      },
      release,
    };
  }

  /**
   * Heap timer queues (`timer-service.factory: HEAP`) go into the snapshot as the LMDB queue's
   * table would hold them, so a restore finds the same layout whichever timer service wrote it.
   * `timers` is the copy the synchronous part took; this runs in the asynchronous part.
   */
  private async addHeapTimers(timers: HeapTimersSnapshot, overlay: SnapshotOverlay): Promise<void> {
    let sliceStart = performance.now();
    for (const [name, queue] of timers.queues) {
      const id = this.table(ORDERED_TIMER_TABLE + name).id;
      for (let g = 0; g <= this.keyGroupEnd - this.keyGroupStart; g++) {
        for (const t of queue.keyGroupTimers(g)) overlay.add(id, this.keyGroupStart + g, orderedTimerKey(t.timestamp, t.seq, t.stateKey, t.ns), serialize(t.namespace));
        if (performance.now() - sliceStart > SNAPSHOT_SLICE_MS) {
          await new Promise<void>((resolve) => setImmediate(resolve));
          sliceStart = performance.now();
        }
      }
    }
  }

  /** The asynchronous part's first step: the pending nodes the task has not touched since, in slices. */
  private async keepPending(pending: readonly CacheNode[], overlay: SnapshotOverlay): Promise<void> {
    let sliceStart = performance.now();
    for (const n of pending) {
      if (n.pendingFor?.includes(overlay)) this.keepForSnapshots(n);
      if (performance.now() - sliceStart > SNAPSHOT_SLICE_MS) {
        await new Promise<void>((resolve) => setImmediate(resolve));
        sliceStart = performance.now();
      }
    }
  }

  restore(groups: Iterable<readonly [number, Uint8Array]>): void {
    this.assertOpen();
    // Restored entries must not hide behind cached ones.
    this.writeBack(this.allNodes(), true);
    const db = this.db;
    for (const [keyGroup, bytes] of groups) {
      if (keyGroup < this.keyGroupStart || keyGroup > this.keyGroupEnd) continue;
      const timers = new KeyGroupTimers();
      db.transactionSync(() => {
        visitKeyGroup(bytes, {
          object: (name, k, v) => {
            const queue = timerQueueOf(name);
            if (queue !== undefined) timers.add(queue, timersOfObjectEntry(name, k, v));
            else if (!isDerivedTimerTable(name)) db.putSync(entryKey(this.table(name).id, keyGroup, k), serialize(v));
          },
          serialized: (name, k, v) => {
            const queue = timerQueueOf(name);
            if (queue !== undefined) timers.add(queue, timersOfSerializedEntry(name, k, v));
            else if (!isDerivedTimerTable(name)) db.putSync(Buffer.concat([rangePrefix(this.table(name).id, keyGroup), k]), Buffer.from(v.buffer, v.byteOffset, v.byteLength));
          },
        });
        for (const [queue, restored] of timers.byQueue) {
          if (this.timerService === "heap") this.heapTimers.restore(queue, keyGroup, restored);
          else this.putTimers(queue, keyGroup, restored);
        }
      });
    }
    for (const queue of this.lmdbTimers.values()) queue.reload();
  }

  /** Restored timers into the LMDB queue's tables: each timer, and per key the index of its timers. */
  private putTimers(queue: string, keyGroup: number, timers: readonly RestoredTimer[]): void {
    const ordered = this.table(ORDERED_TIMER_TABLE + queue).id;
    const byKey = new Map<StateKey, KeyTimerIndex>();
    for (const t of timers) {
      this.db.putSync(entryKey(ordered, keyGroup, orderedTimerKey(t.timestamp, t.seq, t.stateKey, t.ns)), serialize(t.namespace));
      let index = byKey.get(t.stateKey);
      if (!index) byKey.set(t.stateKey, (index = []));
      index.push(t.timestamp, t.seq, t.ns);
    }
    const index = this.table(TIMER_INDEX_TABLE + queue).id;
    for (const [stateKey, entries] of byKey) this.db.putSync(entryKey(index, keyGroup, stateKey), serialize(entries));
  }

  // ---- lifecycle -----------------------------------------------------------------------------

  /** Closes LMDB and deletes the folder, once running snapshots have been read. */
  dispose(): Promise<void> {
    if (!this.disposal) {
      this.disposal = new Promise<void>((resolve) => (this.finishDisposal = resolve));
      this.closeIfDisposed();
    }
    return this.disposal;
  }

  private closeIfDisposed(): void {
    if (!this.finishDisposal || this.openSnapshots > 0 || this.closed) return;
    this.closed = true;
    const done = this.finishDisposal;
    for (const t of this.tables.values()) for (const g of t.groups) g.cache.clear();
    while (this.lru.head) this.lru.remove(this.lru.head);
    void this.db
      .close()
      .catch(() => {})
      .finally(() => {
        rmSync(this.dir, { recursive: true, force: true });
        done();
      });
  }

  private assertOpen(): void {
    if (this.closed || this.disposal) throw new Error("the lmdb state backend is disposed");
  }
}

/** The timers of one restored key group, by queue; registration numbers for layouts without them. */
class KeyGroupTimers {
  readonly byQueue = new Map<string, RestoredTimer[]>();
  add(queue: string, timers: Iterable<RestoredTimer>): void {
    let list = this.byQueue.get(queue);
    if (!list) this.byQueue.set(queue, (list = []));
    for (const t of timers) list.push(t);
  }
}
