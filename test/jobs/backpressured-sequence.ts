/**
 * The sequence check (test/jobs/sequence-check.ts) under full backpressure, for unaligned
 * checkpoints: a fast source, and a keyed checker in its own slot that is either slow (busy-waits
 * per record) or followed by a sink whose writes wait for an external system that stays stalled
 * until the test creates a release file. Either way the network buffers between them fill up, so a
 * checkpoint's in-flight data is real. Args: [count, parallelism, busyMsPerRecord, stallDir,
 * checkpointIntervalMs, payloadBytes]; with a stallDir the sink waits for `<stallDir>/release`, and
 * attempt 0 fails once `<stallDir>/fail` exists. It writes `<stallDir>/stalled` when it first waits.
 */
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { AsyncDataStream, DataGeneratorSource, RestartStrategies, ValueStateDescriptor, WatermarkStrategy, defineJob, type ResultFuture, type StreamingRuntimeContext, type ValueState } from "sluice";
import { KEYS, type CheckedRecord } from "./sequence-check.js";

interface PaddedRecord {
  key: number;
  seq: number;
  pad: string;
}

function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

/** Keeps the last sequence number per key in state; any gap or duplicate fails the job. */
class SlowSequenceChecker {
  private last!: ValueState<number>;
  private total!: ValueState<number>;
  constructor(private readonly busyMs: number) {}
  open(ctx: StreamingRuntimeContext): void {
    this.last = ctx.getState(new ValueStateDescriptor<number>("last-seq"));
    this.total = ctx.getState(new ValueStateDescriptor<number>("total"));
  }
  map(r: PaddedRecord): CheckedRecord {
    if (this.busyMs > 0) busyWait(this.busyMs);
    const previous = this.last.value() ?? -1;
    if (r.seq !== previous + 1) throw new Error(`key ${r.key}: sequence ${r.seq} after ${previous} (gap or duplicate)`);
    this.last.update(r.seq);
    const total = (this.total.value() ?? 0) + r.seq;
    this.total.update(total);
    return { key: r.key, seq: r.seq, total };
  }
}

/** A write to an external system that answers only once `<dir>/release` exists. */
class StalledWrite {
  private attempt = 0;
  private told = false;
  constructor(private readonly dir: string) {}
  open(ctx: StreamingRuntimeContext): void {
    this.attempt = ctx.attemptNumber;
  }
  asyncInvoke(r: CheckedRecord, result: ResultFuture<CheckedRecord>): void {
    const poll = (): void => {
      if (existsSync(join(this.dir, "release"))) result.complete([r]);
      else if (this.attempt === 0 && existsSync(join(this.dir, "fail"))) result.completeExceptionally(new Error("injected failure while stalled"));
      else {
        if (!this.told) writeFileSync(join(this.dir, "stalled"), "");
        this.told = true;
        setTimeout(poll, 20);
      }
    };
    poll();
  }
}

export default defineJob((env, args) => {
  const count = Number(args[0] ?? 20_000);
  env.setParallelism(Number(args[1] ?? 2));
  const busyMs = Number(args[2] ?? 0);
  const stallDir = args[3] ?? "";
  const interval = Number(args[4] ?? 0);
  const pad = "x".repeat(Number(args[5] ?? 200));
  if (interval > 0) env.enableCheckpointing(interval);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 0));
  const checked = env
    .fromSource(
      new DataGeneratorSource((i): PaddedRecord => ({ key: i % KEYS, seq: Math.floor(i / KEYS), pad }), count),
      WatermarkStrategy.noWatermarks(),
      "Sequences",
    )
    .keyBy((r) => r.key)
    .map(new SlowSequenceChecker(busyMs))
    .name("Sequence checker")
    .uid("sequence-checker")
    .slotSharingGroup("checker");
  const out = stallDir === "" ? checked : AsyncDataStream.orderedWait(checked, new StalledWrite(stallDir), 0, 2).name("Stalled sink").uid("stalled-sink").slotSharingGroup("checker");
  out.executeAndCollect();
});
