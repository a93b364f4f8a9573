/**
 * Key groups: a key's hash depends only on its value; key groups spread evenly; the subtask of a
 * key group and the key-group range of a subtask are exact inverses, and the ranges partition
 * [0, maxParallelism) among the subtasks.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { hashKey, keyGroupFor, keyGroupRange, subtaskForKeyGroup } from "../../src/graph/key-groups.js";
import { mulberry32 } from "./support/random.js";
test("equal keys built separately hash equally", () => {
    const rnd = mulberry32(1);
    for (let i = 0; i < 500; i++) {
        const n = Math.floor(rnd() * 1e6) - 5e5;
        const f = rnd() * 1e9;
        const word = `w${n}-é€😀`;
        const pairs = [
            [n, Number(String(n))],
            [f, Number(f.toString())],
            [2 ** 40 + n, Number(BigInt(2 ** 40 + n))],
            [word, ["w", String(n), "-é€😀"].join("")],
            [BigInt(n) * 10n ** 20n, BigInt(`${n}${"0".repeat(20)}`)],
            [[n, word, [true, BigInt(n)]], [Number(`${n}`), `w${n}-é€😀`, [!false, BigInt(String(n))]]],
        ];
        for (const [a, b] of pairs) {
            if (typeof a === "object")
                assert.notEqual(a, b, "arrays are distinct objects");
            assert.equal(hashKey(a), hashKey(b), `hash of ${String(a)}`);
            assert.equal(keyGroupFor(a, 128), keyGroupFor(b, 128));
        }
    }
    assert.equal(hashKey(-0), hashKey(0), "-0 and 0 are the same key");
});
test("a hash is a 32-bit unsigned integer and key groups are in range", () => {
    const keys = ["", "a", 0, -1, 1.5, NaN, Infinity, 2 ** 53, true, false, 0n, -(2n ** 80n), [], [[]], ["a", 1]];
    for (const k of keys) {
        const h = hashKey(k);
        assert.ok(Number.isInteger(h) && h >= 0 && h < 2 ** 32, `hash of ${String(k)} = ${h}`);
        for (const max of [1, 7, 128, 32768]) {
            const g = keyGroupFor(k, max);
            assert.ok(Number.isInteger(g) && g >= 0 && g < max);
        }
    }
});
test("different keys of different types and shapes hash apart", () => {
    const keys = ["1", 1, 1n, true, [1], ["1"], [[1]], [1, 2], [2, 1], ["ab", "c"], ["a", "bc"], "ab"];
    const hashes = new Set(keys.map((k) => hashKey(k)));
    assert.equal(hashes.size, keys.length);
});
test("keys spread evenly over key groups", () => {
    const max = 128;
    const n = 128_000;
    for (const make of [(i) => i, (i) => `user-${i}`, (i) => [i % 1000, `k${Math.floor(i / 1000)}`], (i) => BigInt(i) * 7n]) {
        const counts = new Array(max).fill(0);
        for (let i = 0; i < n; i++)
            counts[keyGroupFor(make(i), max)]++;
        const expected = n / max;
        // Chi-squared with 127 degrees of freedom: the 99.9th percentile is about 181.
        const chi2 = counts.reduce((s, c) => s + (c - expected) ** 2 / expected, 0);
        assert.ok(chi2 < 181, `chi-squared ${chi2.toFixed(1)} for ${make(12345).toString()}`);
    }
});
test("subtaskForKeyGroup and keyGroupRange are exact inverses; every key group has exactly one owner", () => {
    for (const max of [1, 2, 3, 7, 10, 64, 127, 128, 1000, 32768]) {
        for (let p = 1; p <= Math.min(max, 40); p++) {
            const owners = new Array(max).fill(0);
            let expectedStart = 0;
            for (let s = 0; s < p; s++) {
                const { start, end } = keyGroupRange(max, p, s);
                // Contiguous ranges that tile [0, max) in subtask order, none empty, sizes differ by at most one.
                assert.equal(start, expectedStart, `max ${max} p ${p} subtask ${s}`);
                assert.ok(end >= start);
                const size = end - start + 1;
                assert.ok(size === Math.floor(max / p) || size === Math.ceil(max / p));
                for (let g = start; g <= end; g++) {
                    owners[g]++;
                    assert.equal(subtaskForKeyGroup(g, max, p), s, `key group ${g} (max ${max}, p ${p})`);
                }
                expectedStart = end + 1;
            }
            assert.equal(expectedStart, max);
            assert.ok(owners.every((c) => c === 1));
            // And from the other side: the subtask of every key group lists it in its range.
            for (let g = 0; g < max; g++) {
                const r = keyGroupRange(max, p, subtaskForKeyGroup(g, max, p));
                assert.ok(g >= r.start && g <= r.end);
            }
        }
    }
});
//# sourceMappingURL=key-groups.test.js.map