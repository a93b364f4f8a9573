/**
 * q19, auction top-10 price: the 10 highest bids of each auction. Emits the auction's new top 10
 * whenever a bid enters it; the last emitted per auction is the result.
 */
import {
  ValueStateDescriptor,
  type Bid,
  type Collector,
  type DataStream,
  type KeyedProcessContext,
  type KeyedProcessFunction,
  type NexmarkEvent,
  type StreamingRuntimeContext,
  type ValueState,
} from "sluice";
import { bids, compareBidsByPrice } from "./streams.js";

export const Q19_TOP_N = 10;

export interface Q19Result {
  auction: number;
  /** Highest first; rank_number is the position + 1. */
  top: Bid[];
}

class TopBids implements KeyedProcessFunction<number, Bid, Q19Result> {
  private top!: ValueState<Bid[]>;

  open(ctx: StreamingRuntimeContext): void {
    this.top = ctx.getState(new ValueStateDescriptor<Bid[]>("top-bids"));
  }

  processElement(b: Bid, _ctx: KeyedProcessContext<number>, out: Collector<Q19Result>): void {
    const top = this.top.value() ?? [];
    if (top.length === Q19_TOP_N && compareBidsByPrice(b, top[Q19_TOP_N - 1]!) >= 0) return;
    let i = top.length;
    while (i > 0 && compareBidsByPrice(b, top[i - 1]!) < 0) i--;
    const next = [...top.slice(0, i), b, ...top.slice(i, Q19_TOP_N - 1)];
    this.top.update(next);
    out.collect({ auction: b.auction, top: next });
  }
}

export function q19(events: DataStream<NexmarkEvent>): DataStream<Q19Result> {
  return bids(events)
    .keyBy((b) => b.auction)
    .process(new TopBids())
    .name("q19: top 10 bids per auction");
}
