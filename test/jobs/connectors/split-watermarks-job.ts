/**
 * Two inputs read by one reader (parallelism 1), one far ahead in event time, counted per lane in
 * tumbling event-time windows and collected. The watermark generator is punctuated (a watermark after
 * every event), so with watermarks per reader the first fast events make every later slow event late;
 * with watermarks per split (docs/architecture.md, "Watermarks per split") nothing is late.
 * Args: [JSON of SplitWatermarksSpec].
 */
import { TumblingEventTimeWindows, WatermarkStrategy, defineJob } from "sluice";
import { WINDOW_MS, type LaneEvent, type SplitWatermarksSpec, type WindowCount } from "./split-watermarks-spec.js";
import { laneSource } from "./lane-source.js";

const punctuated = WatermarkStrategy.forGenerator<LaneEvent>(() => ({
  onEvent: (_e, ts, out) => out.emitWatermark(ts - 1),
  onPeriodicEmit: () => {},
})).withTimestampAssigner((e) => e.time);

export default defineJob((env, args) => {
  const spec = JSON.parse(args[0]!) as SplitWatermarksSpec;
  env.setParallelism(1);
  void env
    .fromSource(laneSource(spec), punctuated, "Lanes")
    .keyBy((e) => e.lane)
    .window(TumblingEventTimeWindows.of(WINDOW_MS))
    .aggregate(
      { createAccumulator: () => 0, add: (_e: LaneEvent, n: number) => n + 1, getResult: (n: number) => n, merge: (a: number, b: number) => a + b },
      (lane: string, ctx, counts: readonly number[], out) => out.collect({ lane, windowStart: ctx.window().start, count: counts[0]! } satisfies WindowCount),
    )
    .executeAndCollect();
});
