/** q16, channel statistics report: q15's figures per channel and day, with the day's last minute. */
import { TumblingEventTimeWindows } from "sluice";
import { bidStatistics, statisticsOf } from "./bid-statistics.js";
import { DAY_MS, bids, formatDay, formatHourMinute } from "./streams.js";
export function q16(events) {
    // One window per channel and day: keying by channel alone, the day is the window.
    return bids(events)
        .keyBy((b) => b.channel)
        .window(TumblingEventTimeWindows.of(DAY_MS))
        .aggregate(bidStatistics, (channel, ctx, r, out) => {
        const acc = r[0];
        out.collect({ channel, day: formatDay(ctx.window().start), minute: formatHourMinute(acc.maxDateTime), ...statisticsOf(acc) });
    })
        .name("q16: channel statistics");
}
//# sourceMappingURL=q16.js.map