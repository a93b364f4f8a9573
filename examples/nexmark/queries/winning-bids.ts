/**
 * Winning bids, the first stage of q4, q6 and q9: per auction, the highest bid placed while the
 * auction was open (bid time between the auction's dateTime and expires, both inclusive),
 * emitted once the watermark passes the auction's expiry, with that expiry as its timestamp.
 * Auctions without a valid bid emit nothing.
 *
 * A bid may arrive before its auction (the generator names a few auctions not created yet, and
 * parallel sources interleave freely). Such a bid waits in state until its auction comes, but
 * only until the watermark passes the bid's own time: an auction that could still make the bid
 * valid must have started no later than the bid, so by then it has arrived (the sources are
 * ordered in event time, so nothing is late). Bids on auctions that are over, or that never
 * come, are thus dropped instead of kept forever.
 */
import {
  ListStateDescriptor,
  ValueStateDescriptor,
  type Auction,
  type Bid,
  type Collector,
  type DataStream,
  type KeyedCoProcessFunction,
  type KeyedProcessContext,
  type ListState,
  type OnTimerContext,
  type StreamingRuntimeContext,
  type ValueState,
} from "sluice";
import { compareBidsByPrice } from "./streams.js";

export interface WinningBid {
  auction: Auction;
  bid: Bid;
}

function isValidFor(bid: Bid, auction: Auction): boolean {
  return bid.dateTime >= auction.dateTime && bid.dateTime <= auction.expires;
}

class WinningBidFunction implements KeyedCoProcessFunction<number, Auction, Bid, WinningBid> {
  private auction!: ValueState<Auction>;
  private best!: ValueState<Bid>;
  private early!: ListState<Bid>;

  open(ctx: StreamingRuntimeContext): void {
    this.auction = ctx.getState(new ValueStateDescriptor<Auction>("auction"));
    this.best = ctx.getState(new ValueStateDescriptor<Bid>("best-bid"));
    this.early = ctx.getListState(new ListStateDescriptor<Bid>("bids-before-auction"));
  }

  processElement1(auction: Auction, ctx: KeyedProcessContext<number>, _out: Collector<WinningBid>): void {
    this.auction.update(auction);
    let best: Bid | undefined;
    for (const b of this.early.get()) if (isValidFor(b, auction) && (best === undefined || compareBidsByPrice(b, best) < 0)) best = b;
    this.early.clear();
    if (best !== undefined) this.best.update(best);
    ctx.timerService().registerEventTimeTimer(auction.expires);
  }

  processElement2(bid: Bid, ctx: KeyedProcessContext<number>, _out: Collector<WinningBid>): void {
    const auction = this.auction.value();
    if (auction === undefined) {
      this.early.add(bid);
      ctx.timerService().registerEventTimeTimer(bid.dateTime);
      return;
    }
    if (!isValidFor(bid, auction)) return;
    const best = this.best.value();
    if (best === undefined || compareBidsByPrice(bid, best) < 0) this.best.update(bid);
  }

  onTimer(timestamp: number, _ctx: OnTimerContext<number>, out: Collector<WinningBid>): void {
    const auction = this.auction.value();
    if (auction === undefined) {
      // Bids up to this time cannot belong to an auction that has yet to arrive.
      const keep = [...this.early.get()].filter((b) => b.dateTime > timestamp);
      if (keep.length > 0) this.early.update(keep);
      else this.early.clear();
      return;
    }
    if (timestamp !== auction.expires) return;
    const best = this.best.value();
    if (best !== undefined) out.collect({ auction, bid: best });
    this.auction.clear();
    this.best.clear();
  }
}

export function winningBids(auctions: DataStream<Auction>, bids: DataStream<Bid>): DataStream<WinningBid> {
  return auctions
    .keyBy((a) => a.id)
    .connect(bids.keyBy((b) => b.auction))
    .process(new WinningBidFunction())
    .name("Winning bids");
}
