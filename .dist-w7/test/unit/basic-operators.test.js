/**
 * map, flatMap, filter and process through the operator test harness: outputs equal a reference,
 * timestamps travel with the records, side outputs carry theirs, watermarks are forwarded.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { OutputTag } from "../../src/api/output-tag.js";
import { OperatorTestHarness } from "../../src/testing/operator-test-harness.js";
import { mulberry32, randomInt } from "./support/random.js";
function inputs(seed, n = 200) {
    const rnd = mulberry32(seed);
    return Array.from({ length: n }, () => ({ value: randomInt(rnd, -1000, 1000), timestamp: rnd() < 0.3 ? undefined : randomInt(rnd, 0, 1e12) }));
}
async function run(kind, fn, data, options = {}) {
    const h = await new OperatorTestHarness(kind, { fns: { fn }, ...options }).open();
    for (const { value, timestamp } of data)
        h.processElement(value, timestamp);
    return h;
}
const record = (value, timestamp) => ({ kind: "record", value, timestamp });
test("map applies the function and keeps each record's timestamp", async () => {
    const data = inputs(1);
    const fn = (n) => ({ n, square: n * n });
    const h = await run("map", fn, data);
    assert.deepEqual(h.output, data.map((d) => record(fn(d.value), d.timestamp)));
});
test("flatMap emits through the collector or by returning an iterable, with the input's timestamp", async () => {
    const data = inputs(2);
    const expand = (n) => Array.from({ length: Math.abs(n) % 4 }, (_, i) => n * 10 + i);
    const reference = data.flatMap((d) => expand(d.value).map((v) => record(v, d.timestamp)));
    const viaCollector = await run("flatMap", (n, out) => {
        for (const v of expand(n))
            out.collect(v);
    }, data);
    assert.deepEqual(viaCollector.output, reference);
    const viaIterable = await run("flatMap", (n) => expand(n), data);
    assert.deepEqual(viaIterable.output, reference);
    const viaGenerator = await run("flatMap", { *flatMap(n) { yield* expand(n); } }, data);
    assert.deepEqual(viaGenerator.output, reference);
});
test("filter keeps the records the predicate accepts, with their timestamps", async () => {
    const data = inputs(3);
    const h = await run("filter", (n) => n % 3 === 0, data);
    assert.deepEqual(h.output, data.filter((d) => d.value % 3 === 0).map((d) => record(d.value, d.timestamp)));
});
test("process: main output and side outputs, ctx.timestamp(), and rich-function lifecycle", async () => {
    const data = inputs(4);
    const negative = new OutputTag("negative");
    const zeroes = new OutputTag("zeroes");
    const calls = [];
    let seenContext;
    const seenTimestamps = [];
    const fn = {
        open(ctx) {
            calls.push("open");
            seenContext = ctx;
        },
        close() {
            calls.push("close");
        },
        processElement(n, ctx, out) {
            seenTimestamps.push(ctx.timestamp());
            if (n < 0)
                ctx.output(negative, `neg ${n}`);
            else if (n === 0)
                ctx.output(zeroes, 0);
            else
                out.collect(n * 2);
        },
    };
    const h = await run("process", fn, data, { parallelism: 3, subtaskIndex: 2 });
    await h.close();
    const reference = data.map((d) => d.value < 0
        ? { kind: "side", tag: "negative", value: `neg ${d.value}`, timestamp: d.timestamp }
        : d.value === 0
            ? { kind: "side", tag: "zeroes", value: 0, timestamp: d.timestamp }
            : record(d.value * 2, d.timestamp));
    assert.deepEqual(h.output, reference);
    assert.deepEqual(h.sideOutput("negative"), data.filter((d) => d.value < 0).map((d) => `neg ${d.value}`));
    assert.deepEqual(seenTimestamps, data.map((d) => d.timestamp));
    assert.deepEqual(calls, ["open", "close"]);
    assert.equal(seenContext?.subtaskIndex, 2);
    assert.equal(seenContext?.parallelism, 3);
});
test("process: ctx.currentProcessingTime() is the harness's manual clock", async () => {
    const times = [];
    const h = await new OperatorTestHarness("process", {
        fns: { fn: { processElement: (_v, ctx) => times.push(ctx.currentProcessingTime()) } },
        startTime: 1000,
    }).open();
    h.processElement(1);
    h.setProcessingTime(1500);
    h.processElement(2);
    assert.deepEqual(times, [1000, 1500]);
});
test("watermarks are forwarded in order with the records, and only when they advance", async () => {
    for (const kind of ["map", "filter", "flatMap", "process"]) {
        const fn = kind === "process" ? { processElement: (v, _c, out) => out.collect(v) } : kind === "flatMap" ? (v) => [v] : kind === "filter" ? () => true : (v) => v;
        const h = await new OperatorTestHarness(kind, { fns: { fn } }).open();
        const rnd = mulberry32(5);
        const expected = [];
        let current = Number.NEGATIVE_INFINITY;
        for (let i = 0; i < 300; i++) {
            if (rnd() < 0.3) {
                const wm = randomInt(rnd, 0, 1000);
                h.processWatermark(wm);
                if (wm > current)
                    expected.push({ kind: "watermark", timestamp: (current = wm) });
            }
            else {
                h.processElement(i, i);
                expected.push(record(i, i));
            }
        }
        assert.deepEqual(h.output, expected, kind);
    }
});
test("a two-input operator's watermark is the minimum of its inputs", async () => {
    const h = await new OperatorTestHarness("map", { fns: { fn: (v) => v }, inputs: 2 }).open();
    h.processWatermark(10, 0);
    assert.deepEqual(h.watermarks(), []);
    h.processWatermark(5, 1);
    h.processWatermark(20, 1);
    h.processWatermark(30, 0);
    assert.deepEqual(h.watermarks(), [5, 10, 20]);
});
//# sourceMappingURL=basic-operators.test.js.map