/**
 * Building blocks shared by the Nexmark queries: the three event kinds split out of the one
 * generated stream, time helpers in UTC (the reference formats dates without a time zone), and
 * the total order on bids that makes "the highest bid" and "the last bid" deterministic even
 * when two bids tie (SQL leaves ties to arrival order, which differs from run to run).
 */
import type { Auction, Bid, DataStream, NexmarkEvent, Person } from "sluice";
export declare function bids(events: DataStream<NexmarkEvent>): DataStream<Bid>;
export declare function auctions(events: DataStream<NexmarkEvent>): DataStream<Auction>;
export declare function persons(events: DataStream<NexmarkEvent>): DataStream<Person>;
export declare const DAY_MS = 86400000;
/**
 * The bid order of "highest bid" queries (q7, q9, q19): higher price first, then the earlier bid,
 * then the remaining fields, so that no two distinct bids compare equal.
 */
export declare function compareBidsByPrice(a: Bid, b: Bid): number;
/** Whether `a` is a later bid than `b` (q18): later time, ties broken by the other fields. */
export declare function isLaterBid(a: Bid, b: Bid): boolean;
/** DATE_FORMAT(t, 'yyyy-MM-dd') in UTC. */
export declare function formatDay(t: number): string;
/** DATE_FORMAT(t, 'HH:mm') in UTC. */
export declare function formatHourMinute(t: number): string;
/** Integer average as SQL's AVG over BIGINT computes it (truncated towards zero). */
export declare function integerAverage(sum: number, count: number): number;
