/**
 * sum/min/max/minBy/maxBy on keyed and all-windows, and reduce/aggregate with old-style
 * (apply) window functions, over the shared out-of-order event stream (late events dropped).
 * Args: [seed]
 */
import { TumblingEventTimeWindows, defineJob, type AggregateFunction, type Collector, type TimeWindow } from "sluice";
import { generateEvents, type Ev } from "./support/events.js";
import { epochStream } from "./support/epoch-source.js";
import { collectAs } from "./support/collect.js";

/** Without the watermark marker field, so results compare with the plain reference. */
const plain = (e: Ev): Omit<Ev, "wm"> => ({ id: e.id, key: e.key, ts: e.ts, v: e.v, side: e.side });

const countOf: AggregateFunction<Ev, number, number> = {
  createAccumulator: () => 0,
  add: (_e, acc) => acc + 1,
  getResult: (acc) => acc,
  merge: (a, b) => a + b,
};

export default defineJob((env, args) => {
  // Parallelism 1: chained to the source, so watermarks stay in step with the events (see epoch-source.ts).
  const src = epochStream(env, generateEvents(Number(args[0] ?? 1))).map(plain).setParallelism(1);
  const keyed = src.keyBy((e) => e.key);
  const tumbling = () => keyed.window(TumblingEventTimeWindows.of(100));

  collectAs(tumbling().sum("v"), "sum");
  collectAs(tumbling().min("v"), "min");
  collectAs(tumbling().max("v"), "max");
  collectAs(tumbling().minBy("v"), "minBy");
  collectAs(tumbling().maxBy("v"), "maxBy");
  collectAs(tumbling().minBy("v", false), "minBy-last");
  collectAs(tumbling().maxBy("v", false), "maxBy-last");
  collectAs(src.map((e) => e.v).setParallelism(1).windowAll(TumblingEventTimeWindows.of(100)).sum(), "all-sum-numbers");
  collectAs(src.windowAll(TumblingEventTimeWindows.of(100)).maxBy("v"), "all-maxBy");
  collectAs(src.windowAll(TumblingEventTimeWindows.of(100)).min("v"), "all-min");

  collectAs(
    tumbling().reduce((a, b) => ({ ...a, v: a.v + b.v }), {
      apply(key: string, w: TimeWindow, sums: readonly Omit<Ev, "wm">[], out: Collector<{ key: string; start: number; v: number }>) {
        out.collect({ key, start: w.start, v: sums[0]!.v });
      },
    }),
    "reduce-apply",
  );
  collectAs(
    src.windowAll(TumblingEventTimeWindows.of(100)).aggregate(countOf, {
      apply(w: TimeWindow, counts: readonly number[], out: Collector<{ start: number; n: number }>) {
        out.collect({ start: w.start, n: counts[0]! });
      },
    }),
    "all-aggregate-apply",
  );
});
