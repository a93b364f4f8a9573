/** State TTL: an expired value is never returned, whatever the cleanup has or hasn't done yet. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { ListStateDescriptor, MapStateDescriptor, ValueStateDescriptor } from "../../src/api/state/state-descriptors.js";
import { StateTtlConfig } from "../../src/api/state/state-ttl-config.js";
import { harnessFor } from "../windowing/support/api-harness.js";
class TtlFunction {
    ttl;
    v;
    l;
    m;
    constructor(ttl) {
        this.ttl = ttl;
    }
    open(ctx) {
        this.v = ctx.getState(new ValueStateDescriptor("v").enableTimeToLive(this.ttl));
        this.l = ctx.getListState(new ListStateDescriptor("l").enableTimeToLive(this.ttl));
        this.m = ctx.getMapState(new MapStateDescriptor("m").enableTimeToLive(this.ttl));
    }
    map(c) {
        if (c.op === "set") {
            this.v.update(c.n);
            this.l.add(c.n);
            this.m.put(`e${c.n}`, c.n);
        }
        return [this.v.value(), [...this.l.get()], [...this.m.entries()]];
    }
}
async function harness(ttl) {
    return harnessFor((s) => s.keyBy((c) => c.k).map(new TtlFunction(ttl))).open();
}
test("values, list elements and map entries expire after the TTL since their last write", async () => {
    const h = await harness(StateTtlConfig.newBuilder(100).build());
    h.processElement({ k: "a", op: "set", n: 1 });
    h.setProcessingTime(60);
    h.processElement({ k: "a", op: "set", n: 2 });
    h.setProcessingTime(99);
    h.processElement({ k: "a", op: "get" });
    h.setProcessingTime(100); // n=1 written at 0 has expired; n=2 written at 60 has not
    h.processElement({ k: "a", op: "get" });
    h.setProcessingTime(160);
    h.processElement({ k: "a", op: "get" });
    assert.deepEqual(h.records(), [
        [1, [1], [["e1", 1]]],
        [2, [1, 2], [["e1", 1], ["e2", 2]]],
        [2, [1, 2], [["e1", 1], ["e2", 2]]],
        [2, [2], [["e2", 2]]],
        [undefined, [], []],
    ]);
});
test("OnReadAndWrite: reading keeps the value alive", async () => {
    const h = await harness(StateTtlConfig.newBuilder(100).updateTtlOnReadAndWrite().build());
    h.processElement({ k: "a", op: "set", n: 1 });
    for (const t of [90, 180, 270]) {
        h.setProcessingTime(t);
        h.processElement({ k: "a", op: "get" });
    }
    h.setProcessingTime(370);
    h.processElement({ k: "a", op: "get" });
    assert.deepEqual(h.records().map((r) => r[0]), [1, 1, 1, 1, undefined]);
});
test("incremental cleanup frees expired entries of keys that are never read again", async () => {
    const h = await harness(StateTtlConfig.newBuilder(10).cleanupIncrementally(10).build());
    for (let i = 0; i < 20; i++)
        h.processElement({ k: `old-${i}`, op: "set", n: i });
    h.setProcessingTime(50);
    for (let i = 0; i < 30; i++)
        h.processElement({ k: "fresh", op: "set", n: i });
    const backend = h.operator.inner.ctx.keyedState;
    const entries = backend.table("user:v").groups.reduce((n, g) => n + g.size, 0);
    assert.equal(entries, 1, "only the fresh key is left");
});
//# sourceMappingURL=state-ttl.test.js.map