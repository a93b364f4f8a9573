/**
 * Programmatic configuration (issue 20 item 3): env.configure(), getConfig() and
 * getCheckpointConfig(), disableOperatorChaining(). Every function reads the global job
 * parameters.
 * Args: [count, watermark interval ms or "" to leave it to the configuration]
 */
import { defineJob, type StreamingRuntimeContext } from "sluice";

export default defineJob((env, args) => {
  const n = Number(args[0] ?? 40);
  env.configure({ "pipeline.global-job-parameters": "greeting:hello;suffix:!", "pipeline.name": "configured job" });
  if (args[1]) env.getConfig().setAutoWatermarkInterval(Number(args[1]));
  env
    .getCheckpointConfig()
    .setCheckpointInterval(30)
    .setCheckpointTimeout(20_000)
    .setMinPauseBetweenCheckpoints(5)
    .setMaxConcurrentCheckpoints(1)
    .setTolerableCheckpointFailureNumber(3)
    .setExternalizedCheckpointRetention("RETAIN_ON_CANCELLATION");
  env.disableOperatorChaining();
  let params: Readonly<Record<string, string>> = {};
  env
    .fromSequence(1, n)
    .map({
      open(ctx: StreamingRuntimeContext) {
        params = ctx.globalJobParameters;
      },
      map: (i: number) => `${params.greeting} ${i}${params.suffix}`,
    })
    .filter((s) => s.length > 0)
    .executeAndCollect();
});
