/**
 * collectAsync() (issue 20 item 4): the definition consumes the iterator while the job runs and
 * writes what it took to a file. The source generates i for i = 0, 1, … (endless unless "bounded");
 * a map squares it and, in the first attempt only, fails once after `failAt` records (−1: never).
 * The consumer stops after `take` records, by `break` or by close(). Source, map and sink run at
 * parallelism 1, so the reference is the first squares in order.
 * Args: [outFile, take, unbounded|bounded, failAt, checkpointIntervalMs, break|close, recordsPerSecond]
 */
import { writeFileSync } from "node:fs";
import { DataGeneratorSource, RestartStrategies, WatermarkStrategy, defineJob, type RuntimeContext } from "sluice";

export default defineJob(async (env, args) => {
  const [outFile, takeArg, bounds, failAtArg, intervalArg, stop, rateArg] = args;
  const take = Number(takeArg);
  const failAt = Number(failAtArg ?? -1);
  const interval = Number(intervalArg ?? 0);
  const rate = Number(rateArg ?? 0);
  if (interval > 0) env.enableCheckpointing(interval);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(3, 0));
  const count = bounds === "bounded" ? 500 : Number.POSITIVE_INFINITY;
  let attempt = 0;
  let seen = 0;
  const records = env
    .fromSource(new DataGeneratorSource((i) => i, count, rate > 0 ? { recordsPerSecond: rate } : {}), WatermarkStrategy.noWatermarks(), "Numbers")
    .setParallelism(1)
    .map({
      open(ctx: RuntimeContext) {
        attempt = ctx.attemptNumber;
      },
      map(i: number) {
        if (attempt === 0 && failAt >= 0 && ++seen > failAt) throw new Error(`planned failure after ${failAt} records`);
        return i * i;
      },
    })
    .setParallelism(1)
    .collectAsync();
  const got: number[] = [];
  try {
    await consume();
  } catch (e) {
    // What went wrong is the test's to report: the definition's own failure stays inside the runner.
    writeFileSync(`${outFile!}.error`, String((e as Error).stack ?? e));
    throw e;
  }
  writeFileSync(outFile!, JSON.stringify(got));

  async function consume(): Promise<void> {
  if (stop === "close") {
    while (got.length < take) {
      const r = await records.next();
      if (r.done) break;
      got.push(r.value);
    }
    await records.close();
  } else {
    for await (const r of records) {
      got.push(r);
      if (got.length >= take) break;
    }
  }
  }
});
