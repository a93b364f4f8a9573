/**
 * q5, hot items: the auctions with the most bids in each 10 s window sliding by 2 s. Bids are
 * counted per auction and window in parallel; then one task per window (keyed by its end) keeps
 * the largest count and emits every auction that reached it.
 */
import { type DataStream, type NexmarkEvent } from "sluice";
export declare const Q5_WINDOW_MS = 10000;
export declare const Q5_SLIDE_MS = 2000;
export interface Q5Result {
    auction: number;
    num: number;
    /** The window's start (the reference returns only auction and num). */
    starttime: number;
}
export declare function q5(events: DataStream<NexmarkEvent>): DataStream<Q5Result>;
