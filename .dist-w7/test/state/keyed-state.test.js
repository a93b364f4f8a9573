/**
 * Keyed state through rich functions' open(ctx), on operators after keyBy(): each key sees only
 * its own state; the five kinds behave as in Flink.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { AggregatingStateDescriptor, ListStateDescriptor, MapStateDescriptor, ReducingStateDescriptor, ValueStateDescriptor, } from "../../src/api/state/state-descriptors.js";
import { harnessFor } from "../windowing/support/api-harness.js";
class AllKinds {
    value;
    list;
    map;
    reducing;
    aggregating;
    open(ctx) {
        this.value = ctx.getState(new ValueStateDescriptor("last"));
        this.list = ctx.getListState(new ListStateDescriptor("all"));
        this.map = ctx.getMapState(new MapStateDescriptor("parity"));
        this.reducing = ctx.getReducingState(new ReducingStateDescriptor("max", (a, b) => Math.max(a, b)));
        this.aggregating = ctx.getAggregatingState(new AggregatingStateDescriptor("avg", {
            createAccumulator: () => [0, 0],
            add: (v, [s, c]) => [s + v, c + 1],
            getResult: ([s, c]) => s / c,
        }));
    }
    map_(e) {
        const before = this.value.value();
        this.value.update(e.n);
        this.list.add(e.n);
        const parity = e.n % 2 === 0 ? "even" : "odd";
        this.map.put(parity, (this.map.get(parity) ?? 0) + 1);
        this.reducing.add(e.n);
        this.aggregating.add(e.n);
        return { k: e.k, value: before, list: [...this.list.get()], map: [...this.map.entries()].sort(), reduced: this.reducing.get(), avg: this.aggregating.get() };
    }
}
test("value, list, map, reducing and aggregating state per key in a keyed map", async () => {
    const fn = new AllKinds();
    const h = await harnessFor((s) => s.keyBy((e) => e.k).map({ open: (c) => fn.open(c), map: (e) => fn.map_(e) })).open();
    h.processElement({ k: "a", n: 3 });
    h.processElement({ k: "b", n: 10 });
    h.processElement({ k: "a", n: 4 });
    assert.deepEqual(h.records(), [
        { k: "a", value: undefined, list: [3], map: [["odd", 1]], reduced: 3, avg: 3 },
        { k: "b", value: undefined, list: [10], map: [["even", 1]], reduced: 10, avg: 10 },
        { k: "a", value: 3, list: [3, 4], map: [["even", 1], ["odd", 1]], reduced: 4, avg: 3.5 },
    ]);
});
class ClearAndDefaults {
    v;
    l;
    m;
    open(ctx) {
        this.v = ctx.getState(new ValueStateDescriptor("v", 42));
        this.l = ctx.getListState(new ListStateDescriptor("l"));
        this.m = ctx.getMapState(new MapStateDescriptor("m"));
    }
    flatMap(e) {
        const out = [this.v.value()];
        this.v.update(e.n);
        this.v.clear();
        out.push(this.v.value());
        this.l.update([1, 2, 3]);
        this.l.addAll([4]);
        out.push([...this.l.get()]);
        this.l.clear();
        out.push([...this.l.get()]);
        // Array keys compare by value.
        this.m.put(["x", 1], "first");
        this.m.put(["x", 1], "second");
        out.push(this.m.get(["x", 1]), this.m.contains(["x", 2]), [...this.m.keys()]);
        this.m.remove(["x", 1]);
        out.push(this.m.isEmpty());
        return [out];
    }
}
test("clear, update, remove and defaults", async () => {
    const h = await harnessFor((s) => s.keyBy((e) => e.k).flatMap(new ClearAndDefaults())).open();
    h.processElement({ k: "a", n: 1 });
    assert.deepEqual(h.records(), [[42, 42, [1, 2, 3, 4], [], "second", false, [["x", 1]], true]]);
});
class Remember {
    v;
    open(ctx) {
        this.v = ctx.getState(new ValueStateDescriptor("v"));
    }
    map(e) {
        this.v.update(e.n);
        return e.n;
    }
}
test("keyed state is refused on non-keyed streams and with a different kind under the same name", async () => {
    const h = harnessFor((s) => s.map({ open: (ctx) => void ctx.getState(new ValueStateDescriptor("x")), map: (e) => e.n }));
    await assert.rejects(h.open(), /only available on a keyed stream/);
    const h2 = harnessFor((s) => s.keyBy((e) => e.k).map({
        open(ctx) {
            ctx.getState(new ValueStateDescriptor("x"));
            ctx.getListState(new ListStateDescriptor("x"));
        },
        map: (e) => e.n,
    }));
    await assert.rejects(h2.open(), /created as value state, not list state/);
});
test("state lives in the key group of its key", async () => {
    const h = await harnessFor((s) => s.keyBy((e) => e.k).map(new Remember())).open();
    for (let i = 0; i < 50; i++)
        h.processElement({ k: `key-${i}`, n: i });
    const backend = h.operator.inner.ctx.keyedState;
    const { keyGroupFor } = await import("../../src/graph/key-groups.js");
    const table = backend.table("user:v");
    for (let i = 0; i < 50; i++) {
        const g = keyGroupFor(`key-${i}`, backend.maxParallelism) - backend.keyGroupStart;
        assert.equal(table.groups[g].get(`key-${i}`), i);
    }
});
//# sourceMappingURL=keyed-state.test.js.map