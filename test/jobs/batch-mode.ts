/**
 * One bounded, out-of-order input through an event-time window, a running keyed sum and a keyed
 * process function with event-time timers, in the runtime mode of `execution.runtime-mode` (or
 * args[0] when given). The watermark generator is punctuated (a watermark after every element), so
 * in streaming mode elements behind it are late and dropped deterministically; in batch mode
 * there is no watermark before the end, so nothing is late (reference: support/batch-mode-reference.ts).
 * Args: [mode?]
 */
import {
  TumblingEventTimeWindows,
  WatermarkStrategy,
  defineJob,
  type Collector,
  type KeyedProcessContext,
  type OnTimerContext,
  type RuntimeExecutionMode,
} from "sluice";
import { collectAs } from "./windowing/support/collect.js";
import { BATCH_EVENTS, WINDOW_SIZE, type Event } from "./support/batch-mode-reference.js";

export default defineJob((env, args) => {
  if (args[0]) env.setRuntimeMode(args[0] as RuntimeExecutionMode);
  env.enableCheckpointing(20);
  const strategy = WatermarkStrategy.forGenerator<Event>(() => ({
    onEvent: (_e, ts, out) => out.emitWatermark(ts - 1),
    onPeriodicEmit: () => {},
  })).withTimestampAssigner((e) => e.ts);
  const events = env.fromCollection(BATCH_EVENTS).setParallelism(1).assignTimestampsAndWatermarks(strategy).setParallelism(1);
  const keyed = events.keyBy((e) => e.key);

  collectAs(
    keyed
      .window(TumblingEventTimeWindows.of(WINDOW_SIZE))
      .reduce((a, b) => ({ ...a, v: a.v + b.v }))
      .map((e) => `${e.key}@${Math.floor(e.ts / WINDOW_SIZE) * WINDOW_SIZE}:${e.v}`),
    "windows",
  );

  collectAs(
    keyed.reduce((a, b) => ({ ...a, v: a.v + b.v })).map((e) => `${e.key}:${e.v}`),
    "running-sum",
  );

  collectAs(
    keyed.process({
      processElement(e: Event, ctx: KeyedProcessContext<string>, out: Collector<string>) {
        out.collect(`element ${e.key}/${e.ts} at watermark ${ctx.timerService().currentWatermark()}`);
        ctx.timerService().registerEventTimeTimer(e.ts + 1);
      },
      onTimer(ts: number, ctx: OnTimerContext<string>, out: Collector<string>) {
        out.collect(`timer ${ctx.getCurrentKey()}/${ts}`);
      },
    }),
    "timers",
  );
});
