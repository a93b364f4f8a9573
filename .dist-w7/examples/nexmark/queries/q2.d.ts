/** q2, selection: auction and price of the bids on every 123rd auction. */
import type { DataStream, NexmarkEvent } from "sluice";
export interface Q2Result {
    auction: number;
    price: number;
}
export declare const Q2_AUCTION_MODULUS = 123;
export declare function q2(events: DataStream<NexmarkEvent>): DataStream<Q2Result>;
