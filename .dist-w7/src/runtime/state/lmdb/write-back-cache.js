/** The value of an entry deleted in the cache but maybe still present in LMDB. */
export const DELETED = Symbol("deleted");
export class CacheNode {
    owner;
    key;
    value;
    epoch;
    prev = null;
    next = null;
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
    stored;
    constructor(owner, key, value, 
    /** The record (see LmdbKeyedStateBackend.epoch) that last used the node: it is not evicted during that record. */
    epoch) {
        this.owner = owner;
        this.key = key;
        this.value = value;
        this.epoch = epoch;
    }
}
/** A doubly linked list: head = least recently used. */
export class LruList {
    head = null;
    tail = null;
    size = 0;
    pushTail(n) {
        n.prev = this.tail;
        n.next = null;
        if (this.tail)
            this.tail.next = n;
        else
            this.head = n;
        this.tail = n;
        this.size++;
    }
    pushHead(n) {
        n.next = this.head;
        n.prev = null;
        if (this.head)
            this.head.prev = n;
        else
            this.tail = n;
        this.head = n;
        this.size++;
    }
    remove(n) {
        if (n.prev)
            n.prev.next = n.next;
        else
            this.head = n.next;
        if (n.next)
            n.next.prev = n.prev;
        else
            this.tail = n.prev;
        n.prev = n.next = null;
        this.size--;
    }
    moveToTail(n) {
        if (this.tail === n)
            return;
        this.remove(n);
        this.pushTail(n);
    }
}
//# sourceMappingURL=write-back-cache.js.map