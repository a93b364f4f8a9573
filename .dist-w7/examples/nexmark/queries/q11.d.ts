/** q11, user sessions: how many bids each bidder made per session (10 s of inactivity ends one). */
import { type AggregateFunction, type DataStream, type NexmarkEvent } from "sluice";
export declare const Q11_SESSION_GAP_MS = 10000;
export interface Q11Result {
    bidder: number;
    bid_count: number;
    /** First bid of the session. */
    starttime: number;
    /** Last bid of the session plus the gap. */
    endtime: number;
}
export declare const countAll: AggregateFunction<unknown, number, number>;
export declare function q11(events: DataStream<NexmarkEvent>): DataStream<Q11Result>;
