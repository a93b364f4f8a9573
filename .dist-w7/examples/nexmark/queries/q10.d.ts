/**
 * q10, log to file system: every bid with its day and minute, the partition it is filed under
 * (see PartitionedFileSink for the files; the query itself is the projection).
 */
import type { DataStream, NexmarkEvent } from "sluice";
export interface Q10Result {
    auction: number;
    bidder: number;
    price: number;
    dateTime: number;
    extra: string;
    /** 'yyyy-MM-dd' (UTC). */
    dt: string;
    /** 'HH:mm' (UTC). */
    hm: string;
}
export declare function q10(events: DataStream<NexmarkEvent>): DataStream<Q10Result>;
