/** q22, get URL directories: the first three directories of each bid's URL. */
import type { Bid, DataStream, NexmarkEvent } from "sluice";
export interface Q22Result {
    auction: number;
    bidder: number;
    price: number;
    channel: string;
    dir1: string | null;
    dir2: string | null;
    dir3: string | null;
}
/** SPLIT_INDEX(url, '/', 3..5): "https:", "", host, then the directories. */
export declare function urlDirectories(b: Bid): Q22Result;
export declare function q22(events: DataStream<NexmarkEvent>): DataStream<Q22Result>;
