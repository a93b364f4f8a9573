/** q11, user sessions: how many bids each bidder made per session (10 s of inactivity ends one). */
import { EventTimeSessionWindows, type AggregateFunction, type Collector, type DataStream, type NexmarkEvent, type ProcessWindowContext, type TimeWindow } from "sluice";
import { bids } from "./streams.js";

export const Q11_SESSION_GAP_MS = 10_000;

export interface Q11Result {
  bidder: number;
  bid_count: number;
  /** First bid of the session. */
  starttime: number;
  /** Last bid of the session plus the gap. */
  endtime: number;
}

export const countAll: AggregateFunction<unknown, number, number> = {
  createAccumulator: () => 0,
  add: (_v, n) => n + 1,
  getResult: (n) => n,
  merge: (a, b) => a + b,
};

export function q11(events: DataStream<NexmarkEvent>): DataStream<Q11Result> {
  return bids(events)
    .keyBy((b) => b.bidder)
    .window(EventTimeSessionWindows.withGap(Q11_SESSION_GAP_MS))
    .aggregate(countAll, (bidder: number, ctx: ProcessWindowContext<TimeWindow>, counts: readonly number[], out: Collector<Q11Result>) => {
      const w = ctx.window();
      out.collect({ bidder, bid_count: counts[0]!, starttime: w.start, endtime: w.end });
    })
    .name("q11: bids per session");
}
