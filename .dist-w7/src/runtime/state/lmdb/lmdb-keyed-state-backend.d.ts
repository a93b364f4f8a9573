import type { RootDatabase } from "lmdb";
import type { Key } from "../../../api/functions.js";
import { type KeyedStateBackend, type KeyedStateSnapshot, type StateTable } from "../keyed-state-backend.js";
import { type StateKey } from "../state-key.js";
import { LmdbStateMap } from "./lmdb-state-map.js";
import { CacheNode, type CacheOwner } from "./write-back-cache.js";
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
}
/** How much work the backend did; for tests and benchmarks. */
export interface LmdbBackendCounters {
    /** Values read from LMDB and deserialized (cache misses that found an entry). */
    reads: number;
    /** Entries written back (puts and deletes). */
    writes: number;
    /** Entries dropped from the cache. */
    evictions: number;
}
export declare class LmdbStateTable<V> implements StateTable<V> {
    readonly name: string;
    readonly id: number;
    readonly firstKeyGroup: number;
    readonly groups: LmdbStateMap<V>[];
    constructor(backend: LmdbKeyedStateBackend, name: string, id: number, firstKeyGroup: number, size: number);
}
export declare class LmdbKeyedStateBackend implements KeyedStateBackend {
    readonly type = "lmdb";
    readonly maxParallelism: number;
    readonly keyGroupStart: number;
    readonly keyGroupEnd: number;
    readonly dir: string;
    /** @internal for LmdbStateMap */
    readonly db: RootDatabase<Buffer, Buffer>;
    /** @internal for LmdbStateMap: LMDB copies keys on every call, so lookups share one buffer. */
    readonly scratch: Buffer<ArrayBuffer>;
    readonly counters: LmdbBackendCounters;
    private readonly cacheEntries;
    /** Evicting in batches makes one LMDB transaction carry many write-backs. */
    private readonly evictBatch;
    private readonly lru;
    private readonly tables;
    /** Incremented per record (setCurrentKey) and per snapshot: nodes of the current epoch are pinned. */
    private epoch;
    private key;
    private stateKey;
    private groupIndex;
    private openSnapshots;
    private disposal;
    private finishDisposal;
    private closed;
    constructor(options: LmdbBackendOptions);
    setCurrentKey(key: Key): void;
    getCurrentKey(): Key;
    get currentStateKey(): StateKey;
    currentGroup<V>(table: StateTable<V>): LmdbStateMap<V>;
    table<V>(name: string): LmdbStateTable<V>;
    tableNames(): string[];
    /** Entries currently held as live objects. */
    get cachedEntries(): number;
    /** @internal A cached node was handed out or changed. */
    touch(node: CacheNode): void;
    /**
     * @internal Caches `value` as the live copy of `key`. A `scanned` node (met while iterating)
     * goes to the cold end and is not pinned: it may be written back and dropped as soon as the
     * iteration moves on.
     */
    admit(owner: CacheOwner, key: StateKey, value: unknown, scanned: boolean, stored?: Buffer): void;
    /** Drops a batch of the least recently used nodes that the current record does not use. */
    private evict;
    /**
     * @internal Writes the dirty ones of `nodes` to LMDB in one transaction; `drop` removes them
     * from the cache afterwards (deleted entries always go). Values are serialized before anything
     * changes, so a value v8 cannot serialize fails the access without losing other state.
     */
    writeBack(nodes: Iterable<CacheNode>, drop?: boolean): void;
    private allNodes;
    /**
     * Synchronous part: opens an LMDB read transaction, a consistent view (MVCC) that later writes
     * do not change, and serializes the cache's modified entries into an overlay on that view. The
     * asynchronous part reads each key group by range scans of the view merged with the overlay,
     * in slices, so processing goes on meanwhile (lmdb-snapshot.ts).
     */
    snapshot(): KeyedStateSnapshot;
    restore(groups: Iterable<readonly [number, Uint8Array]>): void;
    /** Closes LMDB and deletes the folder, once running snapshots have been read. */
    dispose(): Promise<void>;
    private closeIfDisposed;
    private assertOpen;
}
