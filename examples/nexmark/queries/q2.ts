/** q2, selection: auction and price of the bids on every 123rd auction. */
import type { DataStream, NexmarkEvent } from "sluice";
import { bids } from "./streams.js";

export interface Q2Result {
  auction: number;
  price: number;
}

export const Q2_AUCTION_MODULUS = 123;

export function q2(events: DataStream<NexmarkEvent>): DataStream<Q2Result> {
  return bids(events)
    .filter((b) => b.auction % Q2_AUCTION_MODULUS === 0)
    .name("q2: auction % 123 = 0")
    .map((b): Q2Result => ({ auction: b.auction, price: b.price }))
    .name("q2: project");
}
