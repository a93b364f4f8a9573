/**
 * Async I/O through the operator test harness, with promises the test resolves by hand: order,
 * non-blocking unordered mode, capacity and backpressure, watermarks, timeouts.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { AsyncDataStream } from "../../src/api/async/async-data-stream.js";
import { harnessFor } from "./support/api-harness.js";
/** An async function whose calls the test completes. */
function controlled() {
    const calls = new Map();
    const fn = (n) => new Promise((resolve) => calls.set(n, resolve));
    const complete = async (n) => {
        calls.get(n)(`r${n}`);
        await new Promise((r) => setImmediate(r));
    };
    return { fn, calls, complete };
}
test("ordered: results leave in input order whatever order the calls complete in", async () => {
    const c = controlled();
    const h = await harnessFor((s) => AsyncDataStream.orderedWait(s, c.fn, 0, 10)).open();
    for (let n = 1; n <= 5; n++)
        h.processElement(n, n * 10);
    for (const n of [3, 5, 1, 4, 2])
        await c.complete(n);
    assert.deepEqual(h.records(), ["r1", "r2", "r3", "r4", "r5"]);
    assert.deepEqual(h.output.map((o) => (o.kind === "record" ? o.timestamp : -1)), [10, 20, 30, 40, 50], "results keep their input's timestamp");
});
test("unordered: a slow call does not hold back the others", async () => {
    const c = controlled();
    const ordered = controlled();
    const h = await harnessFor((s) => AsyncDataStream.unorderedWait(s, c.fn, 0, 10)).open();
    const o = await harnessFor((s) => AsyncDataStream.orderedWait(s, ordered.fn, 0, 10)).open();
    for (let n = 1; n <= 4; n++) {
        h.processElement(n);
        o.processElement(n);
    }
    for (const n of [2, 3, 4]) {
        await c.complete(n);
        await ordered.complete(n);
    }
    assert.deepEqual(h.records(), ["r2", "r3", "r4"]);
    assert.deepEqual(o.records(), [], "ordered waits for the slow first element");
    await c.complete(1);
    assert.deepEqual(h.records(), ["r2", "r3", "r4", "r1"]);
});
test("capacity: at most `capacity` calls in flight; the rest wait and the operator backpressures", async () => {
    for (const wait of [AsyncDataStream.orderedWait, AsyncDataStream.unorderedWait]) {
        const c = controlled();
        const h = await harnessFor((s) => wait(s, c.fn, 0, 2)).open();
        for (let n = 1; n <= 5; n++)
            h.processElement(n);
        assert.deepEqual([...c.calls.keys()], [1, 2], "only two calls started");
        assert.equal(h.operator.isBackpressured, true, "the task must stop reading input");
        const unblocked = h.operator.whenNotBackpressured();
        await c.complete(1);
        assert.deepEqual([...c.calls.keys()], [1, 2, 3]);
        await c.complete(2);
        await c.complete(3);
        assert.deepEqual([...c.calls.keys()], [1, 2, 3, 4, 5]);
        await c.complete(4);
        await unblocked;
        assert.equal(h.operator.isBackpressured, false);
        const finished = h.finish();
        await c.complete(5);
        await finished;
        assert.deepEqual([...h.records()].sort(), ["r1", "r2", "r3", "r4", "r5"]);
    }
});
test("unordered: no result crosses a watermark", async () => {
    const c = controlled();
    const h = await harnessFor((s) => AsyncDataStream.unorderedWait(s, c.fn, 0, 10)).open();
    h.processElement(1, 1);
    h.processWatermark(5);
    h.processElement(2, 6);
    await c.complete(2);
    assert.equal(h.output.length, 0, "r2 waits behind the watermark, which waits for r1");
    await c.complete(1);
    assert.deepEqual(h.output.map((o) => (o.kind === "record" ? o.value : o.kind === "watermark" ? `wm${o.timestamp}` : o.kind)), ["r1", "wm5", "r2"]);
});
test("timeouts go to the function's timeout handler", async () => {
    const h = await harnessFor((s) => AsyncDataStream.orderedWait(s, {
        asyncInvoke: (n, r) => {
            if (n % 2 === 0)
                r.complete([`fast${n}`]);
        },
        timeout: (n, r) => r.complete([`timeout${n}`]),
    }, 100, 10)).open();
    for (let n = 1; n <= 4; n++)
        h.processElement(n);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(h.records(), []);
    h.setProcessingTime(100);
    assert.deepEqual(h.records(), ["timeout1", "fast2", "timeout3", "fast4"]);
});
test("without a handler, a timeout fails the job", async () => {
    const h = await harnessFor((s) => AsyncDataStream.orderedWait(s, () => new Promise(() => { }), 50, 10)).open();
    h.processElement(1);
    assert.throws(() => h.setProcessingTime(50), /timed out after 50 ms/);
    await assert.rejects(h.finish(), /timed out/);
});
//# sourceMappingURL=async-wait-operator.test.js.map