/** q15, bidding statistics report: per day, bids and distinct bidders and auctions by price rank. */
import { TumblingEventTimeWindows } from "sluice";
import { bidStatistics, statisticsOf } from "./bid-statistics.js";
import { DAY_MS, bids, formatDay } from "./streams.js";
export function q15(events) {
    return bids(events)
        .keyBy((b) => Math.floor(b.dateTime / DAY_MS))
        .window(TumblingEventTimeWindows.of(DAY_MS))
        .aggregate(bidStatistics, (_day, ctx, r, out) => {
        out.collect({ day: formatDay(ctx.window().start), ...statisticsOf(r[0]) });
    })
        .name("q15: daily statistics");
}
//# sourceMappingURL=q15.js.map