/**
 * The keyed state kinds on the heap backend. Each reads and writes through a StateCell (the
 * current key's entry, optionally within a namespace) and applies TTL when configured. The
 * namespaced variants can merge namespaces, which session windows need.
 */
import { richFunction } from "../../api/functions.js";
import { FlatCell, NamespacedCell } from "./state-cell.js";
import { toStateKey } from "./state-key.js";
/** Runs the TTL's incremental cleanup over a flat state's table. */
function maintain(cell, ttl, prune) {
    if (ttl && cell instanceof FlatCell)
        ttl.cleanup(cell.table, prune);
}
function mergeCells(cell, target, sources, combine) {
    if (!(cell instanceof NamespacedCell))
        throw new Error("only namespaced state can merge namespaces");
    let acc = cell.getIn(target);
    for (const s of sources) {
        if (s === target)
            continue;
        const v = cell.getIn(s);
        if (v === undefined)
            continue;
        cell.removeIn(s);
        acc = acc === undefined ? v : combine(acc, v);
    }
    if (acc !== undefined)
        cell.setIn(target, acc);
}
/** A single value (Value, Reducing and Aggregating state), wrapped with its time under TTL. */
class SingleValueState {
    cell;
    ttl;
    constructor(cell, ttl) {
        this.cell = cell;
        this.ttl = ttl;
    }
    read() {
        const raw = this.cell.get();
        if (raw === undefined)
            return undefined;
        const ttl = this.ttl;
        if (!ttl)
            return raw;
        maintain(this.cell, ttl, (r) => ttl.expired(r));
        const v = ttl.read(raw);
        if (v === undefined)
            this.cell.remove();
        return v;
    }
    write(v) {
        this.cell.set(this.ttl ? this.ttl.wrap(v) : v);
    }
    clear() {
        this.cell.remove();
    }
}
export class HeapValueState extends SingleValueState {
    defaultValue;
    constructor(cell, ttl, defaultValue) {
        super(cell, ttl);
        this.defaultValue = defaultValue;
    }
    value() {
        const v = this.read();
        return v === undefined ? this.defaultValue : v;
    }
    update(value) {
        if (value === undefined)
            this.cell.remove();
        else
            this.write(value);
    }
}
export class HeapReducingState extends SingleValueState {
    reduce;
    constructor(cell, ttl, reduce) {
        super(cell, ttl);
        this.reduce = richFunction(reduce, "reduce").call;
    }
    get() {
        return this.read();
    }
    add(value) {
        if (!this.ttl && this.cell instanceof NamespacedCell) {
            const reduce = this.reduce;
            this.cell.compute((current) => (current === undefined ? value : reduce(current, value)));
            return;
        }
        const current = this.read();
        this.write(current === undefined ? value : this.reduce(current, value));
    }
    mergeNamespaces(target, sources) {
        if (this.ttl)
            throw new Error("merging windows do not support TTL state");
        mergeCells(this.cell, target, sources, this.reduce);
    }
}
export class HeapAggregatingState extends SingleValueState {
    fn;
    constructor(cell, ttl, fn) {
        super(cell, ttl);
        this.fn = fn;
    }
    get() {
        const acc = this.read();
        return acc === undefined ? undefined : this.fn.getResult(acc);
    }
    add(value) {
        const fn = this.fn;
        if (!this.ttl && this.cell instanceof NamespacedCell) {
            this.cell.compute((acc) => fn.add(value, acc === undefined ? fn.createAccumulator() : acc));
            return;
        }
        const acc = this.read();
        this.write(fn.add(value, acc === undefined ? fn.createAccumulator() : acc));
    }
    mergeNamespaces(target, sources) {
        const merge = this.fn.merge?.bind(this.fn);
        if (!merge)
            throw new Error("merging windows (sessions) need an AggregateFunction with merge()");
        mergeCells(this.cell, target, sources, merge);
    }
}
/** A list; under TTL every element carries its own time, as in Flink. */
export class HeapListState {
    cell;
    ttl;
    constructor(cell, ttl) {
        this.cell = cell;
        this.ttl = ttl;
    }
    /** The live elements (the stored array itself when there is no TTL: do not modify it). */
    getArray() {
        const raw = this.cell.get();
        if (raw === undefined)
            return [];
        const ttl = this.ttl;
        if (!ttl)
            return raw;
        maintain(this.cell, ttl, (r) => r.every((e) => ttl.expired(e)));
        const live = raw.filter((e) => !ttl.expired(e));
        if (live.length === 0)
            this.cell.remove();
        else if (live.length !== raw.length)
            this.cell.set(live);
        if (ttl.refreshOnRead)
            for (const e of live)
                e.t = ttl.now();
        return live.map((e) => e.v);
    }
    get() {
        return this.getArray();
    }
    add(value) {
        const raw = this.cell.get();
        const item = this.ttl ? this.ttl.wrap(value) : value;
        if (raw === undefined)
            this.cell.set([item]);
        else
            raw.push(item);
    }
    addAll(values) {
        for (const v of values)
            this.add(v);
    }
    update(values) {
        const items = [...values].map((v) => (this.ttl ? this.ttl.wrap(v) : v));
        if (items.length === 0)
            this.cell.remove();
        else
            this.cell.set(items);
    }
    clear() {
        this.cell.remove();
    }
    mergeNamespaces(target, sources) {
        mergeCells(this.cell, target, sources, (a, b) => a.concat(b));
    }
}
/** A map per key; keys compare by value (arrays too); under TTL every entry expires on its own. */
export class HeapMapState {
    cell;
    ttl;
    constructor(cell, ttl) {
        this.cell = cell;
        this.ttl = ttl;
    }
    map(create) {
        let m = this.cell.get();
        if (!m && create)
            this.cell.set((m = new Map()));
        return m;
    }
    live(entry, m, sk) {
        const ttl = this.ttl;
        if (!entry || !ttl)
            return entry;
        maintain(this.cell, ttl, (r) => {
            for (const [k, e] of r)
                if (ttl.expired(e))
                    r.delete(k);
            return r.size === 0;
        });
        if (ttl.expired(entry)) {
            m.delete(sk);
            if (m.size === 0)
                this.cell.remove();
            return undefined;
        }
        if (ttl.refreshOnRead)
            entry.t = ttl.now();
        return entry;
    }
    get(key) {
        const m = this.map(false);
        if (!m)
            return undefined;
        const sk = toStateKey(key);
        return this.live(m.get(sk), m, sk)?.v;
    }
    contains(key) {
        const m = this.map(false);
        if (!m)
            return false;
        const sk = toStateKey(key);
        return this.live(m.get(sk), m, sk) !== undefined;
    }
    put(key, value) {
        this.map(true).set(toStateKey(key), { k: key, v: value, t: this.ttl ? this.ttl.now() : 0 });
    }
    putAll(entries) {
        for (const [k, v] of entries)
            this.put(k, v);
    }
    remove(key) {
        const m = this.map(false);
        if (!m)
            return;
        m.delete(toStateKey(key));
        if (m.size === 0)
            this.cell.remove();
    }
    /** A snapshot of the live entries, so callers may modify the state while iterating. */
    liveEntries() {
        const m = this.map(false);
        if (!m)
            return [];
        const out = [];
        for (const [sk, e] of [...m]) {
            const l = this.live(e, m, sk);
            if (l)
                out.push(l);
        }
        return out;
    }
    *entries() {
        for (const e of this.liveEntries())
            yield [e.k, e.v];
    }
    *keys() {
        for (const e of this.liveEntries())
            yield e.k;
    }
    *values() {
        for (const e of this.liveEntries())
            yield e.v;
    }
    isEmpty() {
        return this.liveEntries().length === 0;
    }
    clear() {
        this.cell.remove();
    }
}
//# sourceMappingURL=heap-states.js.map