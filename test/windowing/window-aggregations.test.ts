/**
 * Window sum/min/max/minBy/maxBy and reduce/aggregate with old-style window functions on a real
 * job (MiniCluster, worker threads, network exchange) at parallelism 1 and 4, against a plain
 * reference of Flink's documented semantics; plus a small hand-checked case from Flink's docs
 * ("min returns the minimum value, minBy the element that has the minimum value").
 */
import assert from "node:assert/strict";
import { before, describe, test } from "node:test";
import { generateEvents, type Ev } from "../jobs/windowing/support/events.js";
import { canonical, referenceWindows, type Firing } from "./support/reference.js";
import { runCollecting } from "./support/job-results.js";
import { aggregationReducer } from "../../src/api/aggregation.js";

const SEED = 3;
const events = generateEvents(SEED);
const plain = (e: Ev): Omit<Ev, "wm"> => ({ id: e.id, key: e.key, ts: e.ts, v: e.v, side: e.side });

/** Flink's semantics, written directly over a window's elements in arrival order. */
const reference = {
  sum: (els: Ev[]) => ({ ...plain(els[0]!), v: els.reduce((a, e) => a + e.v, 0) }),
  min: (els: Ev[]) => ({ ...plain(els[0]!), v: Math.min(...els.map((e) => e.v)) }),
  max: (els: Ev[]) => ({ ...plain(els[0]!), v: Math.max(...els.map((e) => e.v)) }),
  minBy: (els: Ev[]) => plain(els.find((e) => e.v === Math.min(...els.map((x) => x.v)))!),
  maxBy: (els: Ev[]) => plain(els.find((e) => e.v === Math.max(...els.map((x) => x.v)))!),
  "minBy-last": (els: Ev[]) => plain([...els].reverse().find((e) => e.v === Math.min(...els.map((x) => x.v)))!),
  "maxBy-last": (els: Ev[]) => plain([...els].reverse().find((e) => e.v === Math.max(...els.map((x) => x.v)))!),
};

function expected(): Map<string, unknown[]> {
  const m = new Map<string, unknown[]>();
  const keyed = referenceWindows(events, { size: 100, lateness: 0, trigger: { kind: "event" } }).firings;
  for (const [name, f] of Object.entries(reference)) m.set(name, keyed.map((w: Firing) => f(w.els)));
  m.set("reduce-apply", keyed.map((w) => ({ key: w.key, start: w.start, v: reference.sum(w.els).v })));
  const all = referenceWindows(events, { size: 100, lateness: 0, trigger: { kind: "event" }, keyOf: () => "all" }).firings;
  m.set("all-sum-numbers", all.map((w) => reference.sum(w.els).v));
  m.set("all-maxBy", all.map((w) => reference.maxBy(w.els)));
  m.set("all-min", all.map((w) => reference.min(w.els)));
  m.set("all-aggregate-apply", all.map((w) => ({ start: w.start, n: w.els.length })));
  return m;
}

describe("window aggregations against the reference", () => {
  const results = new Map<number, Map<string, unknown[]>>();
  const want = expected();

  before(async () => {
    for (const p of [1, 4]) results.set(p, await runCollecting("windowing/window-aggregations-job.ts", p, [String(SEED)]));
  });

  test("the windows have ties, so first/last minBy differ", () => {
    assert.notDeepEqual(canonical(want.get("minBy")!), canonical(want.get("minBy-last")!));
    assert.notDeepEqual(canonical(want.get("min")!), canonical(want.get("minBy")!));
  });

  for (const [name, values] of want) {
    for (const p of [1, 4]) {
      test(`${name} at parallelism ${p}`, () => {
        assert.ok(values.length > 0, `the reference for ${name} is not empty`);
        assert.deepEqual(canonical(results.get(p)!.get(name)!), canonical(values));
      });
    }
  }
});

describe("Flink's documented min/minBy semantics", () => {
  // Flink's docs: min keeps the first element's other fields; minBy returns the element holding the minimum.
  const window = [
    { f0: "a", f1: 3, f2: "x" },
    { f0: "a", f1: 1, f2: "y" },
    { f0: "a", f1: 1, f2: "z" },
    { f0: "a", f1: 5, f2: "w" },
  ];
  const fold = (kind: Parameters<typeof aggregationReducer>[0], first = true) => window.reduce((a, b) => aggregationReducer(kind, "f1", first)(a, b) as typeof a);
  test("min keeps the first element's other fields", () => assert.deepEqual(fold("min"), { f0: "a", f1: 1, f2: "x" }));
  test("minBy keeps the first element holding the minimum", () => assert.deepEqual(fold("minBy"), { f0: "a", f1: 1, f2: "y" }));
  test("minBy(field, false) keeps the last element holding the minimum", () => assert.deepEqual(fold("minBy", false), { f0: "a", f1: 1, f2: "z" }));
  test("max and sum", () => {
    assert.deepEqual(fold("max"), { f0: "a", f1: 5, f2: "x" });
    assert.deepEqual(fold("sum"), { f0: "a", f1: 10, f2: "x" });
  });
  test("a non-numeric field is a clear error", () => {
    assert.throws(() => aggregationReducer("sum", "f2")(window[0], window[1]), /aggregation field f2 is not a number/);
  });
});
