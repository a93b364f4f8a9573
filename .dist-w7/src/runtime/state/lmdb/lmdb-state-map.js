/**
 * One table's entries of one key group on the LMDB backend, behind the StateMap interface: the
 * cached live objects first, LMDB (a range of keys) behind them.
 */
import { deserialize } from "node:v8";
import { readStateKey } from "../state-key-codec.js";
import { entryKey, PREFIX_LENGTH, rangePrefix } from "./lmdb-keys.js";
import { DELETED } from "./write-back-cache.js";
/** Entries read from LMDB per range query while iterating. */
const SCAN_BATCH = 256;
export class LmdbStateMap {
    backend;
    tableId;
    keyGroup;
    cache = new Map();
    /** [start, end) of this map's keys in LMDB. */
    start;
    end;
    constructor(backend, tableId, keyGroup) {
        this.backend = backend;
        this.tableId = tableId;
        this.keyGroup = keyGroup;
        this.start = rangePrefix(tableId, keyGroup);
        this.end = rangePrefix(tableId, keyGroup + 1);
    }
    lmdbKey(key) {
        return entryKey(this.tableId, this.keyGroup, key);
    }
    get(key) {
        const node = this.cache.get(key);
        if (node) {
            if (node.value === DELETED)
                return undefined;
            this.backend.touch(node);
            return node.value;
        }
        const bytes = this.backend.db.getBinaryFast(entryKey(this.tableId, this.keyGroup, key, this.backend.scratch));
        if (bytes === undefined)
            return undefined;
        const value = deserialize(bytes);
        this.backend.counters.reads++;
        this.backend.admit(this, key, value, false, copyOf(bytes));
        return value;
    }
    set(key, value) {
        const node = this.cache.get(key);
        if (node) {
            node.value = value;
            this.backend.touch(node);
        }
        else {
            // Not read first: LMDB may hold an older value, which the write-back replaces.
            this.backend.admit(this, key, value, false);
        }
    }
    delete(key) {
        const node = this.cache.get(key);
        if (node) {
            if (node.value === DELETED)
                return false;
            node.value = DELETED;
            this.backend.touch(node);
            return true;
        }
        if (!this.backend.db.doesExist(entryKey(this.tableId, this.keyGroup, key, this.backend.scratch)))
            return false;
        this.backend.admit(this, key, DELETED, false);
        return true;
    }
    has(key) {
        const node = this.cache.get(key);
        if (node)
            return node.value !== DELETED;
        return this.backend.db.doesExist(entryKey(this.tableId, this.keyGroup, key, this.backend.scratch));
    }
    get size() {
        this.backend.writeBack(this.cache.values());
        return this.backend.db.getKeysCount({ start: this.start, end: this.end });
    }
    keys() {
        return this.scan(false, (key) => key);
    }
    values() {
        return this.scan(true, (_key, value) => value);
    }
    entries() {
        return this.scan(true, (key, value) => [key, value]);
    }
    [Symbol.iterator]() {
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
    *scan(wantValues, project) {
        const backend = this.backend;
        backend.writeBack(this.cache.values());
        let after;
        for (;;) {
            const batch = [];
            for (const key of backend.db.getKeys({ start: after ?? this.start, end: this.end, exclusiveStart: after !== undefined, limit: SCAN_BATCH, snapshot: false })) {
                batch.push(Buffer.from(key));
            }
            if (batch.length === 0)
                return undefined;
            for (const lmdbKey of batch) {
                const key = readStateKey(lmdbKey, PREFIX_LENGTH);
                const node = this.cache.get(key);
                if (node) {
                    if (node.value === DELETED)
                        continue;
                    // Handed out again: the caller may modify it.
                    if (wantValues)
                        node.dirty = true;
                    yield project(key, node.value);
                    continue;
                }
                if (!wantValues) {
                    if (backend.db.doesExist(lmdbKey))
                        yield project(key, undefined);
                    continue;
                }
                const bytes = backend.db.getBinaryFast(lmdbKey);
                if (bytes === undefined)
                    continue;
                const value = deserialize(bytes);
                backend.counters.reads++;
                backend.admit(this, key, value, true, copyOf(bytes));
                yield project(key, value);
            }
            if (batch.length < SCAN_BATCH)
                return undefined;
            after = batch[batch.length - 1];
        }
    }
}
/** A copy of a getBinaryFast result, which is reused by the next read (and whose byteLength is not its length). */
function copyOf(fast) {
    const copy = Buffer.allocUnsafeSlow(fast.length);
    copy.set(new Uint8Array(fast.buffer, fast.byteOffset, fast.length));
    return copy;
}
//# sourceMappingURL=lmdb-state-map.js.map