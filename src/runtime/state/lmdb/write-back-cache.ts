/**
 * The objects the LMDB backend has handed out, in least-recently-used order. State code mutates
 * what it gets in place (pushes into a list, sets a namespace in a per-key Map), so a value read
 * from LMDB has to stay here, as the one live copy, until it is written back: when evicted,
 * before every snapshot, at close. Heap use is bounded by the number of entries kept, not by the
 * size of the state.
 */
import type { StateKey } from "../state-key.js";

/** The value of an entry deleted in the cache but maybe still present in LMDB. */
export const DELETED: unique symbol = Symbol("deleted");

/** Where a snapshot collects the values newer than its LMDB view (lmdb-snapshot.ts). */
export interface SnapshotOverlayLike {
  add(tableId: number, keyGroup: number, key: StateKey, bytes: Buffer | undefined): void;
}

/** Whoever keeps the node in its own index (a StateMap), so that eviction can drop it there. */
export interface CacheOwner {
  readonly cache: Map<StateKey, CacheNode>;
  /** The LMDB key of `key` in this owner's range (a fresh buffer). */
  lmdbKey(key: StateKey): Buffer;
}

export class CacheNode {
  prev: CacheNode | null = null;
  next: CacheNode | null = null;
  /**
   * Whether the value may differ from what LMDB holds. A value handed out may be modified
   * without the cache noticing, so every access makes the node dirty; only writing it back
   * while nobody holds it (between records) makes it clean.
   */
  dirty = true;
  /**
   * The bytes LMDB holds for the key, when known (read or written by this node): a dirty value
   * that serializes to the same bytes was only read, and needs no write.
   */
  stored: Buffer | undefined;
  /**
   * Snapshots whose synchronous part found this node dirty and that still need its value as it
   * was then: it is serialized into their overlays before it is next handed out, changed or
   * written back (or by the snapshot's asynchronous part), not in the synchronous part.
   */
  pendingFor: SnapshotOverlayLike[] | undefined;

  constructor(
    readonly owner: CacheOwner,
    readonly key: StateKey,
    public value: unknown,
    /** The record (see LmdbKeyedStateBackend.epoch) that last used the node: it is not evicted during that record. */
    public epoch: number,
  ) {}
}

/** A doubly linked list: head = least recently used. */
export class LruList {
  head: CacheNode | null = null;
  tail: CacheNode | null = null;
  size = 0;

  pushTail(n: CacheNode): void {
    n.prev = this.tail;
    n.next = null;
    if (this.tail) this.tail.next = n;
    else this.head = n;
    this.tail = n;
    this.size++;
  }

  pushHead(n: CacheNode): void {
    n.next = this.head;
    n.prev = null;
    if (this.head) this.head.prev = n;
    else this.tail = n;
    this.head = n;
    this.size++;
  }

  remove(n: CacheNode): void {
    if (n.prev) n.prev.next = n.next;
    else this.head = n.next;
    if (n.next) n.next.prev = n.prev;
    else this.tail = n.prev;
    n.prev = n.next = null;
    this.size--;
  }

  moveToTail(n: CacheNode): void {
    if (this.tail === n) return;
    this.remove(n);
    this.pushTail(n);
  }
}
