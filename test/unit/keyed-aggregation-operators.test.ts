/**
 * Keyed running reduce and the built-in aggregations against a per-key reference with Flink's
 * semantics: sum/min/max update one field and keep the other fields of the key's first record;
 * minBy/maxBy keep the whole record with the extreme value, the earliest one on ties.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import type { AggregationKind } from "../../src/api/keyed-stream.js";
import type { Key } from "../../src/api/functions.js";
import { OperatorTestHarness } from "../../src/testing/operator-test-harness.js";
import { mulberry32, randomInt } from "./support/random.js";

interface Rec {
  key: string;
  a: number;
  b: number;
  seq: number;
}

function records(seed: number, n = 500): Rec[] {
  const rnd = mulberry32(seed);
  // Few distinct values so that ties happen often.
  return Array.from({ length: n }, (_, seq) => ({ key: `k${randomInt(rnd, 0, 9)}`, a: randomInt(rnd, -5, 5), b: randomInt(rnd, 0, 100), seq }));
}

function harness(kind: string, keyOf: (r: never) => Key, options: { fns?: Record<string, unknown>; config?: Record<string, string | number | null> } = {}) {
  return new OperatorTestHarness(kind, { keySelectors: [keyOf], fns: options.fns ?? {}, config: options.config ?? {} }).open();
}

/** The reference: a running fold per key, written out plainly. */
function runningPerKey<T>(input: T[], keyOf: (r: T) => string, combine: (acc: T, v: T) => T): T[] {
  const acc = new Map<string, T>();
  return input.map((r) => {
    const k = keyOf(r);
    const next = acc.has(k) ? combine(acc.get(k)!, r) : r;
    acc.set(k, next);
    return next;
  });
}

function flinkAggregate(kind: AggregationKind, acc: Rec, v: Rec): Rec {
  switch (kind) {
    case "sum":
      return { ...acc, a: acc.a + v.a };
    case "min":
      return { ...acc, a: Math.min(acc.a, v.a) };
    case "max":
      return { ...acc, a: Math.max(acc.a, v.a) };
    case "minBy":
      return v.a < acc.a ? v : acc;
    case "maxBy":
      return v.a > acc.a ? v : acc;
  }
}

test("keyed reduce emits the running reduction per key, with each input's timestamp", async () => {
  const data = records(1);
  const fn = (x: Rec, y: Rec): Rec => ({ key: x.key, a: x.a + y.a, b: Math.max(x.b, y.b), seq: y.seq });
  const h = await harness("keyed-reduce", (r: Rec) => r.key, { fns: { fn } });
  data.forEach((r) => h.processElement(r, r.seq * 10));
  assert.deepEqual(h.records(), runningPerKey(data, (r) => r.key, fn));
  assert.deepEqual(h.output.map((e) => (e.kind === "record" ? e.timestamp : null)), data.map((r) => r.seq * 10));
});

test("keyed reduce with a rich function and composite keys built per record", async () => {
  const data = records(2);
  const calls: string[] = [];
  const fn = { open: () => void calls.push("open"), close: () => void calls.push("close"), reduce: (x: Rec, y: Rec): Rec => ({ ...x, a: x.a * 2 + y.a }) };
  const h = await harness("keyed-reduce", (r: Rec) => [r.key, r.b % 2], { fns: { fn } });
  data.forEach((r) => h.processElement(r));
  await h.close();
  assert.deepEqual(h.records(), runningPerKey(data, (r) => `${r.key}/${r.b % 2}`, fn.reduce));
  assert.deepEqual(calls, ["open", "close"]);
});

test("sum/min/max/minBy/maxBy on an object field follow Flink's semantics", async () => {
  const data = records(3);
  for (const kind of ["sum", "min", "max", "minBy", "maxBy"] as const) {
    const h = await harness("keyed-aggregation", (r: Rec) => r.key, { config: { aggregation: kind, field: "a" } });
    data.forEach((r) => h.processElement(r, r.seq));
    assert.deepEqual(h.records(), runningPerKey(data, (r) => r.key, (acc, v) => flinkAggregate(kind, acc, v)), kind);
    assert.deepEqual(h.output.map((e) => (e.kind === "record" ? e.timestamp : null)), data.map((r) => r.seq), `${kind} timestamps`);
  }
});

test("aggregations on tuple positions and on plain numbers", async () => {
  const rnd = mulberry32(4);
  const tuples = Array.from({ length: 300 }, (_, i): [string, number, number] => [`k${randomInt(rnd, 0, 4)}`, randomInt(rnd, -3, 3), i]);
  const h = await harness("keyed-aggregation", (t: [string, number, number]) => t[0], { config: { aggregation: "sum", field: 1 } });
  tuples.forEach((t) => h.processElement(t));
  assert.deepEqual(h.records(), runningPerKey(tuples, (t) => t[0], (acc, v): [string, number, number] => [acc[0], acc[1] + v[1], acc[2]]));

  const byMax = await harness("keyed-aggregation", (t: [string, number, number]) => t[0], { config: { aggregation: "maxBy", field: 1 } });
  tuples.forEach((t) => byMax.processElement(t));
  assert.deepEqual(byMax.records(), runningPerKey(tuples, (t) => t[0], (acc, v) => (v[1] > acc[1] ? v : acc)));

  const numbers = tuples.map((t) => t[1]);
  for (const [kind, op] of [["sum", (x: number, y: number) => x + y], ["min", Math.min], ["max", Math.max]] as const) {
    const p = await harness("keyed-aggregation", (n: number) => n % 2 === 0, { config: { aggregation: kind, field: null } });
    numbers.forEach((n) => p.processElement(n));
    assert.deepEqual(p.records(), runningPerKey(numbers, (n) => String(n % 2 === 0), op), kind);
  }
});

test("aggregations don't modify the records they were given", async () => {
  const data = records(5, 50);
  const copy = structuredClone(data);
  for (const kind of ["sum", "min", "max"] as const) {
    const h = await harness("keyed-aggregation", (r: Rec) => r.key, { config: { aggregation: kind, field: "a" } });
    data.forEach((r) => h.processElement(r));
  }
  assert.deepEqual(data, copy);
});

test("a non-numeric aggregation field is a clear error", async () => {
  const h = await harness("keyed-aggregation", (r: { k: string }) => r.k, { config: { aggregation: "sum", field: "v" } });
  h.processElement({ k: "x", v: 1 });
  assert.throws(() => h.processElement({ k: "x", v: "two" }), (e: unknown) => e instanceof TypeError && /field v is not a number in \{"k":"x","v":"two"\}: got two/.test(e.message));
});

test("keyed operators forward watermarks", async () => {
  const h = await harness("keyed-aggregation", (n: number) => n, { config: { aggregation: "sum", field: null } });
  h.processElement(1, 5);
  h.processWatermark(7);
  h.processWatermark(6);
  h.processElement(1, 8);
  assert.deepEqual(h.output, [
    { kind: "record", value: 1, timestamp: 5 },
    { kind: "watermark", timestamp: 7 },
    { kind: "record", value: 2, timestamp: 8 },
  ]);
});
