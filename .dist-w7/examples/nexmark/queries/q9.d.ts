/**
 * q9, winning bids: every auction with its winning bid, the highest bid placed while it was open
 * (the earliest of equal bids), emitted when the auction closes.
 */
import type { DataStream, NexmarkEvent } from "sluice";
export interface Q9Result {
    id: number;
    itemName: string;
    description: string;
    initialBid: number;
    reserve: number;
    dateTime: number;
    expires: number;
    seller: number;
    category: number;
    extra: string;
    auction: number;
    bidder: number;
    price: number;
    bid_dateTime: number;
    bid_extra: string;
}
export declare function q9(events: DataStream<NexmarkEvent>): DataStream<Q9Result>;
