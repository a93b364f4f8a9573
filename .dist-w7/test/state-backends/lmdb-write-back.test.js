/**
 * The LMDB backend's write-back cache: state code modifies the objects it gets in place, so those
 * objects must be what is written back when evicted, before snapshots and on restore; heap use
 * stays bounded by the cache, and the backend's folder goes away when it is disposed.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, test } from "node:test";
import { AggregatingStateDescriptor, ListStateDescriptor, MapStateDescriptor } from "../../src/api/state/state-descriptors.js";
import { KeyedStateRegistry } from "../../src/runtime/state/keyed-state-registry.js";
import { StateKeyTooLongError } from "../../src/runtime/state/lmdb/lmdb-keys.js";
import { BACKENDS, disposeBackends, FULL_RANGE } from "./support/backends.js";
after(disposeBackends);
const [HEAP, LMDB] = BACKENDS;
const lmdb = (cacheEntries) => LMDB.create(FULL_RANGE, cacheEntries);
const KEYS = 500;
test("in-place mutations through the cells survive eviction, a snapshot and a restore (into lmdb and heap)", async () => {
    const backend = lmdb(3);
    const registry = new KeyedStateRegistry(backend, () => 0);
    const list = registry.getListState(new ListStateDescriptor("list")); // add() pushes into the stored array
    const map = registry.getMapState(new MapStateDescriptor("map")); // put() sets in the stored Map
    const agg = registry.getAggregatingState(new AggregatingStateDescriptor("sum", {
        createAccumulator: () => ({ sum: 0 }),
        add: (v, acc) => ((acc.sum += v), acc),
        getResult: (acc) => acc.sum,
    }));
    const scope = { namespace: 0 };
    const windows = new KeyedStateRegistry(backend, () => 0, scope, "_w:").getListState(new ListStateDescriptor("w")); // per-key Map of namespaces
    for (let round = 0; round < 3; round++) {
        for (let k = 0; k < KEYS; k++) {
            backend.setCurrentKey(k);
            list.add(round);
            map.put(`r${round}`, k);
            agg.add(k);
            scope.namespace = round;
            windows.add(k);
        }
    }
    assert.ok(backend.counters.evictions > 3 * KEYS, `entries were evicted (${backend.counters.evictions})`);
    assert.ok(backend.counters.reads > 3 * KEYS, `and read back (${backend.counters.reads})`);
    // A record uses 4 entries (one per state), which stay pinned while it runs.
    assert.ok(backend.cachedEntries <= 4, `the cache stays within its size or the last record's entries (${backend.cachedEntries})`);
    const check = (b) => {
        const r = new KeyedStateRegistry(b, () => 0);
        const l = r.getListState(new ListStateDescriptor("list"));
        const m = r.getMapState(new MapStateDescriptor("map"));
        const a = r.getAggregatingState(new AggregatingStateDescriptor("sum", { createAccumulator: () => ({ sum: 0 }), add: (v, acc) => ((acc.sum += v), acc), getResult: (acc) => acc.sum }));
        const sc = { namespace: 0 };
        const w = new KeyedStateRegistry(b, () => 0, sc, "_w:").getListState(new ListStateDescriptor("w"));
        for (let k = 0; k < KEYS; k++) {
            b.setCurrentKey(k);
            assert.deepEqual([...l.get()], [0, 1, 2]);
            assert.deepEqual([...m.entries()].sort(), [["r0", k], ["r1", k], ["r2", k]]);
            assert.equal(a.get(), 3 * k);
            for (let round = 0; round < 3; round++) {
                sc.namespace = round;
                assert.deepEqual([...w.get()], [k]);
            }
        }
    };
    check(backend);
    const groups = await backend.snapshot().materialize();
    for (const target of [lmdb(3), HEAP.create()]) {
        target.restore(groups);
        check(target);
    }
});
test("entries used by the current record stay cached however many others it touches", () => {
    const backend = lmdb(1);
    const table = backend.table("t");
    for (let k = 0; k < 50; k++) {
        backend.setCurrentKey(k);
        backend.currentGroup(table).set(backend.currentStateKey, [k]);
    }
    backend.setCurrentKey(7);
    const held = backend.currentGroup(table).get(7);
    // The same record reads many other entries (like TTL cleanup walking a table) ...
    for (const group of table.groups)
        for (const [, v] of group)
            assert.equal(v.length, 1);
    // ... and only then modifies what it got first.
    held.push(70);
    backend.setCurrentKey(8);
    backend.currentGroup(table).get(8);
    for (let k = 0; k < 50; k++) {
        backend.setCurrentKey(k);
        assert.deepEqual(backend.currentGroup(table).get(k), k === 7 ? [7, 70] : [k]);
    }
});
test("heap use is bounded by the cache, not by the state", () => {
    const backend = lmdb(100);
    const table = backend.table("big");
    for (let k = 0; k < 20_000; k++) {
        backend.setCurrentKey(k);
        backend.currentGroup(table).set(backend.currentStateKey, `value of ${k}`.padEnd(200, "."));
        assert.ok(backend.cachedEntries <= 100);
    }
    assert.equal(table.groups.reduce((n, g) => n + g.size, 0), 20_000);
});
test("a state key longer than LMDB allows fails with a clear error", () => {
    const backend = lmdb(10);
    backend.setCurrentKey("x".repeat(3000));
    assert.throws(() => backend.currentGroup(backend.table("t")).get(backend.currentStateKey), StateKeyTooLongError);
});
test("dispose deletes the backend's folder, after a snapshot being materialized has been read", async () => {
    const backend = lmdb(10);
    const table = backend.table("t");
    for (let k = 0; k < 1000; k++) {
        backend.setCurrentKey(k);
        backend.currentGroup(table).set(backend.currentStateKey, k);
    }
    assert.ok(existsSync(backend.dir));
    const snapshot = backend.snapshot();
    const disposed = backend.dispose();
    const groups = await snapshot.materialize();
    await disposed;
    assert.equal(existsSync(backend.dir), false);
    const restored = HEAP.create();
    restored.restore(groups);
    assert.equal(restored.table("t").groups.reduce((n, g) => n + g.size, 0), 1000);
});
test("a snapshot merges the cache's newer values and deletions with what LMDB holds", async () => {
    const backend = lmdb(200);
    const table = backend.table("t");
    const at = (k) => {
        backend.setCurrentKey(k);
        return backend.currentGroup(table);
    };
    for (let k = 0; k < 1000; k++)
        at(k).set(k, { n: k });
    for (let k = 0; k < 150; k++)
        assert.equal(at(k).delete(k), true);
    for (let k = 900; k < 1000; k++)
        at(k).get(k).n = -k; // in place, in the cache
    for (let k = 1000; k < 1050; k++)
        at(k).set(k, { n: k });
    assert.ok(backend.counters.evictions > 0 && backend.cachedEntries > 100, "part in LMDB, part in the cache");
    const snapshot = backend.snapshot();
    for (let k = 150; k < 1050; k++)
        at(k).set(k, { n: 0 }); // after the synchronous part: not in the snapshot
    const restored = HEAP.create();
    restored.restore(await snapshot.materialize());
    const values = new Map();
    for (const g of restored.table("t").groups)
        for (const [k, v] of g)
            values.set(k, v.n);
    assert.equal(values.size, 900);
    for (let k = 150; k < 1050; k++)
        assert.equal(values.get(k), k >= 900 && k < 1000 ? -k : k, `key ${k}`);
});
test("an iterator kept across records (TTL cleanup's) sees later deletions and updates, and resurrects nothing", () => {
    const backend = lmdb(64);
    const table = backend.table("t");
    // Keys of one key group, so that they share one StateMap.
    const keys = [];
    for (let k = 0; keys.length < 300; k++) {
        backend.setCurrentKey(k);
        if (backend.currentGroup(table) === table.groups[5])
            keys.push(k);
    }
    for (const k of keys) {
        backend.setCurrentKey(k);
        backend.currentGroup(table).set(k, { n: k });
    }
    const group = table.groups[5];
    const cursor = group.entries();
    const seen = new Map([[cursor.next().value[0], 0]]);
    // Later records delete and update entries the cursor has not reached, and push them out of the cache.
    for (const k of keys) {
        backend.setCurrentKey(k);
        if (k % 3 === 0)
            backend.currentGroup(table).delete(k);
        else
            backend.currentGroup(table).set(k, { n: -k });
    }
    for (let r = cursor.next(); !r.done; r = cursor.next())
        seen.set(r.value[0], r.value[1].n);
    for (const [k, n] of seen)
        if (n !== 0)
            assert.equal(n, -k, `key ${String(k)} seen as it is now`);
    assert.ok(![...seen.entries()].some(([k, n]) => n !== 0 && k % 3 === 0), "deleted keys are not visited");
    // Everything handed out goes back, and deleted keys stay deleted.
    const after = new Map();
    for (const g of table.groups)
        for (const [k, v] of g)
            after.set(k, v.n);
    assert.deepEqual([...after].sort((a, b) => a[0] - b[0]), keys.filter((k) => k % 3 !== 0).map((k) => [k, -k]));
});
//# sourceMappingURL=lmdb-write-back.test.js.map