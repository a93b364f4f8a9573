/**
 * Event-time page-view counts: page views arrive out of order (up to 20 s late); a watermark that
 * trails the largest timestamp by 30 s lets every 1-minute tumbling window fire complete, once.
 * Run: npx sluice run examples/page-view-counts.ts [views] [-p N]
 */
import { DataGeneratorSource, Time, TumblingEventTimeWindows, WatermarkStrategy, defineJob, } from "sluice";
const PAGES = ["/", "/pricing", "/docs", "/blog", "/signup"];
const START = Date.UTC(2024, 0, 1, 12, 0, 0);
/** View number i: about 10 views a second, each up to 20 s out of order; deterministic. */
export function pageView(i) {
    const disorder = (i * 7919) % 20_000;
    return { page: PAGES[(i * 31) % PAGES.length], user: (i * 2654435761) % 1000, time: START + i * 100 - disorder };
}
const count = {
    createAccumulator: () => 0,
    add: (_v, n) => n + 1,
    getResult: (n) => n,
    merge: (a, b) => a + b,
};
function label(page, ctx, counts, out) {
    out.collect({ page, windowStart: new Date(ctx.window().start).toISOString(), views: counts[0] });
}
/** The pipeline, shared with the tests: views per page per minute of event time. */
export function pageViewCounts(views) {
    return views
        .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness(Time.seconds(30)).withTimestampAssigner((v) => v.time))
        .keyBy((v) => v.page)
        .window(TumblingEventTimeWindows.of(Time.minutes(1)))
        .aggregate(count, label)
        .name("Page views per minute");
}
export function pageViewSource(env, views) {
    return env.fromSource(new DataGeneratorSource(pageView, views), WatermarkStrategy.noWatermarks(), "Page views");
}
export default defineJob((env, args) => {
    env.setJobName("Page view counts");
    pageViewCounts(pageViewSource(env, Number(args[0] ?? 6000))).print();
});
//# sourceMappingURL=page-view-counts.js.map