/**
 * q18, find last bid: each bidder's latest bid on each auction (a deduplication keeping the
 * last row). Emits the bid whenever it becomes the latest of its (bidder, auction); the last
 * emitted per pair is the result.
 */
import { type Bid, type DataStream, type NexmarkEvent } from "sluice";
export declare function q18(events: DataStream<NexmarkEvent>): DataStream<Bid>;
