/**
 * Flink's HA-test style exactly-once check: every key carries consecutive sequence numbers; a
 * keyed checker keeps the last one in state and throws on any gap or duplicate. A map throws at
 * chosen records in the first attempts, so the job recovers from checkpoints several times.
 * The checker also keeps a running total per key, so results can be compared across runs.
 * Args: [count, failures, parallelism, recordsPerSecond, sourceParallelism, checkpointIntervalMs]
 * (interval 0: no periodic checkpoints; the test triggers them).
 */
import { DataGeneratorSource, RestartStrategies, ValueStateDescriptor, WatermarkStrategy, defineJob, type StreamingRuntimeContext, type ValueState } from "sluice";

export const KEYS = 10;

export interface SeqRecord {
  key: number;
  seq: number;
}

export interface CheckedRecord extends SeqRecord {
  /** Sum of all sequence numbers of the key so far. */
  total: number;
}

/** Keeps the last sequence number per key in state; any gap or duplicate fails the job. */
export class SequenceChecker {
  private last!: ValueState<number>;
  private total!: ValueState<number>;
  open(ctx: StreamingRuntimeContext): void {
    this.last = ctx.getState(new ValueStateDescriptor<number>("last-seq"));
    this.total = ctx.getState(new ValueStateDescriptor<number>("total"));
  }
  map(r: SeqRecord): CheckedRecord {
    const previous = this.last.value() ?? -1;
    if (r.seq !== previous + 1) throw new Error(`key ${r.key}: sequence ${r.seq} after ${previous} (gap or duplicate)`);
    this.last.update(r.seq);
    const total = (this.total.value() ?? 0) + r.seq;
    this.total.update(total);
    return { ...r, total };
  }
}

export default defineJob((env, args) => {
  const count = Number(args[0] ?? 20_000);
  const failures = Number(args[1] ?? 3);
  env.setParallelism(Number(args[2] ?? 2));
  const interval = Number(args[5] ?? 50);
  if (interval > 0) env.enableCheckpointing(interval);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(failures + 2, 0));
  let attempt = 0;
  // The injector runs at the source's parallelism so that it chains to it: then all records of a
  // key travel one channel to the checker, in order, whatever the job's parallelism.
  const sourceParallelism = Number(args[4] ?? 2);
  env
    .fromSource(
      new DataGeneratorSource((i): SeqRecord => ({ key: i % KEYS, seq: Math.floor(i / KEYS) }), count, { recordsPerSecond: Number(args[3] ?? 20_000) }),
      WatermarkStrategy.noWatermarks(),
      "Sequences",
    )
    .setParallelism(sourceParallelism)
    .map({
      open(ctx: StreamingRuntimeContext) {
        attempt = ctx.attemptNumber;
      },
      // Attempt k fails when it sees record number (k+1)·count/(failures+2) of key 0.
      map(r: SeqRecord): SeqRecord {
        if (attempt < failures && r.key === 0 && r.seq === Math.floor(((attempt + 1) * count) / KEYS / (failures + 2))) {
          throw new Error(`injected failure ${attempt + 1} at seq ${r.seq}`);
        }
        return r;
      },
    })
    .name("Failure injector")
    .setParallelism(sourceParallelism)
    .keyBy((r) => r.key)
    .map(new SequenceChecker())
    .name("Sequence checker")
    .uid("sequence-checker")
    .executeAndCollect();
});
