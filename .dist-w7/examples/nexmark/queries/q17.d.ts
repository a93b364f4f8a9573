/** q17, auction statistics report: per auction and day, bids by price rank and price min/max/avg/sum. */
import { type DataStream, type NexmarkEvent } from "sluice";
export interface Q17Result {
    auction: number;
    day: string;
    total_bids: number;
    rank1_bids: number;
    rank2_bids: number;
    rank3_bids: number;
    min_price: number;
    max_price: number;
    /** Truncated to an integer (AVG over BIGINT). */
    avg_price: number;
    sum_price: number;
}
export declare function q17(events: DataStream<NexmarkEvent>): DataStream<Q17Result>;
