/** q21, add channel id: bids with a channel id, from the channel's name or from the URL. */
import type { Bid, DataStream, NexmarkEvent } from "sluice";
export interface Q21Result {
    auction: number;
    bidder: number;
    price: number;
    channel: string;
    channel_id: string;
}
/** The reference's CASE: a known channel's id, else REGEXP_EXTRACT(url, '(&|^)channel_id=([^&]*)', 2); undefined drops the bid. */
export declare function channelId(b: Bid): string | undefined;
export declare function q21(events: DataStream<NexmarkEvent>): DataStream<Q21Result>;
