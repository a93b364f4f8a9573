/**
 * A source and `operators - 1` chained maps at parallelism `parallelism` (one task per slot),
 * throttled, running until cancelled: a TaskManager full of operator metrics (args: [operators, parallelism]).
 */
import { DataGeneratorSource, WatermarkStrategy, defineJob, type DataStream } from "sluice";

export default defineJob((env, args) => {
  const operators = Number(args[0] ?? 20);
  env.setParallelism(Number(args[1] ?? 4));
  let s: DataStream<number> = env.fromSource(new DataGeneratorSource((i) => i, Number.POSITIVE_INFINITY, { recordsPerSecond: 2000 }), WatermarkStrategy.noWatermarks(), "Source");
  for (let i = 1; i < operators - 1; i++) s = s.map((x) => x + 1).name(`Map ${i}`);
  s.addSink(() => {}).name("Sink");
});
