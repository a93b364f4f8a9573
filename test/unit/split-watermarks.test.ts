/**
 * Watermarks per split (src/runtime/tasks/split-watermarks.ts): the multiplexer's minimum over active
 * inputs and its idleness, and the source's split outputs driven by the manual clock against a
 * reference computed from the records each split emitted.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { WatermarkStrategy } from "../../src/api/watermark-strategy.js";
import { SourceWatermarks, WatermarkOutputMultiplexer } from "../../src/runtime/tasks/split-watermarks.js";
import { ManualProcessingTimeService } from "../../src/testing/manual-processing-time.js";
import { mulberry32, randomInt } from "./support/random.js";

type Signal = { watermark: number } | { idle: boolean };

function recordingTarget() {
  const signals: Signal[] = [];
  return {
    signals,
    watermarks: () => signals.flatMap((s) => ("watermark" in s ? [s.watermark] : [])),
    target: { emitWatermark: (watermark: number) => signals.push({ watermark }), emitStreamStatus: (idle: boolean) => signals.push({ idle }) },
  };
}

test("the multiplexer emits the minimum over its inputs, only when it advances", () => {
  const out = recordingTarget();
  const m = new WatermarkOutputMultiplexer(() => out.target);
  const a = m.register("a");
  const b = m.register("b");
  a.emitWatermark(1000);
  assert.deepEqual(out.watermarks(), [], "b has no watermark yet: nothing is complete");
  b.emitWatermark(10);
  a.emitWatermark(2000);
  b.emitWatermark(20);
  b.emitWatermark(15);
  assert.deepEqual(out.watermarks(), [10, 20]);
});

test("idle inputs leave the minimum; all idle makes the output idle; an input back behind never moves it back", () => {
  const out = recordingTarget();
  const m = new WatermarkOutputMultiplexer(() => out.target);
  const a = m.register("a");
  const b = m.register("b");
  a.emitWatermark(500);
  b.emitWatermark(5);
  b.emitStreamStatus(true);
  a.emitStreamStatus(true);
  b.emitWatermark(7);
  assert.deepEqual(out.signals, [{ watermark: 5 }, { watermark: 500 }, { idle: true }, { idle: false }]);
});

test("an unregistered input (a finished split) no longer holds the watermark back", () => {
  const out = recordingTarget();
  const m = new WatermarkOutputMultiplexer(() => out.target);
  const a = m.register("a");
  m.register("b").emitWatermark(100);
  a.emitWatermark(900);
  m.unregister("b");
  assert.deepEqual(out.watermarks(), [100, 900]);
});

interface Ev {
  split: number;
  time: number;
}

test("split outputs: each split has its own generator and the source's watermark is the minimum (random splits against a reference)", () => {
  const random = mulberry32(14);
  const bound = 50;
  const interval = 100;
  const time = new ManualProcessingTimeService(0);
  const out = recordingTarget();
  const emitted: { value: Ev; timestamp: number }[] = [];
  const strategy = WatermarkStrategy.forBoundedOutOfOrderness<Ev>(bound).withTimestampAssigner((e) => e.time) as WatermarkStrategy<unknown>;
  const wm = new SourceWatermarks(strategy, () => out.target, time, interval, {
    emitRecord: (value, timestamp) => emitted.push({ value: value as Ev, timestamp }),
    collectSideOutput: () => assert.fail("no side output here"),
  });
  const splits = [0, 1, 2].map((i) => wm.createOutputForSplit(`s${i}`));
  // Split i runs i * 100 000 ms ahead of split 0.
  const maxPerSplit = [Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY, Number.NEGATIVE_INFINITY];
  const expected: number[] = [];
  for (let tick = 1; tick <= 30; tick++) {
    for (let n = randomInt(random, 1, 10); n > 0; n--) {
      const split = randomInt(random, 0, 2);
      const t = split * 100_000 + tick * 1000 + randomInt(random, 0, 900);
      splits[split]!.collect({ split, time: t });
      maxPerSplit[split] = Math.max(maxPerSplit[split]!, t);
    }
    time.advanceTo(tick * interval);
    const reference = Math.min(...maxPerSplit) - bound - 1;
    if (Number.isFinite(reference) && reference > (expected.at(-1) ?? Number.NEGATIVE_INFINITY)) expected.push(reference);
  }
  assert.deepEqual(out.watermarks(), expected);
  assert.ok(expected.length > 5, "the watermark advanced several times");
  assert.ok(emitted.every((r) => r.timestamp === r.value.time), "records carry their assigned timestamps");
  wm.close();
});

test("a released split lets the others' watermark through; an unused main output holds nothing back", () => {
  const time = new ManualProcessingTimeService(0);
  const out = recordingTarget();
  const strategy = WatermarkStrategy.forMonotonousTimestamps<unknown>();
  const wm = new SourceWatermarks(strategy, () => out.target, time, 10, { emitRecord: () => {}, collectSideOutput: () => {} });
  const fast = wm.createOutputForSplit("fast");
  const slow = wm.createOutputForSplit("slow");
  fast.collect("f", 10_000);
  slow.collect("s", 100);
  time.advanceTo(10);
  wm.releaseOutputForSplit("slow");
  time.advanceTo(20);
  assert.deepEqual(out.watermarks(), [99, 9_999]);
  wm.close();
});

test("a reader without split outputs keeps one generator, idleness included", () => {
  const time = new ManualProcessingTimeService(0);
  const out = recordingTarget();
  const strategy = WatermarkStrategy.forMonotonousTimestamps<unknown>().withIdleness(50);
  const emitted: number[] = [];
  const wm = new SourceWatermarks(strategy, () => out.target, time, 10, { emitRecord: (_v, ts) => emitted.push(ts), collectSideOutput: () => {} });
  time.advanceTo(60);
  wm.collect("x", 500);
  assert.deepEqual(emitted, [500]);
  time.advanceTo(70);
  assert.deepEqual(out.signals, [{ idle: true }, { idle: false }, { watermark: 499 }]);
  wm.close();
});
