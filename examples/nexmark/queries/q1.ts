/** q1, currency conversion: every bid with its price converted from dollars to euros. */
import type { DataStream, NexmarkEvent } from "sluice";
import { bids } from "./streams.js";

export interface Q1Result {
  auction: number;
  bidder: number;
  /** Euros with three decimals (SQL's 0.908 * price as DECIMAL(23, 3)). */
  price: number;
  dateTime: number;
  extra: string;
}

/** 0.908 × price rounded to three decimals: exact in integers first, so no binary-fraction drift. */
export function dollarsToEuros(price: number): number {
  return Math.round(price * 908) / 1000;
}

export function q1(events: DataStream<NexmarkEvent>): DataStream<Q1Result> {
  return bids(events)
    .map((b): Q1Result => ({ auction: b.auction, bidder: b.bidder, price: dollarsToEuros(b.price), dateTime: b.dateTime, extra: b.extra }))
    .name("q1: to euros");
}
