/**
 * Recovery benchmark job (args: [keys, valueBytes, failAt, count, recordsPerSecond]): fills keyed
 * state with `keys` values of `valueBytes`, then fails once at record `failAt`; after the restore the
 * stateful operator prints the time it processes its first record.
 */
import { DataGeneratorSource, RestartStrategies, ValueStateDescriptor, WatermarkStrategy, defineJob, type StreamingRuntimeContext, type ValueState } from "sluice";

class FailOnce {
  private attempt = 0;
  constructor(private readonly failAt: number) {}
  open(ctx: StreamingRuntimeContext): void {
    this.attempt = ctx.attemptNumber;
  }
  map(i: number): number {
    if (this.attempt === 0 && i === this.failAt) throw new Error(`injected failure at ${Date.now()}`);
    return i;
  }
}

class KeepValue {
  private value!: ValueState<string>;
  private first = true;
  private attempt = 0;
  constructor(private readonly keys: number, private readonly bytes: number) {}
  open(ctx: StreamingRuntimeContext): void {
    this.value = ctx.getState(new ValueStateDescriptor<string>("value"));
    this.attempt = ctx.attemptNumber;
  }
  map(i: number): number {
    if (this.first && this.attempt > 0) console.log(JSON.stringify({ firstRecordAfterRestore: Date.now() }));
    this.first = false;
    if (i < this.keys) this.value.update(String(i % 10).repeat(this.bytes));
    return i;
  }
}

export default defineJob((env, args) => {
  const [keys, bytes, failAt, count, rate] = args.map(Number) as [number, number, number, number, number];
  env.enableCheckpointing(500);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(1, 0));
  env
    .fromSource(new DataGeneratorSource((i) => i, count, { recordsPerSecond: rate }), WatermarkStrategy.noWatermarks(), "Records")
    .setParallelism(1)
    .map(new FailOnce(failAt))
    .setParallelism(1)
    .keyBy((i) => i % keys)
    .map(new KeepValue(keys, bytes))
    .setParallelism(1)
    .addSink(() => {});
});
