/**
 * q12, processing time windows: how many bids each bidder makes per 10 s of wall-clock time.
 * Which window a bid lands in depends on when it is processed, so only the counts summed over
 * windows are reproducible.
 */
import { type DataStream, type NexmarkEvent } from "sluice";
export declare const Q12_WINDOW_MS = 10000;
export interface Q12Result {
    bidder: number;
    bid_count: number;
    starttime: number;
    endtime: number;
}
export declare function q12(events: DataStream<NexmarkEvent>): DataStream<Q12Result>;
