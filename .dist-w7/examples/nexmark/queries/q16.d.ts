/** q16, channel statistics report: q15's figures per channel and day, with the day's last minute. */
import { type DataStream, type NexmarkEvent } from "sluice";
import { type BidStatistics } from "./bid-statistics.js";
export interface Q16Result extends BidStatistics {
    channel: string;
    day: string;
    /** max(DATE_FORMAT(dateTime, 'HH:mm')): the minute of the day's last bid. */
    minute: string;
}
export declare function q16(events: DataStream<NexmarkEvent>): DataStream<Q16Result>;
