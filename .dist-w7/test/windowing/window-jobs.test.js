/**
 * Every window type, trigger, evictor and lateness case on real jobs (MiniCluster, worker threads,
 * network exchange) over out-of-order events with late events, at parallelism 1 and 4, against
 * a plain reference computation. Results are compared as multisets (parallel instances
 * interleave their output).
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { generateEvents } from "../jobs/windowing/support/events.js";
import { canonical, referenceSessions, referenceWindows } from "./support/reference.js";
import { runCollecting } from "./support/job-results.js";
const SEED = 1;
const events = generateEvents(SEED);
const ids = (f) => f.els.map((e) => e.id);
const sum = (els) => els.reduce((a, e) => a + e.v, 0);
/** The expected results per collect sink. */
function expected() {
    const m = new Map();
    const tumbling = referenceWindows(events, { size: 100, lateness: 50, trigger: { kind: "event" } });
    m.set("tumbling-reduce", tumbling.firings.map((f) => ({ key: f.key, v: sum(f.els), at: f.end - 1 })));
    m.set("tumbling-late", tumbling.late.map((e) => e.id));
    const t0 = referenceWindows(events, { size: 100, lateness: 0, trigger: { kind: "event" } });
    m.set("tumbling-aggregate", t0.firings.map((f) => ({ key: f.key, start: f.start, n: f.els.length, sum: sum(f.els) })));
    m.set("tumbling-apply", t0.firings.map((f) => ({ key: f.key, start: f.start, ids: ids(f) })));
    const sliding = referenceWindows(events, { size: 150, slide: 50, lateness: 30, trigger: { kind: "event" } });
    m.set("sliding-process", sliding.firings.map((f) => ({ key: f.key, start: f.start, ids: ids(f) })));
    m.set("session-reduce", referenceSessions(events, 40, 60).firings.map((f) => ({ key: f.key, start: f.start, end: f.end, sum: sum(f.els) })));
    m.set("session-aggregate", referenceSessions(events, 40, 0).firings.map((f) => ({ key: f.key, start: f.start, end: f.end, n: f.els.length })));
    // Count windows: per key in arrival order, which is deterministic per key.
    const perKey = new Map();
    for (const e of events)
        perKey.set(e.key, [...(perKey.get(e.key) ?? []), e]);
    const countWindows = [];
    const slidingCount = [];
    for (const [key, list] of perKey) {
        for (let i = 4; i <= list.length; i += 4)
            countWindows.push({ key, v: sum(list.slice(i - 4, i)) });
        for (let i = 2; i <= list.length; i += 2)
            slidingCount.push({ key, ids: list.slice(Math.max(0, i - 4), i).map((e) => e.id) });
    }
    m.set("count-window", countWindows);
    m.set("count-window-sliding", slidingCount);
    const asIds = (fs) => fs.map((f) => ({ key: f.key, start: f.start, ids: ids(f) }));
    m.set("count-trigger", asIds(referenceWindows(events, { size: 200, lateness: 0, trigger: { kind: "count", n: 3, purge: false } }).firings));
    m.set("purging-count-trigger", asIds(referenceWindows(events, { size: 200, lateness: 0, trigger: { kind: "count", n: 3, purge: true } }).firings));
    m.set("continuous-trigger", asIds(referenceWindows(events, { size: 200, lateness: 0, trigger: { kind: "continuous", interval: 50 } }).firings));
    m.set("count-evictor", asIds(referenceWindows(events, { size: 100, lateness: 40, trigger: { kind: "event" }, evict: (els) => els.slice(-2) }).firings));
    const timeEvict = (els) => {
        const newest = Math.max(...els.map((e) => e.ts));
        return els.filter((e) => e.ts > newest - 30);
    };
    m.set("time-evictor", asIds(referenceWindows(events, { size: 100, lateness: 0, trigger: { kind: "event" }, evict: timeEvict }).firings));
    const all = referenceWindows(events, { size: 100, lateness: 0, trigger: { kind: "event" }, keyOf: () => "all" });
    m.set("window-all", all.firings.map((f) => ({ start: f.start, n: f.els.length, sum: sum(f.els) })));
    return m;
}
describe("window jobs against the reference", () => {
    const results = new Map();
    const want = expected();
    before(async () => {
        for (const p of [1, 4])
            results.set(p, await runCollecting("windowing/windows-job.ts", p, [String(SEED)]));
    });
    test("the input has late events and several watermarks", () => {
        assert.ok(want.get("tumbling-late").length >= 5, "late events beyond the allowed lateness");
        assert.ok(events.filter((e) => e.wm !== undefined).length >= 10);
        assert.ok(referenceSessions(events, 40, 60).bridges >= 1, "a late event bridges two sessions");
    });
    for (const [name, values] of expected()) {
        for (const p of [1, 4]) {
            test(`${name} at parallelism ${p}`, () => {
                assert.ok(values.length > 0, `the reference for ${name} is not empty`);
                assert.deepEqual(canonical(results.get(p).get(name)), canonical(values));
            });
        }
    }
    test("processing-time windows count every element exactly once per window it belongs to", () => {
        const perKey = new Map();
        for (const e of events)
            perKey.set(e.key, (perKey.get(e.key) ?? 0) + 1);
        for (const p of [1, 4]) {
            const totals = (name) => {
                const t = new Map();
                for (const r of results.get(p).get(name))
                    t.set(r.key, (t.get(r.key) ?? 0) + r.n);
                return t;
            };
            assert.deepEqual(totals("processing-tumbling"), perKey, `tumbling at p=${p}`);
            assert.deepEqual(totals("processing-sliding"), new Map([...perKey].map(([k, n]) => [k, 2 * n])), `sliding (size = 2 slides) at p=${p}`);
        }
    });
});
//# sourceMappingURL=window-jobs.test.js.map