/**
 * Joins, connected streams, keyed timers and broadcast state on real jobs at parallelism 1 and 4,
 * against plain reference computations over the same events.
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { generateEvents, watermarksAt } from "../jobs/windowing/support/events.js";
import { TIMER_BUCKET } from "../jobs/windowing/two-input-job.js";
import { canonical } from "./support/reference.js";
import { runCollecting } from "./support/job-results.js";
const SEED = 2;
const events = generateEvents(SEED);
const marks = watermarksAt(events);
/** Events that are not late for a tumbling window of `size` (no allowed lateness). */
const inLiveWindow = (size) => (e, i) => e.ts - (e.ts % size) + size - 1 > marks[i];
function expected() {
    const m = new Map();
    const live = events.filter(inLiveWindow(100));
    const groups = new Map();
    for (const e of live) {
        const id = `${e.key}|${e.ts - (e.ts % 100)}`;
        const g = groups.get(id) ?? { a: [], b: [] };
        (e.side === "L" ? g.a : g.b).push(e);
        groups.set(id, g);
    }
    m.set("window-join", [...groups.values()].flatMap((g) => g.a.flatMap((a) => g.b.map((b) => ({ key: a.key, a: a.id, b: b.id })))));
    m.set("cogroup", [...groups.values()].map((g) => ({ a: g.a.map((e) => e.id).sort((x, y) => x - y), b: g.b.map((e) => e.id).sort((x, y) => x - y) })));
    // Interval join: all pairs of elements that were not behind the watermark when they arrived.
    const onTime = events.filter((e, i) => e.ts > marks[i]);
    const pairs = [];
    for (const l of onTime)
        if (l.side === "L")
            for (const r of onTime)
                if (r.side === "R" && r.key === l.key && r.ts - l.ts >= -30 && r.ts - l.ts <= 20)
                    pairs.push({ a: l.id, b: r.id, ts: Math.max(l.ts, r.ts) });
    m.set("interval-join", pairs);
    m.set("co-map", events.map((e) => `${e.side}${e.id}`));
    // Timers: registered at the end of each element's bucket, fired (once) by the first watermark
    // that passes them after registration, reporting the key's sum of everything before that watermark.
    const firings = [];
    const sums = new Map();
    const pending = new Map();
    let W = Number.NEGATIVE_INFINITY;
    const advance = (to) => {
        if (to <= W)
            return;
        W = to;
        for (const [key, timers] of pending) {
            for (const at of [...timers].sort((a, b) => a - b)) {
                if (at > W)
                    continue;
                timers.delete(at);
                firings.push({ key, at, sum: sums.get(key) });
            }
        }
    };
    events.forEach((e, i) => {
        advance(marks[i]);
        sums.set(e.key, (sums.get(e.key) ?? 0) + e.v);
        const t = pending.get(e.key) ?? new Set();
        t.add(Math.ceil((e.ts + 1) / TIMER_BUCKET) * TIMER_BUCKET - 1);
        pending.set(e.key, t);
    });
    advance(Number.POSITIVE_INFINITY);
    m.set("keyed-co-process-timers", firings);
    m.set("keyed-process-timers", firings);
    return m;
}
describe("two-input jobs against the reference", () => {
    const results = new Map();
    const want = expected();
    before(async () => {
        for (const p of [1, 4])
            results.set(p, await runCollecting("windowing/two-input-job.ts", p, [String(SEED)]));
    });
    test("the input has late events on both sides", () => {
        const late = events.filter((e, i) => !inLiveWindow(100)(e, i));
        assert.ok(late.some((e) => e.side === "L") && late.some((e) => e.side === "R"));
    });
    for (const [name, values] of want) {
        for (const p of [1, 4]) {
            test(`${name} at parallelism ${p}`, () => {
                assert.ok(values.length > 0);
                assert.deepEqual(canonical(results.get(p).get(name)), canonical(values));
            });
        }
    }
    test("timers fire per key in timestamp order within each watermark, never before the watermark", () => {
        for (const p of [1, 4]) {
            const got = results.get(p).get("keyed-process-timers");
            const ids = got.map((f) => `${f.key}@${f.at}@${f.sum}`);
            assert.equal(new Set(ids).size, ids.length, "no timer fires twice");
        }
    });
    test("broadcast state is identical on all parallel instances", () => {
        const rules = events.filter((e) => e.v >= 8);
        const final = new Map();
        for (const r of rules)
            final.set(r.key, r.id);
        for (const p of [1, 4]) {
            const views = results.get(p).get("broadcast-state");
            const bySubtask = new Map();
            for (const v of views)
                bySubtask.set(v.subtask, [...(bySubtask.get(v.subtask) ?? []), JSON.stringify(v.rules)]);
            assert.equal(bySubtask.size, p, "every instance received the broadcast stream");
            const sequences = [...bySubtask.values()];
            for (const s of sequences)
                assert.deepEqual(s, sequences[0], "same states in the same order everywhere");
            assert.equal(sequences[0].length, rules.length);
            assert.deepEqual(JSON.parse(sequences[0].at(-1)), [...final].sort());
        }
    });
});
//# sourceMappingURL=two-input-jobs.test.js.map