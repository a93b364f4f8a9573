/**
 * Timers across failures: every record (key i % KEYS, seq ⌊i / KEYS⌋, event time i) passes a
 * keyed sequence check (state: any gap or duplicate fails the job) and registers an event-time
 * timer DELAY later, twice (the second is a duplicate); the timer emits the record's (key, seq)
 * into the exactly-once committing file sink of test/jobs/checkpointed-sink.ts. With a delay of
 * many records, every checkpoint holds pending timers, so a recovery must restore them: the
 * committed output is every record exactly once iff every timer fired exactly once.
 * Args: [count, parallelism, recordsPerSecond, checkpointIntervalMs, outDir, delay]
 */
import {
  DataGeneratorSource,
  RestartStrategies,
  ValueStateDescriptor,
  WatermarkStrategy,
  defineJob,
  type Collector,
  type KeyedProcessContext,
  type OnTimerContext,
  type StreamingRuntimeContext,
  type ValueState,
} from "sluice";
import { CommittingFileSink, KEYS, type Numbered } from "../checkpointed-sink.js";

class TimerPerRecord {
  private last!: ValueState<number>;
  constructor(private readonly delay: number) {}
  open(ctx: StreamingRuntimeContext): void {
    this.last = ctx.getState(new ValueStateDescriptor<number>("last-seq"));
  }
  processElement(r: Numbered, ctx: KeyedProcessContext<number>, _out: Collector<Numbered>): void {
    const previous = this.last.value() ?? -1;
    if (r.seq !== previous + 1) throw new Error(`key ${r.key}: sequence ${r.seq} after ${previous} (gap or duplicate)`);
    this.last.update(r.seq);
    ctx.timerService().registerEventTimeTimer(ctx.timestamp()! + this.delay);
    ctx.timerService().registerEventTimeTimer(ctx.timestamp()! + this.delay);
  }
  onTimer(timestamp: number, ctx: OnTimerContext<number>, out: Collector<Numbered>): void {
    const i = timestamp - this.delay;
    out.collect({ key: ctx.getCurrentKey(), seq: Math.floor(i / KEYS) });
  }
}

export default defineJob((env, args) => {
  const count = Number(args[0] ?? 20_000);
  env.setParallelism(Number(args[1] ?? 2));
  const rate = Number(args[2] ?? 4000);
  env.enableCheckpointing(Number(args[3] ?? 100));
  const dir = args[4] ?? "/tmp/sluice-timer-per-record";
  const delay = Number(args[5] ?? 2000);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(5, 0));
  env
    .fromSource(
      new DataGeneratorSource((i): Numbered => ({ key: i % KEYS, seq: Math.floor(i / KEYS) }), count, { recordsPerSecond: rate }),
      WatermarkStrategy.forMonotonousTimestamps<Numbered>().withTimestampAssigner((r) => r.seq * KEYS + r.key),
      "Numbers",
    )
    .setParallelism(1)
    .keyBy((r) => r.key)
    .process(new TimerPerRecord(delay))
    .name("Timer per record")
    .uid("timer-per-record")
    .addSink(new CommittingFileSink(dir))
    .name("Committing file sink")
    .uid("committing-file-sink");
});
