import type { StateMap } from "../keyed-state-backend.js";
import type { StateKey } from "../state-key.js";
import type { LmdbKeyedStateBackend } from "./lmdb-keyed-state-backend.js";
import { type CacheNode, type CacheOwner } from "./write-back-cache.js";
export declare class LmdbStateMap<V> implements StateMap<V>, CacheOwner {
    private readonly backend;
    readonly tableId: number;
    readonly keyGroup: number;
    readonly cache: Map<StateKey, CacheNode>;
    /** [start, end) of this map's keys in LMDB. */
    readonly start: Buffer;
    readonly end: Buffer;
    constructor(backend: LmdbKeyedStateBackend, tableId: number, keyGroup: number);
    lmdbKey(key: StateKey): Buffer;
    get(key: StateKey): V | undefined;
    set(key: StateKey, value: V): void;
    delete(key: StateKey): boolean;
    has(key: StateKey): boolean;
    get size(): number;
    keys(): IterableIterator<StateKey>;
    values(): IterableIterator<V>;
    entries(): IterableIterator<[StateKey, V]>;
    [Symbol.iterator](): IterableIterator<[StateKey, V]>;
    /**
     * Walks the entries present when iteration starts (this map's cached entries are written back
     * first), in batches of keys from fresh range queries, so that eviction may write to LMDB in
     * between. An iterator may stay open across records (TTL cleanup resumes one), so each entry is
     * looked up again when its turn comes: one deleted or changed since its batch was read is
     * skipped or seen as it is now. Values not in the cache are admitted "scanned": evictable as soon
     * as the caller asks for the next entry, so a full scan does not push the working set out of the
     * cache. (A caller that keeps a value past that and modifies it later must set() it again.)
     */
    private scan;
}
