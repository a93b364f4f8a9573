/** q17, auction statistics report: per auction and day, bids by price rank and price min/max/avg/sum. */
import {
  TumblingEventTimeWindows,
  type AggregateFunction,
  type Bid,
  type Collector,
  type DataStream,
  type NexmarkEvent,
  type ProcessWindowContext,
  type TimeWindow,
} from "sluice";
import { priceRank } from "./bid-statistics.js";
import { DAY_MS, bids, formatDay, integerAverage } from "./streams.js";

export interface Q17Result {
  auction: number;
  day: string;
  total_bids: number;
  rank1_bids: number;
  rank2_bids: number;
  rank3_bids: number;
  min_price: number;
  max_price: number;
  /** Truncated to an integer (AVG over BIGINT). */
  avg_price: number;
  sum_price: number;
}

interface AuctionAccumulator {
  bids: [number, number, number, number];
  min: number;
  max: number;
  sum: number;
}

const auctionStatistics: AggregateFunction<Bid, AuctionAccumulator, AuctionAccumulator> = {
  createAccumulator: () => ({ bids: [0, 0, 0, 0], min: Number.POSITIVE_INFINITY, max: Number.NEGATIVE_INFINITY, sum: 0 }),
  add: (b, acc) => {
    acc.bids[0]++;
    acc.bids[priceRank(b.price)]++;
    if (b.price < acc.min) acc.min = b.price;
    if (b.price > acc.max) acc.max = b.price;
    acc.sum += b.price;
    return acc;
  },
  getResult: (acc) => acc,
};

export function q17(events: DataStream<NexmarkEvent>): DataStream<Q17Result> {
  return bids(events)
    .keyBy((b) => b.auction)
    .window(TumblingEventTimeWindows.of(DAY_MS))
    .aggregate(auctionStatistics, (auction: number, ctx: ProcessWindowContext<TimeWindow>, r: readonly AuctionAccumulator[], out: Collector<Q17Result>) => {
      const a = r[0]!;
      out.collect({
        auction,
        day: formatDay(ctx.window().start),
        total_bids: a.bids[0],
        rank1_bids: a.bids[1],
        rank2_bids: a.bids[2],
        rank3_bids: a.bids[3],
        min_price: a.min,
        max_price: a.max,
        avg_price: integerAverage(a.sum, a.bids[0]),
        sum_price: a.sum,
      });
    })
    .name("q17: auction statistics");
}
