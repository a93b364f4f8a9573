/**
 * q20, expand bid with auction: every bid on an auction of category 10, joined with the auction
 * (an incremental inner join on bid.auction = auction.id).
 *
 * All auctions enter the join, so that a bid on an auction of another category is dropped as
 * soon as that auction is known; a bid waits only for an auction not generated yet.
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
  type NexmarkEvent,
  type StreamingRuntimeContext,
  type ValueState,
} from "sluice";
import { auctions, bids } from "./streams.js";

export const Q20_CATEGORY = 10;

export interface Q20Result {
  auction: number;
  bidder: number;
  price: number;
  channel: string;
  url: string;
  dateTime: number;
  extra: string;
  itemName: string;
  description: string;
  initialBid: number;
  reserve: number;
  auctionDateTime: number;
  expires: number;
  seller: number;
  category: number;
  auctionExtra: string;
}

export function expandBid(b: Bid, a: Auction): Q20Result {
  return {
    auction: b.auction,
    bidder: b.bidder,
    price: b.price,
    channel: b.channel,
    url: b.url,
    dateTime: b.dateTime,
    extra: b.extra,
    itemName: a.itemName,
    description: a.description,
    initialBid: a.initialBid,
    reserve: a.reserve,
    auctionDateTime: a.dateTime,
    expires: a.expires,
    seller: a.seller,
    category: a.category,
    auctionExtra: a.extra,
  };
}

/** The auction if it is in the category, else a marker that its bids are not wanted. */
type AuctionState = Auction | "other-category";

class ExpandBidJoin implements KeyedCoProcessFunction<number, Auction, Bid, Q20Result> {
  private auction!: ValueState<AuctionState>;
  private waiting!: ListState<Bid>;

  open(ctx: StreamingRuntimeContext): void {
    this.auction = ctx.getState(new ValueStateDescriptor<AuctionState>("auction"));
    this.waiting = ctx.getListState(new ListStateDescriptor<Bid>("bids-waiting-for-auction"));
  }

  processElement1(a: Auction, _ctx: KeyedProcessContext<number>, out: Collector<Q20Result>): void {
    const wanted = a.category === Q20_CATEGORY;
    this.auction.update(wanted ? a : "other-category");
    if (wanted) for (const b of this.waiting.get()) out.collect(expandBid(b, a));
    this.waiting.clear();
  }

  processElement2(b: Bid, _ctx: KeyedProcessContext<number>, out: Collector<Q20Result>): void {
    const a = this.auction.value();
    if (a === undefined) this.waiting.add(b);
    else if (a !== "other-category") out.collect(expandBid(b, a));
  }
}

export function q20(events: DataStream<NexmarkEvent>): DataStream<Q20Result> {
  return auctions(events)
    .keyBy((a) => a.id)
    .connect(bids(events).keyBy((b) => b.auction))
    .process(new ExpandBidJoin())
    .name("q20: join bids with auctions");
}
