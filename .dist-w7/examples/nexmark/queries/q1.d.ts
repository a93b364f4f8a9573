/** q1, currency conversion: every bid with its price converted from dollars to euros. */
import type { DataStream, NexmarkEvent } from "sluice";
export interface Q1Result {
    auction: number;
    bidder: number;
    /** Euros with three decimals (SQL's 0.908 * price as DECIMAL(23, 3)). */
    price: number;
    dateTime: number;
    extra: string;
}
/** 0.908 × price rounded to three decimals: exact in integers first, so no binary-fraction drift. */
export declare function dollarsToEuros(price: number): number;
export declare function q1(events: DataStream<NexmarkEvent>): DataStream<Q1Result>;
