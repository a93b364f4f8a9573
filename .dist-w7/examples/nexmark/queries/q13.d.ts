/**
 * q13, bounded side input join: bids enriched with a value from a static table keyed by
 * auction mod 10,000. The reference reads the table from a file; here it is generated (the same
 * in every task), loaded once per task in open().
 */
import type { DataStream, NexmarkEvent } from "sluice";
export declare const Q13_SIDE_INPUT_KEYS = 10000;
export interface Q13Result {
    auction: number;
    bidder: number;
    price: number;
    dateTime: number;
    value: string;
}
/** Row `key` of the side input. */
export declare function sideInputValue(key: number): string;
export declare function q13(events: DataStream<NexmarkEvent>): DataStream<Q13Result>;
