/**
 * Watermark alignment per split (docs/architecture.md, "Watermark alignment"): one reader
 * (parallelism 1) reads two inputs, one a day ahead in event time (split-watermarks-spec.ts), as two
 * splits. Aligned, the reader pauses the fast split (pauseOrResumeSplits) while it is ahead of the slow
 * one by more than the drift, and resumes it once the slow one has ended; unaligned, the two interleave.
 * The records are collected in the order they were emitted.
 * Args: [aligned|unaligned, JSON of SplitWatermarksSpec]
 */
import { WatermarkStrategy, defineJob } from "sluice";
import type { LaneEvent, SplitWatermarksSpec } from "./split-watermarks-spec.js";
import { laneSource } from "./lane-source.js";

export default defineJob((env, args) => {
  const aligned = args[0] === "aligned";
  const spec = JSON.parse(args[1]!) as SplitWatermarksSpec;
  env.setParallelism(1);
  // A watermark after every event, so each split's watermark is its latest event's time.
  const punctuated = WatermarkStrategy.forGenerator<LaneEvent>(() => ({
    onEvent: (_e, ts, out) => out.emitWatermark(ts - 1),
    onPeriodicEmit: () => {},
  })).withTimestampAssigner((e) => e.time);
  void env
    .fromSource(laneSource(spec), aligned ? punctuated.withWatermarkAlignment("lanes", 1_000, 20) : punctuated, "Lanes")
    .map((e) => ({ lane: e.lane, seq: e.seq }))
    .executeAndCollect();
});
