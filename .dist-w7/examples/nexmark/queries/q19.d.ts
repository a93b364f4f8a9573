/**
 * q19, auction top-10 price: the 10 highest bids of each auction. Emits the auction's new top 10
 * whenever a bid enters it; the last emitted per auction is the result.
 */
import { type Bid, type DataStream, type NexmarkEvent } from "sluice";
export declare const Q19_TOP_N = 10;
export interface Q19Result {
    auction: number;
    /** Highest first; rank_number is the position + 1. */
    top: Bid[];
}
export declare function q19(events: DataStream<NexmarkEvent>): DataStream<Q19Result>;
