/**
 * Timers of a KeyedProcessFunction through the operator test harness: per key, in timestamp
 * order, exactly once, also when the watermark jumps over many of them at once.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { OutputTag } from "../../src/api/output-tag.js";
import { harnessFor } from "../windowing/support/api-harness.js";
const MISSED = new OutputTag("missed");
class TimerFunction {
    chainBack;
    /** On firing, registers another timer this far before its own time (0 = none). */
    constructor(chainBack = 0) {
        this.chainBack = chainBack;
    }
    processElement(c, ctx) {
        const t = ctx.timerService();
        if (c.op === "delete")
            t.deleteEventTimeTimer(c.at);
        else if (c.op === "processing")
            t.registerProcessingTimeTimer(c.at);
        else if (c.op === "delete-processing")
            t.deleteProcessingTimeTimer(c.at);
        else
            t.registerEventTimeTimer(c.at);
        if (c.at < t.currentWatermark())
            ctx.output(MISSED, `${c.k}@${c.at}`);
    }
    onTimer(ts, ctx, out) {
        out.collect({ k: ctx.getCurrentKey(), ts, domain: ctx.timeDomain(), wm: ctx.timerService().currentWatermark() });
        if (this.chainBack > 0 && ts > 0)
            ctx.timerService().registerEventTimeTimer(ts - this.chainBack);
    }
}
const harness = (fn = new TimerFunction(), startTime = 0) => harnessFor((s) => s.keyBy((c) => c.k).process(fn), { startTime }).open();
test("event-time timers fire in timestamp order, once each, when the watermark jumps", async () => {
    const h = await harness();
    for (const [k, at] of [["a", 30], ["a", 10], ["b", 15], ["a", 20], ["a", 10], ["b", 5], ["a", 25]])
        h.processElement({ k, at });
    h.processElement({ k: "a", at: 25, op: "delete" });
    h.processWatermark(4);
    assert.deepEqual(h.records(), []);
    h.processWatermark(1000);
    h.processWatermark(2000);
    assert.deepEqual(h.records().map((r) => { const f = r; return `${f.k}@${f.ts}`; }), ["b@5", "a@10", "b@15", "a@20", "a@30"]);
    const out = h.output.filter((o) => o.kind === "record").map((o) => o.timestamp);
    assert.deepEqual(out, [5, 10, 15, 20, 30], "what onTimer emits carries the timer's time");
    assert.ok(h.records().every((f) => f.wm === 1000 && f.domain === "event-time"));
});
test("a timer registered while firing, at or before the watermark, fires in the same advance", async () => {
    const h = await harness(new TimerFunction(7));
    h.processElement({ k: "a", at: 50 });
    h.processWatermark(60);
    assert.deepEqual(h.records().map((f) => f.ts), [50, 43, 36, 29, 22, 15, 8, 1, -6], "each firing registers one more, 7 ms earlier, while its time is positive");
});
test("a timer behind the watermark fires at the next watermark", async () => {
    const h = await harness();
    h.processWatermark(100);
    h.processElement({ k: "a", at: 50 });
    assert.deepEqual(h.sideOutput("missed"), ["a@50"]);
    assert.deepEqual(h.records(), []);
    h.processWatermark(101);
    assert.deepEqual(h.records().map((f) => f.ts), [50]);
});
test("processing-time timers fire from the clock, can be deleted, and carry no timestamp", async () => {
    const h = await harness(new TimerFunction(), 0);
    h.processElement({ k: "a", at: 20, op: "processing" });
    h.processElement({ k: "b", at: 10, op: "processing" });
    h.processElement({ k: "a", at: 15, op: "processing" });
    h.processElement({ k: "a", at: 15, op: "delete-processing" });
    h.setProcessingTime(19);
    assert.deepEqual(h.records().map((f) => [f.k, f.ts, f.domain]), [["b", 10, "processing-time"]]);
    h.setProcessingTime(100);
    assert.deepEqual(h.records().map((f) => [f.k, f.ts]), [["b", 10], ["a", 20]]);
    assert.ok(h.output.filter((o) => o.kind === "record").every((o) => o.timestamp === undefined));
});
test("random timers and watermarks: exactly the timers the watermark passed, in order, once", async () => {
    let seed = 7;
    const rnd = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const h = await harness();
    const registered = new Set();
    let wm = 0;
    const expected = [];
    for (let round = 0; round < 40; round++) {
        for (let i = 0; i < 20; i++) {
            const k = `k${Math.floor(rnd() * 5)}`;
            const at = wm + Math.floor(rnd() * 400) - 50;
            h.processElement({ k, at });
            registered.add(`${k}@${at}`);
        }
        // Mostly small steps, sometimes a jump over hundreds of timers.
        const next = wm + 1 + (rnd() < 0.2 ? 1000 : Math.floor(rnd() * 60));
        const due = [...registered].filter((id) => Number(id.split("@")[1]) <= next);
        due.sort((x, y) => Number(x.split("@")[1]) - Number(y.split("@")[1]));
        for (const id of due)
            registered.delete(id);
        h.processWatermark(next);
        const fired = h.records().slice(expected.length).map((f) => `${f.k}@${f.ts}`);
        assert.deepEqual(new Set(fired), new Set(due), `round ${round}: the due timers and only them`);
        assert.equal(fired.length, due.length, `round ${round}: once each`);
        const times = fired.map((id) => Number(id.split("@")[1]));
        assert.deepEqual(times, [...times].sort((a, b) => a - b), `round ${round}: in timestamp order`);
        expected.push(...fired);
        wm = next;
    }
});
//# sourceMappingURL=timers.test.js.map