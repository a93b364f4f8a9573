/**
 * A keyed job for the metrics tests (test/metrics/). A source at parallelism 2 — subtask k emits
 * the values i < count with i % 2 == k, at `recordsPerSecond` per subtask when given, counting
 * 8 bytes per record in the reader's numBytesIn and its remaining records as pendingRecords — then
 * stays idle without ending (so the final counts stay readable while the job runs), or ends when
 * `bounded` is "bounded"; a map with a
 * user counter ("user.evenRecords", +1 per even value) and a user histogram; keyBy(i % 5) with a
 * keyed sum; a sink that busy-waits `sinkBusyMs` per record (a deliberately slow sink).
 * What the test computes from the arguments is the reference.
 * Args: count, sinkBusyMs (default 0), recordsPerSecond (default unthrottled, "" too), checkpointMs (default 200), bounded.
 */
import { WatermarkStrategy, defineJob, type Counter, type MetricGroup, type Source, type SourceReader, type SourceReaderContext } from "sluice";

// "sluice" exports the accumulator Histogram under that name (both Flink packages have one): the metric's type by its group.
type Histogram = ReturnType<MetricGroup["histogram"]>;

function busyWait(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

class StallingNumbers implements Source<number, number> {
  readonly boundedness: "bounded" | "unbounded";
  constructor(
    private readonly count: number,
    private readonly recordsPerSecond: number | undefined,
    private readonly bounded: boolean,
  ) {
    this.boundedness = bounded ? "bounded" : "unbounded";
  }

  createReader(ctx: SourceReaderContext): SourceReader<number, number> {
    const { count, recordsPerSecond, bounded } = this;
    let next = ctx.subtaskIndex;
    const started = Date.now();
    const bytes = ctx.metricGroup?.getNumBytesInCounter();
    ctx.metricGroup?.setPendingRecordsGauge(() => Math.max(0, Math.ceil((count - next) / ctx.parallelism)));
    const never = new Promise<void>(() => {});
    return {
      pollNext(output) {
        if (next >= count) return bounded ? "end-of-input" : "nothing-available";
        if (recordsPerSecond !== undefined && ((next - ctx.subtaskIndex) / ctx.parallelism) >= ((Date.now() - started) / 1000) * recordsPerSecond) return "nothing-available";
        output.collect(next);
        bytes?.inc(8);
        next += ctx.parallelism;
        return "more";
      },
      isAvailable: () => (next >= count ? never : new Promise((r) => setTimeout(r, 5))),
      snapshotState: () => [next],
      restoreState(splits) {
        if (splits.length > 0) next = splits[0]!;
      },
    };
  }
}

export default defineJob((env, args) => {
  const count = Number(args[0] ?? 1000);
  const sinkBusyMs = Number(args[1] ?? 0);
  const recordsPerSecond = args[2] ? Number(args[2]) : undefined;
  env.setParallelism(2);
  env.enableCheckpointing(Number(args[3] ?? 200));
  let even: Counter;
  let mod100: Histogram;
  env
    .fromSource(new StallingNumbers(count, recordsPerSecond, args[4] === "bounded"), WatermarkStrategy.noWatermarks(), "Numbers")
    .map({
      open(ctx) {
        const group = ctx.getMetricGroup().addGroup("user");
        even = group.counter("evenRecords");
        mod100 = group.histogram("valueMod100");
      },
      map(i: number) {
        if (i % 2 === 0) even.inc();
        mod100.update(i % 100);
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
