/**
 * Watermark alignment per split with Redis Streams (docs/architecture.md, "Watermark alignment"): one
 * reader (parallelism 1) reads two streams, one a day ahead in event time (split-watermarks-spec.ts).
 * Aligned, the reader pauses the fast stream (pauseOrResumeSplits) while it is ahead of the slow one by
 * more than the drift, and resumes it once the slow stream has ended; unaligned, the two interleave.
 * The records are collected in the order they were emitted.
 * Args: [aligned|unaligned, redisPort, ...streams]
 */
import { RedisStreamSource, WatermarkStrategy, defineJob, type Source } from "sluice";
import type { LaneEvent } from "./split-watermarks-spec.js";

export default defineJob((env, args) => {
  const aligned = args[0] === "aligned";
  env.setParallelism(1);
  const source = RedisStreamSource.builder<LaneEvent>()
    .setConnection({ port: Number(args[1]) })
    .setStreams(...args.slice(2))
    .setBatchSize(50)
    .setBounded()
    .build() as Source<LaneEvent>;
  // A watermark after every event, so each stream's watermark is its latest event's time.
  const punctuated = WatermarkStrategy.forGenerator<LaneEvent>(() => ({
    onEvent: (_e, ts, out) => out.emitWatermark(ts - 1),
    onPeriodicEmit: () => {},
  })).withTimestampAssigner((e) => e.time);
  void env
    .fromSource(source, aligned ? punctuated.withWatermarkAlignment("lanes", 1_000, 20) : punctuated, "Lanes")
    .map((e) => ({ lane: e.lane, seq: e.seq }))
    .executeAndCollect();
});
