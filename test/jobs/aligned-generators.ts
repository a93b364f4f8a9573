/**
 * Watermark alignment of sources without a split enumerator (docs/architecture.md, "Watermark
 * alignment"): two DataGeneratorSources in one alignment group, unioned. The "fast" one moves event
 * time 10 ms per record, the "slow" one 1 ms per record; the fast one generates twice as many records
 * per second. Unaligned, the fast source runs through its records while the slow one is a fraction in;
 * aligned, it stays within the allowed drift (plus the reporting lag) of the slow one. A collector at
 * parallelism 1 records the order records arrive in.
 * Args: [aligned|unaligned, fastCount, slowCount, slowRecordsPerSecond, checkpointIntervalMs?]
 */
import { DataGeneratorSource, RestartStrategies, WatermarkStrategy, defineJob } from "sluice";

export interface GeneratedTick {
  source: "fast" | "slow";
  n: number;
  ts: number;
}

export default defineJob((env, args) => {
  const aligned = args[0] === "aligned";
  const fastCount = Number(args[1] ?? 3000);
  const slowCount = Number(args[2] ?? 1000);
  const slowRate = Number(args[3] ?? 500);
  const checkpointInterval = Number(args[4] ?? 0);
  if (checkpointInterval > 0) env.enableCheckpointing(checkpointInterval);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 0));
  const strategy = (): WatermarkStrategy<GeneratedTick> => {
    const base = WatermarkStrategy.forMonotonousTimestamps<GeneratedTick>().withTimestampAssigner((t) => t.ts);
    return aligned ? base.withWatermarkAlignment("generators", 100, 50) : base;
  };
  const generator = (source: "fast" | "slow", count: number, step: number, rate: number) =>
    env
      .fromSource(new DataGeneratorSource((n): GeneratedTick => ({ source, n, ts: n * step }), count, { recordsPerSecond: rate }), strategy(), `${source} generator`)
      .setParallelism(1);
  generator("fast", fastCount, 10, slowRate * 2)
    .union(generator("slow", slowCount, 1, slowRate))
    .map((t) => t)
    .setParallelism(1)
    .executeAndCollect();
});
