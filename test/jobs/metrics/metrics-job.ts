/**
 * A keyed job for the metrics tests: a sequence 0..count-1 at parallelism 2, a map with a user
 * counter ("evenRecords", +1 per even value) and a user histogram, keyBy(i % 5) with a keyed sum,
 * and a sink that may be deliberately slow (`sinkBusyMs` of busy waiting per record). What the
 * test computes from the arguments — records per vertex, the counter's total — is the reference.
 * Args: count, sinkBusyMs (default 0), recordsPerSecond (default unthrottled), checkpointMs (default 200).
 */
import { DataGeneratorSource, WatermarkStrategy, defineJob, type Counter, type MetricGroup } from "sluice";

// "sluice" exports the accumulator Histogram under that name (both Flink packages have one): the metric's type by its group.
type Histogram = ReturnType<MetricGroup["histogram"]>;

function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

export default defineJob((env, args) => {
  const count = Number(args[0] ?? 1000);
  const sinkBusyMs = Number(args[1] ?? 0);
  const recordsPerSecond = args[2] ? Number(args[2]) : undefined;
  env.setParallelism(2);
  env.enableCheckpointing(Number(args[3] ?? 200));
  let even: Counter;
  let sizes: Histogram;
  env
    .fromSource(new DataGeneratorSource((i) => i, count, recordsPerSecond ? { recordsPerSecond } : {}), WatermarkStrategy.noWatermarks(), "Numbers")
    .map({
      open(ctx) {
        const group = ctx.getMetricGroup().addGroup("user");
        even = group.counter("evenRecords");
        sizes = group.histogram("valueMod100");
      },
      map(i: number) {
        if (i % 2 === 0) even.inc();
        sizes.update(i % 100);
        return { key: i % 5, value: i };
      },
    })
    .name("Count evens")
    .keyBy((r) => r.key)
    .sum("value")
    .name("Sum per key")
    .addSink((_r) => {
      if (sinkBusyMs > 0) busyWait(sinkBusyMs);
    })
    .name("Sink");
});
