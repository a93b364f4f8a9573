/**
 * Windowed count per key for bench/windowing.ts. Args: [count, parallelism, kind]
 * kind "tumbling": 1 s tumbling windows; "sliding": 10 s windows sliding by 2 s.
 * Event time advances 1 ms every EVENTS_PER_MS events; keys cycle over KEYS.
 */
import { DataGeneratorSource, SlidingEventTimeWindows, TumblingEventTimeWindows, WatermarkStrategy, defineJob } from "sluice";
export const KEYS = 10_000;
export const EVENTS_PER_MS = 100;
export const click = (i) => ({ key: i % KEYS, ts: Math.floor(i / EVENTS_PER_MS) });
const count = { createAccumulator: () => 0, add: (_c, n) => n + 1, getResult: (n) => n, merge: (a, b) => a + b };
export default defineJob((env, args) => {
    env.setParallelism(Number(args[1] ?? 1));
    const assigner = args[2] === "sliding" ? SlidingEventTimeWindows.of(10_000, 2_000) : TumblingEventTimeWindows.of(1_000);
    let windows = 0;
    env
        .fromSource(new DataGeneratorSource(click, Number(args[0])), WatermarkStrategy.forMonotonousTimestamps().withTimestampAssigner((c) => c.ts), "Clicks")
        .keyBy((c) => c.key)
        .window(assigner)
        .aggregate(count)
        .addSink(() => {
        windows++;
    });
});
//# sourceMappingURL=windowed-count.js.map