/**
 * A large correct job in the style of a ported Flink job: it must compile without a single
 * error under the project's strict settings (issue 20 item 11). It uses most of the DataStream
 * API with the types inferred, the way users write it.
 */
import {
  AsyncDataStream,
  AsyncRetryStrategies,
  EventTimeSessionWindows,
  MapStateDescriptor,
  OutputTag,
  RetryPredicates,
  SlidingEventTimeWindows,
  TumblingEventTimeWindows,
  ValueStateDescriptor,
  WatermarkStrategy,
  defineJob,
  type AggregateFunction,
  type Collector,
  type KeyedProcessContext,
  type KeyedProcessFunction,
  type OnTimerContext,
  type ProcessWindowContext,
  type Sink,
  type StreamingRuntimeContext,
  type TimeWindow,
  type ValueState,
} from "sluice";

interface Bid {
  auction: number;
  bidder: string;
  price: number;
  at: number;
}
interface Alert {
  bidder: string;
  reason: string;
}

const average: AggregateFunction<Bid, { sum: number; n: number }, number> = {
  createAccumulator: () => ({ sum: 0, n: 0 }),
  add: (b, acc) => ({ sum: acc.sum + b.price, n: acc.n + 1 }),
  getResult: (acc) => (acc.n === 0 ? 0 : acc.sum / acc.n),
  merge: (a, b) => ({ sum: a.sum + b.sum, n: a.n + b.n }),
};

class HighBidder implements KeyedProcessFunction<string, Bid, Alert> {
  private highest!: ValueState<number>;
  open(ctx: StreamingRuntimeContext): void {
    this.highest = ctx.getState(new ValueStateDescriptor<number>("highest", 0));
  }
  processElement(bid: Bid, ctx: KeyedProcessContext<string>, out: Collector<Alert>): void {
    if (bid.price > (this.highest.value() ?? 0)) {
      this.highest.update(bid.price);
      ctx.timerService().registerEventTimeTimer(bid.at + 1000);
    }
    if (bid.price > 1000) out.collect({ bidder: ctx.getCurrentKey(), reason: "very high bid" });
  }
  onTimer(_ts: number, ctx: OnTimerContext<string>, out: Collector<Alert>): void {
    out.collect({ bidder: ctx.getCurrentKey(), reason: `highest ${this.highest.value()}` });
  }
}

const alerts: Sink<Alert> = { createWriter: () => ({ write: (a) => void a.reason }) };
const LATE = new OutputTag<Bid>("late-bids");
const LIMITS = new MapStateDescriptor<string, number>("limits");

export default defineJob(async (env, args) => {
  env.setParallelism(Number(args[0] ?? 2));
  env.getCheckpointConfig().setCheckpointInterval(10_000).setCheckpointTimeout(60_000).setMinPauseBetweenCheckpoints(500);
  env.getConfig().setAutoWatermarkInterval(100).setGlobalJobParameters({ region: "eu" });

  const bids = env
    .fromData<Bid>({ auction: 1, bidder: "ann", price: 10, at: 1 }, { auction: 2, bidder: "bob", price: 2000, at: 5 })
    .assignTimestampsAndWatermarks(WatermarkStrategy.forBoundedOutOfOrderness<Bid>(100).withTimestampAssigner((b) => b.at))
    .uid("bids")
    .setDescription("bids with event time");

  const byAuction = bids.keyBy((b) => b.auction);
  byAuction.sum("price").print("running total");
  byAuction.maxBy("price", false).printToErr();
  const perWindow = byAuction.window(TumblingEventTimeWindows.of(1000)).allowedLateness(200).sideOutputLateData(LATE).max("price");
  perWindow.getSideOutput(LATE).map((b) => b.bidder).print("late");
  byAuction.window(SlidingEventTimeWindows.of(2000, 500)).aggregate(average, (auction: number, ctx: ProcessWindowContext<TimeWindow>, avg, out: Collector<string>) =>
    out.collect(`${auction}@${ctx.window().start}: ${avg[0]}`),
  );
  byAuction.window(EventTimeSessionWindows.withGap(300)).reduce((a, b) => (a.price >= b.price ? a : b), {
    apply(auction: number, w: TimeWindow, best: readonly Bid[], out: Collector<{ auction: number; end: number; bidder: string }>) {
      out.collect({ auction, end: w.end, bidder: best[0]!.bidder });
    },
  });

  bids.keyBy((b) => b.bidder).process(new HighBidder()).sinkTo(alerts).name("alerts").setMaxParallelism(64);

  const limits = env.fromData<[string, number]>(["ann", 100]).broadcast(LIMITS);
  bids
    .connect(limits)
    .process({
      processElement: (b: Bid, ctx, out: Collector<Alert>) => {
        const limit = ctx.getBroadcastState(LIMITS).get(b.bidder);
        if (limit !== undefined && b.price > limit && ctx.currentWatermark() > 0) out.collect({ bidder: b.bidder, reason: "over limit" });
      },
      processBroadcastElement: ([bidder, limit]: [string, number], ctx) => ctx.getBroadcastState(LIMITS).put(bidder, limit),
    })
    .forceNonParallel();

  const priced = bids.process({
    processElement: (b: Bid, ctx, out: Collector<number>) => {
      if (ctx.timerService().currentWatermark() < b.at) out.collect(b.price);
    },
  });
  priced.windowAll(TumblingEventTimeWindows.of(5000)).sum().print();

  const retry = AsyncRetryStrategies.fixedDelay<string>(3, 100).ifException(RetryPredicates.HAS_EXCEPTION_PREDICATE).build();
  AsyncDataStream.orderedWaitWithRetry(bids, async (b: Bid) => `${b.bidder} checked`, 5000, 10, retry).setBufferTimeout(0).print();

  const top: Bid[] = await bids.filter((b) => b.price > 0).executeAndCollect(10);
  void top.map((b) => b.price.toFixed(2));
});
