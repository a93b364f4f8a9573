/**
 * q6, average selling price by seller: for each seller, the average winning price of their last
 * 10 closed auctions, updated whenever one of their auctions closes. (Flink cannot run the SQL
 * form of this query; this follows Beam's definition, with q4's winning bids.)
 *
 * Closed auctions of one seller come from several parallel tasks in any order, so they wait in
 * state until the watermark passes their closing time and are then taken in order of expiry
 * (then auction id): "the last 10" is then the same in every run.
 */
import {
  ListStateDescriptor,
  ValueStateDescriptor,
  type Collector,
  type DataStream,
  type KeyedProcessContext,
  type KeyedProcessFunction,
  type ListState,
  type NexmarkEvent,
  type OnTimerContext,
  type StreamingRuntimeContext,
  type ValueState,
} from "sluice";
import { auctions, bids, integerAverage } from "./streams.js";
import { higherPrice, pricedBids, winningBidsOf, type AuctionTimes } from "./winning-bids.js";

export const Q6_LAST_AUCTIONS = 10;

export interface Q6Result {
  seller: number;
  /** Average of the seller's last (up to) 10 winning prices, truncated to an integer. */
  avgPrice: number;
  /** The auction whose close produced this update. */
  auction: number;
}

export interface ClosedAuction {
  seller: number;
  auction: number;
  expires: number;
  price: number;
}

class SellerAverage implements KeyedProcessFunction<number, ClosedAuction, Q6Result> {
  private pending!: ListState<ClosedAuction>;
  private lastPrices!: ValueState<number[]>;

  open(ctx: StreamingRuntimeContext): void {
    this.pending = ctx.getListState(new ListStateDescriptor<ClosedAuction>("closed-not-yet-ordered"));
    this.lastPrices = ctx.getState(new ValueStateDescriptor<number[]>("last-prices"));
  }

  processElement(c: ClosedAuction, ctx: KeyedProcessContext<number>, _out: Collector<Q6Result>): void {
    this.pending.add(c);
    ctx.timerService().registerEventTimeTimer(c.expires);
  }

  onTimer(timestamp: number, _ctx: OnTimerContext<number>, out: Collector<Q6Result>): void {
    const ready: ClosedAuction[] = [];
    const later: ClosedAuction[] = [];
    for (const c of this.pending.get()) (c.expires <= timestamp ? ready : later).push(c);
    if (ready.length === 0) return;
    ready.sort((a, b) => a.expires - b.expires || a.auction - b.auction);
    const prices = [...(this.lastPrices.value() ?? [])];
    for (const c of ready) {
      prices.push(c.price);
      if (prices.length > Q6_LAST_AUCTIONS) prices.shift();
      let sum = 0;
      for (const p of prices) sum += p;
      out.collect({ seller: c.seller, avgPrice: integerAverage(sum, prices.length), auction: c.auction });
    }
    this.lastPrices.update(prices);
    if (later.length > 0) this.pending.update(later);
    else this.pending.clear();
  }
}

interface SellerAuction extends AuctionTimes {
  seller: number;
}

export function q6(events: DataStream<NexmarkEvent>): DataStream<Q6Result> {
  const sold = auctions(events)
    .map((a): SellerAuction => ({ id: a.id, dateTime: a.dateTime, expires: a.expires, seller: a.seller }))
    .name("q6: auction times, seller");
  return winningBidsOf(sold, pricedBids(bids(events)), higherPrice)
    .map((w): ClosedAuction => ({ seller: w.auction.seller, auction: w.auction.id, expires: w.auction.expires, price: w.bid.price }))
    .name("q6: closed auction")
    .keyBy((c) => c.seller)
    .process(new SellerAverage())
    .name("q6: average of the last 10");
}
