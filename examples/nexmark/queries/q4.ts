/**
 * q4, average price per category: the average winning price (highest valid bid) of the closed
 * auctions of each category. Auctions close when the watermark passes their expiry; each close
 * updates its category's average, emitted as an update (the last one per category is the
 * result, as with the reference's updating table).
 */
import {
  ValueStateDescriptor,
  type Collector,
  type DataStream,
  type KeyedProcessContext,
  type KeyedProcessFunction,
  type NexmarkEvent,
  type StreamingRuntimeContext,
  type ValueState,
} from "sluice";
import { auctions, bids, integerAverage } from "./streams.js";
import { higherPrice, pricedBids, winningBidsOf, type AuctionTimes } from "./winning-bids.js";

export interface Q4Result {
  category: number;
  /** AVG over BIGINT prices: truncated to an integer, as the reference computes it. */
  avgPrice: number;
}

interface Totals {
  sum: number;
  count: number;
}

class CategoryAverage implements KeyedProcessFunction<number, { category: number; price: number }, Q4Result> {
  private totals!: ValueState<Totals>;

  open(ctx: StreamingRuntimeContext): void {
    this.totals = ctx.getState(new ValueStateDescriptor<Totals>("totals"));
  }

  processElement(w: { category: number; price: number }, _ctx: KeyedProcessContext<number>, out: Collector<Q4Result>): void {
    const t = this.totals.value() ?? { sum: 0, count: 0 };
    const next = { sum: t.sum + w.price, count: t.count + 1 };
    this.totals.update(next);
    out.collect({ category: w.category, avgPrice: integerAverage(next.sum, next.count) });
  }
}

interface CategoryAuction extends AuctionTimes {
  category: number;
}

export function q4(events: DataStream<NexmarkEvent>): DataStream<Q4Result> {
  const categorized = auctions(events)
    .map((a): CategoryAuction => ({ id: a.id, dateTime: a.dateTime, expires: a.expires, category: a.category }))
    .name("q4: auction times, category");
  return winningBidsOf(categorized, pricedBids(bids(events)), higherPrice)
    .map((w) => ({ category: w.auction.category, price: w.bid.price }))
    .name("q4: winning price")
    .keyBy((w) => w.category)
    .process(new CategoryAverage())
    .name("q4: average per category");
}
