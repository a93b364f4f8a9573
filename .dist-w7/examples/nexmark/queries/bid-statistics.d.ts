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
export declare function priceRank(price: number): 1 | 2 | 3;
export declare const bidStatistics: AggregateFunction<Bid, StatisticsAccumulator, StatisticsAccumulator>;
export declare function statisticsOf(acc: StatisticsAccumulator): BidStatistics;
