/**
 * q5, hot items: the auctions with the most bids in each 10 s window sliding by 2 s. Bids are
 * counted per auction and window in parallel; then one task per window (keyed by its end) keeps
 * the largest count and emits every auction that reached it.
 */
import {
  SlidingEventTimeWindows,
  TumblingEventTimeWindows,
  type AggregateFunction,
  type Collector,
  type DataStream,
  type NexmarkEvent,
  type ProcessWindowContext,
  type TimeWindow,
} from "sluice";
import { bids } from "./streams.js";

export const Q5_WINDOW_MS = 10_000;
export const Q5_SLIDE_MS = 2_000;

export interface Q5Result {
  auction: number;
  num: number;
  /** The window's start (the reference returns only auction and num). */
  starttime: number;
}

interface AuctionCount {
  auction: number;
  num: number;
  starttime: number;
  endtime: number;
}

const countBids: AggregateFunction<unknown, number, number> = {
  createAccumulator: () => 0,
  add: (_b, n) => n + 1,
  getResult: (n) => n,
  merge: (a, b) => a + b,
};

interface HottestAccumulator {
  num: number;
  auctions: number[];
  starttime: number;
}

/** The largest count of a window and every auction with it. */
const hottest: AggregateFunction<AuctionCount, HottestAccumulator, HottestAccumulator> = {
  createAccumulator: () => ({ num: 0, auctions: [], starttime: 0 }),
  add: (c, acc) => {
    if (c.num > acc.num) return { num: c.num, auctions: [c.auction], starttime: c.starttime };
    if (c.num === acc.num) acc.auctions.push(c.auction);
    return acc;
  },
  getResult: (acc) => acc,
};

export function q5(events: DataStream<NexmarkEvent>): DataStream<Q5Result> {
  return bids(events)
    // Only the auction id is counted: project before the shuffle (records keep their timestamps).
    .map((b) => b.auction)
    .name("q5: auction")
    .keyBy((auction) => auction)
    .window(SlidingEventTimeWindows.of(Q5_WINDOW_MS, Q5_SLIDE_MS))
    .aggregate(countBids, (auction: number, ctx: ProcessWindowContext<TimeWindow>, counts: readonly number[], out: Collector<AuctionCount>) => {
      const w = ctx.window();
      out.collect({ auction, num: counts[0]!, starttime: w.start, endtime: w.end });
    })
    .name("q5: bids per auction and window")
    // A window's counts carry its last millisecond as timestamp, which lies in exactly one of
    // these 2 s windows: the tumbling window gathers the counts of one sliding window.
    .keyBy((c) => c.endtime)
    .window(TumblingEventTimeWindows.of(Q5_SLIDE_MS))
    .aggregate(hottest, (_end: number, _ctx: ProcessWindowContext<TimeWindow>, results: readonly HottestAccumulator[], out: Collector<Q5Result>) => {
      const r = results[0]!;
      for (const auction of r.auctions) out.collect({ auction, num: r.num, starttime: r.starttime });
    })
    .name("q5: hottest auctions");
}
