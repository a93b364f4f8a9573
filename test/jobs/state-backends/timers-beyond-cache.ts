/**
 * Many pending timers at once: records (key i % 5, event time (i · 7919) mod 5003, so out of
 * order) each register an event-time timer at their timestamp, and no watermark comes before the
 * end of input; then the final watermark fires them all, and each emits [key, timestamp].
 * Everything runs at parallelism 1, so the collected order is the firing order.
 * Args: [count, recordsPerSecond (0: as fast as possible)]
 */
import { DataGeneratorSource, WatermarkStrategy, defineJob, type Collector, type KeyedProcessContext, type OnTimerContext } from "sluice";

export interface Ev {
  key: number;
  ts: number;
}

export const event = (i: number): Ev => ({ key: i % 5, ts: (i * 7919) % 5003 });

export default defineJob((env, args) => {
  const count = Number(args[0] ?? 6000);
  const rate = Number(args[1] ?? 0);
  env.setParallelism(1);
  env
    .fromSource(new DataGeneratorSource(event, count, rate > 0 ? { recordsPerSecond: rate } : {}), WatermarkStrategy.noWatermarks<Ev>().withTimestampAssigner((e) => e.ts), "Events")
    .keyBy((e) => e.key)
    .process({
      processElement(e: Ev, ctx: KeyedProcessContext<number>, _out: Collector<[number, number]>) {
        ctx.timerService().registerEventTimeTimer(e.ts);
      },
      onTimer(timestamp: number, ctx: OnTimerContext<number>, out: Collector<[number, number]>) {
        out.collect([ctx.getCurrentKey(), timestamp]);
      },
    })
    .name("Timer per event")
    .executeAndCollect();
});
