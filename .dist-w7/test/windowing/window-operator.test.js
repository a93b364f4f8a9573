/**
 * The window operator through the operator test harness: the test drives records, watermarks and
 * processing time and reads what the operator emitted, in order.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { OutputTag } from "../../src/api/output-tag.js";
import { EventTimeSessionWindows, GlobalWindows, ProcessingTimeSessionWindows, SlidingEventTimeWindows, TumblingEventTimeWindows, TumblingProcessingTimeWindows, } from "../../src/api/windowing/time-window-assigners.js";
import { ContinuousProcessingTimeTrigger, CountTrigger, PurgingTrigger } from "../../src/api/windowing/triggers.js";
import { ValueStateDescriptor } from "../../src/api/state/state-descriptors.js";
import { harnessFor } from "./support/api-harness.js";
/** Lists each firing as key, window and elements. */
const list = (k, ctx, els, out) => out.collect({ k, start: ctx.window().start, end: ctx.window().end, ns: els.map((e) => e.n) });
test("tumbling event-time windows fire when the watermark passes their end, with the window's last ms as timestamp", async () => {
    const h = await harnessFor((s) => s.keyBy((e) => e.k).window(TumblingEventTimeWindows.of(10)).process(list)).open();
    h.processElement({ k: "a", n: 1 }, 1);
    h.processElement({ k: "a", n: 2 }, 12);
    h.processElement({ k: "b", n: 3 }, 9);
    h.processWatermark(8);
    assert.deepEqual(h.records(), []);
    h.processWatermark(9);
    assert.deepEqual(h.output.filter((o) => o.kind === "record").map((o) => (o.kind === "record" ? [o.value, o.timestamp] : o.kind)), [
        [{ k: "a", start: 0, end: 10, ns: [1] }, 9],
        [{ k: "b", start: 0, end: 10, ns: [3] }, 9],
    ]);
    assert.deepEqual(h.watermarks(), [8, 9], "the watermark is forwarded after the windows it fired");
    h.processWatermark(Number.POSITIVE_INFINITY);
    assert.deepEqual(h.records().at(-1), { k: "a", start: 10, end: 20, ns: [2] });
});
test("allowed lateness: late elements fire the window again; later ones go to the late side output", async () => {
    const late = new OutputTag("late");
    const h = await harnessFor((s) => s.keyBy((e) => e.k).window(TumblingEventTimeWindows.of(10)).allowedLateness(5).sideOutputLateData(late).process(list)).open();
    h.processElement({ k: "a", n: 1 }, 3);
    h.processWatermark(12);
    h.processElement({ k: "a", n: 2 }, 4); // late, within lateness: fires again with both
    h.processWatermark(14);
    h.processElement({ k: "a", n: 3 }, 5); // window cleaned at 9 + 5 = 14: too late
    assert.deepEqual(h.records(), [
        { k: "a", start: 0, end: 10, ns: [1] },
        { k: "a", start: 0, end: 10, ns: [1, 2] },
    ]);
    assert.deepEqual(h.sideOutput("late"), [{ k: "a", n: 3 }]);
});
test("sliding windows: an element belongs to size/slide windows", async () => {
    const h = await harnessFor((s) => s.keyBy((e) => e.k).window(SlidingEventTimeWindows.of(10, 5)).process(list)).open();
    h.processElement({ k: "a", n: 1 }, 7);
    h.processWatermark(Number.POSITIVE_INFINITY);
    assert.deepEqual(h.records(), [
        { k: "a", start: 0, end: 10, ns: [1] },
        { k: "a", start: 5, end: 15, ns: [1] },
    ]);
});
test("session windows merge when a late event bridges two sessions", async () => {
    const h = await harnessFor((s) => s.keyBy((e) => e.k).window(EventTimeSessionWindows.withGap(10)).allowedLateness(20).process(list)).open();
    h.processElement({ k: "a", n: 1 }, 0); // session [0, 10)
    h.processElement({ k: "a", n: 2 }, 15); // session [15, 25)
    h.processWatermark(12); // the first session fires, and is kept for the allowed lateness
    assert.deepEqual(h.records(), [{ k: "a", start: 0, end: 10, ns: [1] }]);
    h.processElement({ k: "a", n: 3 }, 8); // late: [8, 18) touches both sessions
    h.processWatermark(30);
    assert.deepEqual(h.records().slice(1), [{ k: "a", start: 0, end: 25, ns: [1, 2, 3] }]);
});
test("without lateness, a late event that bridges merges only with the session still open", async () => {
    const h = await harnessFor((s) => s.keyBy((e) => e.k).window(EventTimeSessionWindows.withGap(10)).process(list)).open();
    h.processElement({ k: "a", n: 1 }, 0);
    h.processElement({ k: "a", n: 2 }, 15);
    h.processWatermark(12); // [0, 10) fires and is gone
    h.processElement({ k: "a", n: 3 }, 8); // its own window [8, 18) ends after the watermark: not late
    h.processWatermark(30);
    assert.deepEqual(h.records(), [
        { k: "a", start: 0, end: 10, ns: [1] },
        { k: "a", start: 8, end: 25, ns: [2, 3] },
    ]);
});
test("session windows with an incremental aggregate merge their accumulators", async () => {
    const h = await harnessFor((s) => s
        .keyBy((e) => e.k)
        .window(EventTimeSessionWindows.withGap(10))
        .aggregate({ createAccumulator: () => 0, add: (e, acc) => acc + e.n, getResult: (acc) => acc, merge: (a, b) => a + b }, (k, _ctx, r, out) => out.collect({ k, total: r[0] }))).open();
    for (const [n, ts] of [[1, 0], [2, 30], [4, 5], [8, 24], [16, 14]])
        h.processElement({ k: "a", n }, ts);
    h.processWatermark(Number.POSITIVE_INFINITY);
    assert.deepEqual(h.records(), [{ k: "a", total: 31 }]);
});
test("count trigger fires every n elements; purging restarts the window", async () => {
    const keep = await harnessFor((s) => s.keyBy((e) => e.k).window(GlobalWindows.create()).trigger(CountTrigger.of(2)).process((k, _c, els, out) => out.collect(els.map((e) => e.n)))).open();
    const purge = await harnessFor((s) => s.keyBy((e) => e.k).countWindow(2).process((k, _c, els, out) => out.collect(els.map((e) => e.n)))).open();
    for (const h of [keep, purge])
        for (let n = 1; n <= 5; n++)
            h.processElement({ k: "a", n });
    assert.deepEqual(keep.records(), [[1, 2], [1, 2, 3, 4]]);
    assert.deepEqual(purge.records(), [[1, 2], [3, 4]]);
});
test("processing-time windows and triggers fire from the (manual) clock", async () => {
    const h = await harnessFor((s) => s.keyBy((e) => e.k).window(TumblingProcessingTimeWindows.of(10)).process(list), { startTime: 3 }).open();
    h.processElement({ k: "a", n: 1 });
    h.setProcessingTime(8);
    h.processElement({ k: "a", n: 2 });
    assert.deepEqual(h.records(), []);
    h.setProcessingTime(9);
    assert.deepEqual(h.records(), [{ k: "a", start: 0, end: 10, ns: [1, 2] }]);
    const c = await harnessFor((s) => s.keyBy((e) => e.k).window(GlobalWindows.create()).trigger(PurgingTrigger.of(ContinuousProcessingTimeTrigger.of(5))).process((k, _c, els, out) => out.collect(els.map((e) => e.n))), { startTime: 1 }).open();
    c.processElement({ k: "a", n: 1 });
    c.setProcessingTime(5);
    c.processElement({ k: "a", n: 2 });
    c.setProcessingTime(12);
    assert.deepEqual(c.records(), [[1], [2]]);
});
test("processing-time sessions merge and fire after the gap", async () => {
    const h = await harnessFor((s) => s.keyBy((e) => e.k).window(ProcessingTimeSessionWindows.withGap(10)).process(list)).open();
    h.processElement({ k: "a", n: 1 });
    h.setProcessingTime(6);
    h.processElement({ k: "a", n: 2 });
    h.setProcessingTime(14);
    assert.deepEqual(h.records(), []);
    h.setProcessingTime(15); // the merged window [0, 16) ends with ms 15
    assert.deepEqual(h.records(), [{ k: "a", start: 0, end: 16, ns: [1, 2] }]);
});
test("end of input fires pending processing-time windows", async () => {
    const h = await harnessFor((s) => s.keyBy((e) => e.k).window(TumblingProcessingTimeWindows.of(1000)).process(list)).open();
    h.processElement({ k: "a", n: 1 });
    await h.finish();
    assert.deepEqual(h.records(), [{ k: "a", start: 0, end: 1000, ns: [1] }]);
});
test("windowAll sees every key in one window", async () => {
    const h = await harnessFor((s) => s.windowAll(TumblingEventTimeWindows.of(10)).reduce((a, b) => ({ k: "*", n: a.n + b.n })).map((e) => e.n)).open();
    // harnessFor drives the last operator (the map): check the windowAll node itself instead.
    await h.close();
    const w = await harnessFor((s) => s.windowAll(TumblingEventTimeWindows.of(10)).reduce((a, b) => ({ k: "*", n: a.n + b.n }))).open();
    w.processElement({ k: "a", n: 1 }, 1);
    w.processElement({ k: "b", n: 2 }, 2);
    w.processWatermark(20);
    assert.deepEqual(w.records(), [{ k: "*", n: 3 }]);
});
test("per-window state is dropped with the window; global state stays", async () => {
    const count = new ValueStateDescriptor("count");
    const h = await harnessFor((s) => s
        .keyBy((e) => e.k)
        .window(TumblingEventTimeWindows.of(10))
        .allowedLateness(10)
        .process({
        process(_k, ctx, _els, out) {
            const w = ctx.windowState().getState(count);
            const g = ctx.globalState().getState(count);
            w.update((w.value() ?? 0) + 1);
            g.update((g.value() ?? 0) + 1);
            out.collect([w.value(), g.value()]);
        },
        clear(ctx) {
            ctx.windowState().getState(count).clear();
        },
    })).open();
    h.processElement({ k: "a", n: 1 }, 1);
    h.processWatermark(10);
    h.processElement({ k: "a", n: 2 }, 2); // late firing of the same window
    h.processElement({ k: "a", n: 3 }, 15);
    h.processWatermark(30);
    assert.deepEqual(h.records(), [[1, 1], [2, 2], [1, 3]]);
});
//# sourceMappingURL=window-operator.test.js.map