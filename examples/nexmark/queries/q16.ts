/** q16, channel statistics report: q15's figures per channel and day, with the day's last minute. */
import { TumblingEventTimeWindows, type Collector, type DataStream, type NexmarkEvent, type ProcessWindowContext, type TimeWindow } from "sluice";
import { bidStatistics, statisticsOf, type BidStatistics, type StatisticsAccumulator } from "./bid-statistics.js";
import { DAY_MS, bids, formatDay, formatHourMinute } from "./streams.js";

export interface Q16Result extends BidStatistics {
  channel: string;
  day: string;
  /** max(DATE_FORMAT(dateTime, 'HH:mm')): the minute of the day's last bid. */
  minute: string;
}

export function q16(events: DataStream<NexmarkEvent>): DataStream<Q16Result> {
  // One window per channel and day: keying by channel alone, the day is the window.
  return bids(events)
    .keyBy((b) => b.channel)
    .window(TumblingEventTimeWindows.of(DAY_MS))
    .aggregate(bidStatistics, (channel: string, ctx: ProcessWindowContext<TimeWindow>, r: readonly StatisticsAccumulator[], out: Collector<Q16Result>) => {
      const acc = r[0]!;
      out.collect({ channel, day: formatDay(ctx.window().start), minute: formatHourMinute(acc.maxDateTime), ...statisticsOf(acc) });
    })
    .name("q16: channel statistics");
}
