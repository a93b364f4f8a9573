/** A keyed stateful job: running count and sum per key in ValueState (args: [count, checkpointMs, parallelism, keys]). */
import { DataGeneratorSource, ValueStateDescriptor, WatermarkStrategy, defineJob, type StreamingRuntimeContext, type ValueState } from "sluice";

class Totals {
  private state!: ValueState<{ n: number; sum: number }>;
  open(ctx: StreamingRuntimeContext): void {
    this.state = ctx.getState(new ValueStateDescriptor<{ n: number; sum: number }>("totals"));
  }
  map(r: { key: number; value: number }): number {
    const t = this.state.value() ?? { n: 0, sum: 0 };
    const next = { n: t.n + 1, sum: t.sum + r.value };
    this.state.update(next);
    return next.n;
  }
}

export default defineJob((env, args) => {
  const interval = Number(args[1] ?? 0);
  if (interval > 0) env.enableCheckpointing(interval);
  env.setParallelism(Number(args[2] ?? 2));
  const keys = Number(args[3] ?? 100_000);
  let checksum = 0;
  env
    .fromSource(new DataGeneratorSource((i) => ({ key: (i * 7919) % keys, value: i % 100 }), Number(args[0])), WatermarkStrategy.noWatermarks(), "Events")
    .keyBy((r) => r.key)
    .map(new Totals())
    .addSink((n) => {
      checksum += n;
    });
});
