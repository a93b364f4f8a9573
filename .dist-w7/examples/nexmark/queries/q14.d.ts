/** q14, calculation: expensive bids converted to euros, with a time-of-day label and a character count. */
import type { DataStream, NexmarkEvent } from "sluice";
export type BidTimeType = "dayTime" | "nightTime" | "otherTime";
export interface Q14Result {
    auction: number;
    bidder: number;
    price: number;
    bidTimeType: BidTimeType;
    dateTime: number;
    extra: string;
    c_counts: number;
}
/** The reference's CASE on HOUR(dateTime) (UTC here). */
export declare function bidTimeType(dateTime: number): BidTimeType;
/** count_char(s, 'c'). */
export declare function countChar(s: string, c: string): number;
export declare function q14(events: DataStream<NexmarkEvent>): DataStream<Q14Result>;
