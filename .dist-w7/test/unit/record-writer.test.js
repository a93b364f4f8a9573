/**
 * Channel selection per partitioner, checked through real subpartitions: hash follows key groups,
 * rebalance round-robins, broadcast reaches all, global and forward use channel 0, custom
 * partitioners are range-checked.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { keyGroupFor, subtaskForKeyGroup } from "../../src/graph/key-groups.js";
import { NO_TIMESTAMP } from "../../src/runtime/network/record-batch-codec.js";
import { createChannelSelector, RecordWriter } from "../../src/runtime/network/record-writer.js";
import { CapturingChannel } from "./support/network.js";
function writer(spec, channels, fns = {}, producerIndex = 0, maxParallelism = 128) {
    const chs = Array.from({ length: channels }, (_, i) => new CapturingChannel(`ch${i}`, true));
    for (const c of chs)
        c.subpartition.addCredits(1_000_000);
    const w = new RecordWriter(7, chs.map((c) => c.subpartition), createChannelSelector(spec, channels, producerIndex, maxParallelism, fns));
    return { w, chs, values: () => chs.map((c) => c.values()) };
}
test("hash partitioning routes by key group: equal keys meet, and the channel is subtaskForKeyGroup's", () => {
    for (const [channels, max] of [[1, 128], [3, 128], [4, 7], [5, 1000]]) {
        const key = (r) => [r.user, r.region];
        const { w, values } = writer({ type: "hash" }, channels, { key: key }, 0, max);
        const records = Array.from({ length: 2000 }, (_, i) => ({ user: `u${i % 37}`, region: i % 3, seq: i }));
        for (const r of records)
            w.emit(r, NO_TIMESTAMP);
        const got = values();
        for (let c = 0; c < channels; c++) {
            const expected = records.filter((r) => subtaskForKeyGroup(keyGroupFor([r.user, r.region], max), max, channels) === c);
            assert.deepEqual(got[c], expected, `channel ${c} of ${channels}`);
        }
    }
});
test("rebalance round-robins from a producer-dependent start; rescale does the same over its channels", () => {
    for (const type of ["rebalance", "rescale"]) {
        for (const [channels, producer] of [[1, 0], [3, 0], [3, 4], [4, 2]]) {
            const { w, values } = writer({ type }, channels, {}, producer);
            for (let i = 0; i < 25; i++)
                w.emit(i, NO_TIMESTAMP);
            const expected = Array.from({ length: channels }, (_, c) => Array.from({ length: 25 }, (_, i) => i).filter((i) => (producer + i) % channels === c));
            assert.deepEqual(values(), expected, `${type} ${channels} channels, producer ${producer}`);
        }
    }
});
test("broadcast sends every record and event to every channel", () => {
    const { w, chs, values } = writer({ type: "broadcast" }, 4);
    for (let i = 0; i < 10; i++)
        w.emit(i, i);
    w.broadcastEvent({ kind: "watermark", timestamp: 9 });
    const all = Array.from({ length: 10 }, (_, i) => i);
    assert.deepEqual(values(), [all, all, all, all]);
    for (const c of chs)
        assert.deepEqual(c.frames.at(-1), { t: "event", ch: c.subpartition.channel, event: { kind: "watermark", timestamp: 9 } });
});
test("global and forward send everything to channel 0", () => {
    for (const type of ["global", "forward"]) {
        const channels = type === "forward" ? 1 : 3;
        const { w, values } = writer({ type }, channels, {}, 2);
        for (let i = 0; i < 10; i++)
            w.emit(i, NO_TIMESTAMP);
        const expected = Array.from({ length: channels }, (_, c) => (c === 0 ? Array.from({ length: 10 }, (_, i) => i) : []));
        assert.deepEqual(values(), expected);
    }
});
test("shuffle picks every channel and loses nothing", () => {
    const { w, values } = writer({ type: "shuffle" }, 4);
    for (let i = 0; i < 400; i++)
        w.emit(i, NO_TIMESTAMP);
    const got = values();
    assert.ok(got.every((v) => v.length > 0));
    assert.deepEqual(got.flat().sort((a, b) => a - b), Array.from({ length: 400 }, (_, i) => i));
});
test("a custom partitioner chooses the channel; an out-of-range result is a clear error", () => {
    const key = (v) => v;
    const ok = writer({ type: "custom" }, 3, { key: key, partitioner: (k, n) => k % n });
    for (let i = 0; i < 9; i++)
        ok.w.emit(i, NO_TIMESTAMP);
    assert.deepEqual(ok.values(), [[0, 3, 6], [1, 4, 7], [2, 5, 8]]);
    for (const bad of [3, -1, 1.5, NaN]) {
        const b = writer({ type: "custom" }, 3, { key: key, partitioner: () => bad });
        assert.throws(() => b.w.emit(1, NO_TIMESTAMP), (e) => e instanceof RangeError && e.message.includes(`returned ${bad}`) && e.message.includes("[0, 2]"));
    }
    assert.throws(() => createChannelSelector({ type: "custom" }, 3, 0, 128, {}), /partitionCustom/);
    assert.throws(() => createChannelSelector({ type: "hash" }, 3, 0, 128, {}), /key selector/);
});
test("isBlocked is true while any channel has a backlog", () => {
    const chs = [new CapturingChannel("a", true), new CapturingChannel("b", true)];
    const w = new RecordWriter(1, chs.map((c) => c.subpartition), createChannelSelector({ type: "rebalance" }, 2, 0, 128, {}));
    chs[0].subpartition.addCredits(10);
    w.emit("x", NO_TIMESTAMP);
    assert.equal(w.isBlocked, false);
    w.emit("y", NO_TIMESTAMP); // channel 1 has no credit
    assert.equal(w.isBlocked, true);
    chs[1].subpartition.addCredits(1);
    assert.equal(w.isBlocked, false);
});
//# sourceMappingURL=record-writer.test.js.map