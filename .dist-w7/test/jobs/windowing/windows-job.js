/**
 * Every window type, trigger, evictor and lateness case over one out-of-order event stream with
 * late events; each pipeline's results go to a named collect sink. The source runs at
 * parallelism 1 (so watermarks are deterministic, see epoch-source.ts); windows at the job's.
 * Args: [seed]
 */
import { ContinuousEventTimeTrigger, CountEvictor, CountTrigger, EventTimeSessionWindows, OutputTag, PurgingTrigger, SlidingEventTimeWindows, SlidingProcessingTimeWindows, TimeEvictor, TumblingEventTimeWindows, TumblingProcessingTimeWindows, defineJob, } from "sluice";
import { generateEvents } from "./support/events.js";
import { epochStream } from "./support/epoch-source.js";
import { collectAs } from "./support/collect.js";
const sumV = (a, b) => ({ ...a, v: a.v + b.v });
const ids = (els) => els.map((e) => e.id);
const countAndSum = {
    createAccumulator: () => ({ n: 0, sum: 0 }),
    add: (e, acc) => ({ n: acc.n + 1, sum: acc.sum + e.v }),
    getResult: (acc) => acc,
    merge: (a, b) => ({ n: a.n + b.n, sum: a.sum + b.sum }),
};
/** A window's elements as ids, in arrival order. */
function listIds(key, ctx, els, out) {
    out.collect({ key, start: ctx.window().start, ids: ids(els) });
}
export const LATE = new OutputTag("late-tumbling");
export default defineJob((env, args) => {
    const events = generateEvents(Number(args[0] ?? 1));
    const src = epochStream(env, events);
    const keyed = src.keyBy((e) => e.key);
    // Tumbling, plain reduce, allowed lateness and a late-data side output. The record timestamp
    // of a window result is the window's last ms.
    const tumbling = keyed.window(TumblingEventTimeWindows.of(100)).allowedLateness(50).sideOutputLateData(LATE).reduce(sumV);
    collectAs(tumbling.process({ processElement: (e, ctx, out) => out.collect({ key: e.key, v: e.v, at: ctx.timestamp() }) }), "tumbling-reduce");
    collectAs(tumbling.getSideOutput(LATE).map((e) => e.id), "tumbling-late");
    // Incremental aggregation combined with a process window function.
    collectAs(keyed.window(TumblingEventTimeWindows.of(100)).aggregate(countAndSum, (key, ctx, r, out) => out.collect({ key, start: ctx.window().start, n: r[0].n, sum: r[0].sum })), "tumbling-aggregate");
    collectAs(keyed.window(SlidingEventTimeWindows.of(150, 50)).allowedLateness(30).process(listIds), "sliding-process");
    collectAs(keyed.window(EventTimeSessionWindows.withGap(40)).allowedLateness(60).reduce(sumV, (key, ctx, r, out) => out.collect({ key, start: ctx.window().start, end: ctx.window().end, sum: r[0].v })), "session-reduce");
    collectAs(keyed.window(EventTimeSessionWindows.withGap(40)).aggregate(countAndSum, (key, ctx, r, out) => out.collect({ key, start: ctx.window().start, end: ctx.window().end, n: r[0].n })), "session-aggregate");
    collectAs(keyed.countWindow(4).reduce(sumV).map((e) => ({ key: e.key, v: e.v })), "count-window");
    collectAs(keyed.countWindow(4, 2).process((key, _ctx, els, out) => out.collect({ key, ids: ids(els) })), "count-window-sliding");
    collectAs(keyed.window(TumblingEventTimeWindows.of(200)).trigger(CountTrigger.of(3)).process(listIds), "count-trigger");
    collectAs(keyed.window(TumblingEventTimeWindows.of(200)).trigger(PurgingTrigger.of(CountTrigger.of(3))).process(listIds), "purging-count-trigger");
    collectAs(keyed.window(TumblingEventTimeWindows.of(200)).trigger(ContinuousEventTimeTrigger.of(50)).process(listIds), "continuous-trigger");
    collectAs(keyed.window(TumblingEventTimeWindows.of(100)).allowedLateness(40).evictor(CountEvictor.of(2)).process(listIds), "count-evictor");
    collectAs(keyed.window(TumblingEventTimeWindows.of(100)).evictor(TimeEvictor.of(30)).process(listIds), "time-evictor");
    collectAs(keyed.window(TumblingEventTimeWindows.of(100)).apply((key, w, els, out) => out.collect({ key, start: w.start, ids: ids(els) })), "tumbling-apply");
    collectAs(src.windowAll(TumblingEventTimeWindows.of(100)).aggregate(countAndSum, (ctx, r, out) => out.collect({ start: ctx.window().start, n: r[0].n, sum: r[0].sum })), "window-all");
    // Processing time: which window an element lands in depends on the wall clock; how many
    // windows count it does not.
    collectAs(keyed.window(TumblingProcessingTimeWindows.of(20)).aggregate(countAndSum, (key, _c, r, out) => out.collect({ key, n: r[0].n })), "processing-tumbling");
    collectAs(keyed.window(SlidingProcessingTimeWindows.of(40, 20)).aggregate(countAndSum, (key, _c, r, out) => out.collect({ key, n: r[0].n })), "processing-sliding");
});
//# sourceMappingURL=windows-job.js.map