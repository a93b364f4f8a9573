/**
 * Operators that keep much of their state in the backend (windows with merging sessions,
 * triggers and timers; keyed process functions with timers) give the same output on the LMDB
 * backend with a tiny cache as on the heap backend, for a random workload over many keys.
 */
import assert from "node:assert/strict";
import { after, test } from "node:test";
import { ValueStateDescriptor } from "../../src/api/state/state-descriptors.js";
import { EventTimeSessionWindows, SlidingEventTimeWindows } from "../../src/api/windowing/time-window-assigners.js";
import { harnessFor } from "../windowing/support/api-harness.js";
import { BACKENDS, disposeBackends } from "./support/backends.js";
after(disposeBackends);
/** A deterministic pseudo-random workload: events over 120 keys with out-of-order timestamps, and watermarks. */
function drive(h) {
    let seed = 12345;
    const rnd = (n) => {
        seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
        return seed % n;
    };
    let time = 0;
    for (let i = 0; i < 3000; i++) {
        time += rnd(3);
        h.processElement({ k: `key-${rnd(120)}`, n: i }, Math.max(0, time - rnd(20)));
        if (i % 100 === 99)
            h.processWatermark(time - 25);
    }
    h.processWatermark(Number.POSITIVE_INFINITY);
    return h.records();
}
const listing = (k, ctx, els, out) => out.collect([k, ctx.window().start, ctx.window().end, els.map((e) => e.n)]);
test("session windows (merging) and sliding windows: the same firings on every backend", async () => {
    const runs = await Promise.all(BACKENDS.map(async (kind) => {
        const sessions = await harnessFor((s) => s.keyBy((e) => e.k).window(EventTimeSessionWindows.withGap(15)).allowedLateness(10).process(listing), {
            keyedStateBackend: kind.create(),
        }).open();
        const sliding = await harnessFor((s) => s
            .keyBy((e) => e.k)
            .window(SlidingEventTimeWindows.of(40, 20))
            .reduce((a, b) => ({ k: a.k, n: a.n + b.n })), { keyedStateBackend: kind.create() }).open();
        return { sessions: drive(sessions), sliding: drive(sliding) };
    }));
    const [heap, lmdb] = runs;
    assert.ok(heap.sessions.length > 500 && heap.sliding.length > 500);
    assert.deepEqual(lmdb.sessions, heap.sessions);
    assert.deepEqual(lmdb.sliding, heap.sliding);
});
class CountWithTimeout {
    count;
    open(ctx) {
        this.count = ctx.getState(new ValueStateDescriptor("count", 0));
    }
    processElement(e, ctx, out) {
        const c = this.count.value() + 1;
        this.count.update(c);
        const ts = ctx.timestamp();
        ctx.timerService().registerEventTimeTimer(ts + 30);
        if (c % 3 === 0)
            ctx.timerService().deleteEventTimeTimer(ts + 30);
        if (c % 5 === 0)
            out.collect(["five", e.k, c]);
    }
    onTimer(timestamp, ctx, out) {
        out.collect(["timer", ctx.getCurrentKey(), timestamp, this.count.value()]);
    }
}
test("keyed process function with state and timers (some deleted): the same output on every backend", async () => {
    const outputs = await Promise.all(BACKENDS.map(async (kind) => {
        const h = await harnessFor((s) => s.keyBy((e) => e.k).process(new CountWithTimeout()), { keyedStateBackend: kind.create() }).open();
        return drive(h);
    }));
    assert.ok(outputs[0].length > 1000);
    assert.deepEqual(outputs[1], outputs[0]);
});
//# sourceMappingURL=window-operators.test.js.map