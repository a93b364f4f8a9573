/** q15, bidding statistics report: per day, bids and distinct bidders and auctions by price rank. */
import { type DataStream, type NexmarkEvent } from "sluice";
import { type BidStatistics } from "./bid-statistics.js";
export interface Q15Result extends BidStatistics {
    day: string;
}
export declare function q15(events: DataStream<NexmarkEvent>): DataStream<Q15Result>;
