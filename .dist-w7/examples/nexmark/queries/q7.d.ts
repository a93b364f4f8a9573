/**
 * q7, highest bid: the bids with the highest price of each 10 s tumbling window. Each parallel
 * task first finds the highest bids of its auctions per window; one task per window (keyed by
 * its start) then keeps the overall highest.
 *
 * Deviation: the reference joins bids whose time lies in [window end − 10 s, window end], both
 * ends inclusive, so a bid at a window's very end also counts for the next window; here a bid
 * belongs to the window [start, end) it falls in.
 */
import { type DataStream, type NexmarkEvent } from "sluice";
export declare const Q7_WINDOW_MS = 10000;
export interface Q7Result {
    auction: number;
    price: number;
    bidder: number;
    dateTime: number;
    extra: string;
}
export declare function q7(events: DataStream<NexmarkEvent>): DataStream<Q7Result>;
