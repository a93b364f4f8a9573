/**
 * Three watermark behaviours exactly as Flink's (docs/architecture.md, "Watermarks and idleness"),
 * each through the operator harness and through a job on the MiniCluster:
 * a) a watermark a generator emits in onEvent follows its event (source and assigner);
 * b) when the last active channel of an input goes idle, the input flushes to the largest
 *    watermark among its channels, then goes idle (StatusWatermarkValve);
 * c) a channel that becomes active again behind the input's watermark does not hold it back
 *    until it has caught up.
 */
import assert from "node:assert/strict";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { TumblingEventTimeWindows } from "../../src/api/windowing/time-window-assigners.js";
import { CollectionSource } from "../../src/api/builtin/collection-source.js";
import { SourceOperator } from "../../src/runtime/tasks/source-operator.js";
import { OperatorTestHarness, type EmittedElement } from "../../src/testing/operator-test-harness.js";
import { READINGS, ownTimestampWatermarks, type Reading } from "../jobs/windowing/punctuated-window-job.js";
import { harnessFor } from "./support/api-harness.js";
import { runCollecting } from "./support/job-results.js";

interface Count {
  key: string;
  start: number;
  n: number;
}

/** Counts per 2 s tumbling window, as the job does. */
function windowHarness(channels?: number): Promise<OperatorTestHarness> {
  return harnessFor<Reading, Count>(
    (s) =>
      s
        .keyBy((r) => r.key)
        .window(TumblingEventTimeWindows.of(2000))
        .process((key, ctx, els, out) => out.collect({ key, start: ctx.window().start, n: els.length })),
    channels === undefined ? {} : { channels },
  ).open();
}

/** The reference: every reading counts in its window (no reading is behind its own watermark). */
function referenceCounts(readings: readonly Reading[]): Count[] {
  const m = new Map<number, number>();
  for (const r of readings) m.set(Math.floor(r.ts / 2000) * 2000, (m.get(Math.floor(r.ts / 2000) * 2000) ?? 0) + 1);
  return [...m].map(([start, n]) => ({ key: "a", start, n })).sort((x, y) => x.start - y.start);
}

const shape = (out: EmittedElement[]): unknown[] =>
  out.map((e) => (e.kind === "record" ? ["record", e.value] : e.kind === "watermark" ? ["watermark", e.timestamp] : e.kind === "stream-status" ? ["idle", e.idle] : [e.kind]));

test("a) harness: assignTimestampsAndWatermarks emits an event's punctuated watermark after the event, so the window counts it", async () => {
  const assigner = await harnessFor<Reading, Reading>((s) => s.assignTimestampsAndWatermarks(ownTimestampWatermarks())).open();
  for (const r of READINGS) assigner.processElement(r);
  assert.deepEqual(
    shape(assigner.output),
    READINGS.flatMap((r) => [
      ["record", r],
      ["watermark", r.ts],
    ]),
  );
  // What the assigner emitted, in its order, into the window operator.
  const window = await windowHarness();
  for (const e of assigner.output) {
    if (e.kind === "record") window.processElement(e.value, e.timestamp);
    else if (e.kind === "watermark") window.processWatermark(e.timestamp);
  }
  window.processWatermark(Number.POSITIVE_INFINITY);
  assert.deepEqual(window.records(), referenceCounts(READINGS));
});

test("a) harness: the source operator emits an event's punctuated watermark after the event", async () => {
  const h = await new OperatorTestHarness((ctx) => new SourceOperator(ctx), { fns: { source: new CollectionSource([...READINGS]), watermarks: ownTimestampWatermarks() } }).open();
  const source = h.operator as SourceOperator;
  while (source.reader.pollNext(source) === "more");
  assert.deepEqual(
    shape(h.output),
    READINGS.flatMap((r) => [
      ["record", r],
      ["watermark", r.ts],
    ]),
  );
});

test("a) job: with the strategy on the source and with assignTimestampsAndWatermarks, the event at 1999 counts in [0, 2000)", async () => {
  const results = await runCollecting("windowing/punctuated-window-job.ts", 1);
  for (const where of ["source", "assigner"]) {
    assert.deepEqual(results.get(`${where}-late`), [], `${where}: no reading is late against its own watermark`);
    const counts = [...(results.get(`${where}-windows`) as Count[])].sort((x, y) => x.start - y.start);
    assert.deepEqual(counts, referenceCounts(READINGS), where);
  }
});

test("b) harness: when the last active channel goes idle, the input flushes to the largest watermark and fires the windows below it", async () => {
  const h = await windowHarness(2);
  h.processElement({ key: "a", ts: 1500 }, 1500);
  h.processWatermark(3000, 0, 0);
  h.processWatermark(1000, 0, 1);
  assert.deepEqual(h.watermarks(), [1000], "the minimum over the channels");
  h.processStreamStatus(true, 0, 0);
  assert.deepEqual(h.watermarks(), [1000], "channel 1 (1000) still holds the watermark");
  h.processStreamStatus(true, 0, 1);
  assert.deepEqual(shape(h.output), [
    ["watermark", 1000],
    ["record", { key: "a", start: 0, n: 1 }],
    ["watermark", 3000],
    ["idle", true],
  ]);
});

test("b) harness: a channel that was behind when it went idle does not trigger the flush (as in Flink)", async () => {
  const h = await windowHarness(2);
  h.processWatermark(1000, 0, 0);
  h.processWatermark(1000, 0, 1);
  h.processStreamStatus(true, 0, 1);
  h.processWatermark(3000, 0, 0);
  h.processStreamStatus(false, 0, 1); // back at 1000, behind 3000: unaligned
  h.processStreamStatus(true, 0, 0);
  assert.deepEqual(h.watermarks(), [1000, 3000], "channel 1 is the only active one now, and it is behind");
  h.processStreamStatus(true, 0, 1);
  assert.deepEqual(shape(h.output).slice(-1), [["idle", true]], "idle, without a watermark: the valve's output already is the largest");
  assert.deepEqual(h.watermarks(), [1000, 3000]);
});

test("c) harness: a channel active again behind the watermark does not hold it back until it catches up", async () => {
  const h = await windowHarness(2);
  h.processElement({ key: "a", ts: 4500 }, 4500);
  h.processWatermark(1000, 0, 0);
  h.processWatermark(1000, 0, 1);
  h.processStreamStatus(true, 0, 1);
  h.processWatermark(3000, 0, 0);
  h.processStreamStatus(false, 0, 1);
  h.processWatermark(6000, 0, 0);
  assert.deepEqual(h.watermarks(), [1000, 3000, 6000], "channel 1 (1000) is behind 3000: it does not count");
  assert.deepEqual(h.records(), [{ key: "a", start: 4000, n: 1 }]);
  h.processWatermark(2000, 0, 1);
  assert.deepEqual(h.watermarks(), [1000, 3000, 6000], "still behind");
  h.processWatermark(7000, 0, 1);
  h.processWatermark(8000, 0, 0);
  assert.deepEqual(h.watermarks(), [1000, 3000, 6000, 7000], "caught up: channel 1 counts again");
});

test("b) and c) job: the last active channel going idle flushes the watermark; a channel active again behind it does not hold it back", async () => {
  const dir = await mkdtemp(join(tmpdir(), "sluice-idle-channels-"));
  try {
    const results = await runCollecting("windowing/idle-channels-job.ts", 1, [dir]);
    // Reference: a window fired before an event of it arrived makes that event late.
    assert.deepEqual(results.get("late"), [1500, 3500], "B's 1500 after the flush to 3000 (b), its 3500 after A's 5000 (c)");
    const windows = [...(results.get("windows") as { start: number; ts: number[] }[])].sort((x, y) => x.start - y.start);
    assert.deepEqual(windows, [
      { start: 0, ts: [1000, 1000] },
      { start: 2000, ts: [3000] },
      { start: 4000, ts: [5000] },
    ]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
