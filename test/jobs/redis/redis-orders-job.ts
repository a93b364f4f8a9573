/**
 * Orders from Redis streams → a running count and total per customer in keyed state → the exactly-once
 * Redis Streams sink. A keyed checker throws on a gap or a duplicate in a customer's orders, as Flink's
 * HA tests do. `throttleMicros` slows it down (per record). Args: [JSON of RedisJobSpec].
 */
import { RedisStreamSink, RedisStreamSource, RestartStrategies, ValueStateDescriptor, WatermarkStrategy, defineJob, type StreamingRuntimeContext, type ValueState } from "sluice";
import type { CustomerTotal, Order, RedisJobSpec } from "./redis-job-spec.js";

class RunningTotals {
  private n!: ValueState<number>;
  private total!: ValueState<number>;
  open(ctx: StreamingRuntimeContext): void {
    this.n = ctx.getState(new ValueStateDescriptor<number>("n"));
    this.total = ctx.getState(new ValueStateDescriptor<number>("total"));
  }
  map(o: Order): CustomerTotal {
    const n = (this.n.value() ?? 0) + 1;
    if (o.seq !== n - 1) throw new Error(`customer ${o.customer}: order ${o.seq} where ${n - 1} was next (gap or duplicate)`);
    const total = (this.total.value() ?? 0) + o.amount;
    this.n.update(n);
    this.total.update(total);
    return { customer: o.customer, seq: o.seq, n, total };
  }
}

/**
 * Slows the job down to about one record per `micros`, so that failures land in the middle of it:
 * sleeps (Atomics.wait, allowed in the slot's worker thread) once 5 ms are due, burning no CPU.
 */
function throttle(micros: number): (o: Order) => Order {
  const cell = new Int32Array(new SharedArrayBuffer(4));
  let due = 0;
  return (o) => {
    due += micros;
    if (due >= 5_000) {
      Atomics.wait(cell, 0, 0, due / 1000);
      due = 0;
    }
    return o;
  };
}

export default defineJob((env, args) => {
  const spec = JSON.parse(args[0]!) as RedisJobSpec;
  env.setParallelism(spec.parallelism);
  env.enableCheckpointing(spec.checkpointIntervalMs);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(spec.restartAttempts, 200));
  const connection = { port: spec.port, password: spec.password, retryTimeoutMs: spec.retryTimeoutMs ?? 30_000, maxBackoffMs: 500 };
  let builder = RedisStreamSource.builder<Order>().setConnection(connection).setBatchSize(200);
  builder = spec.pattern !== undefined ? builder.setStreamPattern(spec.pattern).setDiscoveryInterval(spec.discoveryIntervalMs ?? 200) : builder.setStreams(...spec.streams!);
  if (spec.bounded) builder = builder.setBounded();
  env
    .fromSource(builder.build(), WatermarkStrategy.noWatermarks(), "Orders")
    .uid("orders")
    .map(throttle(spec.throttleMicros))
    .keyBy((o) => o.customer)
    .map(new RunningTotals())
    .uid("totals")
    .sinkTo(new RedisStreamSink<CustomerTotal>({ connection: { ...connection, port: spec.sinkPort ?? spec.port }, stream: spec.output, transactionKeyPrefix: spec.transactionKeyPrefix }))
    .uid("totals-sink");
});
