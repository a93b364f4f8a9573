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
 *
 * Generic over what the caller keeps of auctions and bids: q4 and q6 project both to the few
 * fields they need before the join (as a SQL planner pushes projections down), so that less
 * crosses the network and less sits in state.
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

/** What the join needs of an auction. */
export interface AuctionTimes {
  id: number;
  dateTime: number;
  expires: number;
}

/** What the join needs of a bid. */
export interface BidTime {
  auction: number;
  dateTime: number;
}

export interface WinningBid<A extends AuctionTimes = Auction, B extends BidTime = Bid> {
  auction: A;
  bid: B;
}

function isValidFor(bid: BidTime, auction: AuctionTimes): boolean {
  return bid.dateTime >= auction.dateTime && bid.dateTime <= auction.expires;
}

/**
 * An open auction and its best bid so far, in one state value: one state lookup per bid. (A
 * marker for closed auctions, to drop their late bids without the early-bid path, measured
 * slower: its cleanup timers grow the timer heap more than the early bids it saves.)
 */
interface Slot<A, B> {
  auction: A;
  best: B | undefined;
}

class WinningBidFunction<A extends AuctionTimes, B extends BidTime> implements KeyedCoProcessFunction<number, A, B, WinningBid<A, B>> {
  private slot!: ValueState<Slot<A, B>>;
  private early!: ListState<B>;

  /** `compare(a, b) < 0` when bid a beats bid b. */
  constructor(private readonly compare: (a: B, b: B) => number) {}

  open(ctx: StreamingRuntimeContext): void {
    this.slot = ctx.getState(new ValueStateDescriptor<Slot<A, B>>("auction"));
    this.early = ctx.getListState(new ListStateDescriptor<B>("bids-before-auction"));
  }

  processElement1(auction: A, ctx: KeyedProcessContext<number>, _out: Collector<WinningBid<A, B>>): void {
    let best: B | undefined;
    for (const b of this.early.get()) if (isValidFor(b, auction) && (best === undefined || this.compare(b, best) < 0)) best = b;
    this.early.clear();
    this.slot.update({ auction, best });
    ctx.timerService().registerEventTimeTimer(auction.expires);
  }

  processElement2(bid: B, ctx: KeyedProcessContext<number>, _out: Collector<WinningBid<A, B>>): void {
    const slot = this.slot.value();
    if (slot === undefined) {
      this.early.add(bid);
      ctx.timerService().registerEventTimeTimer(bid.dateTime);
      return;
    }
    if (!isValidFor(bid, slot.auction)) return;
    if (slot.best === undefined || this.compare(bid, slot.best) < 0) {
      slot.best = bid;
      this.slot.update(slot);
    }
  }

  onTimer(timestamp: number, _ctx: OnTimerContext<number>, out: Collector<WinningBid<A, B>>): void {
    const slot = this.slot.value();
    if (slot === undefined) {
      // Bids up to this time cannot belong to an auction that has yet to arrive.
      const keep = [...this.early.get()].filter((b) => b.dateTime > timestamp);
      if (keep.length > 0) this.early.update(keep);
      else this.early.clear();
      return;
    }
    const auction = slot.auction;
    if (timestamp !== auction.expires) return;
    if (slot.best !== undefined) out.collect({ auction, bid: slot.best });
    this.slot.clear();
  }
}

/** Winning bids of whole auctions and bids, ties broken by the full bid order (q9). */
export function winningBids(auctions: DataStream<Auction>, bids: DataStream<Bid>): DataStream<WinningBid> {
  return winningBidsOf(auctions, bids, compareBidsByPrice);
}

/** Winning bids of projected auctions and bids; `compare(a, b) < 0` when bid a beats bid b. */
export function winningBidsOf<A extends AuctionTimes, B extends BidTime>(
  auctions: DataStream<A>,
  bids: DataStream<B>,
  compare: (a: B, b: B) => number,
): DataStream<WinningBid<A, B>> {
  return auctions
    .keyBy((a) => a.id)
    .connect(bids.keyBy((b) => b.auction))
    .process(new WinningBidFunction<A, B>(compare))
    .name("Winning bids");
}

/** What q4 and q6 keep of a bid: only its price decides, so ties need no further order. */
export interface PricedBid extends BidTime {
  price: number;
}

export const higherPrice = (a: PricedBid, b: PricedBid): number => b.price - a.price;

export function pricedBids(bids: DataStream<Bid>): DataStream<PricedBid> {
  return bids.map((b): PricedBid => ({ auction: b.auction, dateTime: b.dateTime, price: b.price })).name("Bid: auction, time, price");
}
