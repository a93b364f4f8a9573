/**
 * The counters of q15 and q16: bids, distinct bidders and distinct auctions, in total and per
 * price rank (below $100, below $10,000, above), over one day of bids.
 *
 * The reference groups by the formatted day in an unbounded aggregation that emits an update
 * per bid; here a day is a 1-day event-time window, so each group is emitted once, final, when
 * the watermark passes the day's end. (Formatting the day per bid would also cost more than the
 * counting.)
 */
import type { AggregateFunction, Bid } from "sluice";

export interface BidStatistics {
  total_bids: number;
  rank1_bids: number;
  rank2_bids: number;
  rank3_bids: number;
  total_bidders: number;
  rank1_bidders: number;
  rank2_bidders: number;
  rank3_bidders: number;
  total_auctions: number;
  rank1_auctions: number;
  rank2_auctions: number;
  rank3_auctions: number;
}

export interface StatisticsAccumulator {
  bids: [number, number, number, number];
  bidders: [Set<number>, Set<number>, Set<number>, Set<number>];
  auctions: [Set<number>, Set<number>, Set<number>, Set<number>];
  /** Latest bid time seen (q16's max minute). */
  maxDateTime: number;
}

/** 1, 2 or 3: the price rank of the reference's FILTER clauses. */
export function priceRank(price: number): 1 | 2 | 3 {
  return price < 10_000 ? 1 : price < 1_000_000 ? 2 : 3;
}

export const bidStatistics: AggregateFunction<Bid, StatisticsAccumulator, StatisticsAccumulator> = {
  createAccumulator: () => ({
    bids: [0, 0, 0, 0],
    bidders: [new Set(), new Set(), new Set(), new Set()],
    auctions: [new Set(), new Set(), new Set(), new Set()],
    maxDateTime: Number.NEGATIVE_INFINITY,
  }),
  add: (b, acc) => {
    const rank = priceRank(b.price);
    acc.bids[0]++;
    acc.bids[rank]++;
    acc.bidders[0].add(b.bidder);
    acc.bidders[rank].add(b.bidder);
    acc.auctions[0].add(b.auction);
    acc.auctions[rank].add(b.auction);
    if (b.dateTime > acc.maxDateTime) acc.maxDateTime = b.dateTime;
    return acc;
  },
  getResult: (acc) => acc,
};

export function statisticsOf(acc: StatisticsAccumulator): BidStatistics {
  return {
    total_bids: acc.bids[0],
    rank1_bids: acc.bids[1],
    rank2_bids: acc.bids[2],
    rank3_bids: acc.bids[3],
    total_bidders: acc.bidders[0].size,
    rank1_bidders: acc.bidders[1].size,
    rank2_bidders: acc.bidders[2].size,
    rank3_bidders: acc.bidders[3].size,
    total_auctions: acc.auctions[0].size,
    rank1_auctions: acc.auctions[1].size,
    rank2_auctions: acc.auctions[2].size,
    rank3_auctions: acc.auctions[3].size,
  };
}
