/**
 * q18, find last bid: each bidder's latest bid on each auction (a deduplication keeping the
 * last row). Emits the bid whenever it becomes the latest of its (bidder, auction); the last
 * emitted per pair is the result.
 */
import {
  ValueStateDescriptor,
  type Bid,
  type Collector,
  type DataStream,
  type Key,
  type KeyedProcessContext,
  type KeyedProcessFunction,
  type NexmarkEvent,
  type StreamingRuntimeContext,
  type ValueState,
} from "sluice";
import { bids, isLaterBid } from "./streams.js";

class LastBid implements KeyedProcessFunction<Key, Bid, Bid> {
  private last!: ValueState<Bid>;

  open(ctx: StreamingRuntimeContext): void {
    this.last = ctx.getState(new ValueStateDescriptor<Bid>("last-bid"));
  }

  processElement(b: Bid, _ctx: KeyedProcessContext<Key>, out: Collector<Bid>): void {
    const last = this.last.value();
    if (last !== undefined && !isLaterBid(b, last)) return;
    this.last.update(b);
    out.collect(b);
  }
}

export function q18(events: DataStream<NexmarkEvent>): DataStream<Bid> {
  return bids(events)
    .keyBy((b): Key => [b.bidder, b.auction])
    .process(new LastBid())
    .name("q18: last bid per bidder and auction");
}
