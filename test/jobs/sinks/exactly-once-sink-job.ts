/**
 * A stateful job writing to an exactly-once sink (file or PostgreSQL), with failures injected in
 * user code and in the sink on early attempts. Its committed output must equal
 * referenceLines(count) however often it failed. Args: [JSON of SinkJobSpec].
 */
import {
  DataGeneratorSource,
  FileSink,
  NatsJetStreamSink,
  PostgresSink,
  RestartStrategies,
  ValueStateDescriptor,
  WatermarkStrategy,
  defineJob,
  type StreamingRuntimeContext,
  type TwoPhaseCommitSink,
  type ValueState,
} from "sluice";
import { FaultInjectingSink } from "./support/fault-injecting-sink.js";
import { KEYS, outputLine, type OutputRecord, type SinkJobSpec } from "./support/sink-job-spec.js";

interface Generated {
  key: number;
  index: number;
}

/** Running count and sum per key; alerts (throws) on a gap or duplicate, as Flink's HA tests do. */
class RunningTotals {
  private n!: ValueState<number>;
  private total!: ValueState<number>;
  private last!: ValueState<number>;
  open(ctx: StreamingRuntimeContext): void {
    this.n = ctx.getState(new ValueStateDescriptor<number>("n"));
    this.total = ctx.getState(new ValueStateDescriptor<number>("total"));
    this.last = ctx.getState(new ValueStateDescriptor<number>("last-index"));
  }
  map(r: Generated): OutputRecord {
    const expected = (this.last.value() ?? r.key - KEYS) + KEYS;
    if (r.index !== expected) throw new Error(`key ${r.key}: index ${r.index} where ${expected} was next (gap or duplicate)`);
    this.last.update(r.index);
    const n = (this.n.value() ?? 0) + 1;
    const total = (this.total.value() ?? 0) + r.index;
    this.n.update(n);
    this.total.update(total);
    return { key: r.key, index: r.index, n, total };
  }
}

export default defineJob((env, args) => {
  const spec = JSON.parse(args[0]!) as SinkJobSpec;
  env.setParallelism(spec.parallelism);
  if (spec.checkpointIntervalMs > 0) env.enableCheckpointing(spec.checkpointIntervalMs);
  const failures = spec.userFailures.length + spec.sinkFaults.length;
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(failures + 1, 0));

  const target = spec.target;
  const sink: TwoPhaseCommitSink<OutputRecord, unknown> =
    target.kind === "file"
      ? FileSink.forRowFormat<OutputRecord>(target.dir, (r) => `${outputLine(r)}\n`)
      : target.kind === "nats"
        ? new NatsJetStreamSink<OutputRecord>({ connection: { servers: target.servers }, stream: target.stream, subject: target.subject, serializer: outputLine })
        : new PostgresSink<OutputRecord>({
          connection: target.connection,
          table: target.table,
          columns: ["k", "idx", "n", "total"],
          toRow: (r) => [r.key, r.index, r.n, r.total],
          transactionIdPrefix: target.transactionIdPrefix,
          rowsPerStatement: target.rowsPerStatement,
        });

  let attempt = 0;
  env
    .fromSource(
      new DataGeneratorSource((index): Generated => ({ key: index % KEYS, index }), spec.count, { recordsPerSecond: spec.recordsPerSecond }),
      WatermarkStrategy.noWatermarks(),
      "Numbers",
    )
    // Chained to the source, before any sink subtask can have reached end of input. "At or
    // after" the point, not "at": source subtasks progress independently, so a restored
    // checkpoint may already be past the point in one lane while another lane is before it.
    .map({
      open(ctx: StreamingRuntimeContext) {
        attempt = ctx.attemptNumber;
      },
      map(r: Generated): Generated {
        const point = spec.userFailures[attempt];
        if (point !== undefined && r.index >= point) throw new Error(`injected failure of attempt ${attempt} at record ${r.index}`);
        return r;
      },
    })
    .name("Failure injector")
    .keyBy((r) => r.key)
    .map(new RunningTotals())
    .name("Running totals")
    .uid("running-totals")
    .sinkTo(new FaultInjectingSink(sink, spec.sinkFaults, spec.sinkFaultsBelowIndex), `${target.kind} sink`)
    .uid("exactly-once-sink");
});
