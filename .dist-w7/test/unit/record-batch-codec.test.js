/**
 * The record batch codec: random nested values and timestamps survive a round trip; every buffer
 * decodes on its own (any decoder, any order); corrupt buffers throw instead of yielding records.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { NO_TIMESTAMP, RecordBatchDecoder, RecordBatchEncoder } from "../../src/runtime/network/record-batch-codec.js";
import { mulberry32, randomInt } from "./support/random.js";
const SPECIAL_NUMBERS = [0, 1, -1, 0.5, -1e-300, 1e300, NaN, Infinity, -Infinity, 2 ** 31, -(2 ** 31) - 1, 2 ** 53, Number.MIN_VALUE, Number.MAX_SAFE_INTEGER];
const STRINGS = ["", "a", "é", "€uro", "😀🎉", "日本語のテキスト", "a\u0000b", "\ud7ff\ue000", "line\nbreak\t\"quoted\""];
function randomString(rnd) {
    if (rnd() < 0.5)
        return STRINGS[randomInt(rnd, 0, STRINGS.length - 1)];
    let s = "";
    const n = randomInt(rnd, 0, 40);
    for (let i = 0; i < n; i++) {
        const r = rnd();
        s += r < 0.6 ? String.fromCharCode(randomInt(rnd, 32, 126)) : r < 0.8 ? String.fromCharCode(randomInt(rnd, 0xa0, 0xd7ff)) : String.fromCodePoint(randomInt(rnd, 0x10000, 0x10ffff));
    }
    return s;
}
function randomValue(rnd, depth, inArray) {
    const r = rnd();
    if (depth <= 0 || r < 0.55) {
        const k = randomInt(rnd, 0, 7);
        switch (k) {
            case 0:
                return SPECIAL_NUMBERS[randomInt(rnd, 0, SPECIAL_NUMBERS.length - 1)];
            case 1:
                return (rnd() - 0.5) * 10 ** randomInt(rnd, -5, 15);
            case 2:
                return randomInt(rnd, -1e6, 1e6);
            case 3:
                return randomString(rnd);
            case 4:
                return rnd() < 0.5;
            case 5:
                return rnd() < 0.5 ? BigInt(randomInt(rnd, -1e9, 1e9)) : BigInt(randomInt(rnd, -1e9, 1e9)) * 10n ** BigInt(randomInt(rnd, 1, 40));
            case 6:
                return null;
            default:
                // undefined only where JSON-like data can hold it: inside arrays.
                return inArray ? undefined : randomString(rnd);
        }
    }
    if (r < 0.8)
        return Array.from({ length: randomInt(rnd, 0, 6) }, () => randomValue(rnd, depth - 1, true));
    const o = {};
    const n = randomInt(rnd, 0, 6);
    for (let i = 0; i < n; i++)
        o[rnd() < 0.7 ? `f${randomInt(rnd, 0, 8)}` : randomString(rnd)] = randomValue(rnd, depth - 1, false);
    return o;
}
test("random nested values round-trip, with and without timestamps", () => {
    const rnd = mulberry32(42);
    const encoder = new RecordBatchEncoder();
    const decoder = new RecordBatchDecoder();
    for (let batch = 0; batch < 300; batch++) {
        const values = Array.from({ length: randomInt(rnd, 0, 50) }, () => randomValue(rnd, 4, false));
        const withTs = batch % 2 === 0;
        const timestamps = withTs ? values.map(() => (rnd() < 0.2 ? NO_TIMESTAMP : randomInt(rnd, -1e12, 1e13))) : null;
        const reference = structuredClone(values);
        const decoded = decoder.decode(encoder.encode(values, timestamps));
        assert.deepStrictEqual(decoded.values, reference);
        if (withTs)
            assert.deepStrictEqual([...decoded.timestamps], timestamps);
        else
            assert.equal(decoded.timestamps, null);
    }
});
test("records of one shape (msgpack records) and mixed shapes in one batch", () => {
    const encoder = new RecordBatchEncoder();
    const decoder = new RecordBatchDecoder();
    const same = Array.from({ length: 1000 }, (_, i) => ({ word: `w${i % 17}`, count: i, nested: { ok: i % 2 === 0 } }));
    assert.deepStrictEqual(decoder.decode(encoder.encode(same, null)).values, same);
    const mixed = [{ a: 1 }, { b: 2 }, { a: "x", b: [1] }, { b: 3, a: 4 }, [{ a: 1 }], {}];
    assert.deepStrictEqual(decoder.decode(encoder.encode(mixed, null)).values, structuredClone(mixed));
});
test("every buffer decodes on its own, in any order and with any decoder", () => {
    const rnd = mulberry32(7);
    const encoders = [new RecordBatchEncoder(), new RecordBatchEncoder()];
    const batches = [];
    for (let i = 0; i < 40; i++) {
        const values = Array.from({ length: 20 }, (_, j) => ({ id: j, kind: `k${j % 3}`, extra: randomValue(rnd, 2, false) }));
        batches.push({ buffer: encoders[i % 2].encode(values, null), values: structuredClone(values) });
    }
    const shared = new RecordBatchDecoder();
    for (const b of [...batches].reverse())
        assert.deepStrictEqual(shared.decode(b.buffer).values, b.values);
    for (const b of batches)
        assert.deepStrictEqual(new RecordBatchDecoder().decode(b.buffer).values, b.values);
});
test("negative zero arrives as zero (msgpack has no negative integer zero)", () => {
    // Documented limitation of the wire format; this test notices if it ever changes.
    const decoded = new RecordBatchDecoder().decode(new RecordBatchEncoder().encode([-0, [-0], { z: -0 }], null)).values;
    assert.deepStrictEqual(decoded, [0, [0], { z: 0 }]);
});
test("an empty batch round-trips", () => {
    const d = new RecordBatchDecoder().decode(new RecordBatchEncoder().encode([], []));
    assert.deepStrictEqual(d.values, []);
    assert.equal(d.timestamps.length, 0);
});
test("corrupt buffers throw", () => {
    const encoder = new RecordBatchEncoder();
    const values = [{ a: 1, b: "two" }, { a: 3, b: "four" }, [5, 6]];
    const good = encoder.encode(values, [1, 2, 3]);
    const decoder = new RecordBatchDecoder();
    assert.deepStrictEqual(decoder.decode(good.slice(0)).values, values);
    const corruptions = [];
    corruptions.push(["shorter than the header", good.slice(0, 5)]);
    const wrongCount = good.slice(0);
    new DataView(wrongCount).setUint32(0, 2, true);
    corruptions.push(["count mismatch", wrongCount]);
    const hugeCount = good.slice(0);
    new DataView(hugeCount).setUint32(0, 0xffffffff, true);
    corruptions.push(["count beyond the buffer", hugeCount]);
    corruptions.push(["truncated payload", good.slice(0, good.byteLength - 3)]);
    const noTs = good.slice(0);
    new DataView(noTs).setUint8(4, 0);
    corruptions.push(["timestamp flag cleared", noTs]);
    const trailing = new Uint8Array(good.byteLength + 2);
    trailing.set(new Uint8Array(good));
    trailing[good.byteLength] = 0x01;
    corruptions.push(["trailing garbage", trailing.buffer]);
    for (const [what, buffer] of corruptions)
        assert.throws(() => decoder.decode(buffer), Error, what);
    // The decoder still works after rejecting garbage.
    assert.deepStrictEqual(decoder.decode(good).values, values);
});
//# sourceMappingURL=record-batch-codec.test.js.map