/**
 * Orders from a Redis stream → revenue per customer per minute of event time → another Redis stream,
 * exactly once (docs/connectors.md, "Redis Streams"). Each order is an entry with a JSON `data` field:
 *   XADD orders * data '{"id":"o-1","customer":"alice","amount":1250,"ts":1700000000000}'
 * Totals are appended to `order-totals` when the checkpoint after their window fired completes.
 *
 * Run (a Redis server on 127.0.0.1:6379: `redis-server --appendonly yes`):
 *   npx sluice run examples/redis-orders.ts [redis://127.0.0.1:6379] [orders] [order-totals] [--bounded]
 * With --bounded the job reads the orders present at start, fires every window and ends.
 */
import {
  RedisStreamSink,
  RedisStreamSource,
  Time,
  TumblingEventTimeWindows,
  WatermarkStrategy,
  defineJob,
  type AggregateFunction,
  type Collector,
  type DataStream,
  type ProcessWindowContext,
  type SingleOutputStreamOperator,
  type TimeWindow,
} from "sluice";

export interface Order {
  id: string;
  customer: string;
  /** In cents. */
  amount: number;
  /** When the order was placed (event time, ms since the epoch). */
  ts: number;
}

export interface CustomerMinute {
  customer: string;
  windowStart: number;
  orders: number;
  revenue: number;
}

const revenue: AggregateFunction<Order, { orders: number; revenue: number }, { orders: number; revenue: number }> = {
  createAccumulator: () => ({ orders: 0, revenue: 0 }),
  add: (o, acc) => ({ orders: acc.orders + 1, revenue: acc.revenue + o.amount }),
  getResult: (acc) => acc,
  merge: (a, b) => ({ orders: a.orders + b.orders, revenue: a.revenue + b.revenue }),
};

function label(customer: string, ctx: ProcessWindowContext<TimeWindow>, results: readonly { orders: number; revenue: number }[], out: Collector<CustomerMinute>): void {
  out.collect({ customer, windowStart: ctx.window().start, ...results[0]! });
}

/** The pipeline, shared with its test: orders per customer per minute of event time. */
export function revenuePerMinute(orders: DataStream<Order>): SingleOutputStreamOperator<CustomerMinute> {
  return orders
    .keyBy((o) => o.customer)
    .window(TumblingEventTimeWindows.of(Time.minutes(1)))
    .aggregate(revenue, label)
    .name("Revenue per customer and minute");
}

export default defineJob((env, args) => {
  const positional = args.filter((a) => !a.startsWith("--"));
  const [url = "redis://127.0.0.1:6379", input = "orders", output = "order-totals"] = positional;
  env.setJobName("Redis orders");
  env.enableCheckpointing(2_000);
  let source = RedisStreamSource.builder<Order>().setConnection({ url }).setStreams(input).setEventTime({ field: "ts" });
  if (args.includes("--bounded")) source = source.setBounded();
  const orders = env.fromSource(source.build(), WatermarkStrategy.forBoundedOutOfOrderness<Order>(Time.seconds(5)), "Orders").uid("orders");
  revenuePerMinute(orders)
    .uid("revenue")
    .sinkTo(
      new RedisStreamSink<CustomerMinute>({
        connection: { url },
        stream: output,
        toFields: (t) => ({ customer: t.customer, window_start: t.windowStart, orders: t.orders, revenue: t.revenue }),
      }),
    )
    .uid("totals");
});
