/**
 * An unbounded job whose map is deliberately busy, for the flame-graph tests: `burnCpuInMap` spins for
 * about a millisecond per record, so CPU samples of the map's workers land in it.
 */
import { DataGeneratorSource, WatermarkStrategy, defineJob } from "sluice";

function burnCpuInMap(i: number): number {
  let x = i;
  const until = performance.now() + 1;
  while (performance.now() < until) x = (x * 31 + 7) % 1_000_003;
  return x;
}

export default defineJob((env) => {
  env.setJobName("busy map");
  env.setParallelism(2);
  env
    .fromSource(new DataGeneratorSource((i) => i, Number.POSITIVE_INFINITY, { recordsPerSecond: 200 }), WatermarkStrategy.noWatermarks(), "Numbers")
    .keyBy((i) => i % 4)
    .map(burnCpuInMap)
    .name("Burn")
    .addSink(() => {});
});
