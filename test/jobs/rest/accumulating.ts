/**
 * A multi-vertex job with accumulators and checkpoints, for the REST walk and the accumulator tests:
 * a sequence 0..count-1 at parallelism 2, a rich map that counts every record (LongCounter
 * "records"), sums the values (DoubleCounter "value-sum"), counts value % 4 (Histogram "mod-4") and
 * averages the values (AverageAccumulator "mean"), then a running sum per key % 10, collected.
 * Args: [count, recordsPerSecond?, checkpointIntervalMs?]. The reference: accumulatorReference(count).
 */
import { AverageAccumulator, DataGeneratorSource, WatermarkStrategy, defineJob, type Histogram, type LongCounter, type DoubleCounter, type RuntimeContext } from "sluice";

/** Registers its accumulators in open() and adds to them per record, as a Flink rich function does. */
class CountingMap {
  private records!: LongCounter;
  private sum!: DoubleCounter;
  private mod!: Histogram;
  private readonly mean = new AverageAccumulator();
  open(ctx: RuntimeContext): void {
    this.records = ctx.getLongCounter("records");
    this.sum = ctx.getDoubleCounter("value-sum");
    this.mod = ctx.getHistogram("mod-4");
    ctx.addAccumulator("mean", this.mean);
  }
  map(i: number): { key: number; value: number } {
    this.records.add(1);
    this.sum.add(i);
    this.mod.add(i % 4);
    this.mean.add(i);
    return { key: i % 10, value: i };
  }
}

export default defineJob((env, args) => {
  env.setJobName("REST accumulating");
  env.setParallelism(2);
  env.enableCheckpointing(Number(args[2] ?? 200));
  const count = Number(args[0] ?? 1000);
  const rate = args[1] ? Number(args[1]) : undefined;
  void env
    .fromSource(new DataGeneratorSource((i) => i, count, rate ? { recordsPerSecond: rate } : {}), WatermarkStrategy.noWatermarks(), "Numbers")
    .uid("numbers")
    .map(new CountingMap())
    .uid("counting")
    .name("Count")
    .keyBy((r) => r.key)
    .sum("value")
    .uid("sums")
    .name("Sum per key")
    .executeAndCollect();
});

/** What the merged accumulators must be after a complete run over 0..count-1. */
export function accumulatorReference(count: number): Record<string, unknown> {
  const mod: Record<string, number> = {};
  let sum = 0;
  for (let i = 0; i < count; i++) {
    mod[i % 4] = (mod[i % 4] ?? 0) + 1;
    sum += i;
  }
  return { records: count, "value-sum": sum, "mod-4": mod, mean: count ? sum / count : 0 };
}
