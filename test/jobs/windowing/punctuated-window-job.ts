/**
 * A punctuated watermark generator that emits, for each event, a watermark at the event's own
 * timestamp, feeding a 2 s tumbling event-time window with a late side output — once with the
 * strategy on the source, once with assignTimestampsAndWatermarks. As in Flink, the watermark of
 * an event follows the event, so no event is late against its own watermark: the event at 1999
 * counts in window [0, 2000). docs/architecture.md, "Watermarks and idleness".
 */
import { CollectionSource, OutputTag, TumblingEventTimeWindows, WatermarkStrategy, defineJob, type DataStream } from "sluice";
import { collectAs } from "./support/collect.js";

export interface Reading {
  key: string;
  ts: number;
}

export const READINGS: readonly Reading[] = [
  { key: "a", ts: 500 },
  { key: "a", ts: 1999 },
  { key: "a", ts: 2500 },
  { key: "a", ts: 3999 },
  { key: "a", ts: 4200 },
];

/** Every event is its own watermark. */
export function ownTimestampWatermarks(): WatermarkStrategy<Reading> {
  return WatermarkStrategy.forGenerator<Reading>(() => ({
    onEvent(_e, ts, out) {
      out.emitWatermark(ts);
    },
    onPeriodicEmit() {},
  })).withTimestampAssigner((e) => e.ts);
}

function windowCounts(stream: DataStream<Reading>, name: string): void {
  const late = new OutputTag<Reading>(`late-${name}`);
  const counted = stream
    .keyBy((r) => r.key)
    .window(TumblingEventTimeWindows.of(2000))
    .sideOutputLateData(late)
    .process<{ key: string; start: number; n: number }>((key, ctx, els, out) => out.collect({ key, start: ctx.window().start, n: els.length }));
  collectAs(counted, `${name}-windows`);
  collectAs(counted.getSideOutput(late).map((r) => r.ts), `${name}-late`);
}

export default defineJob((env) => {
  windowCounts(env.fromSource(new CollectionSource([...READINGS]), ownTimestampWatermarks(), "Readings with watermarks").setParallelism(1), "source");
  const assigned = env
    .fromSource(new CollectionSource([...READINGS]), undefined, "Readings")
    .setParallelism(1)
    .assignTimestampsAndWatermarks(ownTimestampWatermarks())
    .setParallelism(1);
  windowCounts(assigned, "assigner");
});
