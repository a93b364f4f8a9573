/**
 * q13, bounded side input join: bids enriched with a value from a static table keyed by
 * auction mod 10,000. The reference reads the table from a file; here it is generated (the same
 * in every task), loaded once per task in open().
 */
import type { Bid, DataStream, NexmarkEvent, RichFunction } from "sluice";
import { bids } from "./streams.js";

export const Q13_SIDE_INPUT_KEYS = 10_000;

export interface Q13Result {
  auction: number;
  bidder: number;
  price: number;
  dateTime: number;
  value: string;
}

/** Row `key` of the side input. */
export function sideInputValue(key: number): string {
  return `value-${(key * 7919) % Q13_SIDE_INPUT_KEYS}`;
}

class SideInputJoin implements RichFunction {
  private table: string[] = [];

  open(): void {
    this.table = Array.from({ length: Q13_SIDE_INPUT_KEYS }, (_, k) => sideInputValue(k));
  }

  map(b: Bid): Q13Result {
    return { auction: b.auction, bidder: b.bidder, price: b.price, dateTime: b.dateTime, value: this.table[b.auction % Q13_SIDE_INPUT_KEYS]! };
  }
}

export function q13(events: DataStream<NexmarkEvent>): DataStream<Q13Result> {
  return bids(events).map(new SideInputJoin()).name("q13: side input join");
}
