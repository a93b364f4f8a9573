/**
 * A checkpointed, keyed, unbounded job for the failover benchmark: each subtask of the counter
 * prints one line with the wall-clock time of the first record it processes after (re)starting,
 * so the benchmark can see when a recovered job processes again (args: [recordsPerSecond, checkpointIntervalMs]).
 */
import { DataGeneratorSource, ValueStateDescriptor, WatermarkStrategy, defineJob, type StreamingRuntimeContext, type ValueState } from "sluice";

class Counter {
  private count!: ValueState<number>;
  private reported = false;
  private subtask = 0;
  open(ctx: StreamingRuntimeContext): void {
    this.count = ctx.getState(new ValueStateDescriptor<number>("count"));
    this.subtask = ctx.subtaskIndex;
  }
  map(key: number): number {
    if (!this.reported) {
      this.reported = true;
      console.log(`[failover-probe] first record at ${Date.now()} (subtask ${this.subtask})`);
    }
    const n = (this.count.value() ?? 0) + 1;
    this.count.update(n);
    return n;
  }
}

export default defineJob((env, args) => {
  env.setParallelism(2);
  env.enableCheckpointing(Number(args[1] ?? 200));
  env
    .fromSource(new DataGeneratorSource((i) => i % 100, Number.POSITIVE_INFINITY, { recordsPerSecond: Number(args[0] ?? 2000) }), WatermarkStrategy.noWatermarks(), "Keys")
    .keyBy((k) => k)
    .map(new Counter())
    .uid("counter")
    .addSink(() => {});
});
