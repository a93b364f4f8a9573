/**
 * The objects the LMDB backend has handed out, in least-recently-used order. State code mutates
 * what it gets in place (pushes into a list, sets a namespace in a per-key Map), so a value read
 * from LMDB has to stay here, as the one live copy, until it is written back: when evicted,
 * before every snapshot, at close. Heap use is bounded by the number of entries kept, not by the
 * size of the state.
 */
import type { StateKey } from "../state-key.js";
/** The value of an entry deleted in the cache but maybe still present in LMDB. */
export declare const DELETED: unique symbol;
/** Whoever keeps the node in its own index (a StateMap), so that eviction can drop it there. */
export interface CacheOwner {
    readonly cache: Map<StateKey, CacheNode>;
    /** The LMDB key of `key` in this owner's range (a fresh buffer). */
    lmdbKey(key: StateKey): Buffer;
}
export declare class CacheNode {
    readonly owner: CacheOwner;
    readonly key: StateKey;
    value: unknown;
    /** The record (see LmdbKeyedStateBackend.epoch) that last used the node: it is not evicted during that record. */
    epoch: number;
    prev: CacheNode | null;
    next: CacheNode | null;
    /**
     * Whether the value may differ from what LMDB holds. A value handed out may be modified
     * without the cache noticing, so every access makes the node dirty; only writing it back
     * while nobody holds it (between records) makes it clean.
     */
    dirty: boolean;
    /**
     * The bytes LMDB holds for the key, when known (read or written by this node): a dirty value
     * that serializes to the same bytes was only read, and needs no write.
     */
    stored: Buffer | undefined;
    constructor(owner: CacheOwner, key: StateKey, value: unknown, 
    /** The record (see LmdbKeyedStateBackend.epoch) that last used the node: it is not evicted during that record. */
    epoch: number);
}
/** A doubly linked list: head = least recently used. */
export declare class LruList {
    head: CacheNode | null;
    tail: CacheNode | null;
    size: number;
    pushTail(n: CacheNode): void;
    pushHead(n: CacheNode): void;
    remove(n: CacheNode): void;
    moveToTail(n: CacheNode): void;
}
