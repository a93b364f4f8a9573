/**
 * Batch execution's keyed input (src/runtime/operators/batch-keyed-input.ts; docs/architecture.md,
 * "Batch execution mode") through the operator harness: a keyed process function sees its input
 * sorted by key, then timestamp; at most one key's state is live (the previous key's is dropped
 * before the next key starts); a key's timers fire at its end with the watermark at +∞; the
 * watermark reaches downstream only after the last key. Reference: the same sorting done by hand.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { OperatorTestHarness } from "../../src/testing/operator-test-harness.js";
import { HeapKeyedStateBackend } from "../../src/runtime/state/heap-keyed-state-backend.js";
import { ValueStateDescriptor, type ValueState } from "../../src/index.js";
import type { KeyedProcessFunction } from "../../src/api/process/keyed-process-function.js";
import { compareKeys } from "../../src/runtime/operators/batch-keyed-input.js";

interface Event {
  key: string | number;
  ts: number;
}

const EVENTS: Event[] = [
  { key: "b", ts: 5 },
  { key: 2, ts: 9 },
  { key: "a", ts: 7 },
  { key: "b", ts: 1 },
  { key: 10, ts: 3 },
  { key: "a", ts: 2 },
  { key: 2, ts: 4 },
];

test("batch mode: keys in order, one key's state live at a time, its timers at its end, the watermark after the last key", async () => {
  const backend = new HeapKeyedStateBackend(128, 0, 127);
  /** Every key that has state in any table of the backend. */
  const keysWithState = (): Set<unknown> => {
    const keys = new Set<unknown>();
    for (const name of backend.tableNames()) for (const group of backend.table(name).groups) for (const k of group.keys()) keys.add(k);
    return keys;
  };
  let count!: ValueState<number>;
  const live: string[] = [];
  const fn: KeyedProcessFunction<string | number, Event, string> = {
    open(ctx) {
      count = ctx.getState(new ValueStateDescriptor<number>("count"));
    },
    processElement(e, ctx, out) {
      count.update((count.value() ?? 0) + 1);
      ctx.timerService().registerEventTimeTimer(e.ts + 100);
      live.push([...keysWithState()].join(","));
      out.collect(`${String(e.key)}@${e.ts} wm ${ctx.timerService().currentWatermark()}`);
    },
    onTimer(ts, ctx, out) {
      out.collect(`timer ${String(ctx.getCurrentKey())}@${ts} wm ${ctx.timerService().currentWatermark()} count ${count.value()}`);
    },
  };
  const h = new OperatorTestHarness("keyed-process", { fns: { fn }, keySelectors: [(e: unknown) => (e as Event).key], keyedStateBackend: backend, settings: { runtimeMode: "batch" } });
  await h.open();
  for (const e of EVENTS) h.processElement(e, e.ts);
  h.processWatermark(Number.POSITIVE_INFINITY);
  assert.deepEqual(h.output, [], "nothing before the input has ended");
  await h.endInput();
  await h.finish();

  // Reference: sorted by key (numbers before strings, each in natural order), then by timestamp.
  const sorted = EVENTS.map((e, i) => ({ e, i })).sort((x, y) => compareKeys(x.e.key, y.e.key) || x.e.ts - y.e.ts || x.i - y.i).map((x) => x.e);
  const keys = [...new Set(sorted.map((e) => e.key))];
  assert.deepEqual(keys, [2, 10, "a", "b"]);
  const expected: unknown[] = [];
  for (const k of keys) {
    const mine = sorted.filter((e) => e.key === k);
    for (const e of mine) expected.push({ kind: "record", value: `${String(k)}@${e.ts} wm -Infinity`, timestamp: e.ts });
    for (const e of mine) expected.push({ kind: "record", value: `timer ${String(k)}@${e.ts + 100} wm Infinity count ${mine.length}`, timestamp: e.ts + 100 });
  }
  expected.push({ kind: "watermark", timestamp: Number.POSITIVE_INFINITY });
  assert.deepEqual(h.output, expected);
  // While a key's records were processed, only that key had state.
  assert.deepEqual(live, sorted.map((e) => String(e.key)));
  assert.equal(keysWithState().size, 0, "no state is left after the last key");
});
