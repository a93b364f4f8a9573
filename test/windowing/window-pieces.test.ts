/**
 * The remaining window pieces (DeltaTrigger, DeltaEvictor, ProcessingTimeoutTrigger, WindowStagger,
 * GlobalWindows.createWithEndOfStreamTrigger()): on the operator harness, where time is manual,
 * and through a job on the MiniCluster at parallelism 2, compared with reference computations of
 * Flink's documented semantics (test/jobs/windowing/support/window-pieces-reference.ts).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { CountTrigger } from "../../src/api/windowing/triggers.js";
import { ProcessingTimeoutTrigger } from "../../src/api/windowing/processing-timeout-trigger.js";
import { GlobalWindows, TumblingProcessingTimeWindows } from "../../src/api/windowing/time-window-assigners.js";
import { WindowStagger } from "../../src/api/windowing/window-stagger.js";
import type { ProcessWindowContext } from "../../src/api/windowing/window-functions.js";
import type { Collector } from "../../src/api/functions.js";
import type { TimeWindow, Window } from "../../src/api/windowing/windows.js";
import { harnessFor } from "./support/api-harness.js";
import { runCollecting } from "./support/job-results.js";
import { KEYS, deltaEvictorFirings, deltaTriggerSums, endOfStreamSums, readings, timeoutFirings } from "../jobs/windowing/support/window-pieces-reference.js";
import { DELTA_THRESHOLD, EVICTOR_EVERY, EVICTOR_THRESHOLD, STAGGER_SIZE, TIMEOUT_EVERY } from "../jobs/windowing/window-pieces-job.js";

const ids = (key: string, _c: ProcessWindowContext<Window>, els: readonly number[], out: Collector<string>): void => out.collect(`${key}:${els.join(",")}`);

test("ProcessingTimeoutTrigger fires a window its nested trigger has not fired once the timeout passes, from the first element", async () => {
  const h = harnessFor<number, string>((s) => s.keyBy(() => "k").window(GlobalWindows.create()).trigger(ProcessingTimeoutTrigger.of(CountTrigger.of(3), 100)).process(ids));
  await h.open();
  h.setProcessingTime(10);
  h.processElement(1);
  h.setProcessingTime(60);
  h.processElement(2);
  h.setProcessingTime(109);
  assert.deepEqual(h.records(), [], "not before 100 ms after the first element");
  h.setProcessingTime(110);
  assert.deepEqual(h.records(), ["k:1,2"], "the timeout fired (FIRE keeps the contents)");
  // The timeout cleared the count: three more elements fire on the count, which clears the timeout.
  h.processElement(3);
  h.processElement(4);
  h.processElement(5);
  assert.deepEqual(h.records(), ["k:1,2", "k:1,2,3,4,5"]);
  h.setProcessingTime(1000);
  assert.deepEqual(h.records(), ["k:1,2", "k:1,2,3,4,5"], "no timeout left after the count fired");
});

test("ProcessingTimeoutTrigger with resetTimerOnNewRecord waits for a pause of the timeout", async () => {
  const h = harnessFor<number, string>((s) => s.keyBy(() => "k").window(GlobalWindows.create()).trigger(ProcessingTimeoutTrigger.of(CountTrigger.of(100), 100, true)).process(ids));
  await h.open();
  for (const t of [0, 90, 180]) {
    h.setProcessingTime(t);
    h.processElement(t);
  }
  h.setProcessingTime(279);
  assert.deepEqual(h.records(), []);
  h.setProcessingTime(280);
  assert.deepEqual(h.records(), ["k:0,90,180"]);
});

test("WindowStagger.NATURAL shifts an instance's tumbling processing-time windows to where its first element arrived", async () => {
  const windows = (stagger: WindowStagger) =>
    harnessFor<number, string>((s) =>
      s
        .keyBy((v) => v % 2)
        .window(TumblingProcessingTimeWindows.of(1000, 0, stagger))
        .process((key: number, c: ProcessWindowContext<TimeWindow>, els: readonly number[], out: Collector<string>) => out.collect(`${key}@${c.window().start}:${els.join(",")}`)),
    );
  const natural = windows(WindowStagger.NATURAL);
  const aligned = windows(WindowStagger.ALIGNED);
  for (const h of [natural, aligned]) {
    await h.open();
    for (const [t, v] of [[1234, 1], [1500, 2], [2200, 3], [2234, 4], [2900, 5]] as const) {
      h.setProcessingTime(t);
      h.processElement(v);
    }
    h.setProcessingTime(10_000);
  }
  assert.deepEqual(natural.records().sort(), ["0@1234:2", "0@2234:4", "1@1234:1,3", "1@2234:5"]);
  assert.deepEqual(aligned.records().sort(), ["0@1000:2", "0@2000:4", "1@1000:1", "1@2000:3,5"]);
});

test("on the MiniCluster at parallelism 2: delta trigger and evictor, processing timeout, end-of-stream trigger and stagger give the reference results", async () => {
  const count = 600;
  const input = readings(count);
  const results = await runCollecting("windowing/window-pieces-job.ts", 2, [String(count)]);
  assert.deepEqual([...(results.get("delta-trigger") as string[])].sort(), deltaTriggerSums(input, DELTA_THRESHOLD));
  assert.deepEqual([...(results.get("delta-evictor") as string[])].sort(), deltaEvictorFirings(input, EVICTOR_EVERY, EVICTOR_THRESHOLD));
  assert.deepEqual([...(results.get("processing-timeout") as string[])].sort(), timeoutFirings(input, TIMEOUT_EVERY));
  assert.deepEqual([...(results.get("end-of-stream") as string[])].sort(), endOfStreamSums(input));
  // One hour-long window per key (the job runs for seconds), all elements in them; each instance's
  // windows share its stagger, and NATURAL staggering starts them where the first element came.
  const stagger = results.get("stagger") as Array<{ subtask: number; start: number; n: number }>;
  assert.equal(stagger.length, KEYS.length);
  assert.equal(stagger.reduce((s, w) => s + w.n, 0), count);
  for (const sub of new Set(stagger.map((w) => w.subtask))) {
    const offsets = new Set(stagger.filter((w) => w.subtask === sub).map((w) => w.start % STAGGER_SIZE));
    assert.equal(offsets.size, 1, `subtask ${sub}: one stagger offset`);
    assert.notEqual([...offsets][0], 0, `subtask ${sub}: windows are not aligned to the hour`);
  }
});
