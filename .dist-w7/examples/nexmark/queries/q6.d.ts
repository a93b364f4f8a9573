/**
 * q6, average selling price by seller: for each seller, the average winning price of their last
 * 10 closed auctions, updated whenever one of their auctions closes. (Flink cannot run the SQL
 * form of this query; this follows Beam's definition, with q4's winning bids.)
 *
 * Closed auctions of one seller come from several parallel tasks in any order, so they wait in
 * state until the watermark passes their closing time and are then taken in order of expiry
 * (then auction id): "the last 10" is then the same in every run.
 */
import { type DataStream, type NexmarkEvent } from "sluice";
export declare const Q6_LAST_AUCTIONS = 10;
export interface Q6Result {
    seller: number;
    /** Average of the seller's last (up to) 10 winning prices, truncated to an integer. */
    avgPrice: number;
    /** The auction whose close produced this update. */
    auction: number;
}
export interface ClosedAuction {
    seller: number;
    auction: number;
    expires: number;
    price: number;
}
export declare function q6(events: DataStream<NexmarkEvent>): DataStream<Q6Result>;
