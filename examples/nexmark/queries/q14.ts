/** q14, calculation: expensive bids converted to euros, with a time-of-day label and a character count. */
import type { DataStream, NexmarkEvent } from "sluice";
import { bids } from "./streams.js";
import { dollarsToEuros } from "./q1.js";

export type BidTimeType = "dayTime" | "nightTime" | "otherTime";

export interface Q14Result {
  auction: number;
  bidder: number;
  price: number;
  bidTimeType: BidTimeType;
  dateTime: number;
  extra: string;
  c_counts: number;
}

/** The reference's CASE on HOUR(dateTime) (UTC here). */
export function bidTimeType(dateTime: number): BidTimeType {
  const hour = new Date(dateTime).getUTCHours();
  if (hour >= 8 && hour <= 18) return "dayTime";
  if (hour <= 6 || hour >= 20) return "nightTime";
  return "otherTime";
}

/** count_char(s, 'c'). */
export function countChar(s: string, c: string): number {
  const code = c.charCodeAt(0);
  let n = 0;
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) === code) n++;
  return n;
}

export function q14(events: DataStream<NexmarkEvent>): DataStream<Q14Result> {
  return bids(events)
    .filter((b) => {
      const euros = dollarsToEuros(b.price);
      return euros > 1_000_000 && euros < 50_000_000;
    })
    .name("q14: price range")
    .map(
      (b): Q14Result => ({
        auction: b.auction,
        bidder: b.bidder,
        price: dollarsToEuros(b.price),
        bidTimeType: bidTimeType(b.dateTime),
        dateTime: b.dateTime,
        extra: b.extra,
        c_counts: countChar(b.extra, "c"),
      }),
    )
    .name("q14: calculate");
}
