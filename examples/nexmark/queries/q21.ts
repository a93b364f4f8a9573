/** q21, add channel id: bids with a channel id, from the channel's name or from the URL. */
import type { Bid, Collector, DataStream, NexmarkEvent } from "sluice";
import { bids } from "./streams.js";

export interface Q21Result {
  auction: number;
  bidder: number;
  price: number;
  channel: string;
  channel_id: string;
}

const KNOWN_CHANNELS: Readonly<Record<string, string>> = { apple: "0", google: "1", facebook: "2", baidu: "3" };
const CHANNEL_ID = /(&|^)channel_id=([^&]*)/;

/** The reference's CASE: a known channel's id, else REGEXP_EXTRACT(url, '(&|^)channel_id=([^&]*)', 2); undefined drops the bid. */
export function channelId(b: Bid): string | undefined {
  const known = KNOWN_CHANNELS[b.channel.toLowerCase()];
  if (known !== undefined) return known;
  return CHANNEL_ID.exec(b.url)?.[2];
}

export function q21(events: DataStream<NexmarkEvent>): DataStream<Q21Result> {
  return bids(events)
    .flatMap((b: Bid, out: Collector<Q21Result>) => {
      const id = channelId(b);
      if (id !== undefined) out.collect({ auction: b.auction, bidder: b.bidder, price: b.price, channel: b.channel, channel_id: id });
    })
    .name("q21: channel id");
}
