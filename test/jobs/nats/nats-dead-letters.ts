/**
 * A bounded NATS JetStream source under a bad-message policy; what it emits, collected: `ok:<n>` for
 * each record and, under the side-output policy, `dead:<sequence>:<payload>` for each dead letter.
 * Args: [servers, user, password, stream, policy ("fail" | "skip" | "side-output")].
 */
import { NatsJetStreamSource, OutputTag, RestartStrategies, WatermarkStrategy, defineJob, type BadMessagePolicy, type DeadLetter } from "sluice";

export default defineJob((env, args) => {
  const [servers, user, password, stream, policyName] = args as [string, string, string, string, string];
  env.setParallelism(1);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(0, 0));
  const deadLetters = new OutputTag<DeadLetter>("dead-letters");
  const policy: BadMessagePolicy = policyName === "side-output" ? { sideOutput: deadLetters } : (policyName as "fail" | "skip");
  const source = NatsJetStreamSource.builder<{ n: number }>()
    .setConnection({ servers, user, password })
    .setStream(stream)
    .setBounded()
    .setBadMessagePolicy(policy)
    .build();
  const records = env.fromSource(source, WatermarkStrategy.noWatermarks(), "NATS input");
  records
    .map((r) => `ok:${r.n}`)
    .union(records.getSideOutput(deadLetters).map((d) => `dead:${d.id}:${d.payload}`))
    .executeAndCollect();
});
