/**
 * NATS JetStream in, a keyed stateful check, NATS JetStream out, exactly once: every key carries
 * consecutive sequence numbers, a keyed checker keeps the last one and a running total in state and
 * throws on a gap or duplicate; the totals go through the exactly-once sink. Args: [JSON of NatsPipelineSpec].
 */
import { NatsJetStreamSink, NatsJetStreamSource, RestartStrategies, ValueStateDescriptor, WatermarkStrategy, defineJob, type StreamingRuntimeContext, type ValueState } from "sluice";
import { outputLine, type InputRecord, type NatsPipelineSpec } from "./nats-pipeline-spec.js";

class SequenceChecker {
  private last!: ValueState<number>;
  private total!: ValueState<number>;
  open(ctx: StreamingRuntimeContext): void {
    this.last = ctx.getState(new ValueStateDescriptor<number>("last-seq"));
    this.total = ctx.getState(new ValueStateDescriptor<number>("total"));
  }
  map(r: InputRecord): string {
    const previous = this.last.value() ?? -1;
    if (r.seq !== previous + 1) throw new Error(`key ${r.key}: sequence ${r.seq} after ${previous} (gap or duplicate)`);
    this.last.update(r.seq);
    const total = (this.total.value() ?? 0) + r.seq;
    this.total.update(total);
    return outputLine(r.key, r.seq, total);
  }
}

export default defineJob((env, args) => {
  const spec = JSON.parse(args[0]!) as NatsPipelineSpec;
  env.setParallelism(spec.parallelism);
  if (spec.checkpointIntervalMs > 0) env.enableCheckpointing(spec.checkpointIntervalMs);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(spec.restartAttempts, spec.restartDelayMs));
  const connection = { servers: spec.servers, user: spec.user, password: spec.password, connectRetryTimeoutMs: spec.connectRetryTimeoutMs };
  let source = NatsJetStreamSource.builder<InputRecord>().setConnection(connection).setStream(spec.source).setDiscoveryIntervalMs(spec.discoveryIntervalMs ?? 1000);
  if (spec.bounded) source = source.setBounded();
  if (spec.durableConsumer) source = source.setDurableConsumer(spec.durableConsumer);
  env
    .fromSource(source.build(), WatermarkStrategy.noWatermarks(), "NATS input")
    .uid("nats-input")
    .keyBy((r) => r.key)
    .map(new SequenceChecker())
    .name("Sequence checker")
    .uid("sequence-checker")
    .sinkTo(new NatsJetStreamSink<string>({ connection: { ...connection, servers: spec.sinkServers ?? spec.servers }, stream: spec.target, subject: `${spec.target}.totals`, serializer: (line) => line }), "NATS totals")
    .uid("nats-totals");
});
