/**
 * assignTimestampsAndWatermarks through the harness, driven by its manual processing time:
 * assigned timestamps, periodic bounded-out-of-orderness watermarks against a reference, upstream
 * watermarks dropped except the final one, and idleness.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { WatermarkStrategy } from "../../src/api/watermark-strategy.js";
import { OperatorTestHarness } from "../../src/testing/operator-test-harness.js";
import { mulberry32, randomInt } from "./support/random.js";
function harness(strategy, interval = 100) {
    return new OperatorTestHarness("timestamps-watermarks", { fns: { watermarks: strategy }, settings: { autoWatermarkInterval: interval } }).open();
}
test("the assigner sets each record's timestamp from the event and the previous timestamp", async () => {
    const seen = [];
    const strategy = WatermarkStrategy.noWatermarks().withTimestampAssigner((e, previous) => {
        seen.push(previous);
        return e.time * 2;
    });
    const h = await harness(strategy);
    h.processElement({ id: 1, time: 5 }, 99);
    h.processElement({ id: 2, time: 7 });
    assert.deepEqual(h.output, [
        { kind: "record", value: { id: 1, time: 5 }, timestamp: 10 },
        { kind: "record", value: { id: 2, time: 7 }, timestamp: 14 },
    ]);
    assert.deepEqual(seen, [99, undefined]);
});
test("bounded out-of-orderness: every interval, watermark = max timestamp - bound - 1, when it advances", async () => {
    const bound = 50;
    const interval = 100;
    const strategy = WatermarkStrategy.forBoundedOutOfOrderness(bound).withTimestampAssigner((e) => e.time);
    const h = await harness(strategy, interval);
    const rnd = mulberry32(8);
    const expected = [];
    let max = Number.NEGATIVE_INFINITY;
    let lastWatermark = Number.NEGATIVE_INFINITY;
    let now = 0;
    let time = 1000;
    for (let tick = 1; tick <= 60; tick++) {
        // A few events out of order by at most `bound`, sometimes none in an interval.
        for (let i = randomInt(rnd, 0, 4); i > 0; i--) {
            time += randomInt(rnd, 0, 30);
            const t = time - randomInt(rnd, 0, bound);
            max = Math.max(max, t);
            h.processElement({ id: tick, time: t });
        }
        now = tick * interval;
        h.setProcessingTime(now);
        if (max !== Number.NEGATIVE_INFINITY && max - bound - 1 > lastWatermark)
            expected.push((lastWatermark = max - bound - 1));
        assert.deepEqual(h.watermarks(), expected, `after tick ${tick}`);
    }
    // Every record came through with its assigned timestamp; no record is behind a watermark by more than the bound.
    assert.equal(h.records().length, h.output.filter((e) => e.kind === "record").length);
    let wm = Number.NEGATIVE_INFINITY;
    for (const e of h.output) {
        if (e.kind === "watermark")
            wm = e.timestamp;
        if (e.kind === "record")
            assert.ok(e.timestamp > wm - bound, "late beyond the bound");
    }
});
test("upstream watermarks are dropped, except the final +Infinity", async () => {
    const h = await harness(WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((e) => e.time));
    h.processWatermark(1_000_000);
    h.processElement({ id: 1, time: 10 });
    h.setProcessingTime(100);
    h.processWatermark(2_000_000);
    h.processWatermark(Number.POSITIVE_INFINITY);
    assert.deepEqual(h.watermarks(), [9, Number.POSITIVE_INFINITY]);
});
test("no watermarks before the first interval; none after close", async () => {
    const h = await harness(WatermarkStrategy.forBoundedOutOfOrderness(0).withTimestampAssigner((e) => e.time), 200);
    h.processElement({ id: 1, time: 500 });
    h.setProcessingTime(199);
    assert.deepEqual(h.watermarks(), []);
    h.setProcessingTime(200);
    assert.deepEqual(h.watermarks(), [499]);
    await h.close();
    h.processElement({ id: 2, time: 900 });
    h.setProcessingTime(10_000);
    assert.deepEqual(h.watermarks(), [499]);
});
test("idleness: marked idle after the timeout without records, active again with the next record", async () => {
    const strategy = WatermarkStrategy.forBoundedOutOfOrderness(0)
        .withTimestampAssigner((e) => e.time)
        .withIdleness(300);
    const h = await harness(strategy, 100);
    h.setProcessingTime(50);
    h.processElement({ id: 1, time: 1000 });
    h.setProcessingTime(100);
    h.setProcessingTime(200);
    h.setProcessingTime(300);
    assert.deepEqual(h.output.slice(1), [{ kind: "watermark", timestamp: 999 }], "active until 300 ms after the last record");
    h.setProcessingTime(400);
    h.setProcessingTime(1000);
    assert.deepEqual(h.output.slice(2), [{ kind: "stream-status", idle: true }], "idle once, not at every interval");
    h.clearOutput();
    h.processElement({ id: 2, time: 2000 });
    assert.deepEqual(h.output, [
        { kind: "stream-status", idle: false },
        { kind: "record", value: { id: 2, time: 2000 }, timestamp: 2000 },
    ]);
    h.setProcessingTime(1100);
    assert.deepEqual(h.output.slice(2), [{ kind: "watermark", timestamp: 1999 }]);
    // A steady trickle of records below the timeout keeps the stream active.
    h.clearOutput();
    for (let t = 1200; t <= 3000; t += 100) {
        h.processElement({ id: t, time: 2000 + t });
        h.setProcessingTime(t);
    }
    assert.ok(h.output.every((e) => e.kind !== "stream-status"));
});
//# sourceMappingURL=timestamps-watermarks-operator.test.js.map