/**
 * The examples, run through the `sluice` command as users run them, give the reference result at
 * parallelism 1, 2 and 4.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SLUICE_BIN, example } from "../support/paths.js";
import { reading } from "../../examples/keyed-aggregation.js";
function sluice(args) {
    return execFileSync(process.execPath, [SLUICE_BIN, ...args], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
}
/** Parses print() lines ("3> { word: 'to', count: 2 }") into objects. */
function printed(out) {
    return out
        .split("\n")
        .filter((l) => l.trim())
        .map((l) => l.replace(/^\d+> /, ""))
        .map((l) => Function(`return (${l});`)());
}
function randomText(seed) {
    let s = seed;
    const next = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
    const vocabulary = ["stream", "state", "slot", "flink", "sluice", "window", "key", "time", "Ünïcode", "x"];
    const lines = [];
    for (let i = 0; i < 400; i++) {
        const n = Math.floor(next() * 12);
        lines.push(Array.from({ length: n }, () => vocabulary[Math.floor(next() * vocabulary.length)]).join(next() < 0.5 ? " " : ", "));
    }
    return lines.join("\n");
}
for (const p of [1, 2, 4]) {
    test(`wordcount at parallelism ${p} counts every word of a file`, () => {
        const dir = mkdtempSync(join(tmpdir(), "sluice-wc-"));
        const file = join(dir, "input.txt");
        const text = randomText(p * 31);
        writeFileSync(file, text);
        const rows = printed(sluice(["run", example("wordcount.ts"), file, "-p", String(p)]));
        const expected = new Map();
        for (const w of text.toLowerCase().split(/\W+/))
            if (w)
                expected.set(w, (expected.get(w) ?? 0) + 1);
        const seen = new Map();
        for (const r of rows)
            seen.set(r.word, [...(seen.get(r.word) ?? []), r.count]);
        assert.deepEqual(new Set(seen.keys()), new Set(expected.keys()));
        for (const [word, counts] of seen) {
            // A running count per key: exactly 1, 2, …, n in order.
            assert.deepEqual(counts, Array.from({ length: expected.get(word) }, (_, i) => i + 1), word);
        }
    });
    test(`keyed aggregation at parallelism ${p} gives the running maximum per sensor`, () => {
        const count = 5000;
        const rows = printed(sluice(["run", example("keyed-aggregation.ts"), String(count), "-p", String(p)]));
        assert.equal(rows.length, count);
        const expected = new Map();
        for (let i = 0; i < count; i++) {
            const r = reading(i);
            expected.set(r.sensor, Math.max(expected.get(r.sensor) ?? -Infinity, r.temperature));
        }
        const last = new Map();
        for (const r of rows) {
            assert.ok(r.temperature >= (last.get(r.sensor) ?? -Infinity), "a running maximum never decreases");
            last.set(r.sensor, r.temperature);
        }
        assert.deepEqual(new Map([...last].sort()), new Map([...expected].sort()));
    });
}
test("sluice run examples/wordcount.ts prints its result and exits 0", () => {
    const r = spawnSync(process.execPath, [SLUICE_BIN, "run", example("wordcount.ts")], { encoding: "utf8" });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /\{ word: 'to', count: 11 \}/);
    assert.match(r.stderr, /finished in/);
});
test("sluice run on a failing job exits non-zero and prints the cause", () => {
    const r = spawnSync(process.execPath, [SLUICE_BIN, "run", join(example(".."), "test", "jobs", "throwing.ts")], { encoding: "utf8" });
    assert.equal(r.status, 1);
    assert.match(r.stderr, /FAILED: reading 500 is invalid/);
});
//# sourceMappingURL=examples.test.js.map