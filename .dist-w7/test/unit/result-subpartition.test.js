/**
 * The producer side of a channel: buffers go out only against credit, events queue behind buffers,
 * the blocked state and its listener follow the backlog, batches aim at 32 KiB buffers.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { NO_TIMESTAMP } from "../../src/runtime/network/record-batch-codec.js";
import { TARGET_BUFFER_BYTES } from "../../src/runtime/network/result-subpartition.js";
import { CapturingChannel } from "./support/network.js";
import { mulberry32, randomInt } from "./support/random.js";
test("credits strictly bound the buffers sent; every record arrives once, in order", () => {
    for (const [flushEveryRecord, local] of [[true, false], [false, false], [false, true]]) {
        const rnd = mulberry32(flushEveryRecord ? 1 : local ? 3 : 2);
        const ch = new CapturingChannel("c", flushEveryRecord, local);
        const sp = ch.subpartition;
        let credits = 0;
        let next = 0;
        for (let step = 0; step < 3000; step++) {
            const r = rnd();
            if (r < 0.7)
                sp.add({ n: next++, pad: "x".repeat(randomInt(rnd, 0, 200)) }, NO_TIMESTAMP);
            else if (r < 0.8)
                sp.flush();
            else if (r < 0.95) {
                const n = randomInt(rnd, 1, 3);
                credits += n;
                sp.addCredits(n);
            }
            else
                sp.addCredits(0);
            assert.ok(ch.buffersSent <= credits, `${ch.buffersSent} buffers sent with ${credits} credits`);
            // Without credit shortage nothing waits; with it, the backlog is exactly what credit lacks.
            assert.equal(sp.backlogBuffers, ch.counters.buffers - ch.buffersSent);
            assert.equal(ch.buffersSent, Math.min(credits, ch.counters.buffers));
        }
        sp.flush();
        sp.addCredits(ch.counters.buffers);
        assert.equal(sp.backlogBuffers, 0);
        assert.deepEqual(ch.values().map((v) => v.n), Array.from({ length: next }, (_, i) => i));
        assert.equal(ch.counters.records, next);
    }
});
test("events never overtake buffers and need no credit themselves", () => {
    for (const local of [false, true]) {
        const rnd = mulberry32(3);
        const ch = new CapturingChannel("c", false, local);
        const sp = ch.subpartition;
        const expected = [];
        let wm = 0;
        for (let step = 0; step < 2000; step++) {
            const r = rnd();
            if (r < 0.85) {
                const ts = rnd() < 0.5 ? NO_TIMESTAMP : randomInt(rnd, 0, 1e9);
                sp.add(step, ts);
                expected.push({ kind: "record", value: step, timestamp: ts });
            }
            else if (r < 0.95) {
                const event = { kind: "watermark", timestamp: wm++ };
                sp.sendEvent(event);
                expected.push({ kind: "event", event });
            }
            else
                sp.addCredits(1);
        }
        const end = { kind: "end-of-partition" };
        sp.sendEvent(end);
        expected.push({ kind: "event", event: end });
        // Whatever arrived so far is a prefix of the logical order.
        const before = ch.received();
        assert.deepStrictEqual(before, expected.slice(0, before.length));
        sp.addCredits(1_000_000);
        assert.deepStrictEqual(ch.received(), expected);
    }
    // An event with no buffer in front goes out at once, even without credit.
    const idle = new CapturingChannel("d", false);
    idle.subpartition.sendEvent({ kind: "stream-status", idle: true });
    assert.equal(idle.frames.length, 1);
    assert.equal(idle.subpartition.isBlocked, false);
});
test("blocked while buffers wait for credit; the unblocked listener fires once, when drained", () => {
    const ch = new CapturingChannel("c", true);
    const sp = ch.subpartition;
    let immediate = 0;
    sp.whenUnblocked(() => immediate++);
    assert.equal(immediate, 1, "not blocked: the listener runs at once");
    sp.addCredits(1);
    sp.add("a", NO_TIMESTAMP);
    assert.equal(sp.isBlocked, false, "the one credit was used");
    sp.add("b", NO_TIMESTAMP);
    sp.add("c", NO_TIMESTAMP);
    sp.sendEvent({ kind: "watermark", timestamp: 5 });
    assert.equal(sp.isBlocked, true);
    assert.equal(sp.backlogBuffers, 2);
    let unblocked = 0;
    sp.whenUnblocked(() => unblocked++);
    sp.addCredits(1);
    assert.equal(unblocked, 0, "still a buffer waiting");
    assert.equal(sp.isBlocked, true);
    sp.addCredits(1);
    assert.equal(unblocked, 1);
    assert.equal(sp.isBlocked, false);
    assert.deepEqual(ch.frames.map((f) => f.t), ["buffer", "buffer", "buffer", "event"]);
    sp.addCredits(5);
    assert.equal(unblocked, 1, "fires only once");
});
test("flushEveryRecord sends one buffer per record", () => {
    const ch = new CapturingChannel("c", true);
    ch.subpartition.addCredits(100);
    for (let i = 0; i < 50; i++)
        ch.subpartition.add({ i }, i);
    assert.equal(ch.buffersSent, 50);
    assert.ok(ch.frames.every((f) => f.t === "buffer" && f.records === 1));
    assert.deepEqual(ch.received(), Array.from({ length: 50 }, (_, i) => ({ kind: "record", value: { i }, timestamp: i })));
});
function approxSize(v) {
    return Math.max(4, JSON.stringify(v).length);
}
test("the adaptive batch size keeps buffers near 32 KiB", () => {
    const rnd = mulberry32(9);
    const shapes = [
        ["5-byte ints", (i) => 100_000 + (i % 100)],
        ["numbers", (i) => i * 1.5],
        ["word counts", (i) => ({ word: `word-${i % 1000}`, count: i })],
        ["~300-byte records", (i) => ({ id: i, text: "t".repeat(280) })],
        ["~1.5 KiB records", (i) => ({ id: i, text: "é".repeat(700) })],
        ["~5 KiB records", (i) => ({ id: i, text: "x".repeat(5000) })],
        ["~12 KiB records", (i) => ({ id: i, text: "y".repeat(12_000) })],
        ["variable records", (i) => ({ id: i, text: "v".repeat(randomInt(rnd, 0, 400)) })],
    ];
    for (const [what, make] of shapes) {
        const ch = new CapturingChannel("c", false);
        ch.subpartition.addCredits(1_000_000);
        for (let i = 0; i < 8_000_000 / approxSize(make(0)); i++)
            ch.subpartition.add(make(i), NO_TIMESTAMP);
        // Skip the first buffers (the size is learned from them) and the partly filled last one.
        const buffers = ch.frames.flatMap((f) => (f.t === "buffer" ? [{ bytes: f.data.byteLength, records: f.records }] : [])).slice(2, -1);
        assert.ok(buffers.length >= 3, what);
        for (const { bytes, records } of buffers) {
            // Records are never split, so a buffer may miss the target by up to one record.
            const slack = Math.max(0.25 * TARGET_BUFFER_BYTES, bytes / records);
            assert.ok(Math.abs(bytes - TARGET_BUFFER_BYTES) <= slack, `${what}: a buffer of ${bytes} bytes with ${records} records`);
        }
    }
});
//# sourceMappingURL=result-subpartition.test.js.map