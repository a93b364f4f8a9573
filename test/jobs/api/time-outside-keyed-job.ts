/**
 * Time outside keyed streams (issue 20 item 7): timerService() on ProcessFunction and
 * CoProcessFunction contexts, currentWatermark() on both sides of a broadcast process function.
 * Each function reports the watermark it sees per event. Args: [seed, "register" to set a timer]
 */
import { MapStateDescriptor, defineJob, type Collector, type ProcessContext } from "sluice";
import { generateEvents, type Ev } from "../windowing/support/events.js";
import { epochStream } from "../windowing/support/epoch-source.js";
import { collectAs } from "../windowing/support/collect.js";

interface Seen {
  id: number;
  wm: number;
  clock: boolean;
}

const seen = (e: Ev, wm: number, now: number): Seen => ({ id: e.id, wm, clock: Math.abs(now - Date.now()) < 60_000 });
const RULES = new MapStateDescriptor<string, number>("rules");

export default defineJob((env, args) => {
  const register = args[1] === "register";
  const src = epochStream(env, generateEvents(Number(args[0] ?? 1)));
  const viaTimerService = (e: Ev, ctx: ProcessContext, out: Collector<Seen>): void => {
    const time = ctx.timerService();
    if (register) time.registerEventTimeTimer(e.ts + 10);
    out.collect(seen(e, time.currentWatermark(), time.currentProcessingTime()));
  };
  collectAs(src.process({ processElement: viaTimerService }).setParallelism(2), "process");

  // Chained to the source (parallelism 1), so the two inputs keep the source's order of watermarks and events.
  const left = src.filter((e) => e.side === "L").setParallelism(1);
  const right = src.filter((e) => e.side === "R").setParallelism(1);
  collectAs(left.connect(right).process({ processElement1: viaTimerService, processElement2: viaTimerService }), "co-process");

  collectAs(
    left.connect(right.broadcast(RULES)).process({
      processElement: (e: Ev, ctx, out: Collector<Seen>) => out.collect(seen(e, ctx.currentWatermark(), ctx.currentProcessingTime())),
      processBroadcastElement: (e: Ev, ctx, out: Collector<Seen>) => out.collect(seen(e, ctx.currentWatermark(), ctx.currentProcessingTime())),
    }),
    "broadcast",
  );
});
