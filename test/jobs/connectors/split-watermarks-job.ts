/**
 * Two inputs read by one reader (parallelism 1), one far ahead in event time, counted per lane in
 * tumbling event-time windows and collected. The watermark generator is punctuated (a watermark after
 * every event), so with watermarks per reader the first fast events make every later slow event late;
 * with watermarks per split (docs/architecture.md, "Watermarks per split") nothing is late.
 * Args: [JSON of SplitWatermarksSpec].
 */
import { NatsJetStreamSource, NatsStartingPosition, RedisStreamSource, TumblingEventTimeWindows, WatermarkStrategy, defineJob, type Source } from "sluice";
import { WINDOW_MS, type LaneEvent, type SplitWatermarksSpec, type WindowCount } from "./split-watermarks-spec.js";

function source(spec: SplitWatermarksSpec): Source<LaneEvent> {
  if (spec.connector === "redis") {
    return RedisStreamSource.builder<LaneEvent>()
      .setConnection({ port: spec.port })
      .setStreams(...spec.streams!)
      .setBatchSize(50)
      .setBounded()
      .build() as Source<LaneEvent>;
  }
  return NatsJetStreamSource.builder<LaneEvent>()
    .setServers(spec.url!)
    .setStream(spec.natsStream!)
    .setPartitions([`${spec.subjectPrefix}.slow`, `${spec.subjectPrefix}.fast`])
    .setStartingPosition(NatsStartingPosition.earliest())
    .setBounded()
    .build() as Source<LaneEvent>;
}

const punctuated = WatermarkStrategy.forGenerator<LaneEvent>(() => ({
  onEvent: (_e, ts, out) => out.emitWatermark(ts - 1),
  onPeriodicEmit: () => {},
})).withTimestampAssigner((e) => e.time);

export default defineJob((env, args) => {
  const spec = JSON.parse(args[0]!) as SplitWatermarksSpec;
  env.setParallelism(1);
  void env
    .fromSource(source(spec), punctuated, "Lanes")
    .keyBy((e) => e.lane)
    .window(TumblingEventTimeWindows.of(WINDOW_MS))
    .aggregate(
      { createAccumulator: () => 0, add: (_e: LaneEvent, n: number) => n + 1, getResult: (n: number) => n, merge: (a: number, b: number) => a + b },
      (lane: string, ctx, counts: readonly number[], out) => out.collect({ lane, windowStart: ctx.window().start, count: counts[0]! } satisfies WindowCount),
    )
    .executeAndCollect();
});
