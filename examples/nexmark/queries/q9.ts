/**
 * q9, winning bids: every auction with its winning bid, the highest bid placed while it was open
 * (the earliest of equal bids), emitted when the auction closes.
 */
import type { DataStream, NexmarkEvent } from "sluice";
import { auctions, bids } from "./streams.js";
import { winningBids } from "./winning-bids.js";

export interface Q9Result {
  id: number;
  itemName: string;
  description: string;
  initialBid: number;
  reserve: number;
  dateTime: number;
  expires: number;
  seller: number;
  category: number;
  extra: string;
  auction: number;
  bidder: number;
  price: number;
  bid_dateTime: number;
  bid_extra: string;
}

export function q9(events: DataStream<NexmarkEvent>): DataStream<Q9Result> {
  return winningBids(auctions(events), bids(events))
    .map(({ auction: a, bid: b }): Q9Result => ({
      ...a,
      auction: b.auction,
      bidder: b.bidder,
      price: b.price,
      bid_dateTime: b.dateTime,
      bid_extra: b.extra,
    }))
    .name("q9: auction with winning bid");
}
