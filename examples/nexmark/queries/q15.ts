/** q15, bidding statistics report: per day, bids and distinct bidders and auctions by price rank. */
import { TumblingEventTimeWindows, type Collector, type DataStream, type NexmarkEvent, type ProcessWindowContext, type TimeWindow } from "sluice";
import { bidStatistics, statisticsOf, type BidStatistics, type StatisticsAccumulator } from "./bid-statistics.js";
import { DAY_MS, bids, formatDay } from "./streams.js";

export interface Q15Result extends BidStatistics {
  day: string;
}

export function q15(events: DataStream<NexmarkEvent>): DataStream<Q15Result> {
  return bids(events)
    .keyBy((b) => Math.floor(b.dateTime / DAY_MS))
    .window(TumblingEventTimeWindows.of(DAY_MS))
    .aggregate(bidStatistics, (_day: number, ctx: ProcessWindowContext<TimeWindow>, r: readonly StatisticsAccumulator[], out: Collector<Q15Result>) => {
      out.collect({ day: formatDay(ctx.window().start), ...statisticsOf(r[0]!) });
    })
    .name("q15: daily statistics");
}
