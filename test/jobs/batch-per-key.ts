/**
 * Batch execution key by key (docs/architecture.md, "Batch execution mode"): a keyed process
 * function with event-time and processing-time timers, and a keyed reduce, over a bounded,
 * out-of-order input at parallelism 1, so the order of the output is the order the operators
 * worked in. Every timer tries to set a further one, which batch mode drops (Flink quiesces the
 * timer service at the end of a key). Reference: support/batch-per-key-reference.ts.
 * Args: [mode]
 */
import { ValueStateDescriptor, WatermarkStrategy, defineJob, type Collector, type KeyedProcessContext, type OnTimerContext, type RuntimeExecutionMode, type StreamingRuntimeContext, type ValueState } from "sluice";
import { collectAs } from "./windowing/support/collect.js";
import { READINGS, TIMER_DELAY, type Reading } from "./support/batch-per-key-reference.js";

export default defineJob((env, args) => {
  env.setRuntimeMode((args[0] ?? "batch") as RuntimeExecutionMode);
  env.setParallelism(1);
  // Timestamps make the order within a key (batch mode emits no watermarks, so nothing is late).
  const timestamps = WatermarkStrategy.forBoundedOutOfOrderness<Reading>(0).withTimestampAssigner((r) => r.ts);
  const keyed = env.fromCollection(READINGS).assignTimestampsAndWatermarks(timestamps).map((r) => r).keyBy((r) => r.sensor);

  let sum!: ValueState<number>;
  collectAs(
    keyed.process({
      open(ctx: StreamingRuntimeContext) {
        sum = ctx.getState(new ValueStateDescriptor<number>("sum"));
      },
      processElement(r: Reading, ctx: KeyedProcessContext<string>, out: Collector<string>) {
        out.collect(`element ${r.sensor}/${r.ts} watermark ${ctx.timerService().currentWatermark()}`);
        const before = sum.value();
        sum.update((before ?? 0) + r.v);
        ctx.timerService().registerEventTimeTimer(r.ts + TIMER_DELAY);
        if (before === undefined) ctx.timerService().registerProcessingTimeTimer(ctx.timerService().currentProcessingTime() + 3_600_000);
      },
      onTimer(ts: number, ctx: OnTimerContext<string>, out: Collector<string>) {
        const wm = ctx.timerService().currentWatermark();
        if (ctx.timeDomain() === "event-time") out.collect(`event-time timer ${ctx.getCurrentKey()}/${ts} watermark ${wm} sum ${sum.value()}`);
        else out.collect(`processing-time timer ${ctx.getCurrentKey()} watermark ${wm} sum ${sum.value()}`);
        // Dropped in batch mode: the key's input is over.
        ctx.timerService().registerEventTimeTimer(ts + 1_000);
      },
    }),
    "timers",
  );

  collectAs(
    keyed.reduce((a, b) => ({ ...a, v: a.v + b.v })).map((r) => `${r.sensor}:${r.v}`),
    "sums",
  );
});
