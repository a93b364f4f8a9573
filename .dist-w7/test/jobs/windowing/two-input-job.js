/**
 * Two-input operators and keyed timers over the same out-of-order stream: window join, coGroup,
 * interval join, co-map, keyed co-process with event-time timers, a keyed process function with
 * timers, and the broadcast state pattern. Both sides are split off the single (parallelism 1)
 * source at parallelism 1, so every operator sees each event after exactly the watermarks before
 * it (see epoch-source.ts). Args: [seed]
 */
import { MapStateDescriptor, TumblingEventTimeWindows, ValueStateDescriptor, defineJob, } from "sluice";
import { generateEvents } from "./support/events.js";
import { epochStream } from "./support/epoch-source.js";
import { collectAs } from "./support/collect.js";
export const TIMER_BUCKET = 500;
const bucketEnd = (ts) => Math.ceil((ts + 1) / TIMER_BUCKET) * TIMER_BUCKET - 1;
/** Per key: a running sum; a timer at the end of each element's bucket reports the sum then. */
class SumAtBucketEnd {
    sum;
    open(ctx) {
        this.sum = ctx.getState(new ValueStateDescriptor("sum", 0));
    }
    add(e, ctx) {
        this.sum.update(this.sum.value() + e.v);
        ctx.timerService().registerEventTimeTimer(bucketEnd(e.ts));
    }
    processElement(e, ctx) {
        this.add(e, ctx);
    }
    processElement1(e, ctx) {
        this.add(e, ctx);
    }
    processElement2(e, ctx) {
        this.add(e, ctx);
    }
    onTimer(at, ctx, out) {
        out.collect({ key: ctx.getCurrentKey(), at, sum: this.sum.value() });
    }
}
export const RULES = new MapStateDescriptor("rules");
/** Keeps the last rule id per key in broadcast state and reports the whole state after each rule. */
class RuleKeeper {
    subtask = -1;
    open(ctx) {
        this.subtask = ctx.subtaskIndex;
    }
    processElement() { }
    processBroadcastElement(rule, ctx, out) {
        const state = ctx.getBroadcastState(RULES);
        state.put(rule.key, rule.id);
        out.collect({ subtask: this.subtask, rules: [...state.entries()].sort() });
    }
}
export default defineJob((env, args) => {
    const events = generateEvents(Number(args[0] ?? 1));
    const src = epochStream(env, events);
    const left = src.filter((e) => e.side === "L").setParallelism(1).name("Left");
    const right = src.filter((e) => e.side === "R").setParallelism(1).name("Right");
    collectAs(left.join(right).where((e) => e.key).equalTo((e) => e.key).window(TumblingEventTimeWindows.of(100)).apply((a, b) => ({ key: a.key, a: a.id, b: b.id })), "window-join");
    collectAs(left
        .coGroup(right)
        .where((e) => e.key)
        .equalTo((e) => e.key)
        .window(TumblingEventTimeWindows.of(100))
        .apply((as, bs, out) => out.collect({ a: as.map((e) => e.id).sort((x, y) => x - y), b: bs.map((e) => e.id).sort((x, y) => x - y) })), "cogroup");
    collectAs(left
        .keyBy((e) => e.key)
        .intervalJoin(right.keyBy((e) => e.key))
        .between(-30, 20)
        .process((l, r, ctx, out) => out.collect({ a: l.id, b: r.id, ts: ctx.timestamp() })), "interval-join");
    collectAs(left.connect(right).map({ map1: (e) => `L${e.id}`, map2: (e) => `R${e.id}` }), "co-map");
    collectAs(left.keyBy((e) => e.key).connect(right.keyBy((e) => e.key)).process(new SumAtBucketEnd()), "keyed-co-process-timers");
    collectAs(src.keyBy((e) => e.key).process(new SumAtBucketEnd()), "keyed-process-timers");
    const rules = src.filter((e) => e.v >= 8).setParallelism(1).broadcast(RULES);
    collectAs(src.keyBy((e) => e.key).connect(rules).process(new RuleKeeper()), "broadcast-state");
});
//# sourceMappingURL=two-input-job.js.map