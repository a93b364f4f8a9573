/** q22, get URL directories: the first three directories of each bid's URL. */
import type { Bid, DataStream, NexmarkEvent } from "sluice";
import { bids } from "./streams.js";

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
export function urlDirectories(b: Bid): Q22Result {
  const parts = b.url.split("/");
  return { auction: b.auction, bidder: b.bidder, price: b.price, channel: b.channel, dir1: parts[3] ?? null, dir2: parts[4] ?? null, dir3: parts[5] ?? null };
}

export function q22(events: DataStream<NexmarkEvent>): DataStream<Q22Result> {
  return bids(events).map(urlDirectories).name("q22: URL directories");
}
