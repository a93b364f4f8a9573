/**
 * One table's entries of one key group on the LMDB backend, behind the StateMap interface: the
 * cached live objects first, LMDB (a range of keys) behind them.
 */
import { deserialize } from "node:v8";
import type { StateMap } from "../keyed-state-backend.js";
import { readStateKey } from "../state-key-codec.js";
import type { StateKey } from "../state-key.js";
import { entryKey, PREFIX_LENGTH, rangePrefix } from "./lmdb-keys.js";
import type { LmdbKeyedStateBackend } from "./lmdb-keyed-state-backend.js";
import { DELETED, type CacheNode, type CacheOwner } from "./write-back-cache.js";

/** Entries read from LMDB per range query while iterating. */
const SCAN_BATCH = 256;

export class LmdbStateMap<V> implements StateMap<V>, CacheOwner {
  readonly cache = new Map<StateKey, CacheNode>();
  /** [start, end) of this map's keys in LMDB. */
  readonly start: Buffer;
  readonly end: Buffer;

  constructor(
    private readonly backend: LmdbKeyedStateBackend,
    readonly tableId: number,
    readonly keyGroup: number,
  ) {
    this.start = rangePrefix(tableId, keyGroup);
    this.end = rangePrefix(tableId, keyGroup + 1);
  }

  lmdbKey(key: StateKey): Buffer {
    return entryKey(this.tableId, this.keyGroup, key);
  }

  get(key: StateKey): V | undefined {
    const node = this.cache.get(key);
    if (node) {
      if (node.value === DELETED) return undefined;
      this.backend.touch(node);
      return node.value as V;
    }
    const bytes = this.backend.db.getBinaryFast(entryKey(this.tableId, this.keyGroup, key, this.backend.scratch));
    if (bytes === undefined) return undefined;
    const value = deserialize(bytes) as V;
    this.backend.counters.reads++;
    this.backend.admit(this, key, value, false, copyOf(bytes));
    return value;
  }

  set(key: StateKey, value: V): void {
    const node = this.cache.get(key);
    if (node) {
      // Touched first: a snapshot may still need the value being replaced.
      this.backend.touch(node);
      node.value = value;
    } else {
      // Not read first: LMDB may hold an older value, which the write-back replaces.
      this.backend.admit(this, key, value, false);
    }
  }

  delete(key: StateKey): boolean {
    const node = this.cache.get(key);
    if (node) {
      if (node.value === DELETED) return false;
      this.backend.touch(node);
      node.value = DELETED;
      return true;
    }
    if (!this.backend.db.doesExist(entryKey(this.tableId, this.keyGroup, key, this.backend.scratch))) return false;
    this.backend.admit(this, key, DELETED, false);
    return true;
  }

  has(key: StateKey): boolean {
    const node = this.cache.get(key);
    if (node) return node.value !== DELETED;
    return this.backend.db.doesExist(entryKey(this.tableId, this.keyGroup, key, this.backend.scratch));
  }

  get size(): number {
    this.backend.writeBack(this.cache.values());
    return this.backend.db.getKeysCount({ start: this.start, end: this.end });
  }

  keys(): IterableIterator<StateKey> {
    return this.scan(false, (key) => key);
  }

  values(): IterableIterator<V> {
    return this.scan(true, (_key, value) => value);
  }

  entries(): IterableIterator<[StateKey, V]> {
    return this.scan(true, (key, value) => [key, value]);
  }

  [Symbol.iterator](): IterableIterator<[StateKey, V]> {
    return this.entries();
  }

  /**
   * Walks the entries present when iteration starts (this map's cached entries are written back
   * first), in batches of keys from fresh range queries, so that eviction may write to LMDB in
   * between. An iterator may stay open across records (TTL cleanup resumes one), so each entry is
   * looked up again when its turn comes: one deleted or changed since its batch was read is
   * skipped or seen as it is now. Values not in the cache are admitted "scanned": evictable as soon
   * as the caller asks for the next entry, so a full scan does not push the working set out of the
   * cache. (A caller that keeps a value past that and modifies it later must set() it again.)
   */
  private *scan<T>(wantValues: boolean, project: (key: StateKey, value: V) => T): Generator<T, undefined, undefined> {
    const backend = this.backend;
    backend.writeBack(this.cache.values());
    let after: Buffer | undefined;
    for (;;) {
      const batch: Buffer[] = [];
      for (const key of backend.db.getKeys({ start: after ?? this.start, end: this.end, exclusiveStart: after !== undefined, limit: SCAN_BATCH, snapshot: false })) {
        batch.push(Buffer.from(key));
      }
      if (batch.length === 0) return undefined;
      for (const lmdbKey of batch) {
        const key = readStateKey(lmdbKey, PREFIX_LENGTH);
        const node = this.cache.get(key);
        if (node) {
          if (node.value === DELETED) continue;
          // Handed out again: the caller may modify it.
          if (wantValues) {
            if (node.pendingFor) backend.keepForSnapshots(node);
            node.dirty = true;
          }
          yield project(key, node.value as V);
          continue;
        }
        if (!wantValues) {
          if (backend.db.doesExist(lmdbKey)) yield project(key, undefined as V);
          continue;
        }
        const bytes = backend.db.getBinaryFast(lmdbKey);
        if (bytes === undefined) continue;
        const value = deserialize(bytes) as V;
        backend.counters.reads++;
        backend.admit(this, key, value, true, copyOf(bytes));
        yield project(key, value);
      }
      if (batch.length < SCAN_BATCH) return undefined;
      after = batch[batch.length - 1]!;
    }
  }
}

/** A copy of a getBinaryFast result, which is reused by the next read (and whose byteLength is not its length). */
function copyOf(fast: Buffer): Buffer {
  const copy = Buffer.allocUnsafeSlow(fast.length);
  copy.set(new Uint8Array(fast.buffer, fast.byteOffset, fast.length));
  return copy;
}
