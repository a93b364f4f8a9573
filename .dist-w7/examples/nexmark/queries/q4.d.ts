/**
 * q4, average price per category: the average winning price (highest valid bid) of the closed
 * auctions of each category. Auctions close when the watermark passes their expiry; each close
 * updates its category's average, emitted as an update (the last one per category is the
 * result, as with the reference's updating table).
 */
import { type DataStream, type NexmarkEvent } from "sluice";
export interface Q4Result {
    category: number;
    /** AVG over BIGINT prices: truncated to an integer, as the reference computes it. */
    avgPrice: number;
}
export declare function q4(events: DataStream<NexmarkEvent>): DataStream<Q4Result>;
