/**
 * A job with the shapes the dashboard's graph must draw: two sources of different parallelism,
 * a keyed (HASH) fan-in into a stateful operator, a REBALANCE into a chain of two operators.
 * Unbounded, with event-time watermarks, and checkpointed when given an interval.
 * Vertices: "Clicks" (p2), "Views" (p1), "Count per user" (p2), "Filter -> Sink" (p1).
 * Args: [checkpointIntervalMs (0: none), recordsPerSecond]
 */
import { DataGeneratorSource, ValueStateDescriptor, WatermarkStrategy, defineJob } from "sluice";
class CountPerUser {
    count;
    open(ctx) {
        this.count = ctx.getState(new ValueStateDescriptor("count"));
    }
    map(e) {
        const count = (this.count.value() ?? 0) + 1;
        this.count.update(count);
        return { user: e.user, count };
    }
}
export default defineJob((env, args) => {
    const interval = Number(args[0] ?? 0);
    const rate = Number(args[1] ?? 400);
    env.setJobName("Clicks and views");
    env.setParallelism(2);
    if (interval > 0)
        env.enableCheckpointing(interval);
    const watermarks = WatermarkStrategy.forBoundedOutOfOrderness(100).withTimestampAssigner((e) => e.ts);
    const clicks = env.fromSource(new DataGeneratorSource((i) => ({ user: i % 13, ts: Date.now() }), Number.POSITIVE_INFINITY, { recordsPerSecond: rate }), watermarks, "Clicks");
    const views = env
        .fromSource(new DataGeneratorSource((i) => ({ user: i % 7, ts: Date.now() }), Number.POSITIVE_INFINITY, { recordsPerSecond: rate / 2 }), watermarks, "Views")
        .setParallelism(1);
    clicks
        .union(views)
        .keyBy((e) => e.user)
        .map(new CountPerUser())
        .name("Count per user")
        .uid("count-per-user")
        .rebalance()
        .filter((r) => r.count % 2 === 0)
        .name("Filter")
        .setParallelism(1)
        .addSink(() => { })
        .name("Sink")
        .setParallelism(1);
});
//# sourceMappingURL=branching.js.map