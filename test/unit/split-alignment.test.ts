/**
 * Watermark alignment per split (docs/architecture.md, "Watermark alignment"; Flink's
 * SourceReader.pauseOrResumeSplits): one reader reads a slow split (1 ms of event time per record) and
 * a fast one (10 ms per record). The reader's watermark is the minimum over its splits, the slow one's,
 * so the whole reader is never ahead of its group's limit: only pausing the fast split holds it back.
 * The SourceOperator runs against a manual clock and the JobMaster's WatermarkAlignment, polled the way
 * the source task polls it, so the emitted order is deterministic and is checked against the bound.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { InputStatus, ReaderOutput, Source, SourceReader } from "../../src/api/source.js";
import { WatermarkStrategy } from "../../src/api/watermark-strategy.js";
import { SourceOperator } from "../../src/runtime/tasks/source-operator.js";
import type { OperatorContext } from "../../src/runtime/operators/stream-operator.js";
import { WatermarkAlignment } from "../../src/runtime/coordination/watermark-alignment.js";
import { TaskAccumulators } from "../../src/runtime/tasks/task-accumulators.js";
import { unregisteredGroup } from "../../src/runtime/metrics/scopes.js";
import { ManualProcessingTimeService } from "../../src/testing/manual-processing-time.js";

interface Tick {
  split: "slow" | "fast";
  n: number;
  ts: number;
}

const COUNT = 400;
const STEP = { slow: 1, fast: 10 } as const;
const DRIFT_MS = 50;
/** Watermark interval and alignment update interval, in ms of the manual clock; one poll takes 1 ms. */
const INTERVAL_MS = 10;

/** One record of each split not paused per poll; splits are released when done. */
class TwoSplitReader implements SourceReader<Tick> {
  readonly next = { slow: 0, fast: 0 };
  readonly paused = new Set<string>();
  readonly calls: Array<[string[], string[]]> = [];
  private readonly released = new Set<string>();

  pollNext(output: ReaderOutput<Tick>): InputStatus {
    for (const split of ["slow", "fast"] as const) {
      if (this.released.has(split) || this.paused.has(split)) continue;
      const n = this.next[split]++;
      output.createOutputForSplit(split).collect({ split, n, ts: n * STEP[split] });
      if (this.next[split] === COUNT) {
        output.releaseOutputForSplit(split);
        this.released.add(split);
      }
    }
    if (this.released.size === 2) return "end-of-input";
    return this.paused.size + this.released.size === 2 ? "nothing-available" : "more";
  }

  isAvailable(): Promise<void> {
    return Promise.resolve();
  }

  snapshotState(): unknown[] {
    return [];
  }

  pauseOrResumeSplits(toPause: string[], toResume: string[]): void {
    this.calls.push([toPause, toResume]);
    for (const s of toPause) {
      assert.ok(!this.paused.has(s), `${s} paused twice`);
      this.paused.add(s);
    }
    for (const s of toResume) {
      assert.ok(this.paused.delete(s), `${s} resumed without a pause`);
    }
  }
}

/** Runs the reader to its end under alignment; returns the records in the order they were emitted. */
function runAligned(reader: SourceReader<Tick>): Tick[] {
  const time = new ManualProcessingTimeService(0);
  const alignment = new WatermarkAlignment();
  const strategy = WatermarkStrategy.forMonotonousTimestamps<Tick>()
    .withTimestampAssigner((t) => t.ts)
    .withWatermarkAlignment("g", DRIFT_MS, INTERVAL_MS) as WatermarkStrategy<unknown>;
  const source: Source<Tick> = { boundedness: "bounded", createReader: () => reader };
  const group = unregisteredGroup("source");
  const ctx = {
    descriptor: { nodeId: 1, kind: "source", name: "Ticks", uid: "ticks", inputs: 0, config: {}, chainedOutputs: [], networkOutputs: [] },
    fns: { source, watermarks: strategy },
    keySelectors: [],
    runtimeContext: { jobId: "job", taskName: "Ticks", subtaskIndex: 0, parallelism: 1, maxParallelism: 128, attemptNumber: 0, globalJobParameters: {}, ...new TaskAccumulators().context, getMetricGroup: () => group },
    keyedState: undefined,
    processingTime: time,
    settings: { autoWatermarkInterval: INTERVAL_MS },
    collect: () => {},
    isRestored: false,
    operatorState: { getListState: () => ({ get: () => [], update: () => {} }) } as never,
  } satisfies OperatorContext;
  // The JobMaster's side, in process: reports go to the group, limits come back as "align" events.
  let op: SourceOperator | undefined = undefined;
  op = new SourceOperator(ctx, {
    location: "tm-1",
    send: (e) => {
      if (e.kind !== "watermark") return;
      for (const u of alignment.report("v", 0, e.group, e.maxAllowedDriftMs, e.watermark)) op?.handleOperatorEvent({ kind: "align", maxAllowedWatermark: u.maxAllowedWatermark });
    },
  });
  const emitted: Tick[] = [];
  op.setOutput({ collect: (v) => emitted.push(v as Tick), collectSide: () => {}, emitWatermark: () => {}, emitStreamStatus: () => {} });
  op.open();
  // The source task's loop (stream-task.ts, runSourceLoop), one poll per ms of the clock.
  for (let guard = 0; guard < 100_000; guard++) {
    time.advanceTo(time.now() + 1);
    if (op.alignmentPaused) continue;
    const status = reader.pollNext(op);
    op.alignSplits();
    if (status === "end-of-input") return emitted;
  }
  assert.fail("the reader never ended");
}

/** How far (ms of event time) each fast record ran ahead of the slow split's latest record before it. */
function aheadOfSlow(emitted: Tick[]): number {
  let slowMax = 0;
  let ahead = Number.NEGATIVE_INFINITY;
  for (const t of emitted) {
    if (t.split === "slow") slowMax = Math.max(slowMax, t.ts);
    else if (slowMax < (COUNT - 1) * STEP.slow) ahead = Math.max(ahead, t.ts - slowMax);
  }
  return ahead;
}

function assertEveryRecordOnceInOrder(emitted: Tick[]): void {
  for (const split of ["slow", "fast"] as const) {
    assert.deepEqual(emitted.filter((t) => t.split === split).map((t) => t.n), Array.from({ length: COUNT }, (_, i) => i), `every ${split} record once, in order`);
  }
}

test("aligned per split: the fast split of a reader is paused and never runs ahead of the slow split by more than the drift and the reporting lag", () => {
  const reader = new TwoSplitReader();
  const emitted = runAligned(reader);
  assertEveryRecordOnceInOrder(emitted);
  // The bound: the allowed drift, plus what the fast split emits before its own watermark (periodic,
  // every INTERVAL_MS polls) and the limit (reported every INTERVAL_MS) show it: two intervals of
  // polls at one fast record each, and the poll in which it crossed.
  const bound = DRIFT_MS + (2 * INTERVAL_MS + 1) * STEP.fast;
  const ahead = aheadOfSlow(emitted);
  assert.ok(ahead <= bound, `the fast split ran ${ahead} ms ahead of the slow one (bound ${bound})`);
  assert.ok(reader.calls.some(([p]) => p.includes("fast")) && reader.calls.some(([, r]) => r.includes("fast")), "the fast split was paused and resumed");
  assert.ok(reader.calls.every(([p]) => !p.includes("slow")), "the slow split, the group's minimum, is never paused");
});

test("a reader with split outputs but no pauseOrResumeSplits is paused only as a whole: its fast split runs ahead", () => {
  const splits = new TwoSplitReader();
  const reader: SourceReader<Tick> = { pollNext: (o) => splits.pollNext(o), isAvailable: () => splits.isAvailable(), snapshotState: () => [] };
  const emitted = runAligned(reader);
  assertEveryRecordOnceInOrder(emitted);
  // The reader's watermark is the slow split's, never ahead of the limit: the fast split runs through.
  const ahead = aheadOfSlow(emitted);
  assert.ok(ahead > (COUNT / 2) * STEP.fast, `the fast split ran only ${ahead} ms ahead`);
});
