/**
 * Two bounded sources of different lengths into one exactly-once FileSink: "Early" ends long
 * before "Late", so most of the job's checkpoints are taken with Early finished (FLIP-147). The
 * optional failure hits the Late branch on the first attempt once Early has long finished, so the
 * restore comes from a checkpoint that records Early as finished.
 * Args: [outDir, earlyCount, lateCount, lateRecordsPerSecond, checkpointIntervalMs, failAtLateIndex (-1: none)]
 */
import { DataGeneratorSource, FileSink, RestartStrategies, WatermarkStrategy, defineJob, type StreamingRuntimeContext } from "sluice";

interface Tagged {
  source: "early" | "late";
  index: number;
}

export default defineJob((env, args) => {
  const [outDir, earlyCount, lateCount, lateRate, interval, failAt] = [args[0]!, ...args.slice(1).map(Number)] as [string, number, number, number, number, number];
  env.setParallelism(1);
  env.enableCheckpointing(interval);
  env.setRestartStrategy(RestartStrategies.fixedDelayRestart(2, 0));
  const early = env.fromSource(new DataGeneratorSource((index): Tagged => ({ source: "early", index }), earlyCount), WatermarkStrategy.noWatermarks(), "Early").uid("early");
  const late = env
    .fromSource(new DataGeneratorSource((index): Tagged => ({ source: "late", index }), lateCount, { recordsPerSecond: lateRate }), WatermarkStrategy.noWatermarks(), "Late")
    .uid("late");
  let attempt = 0;
  early
    .union(late)
    .map({
      open(ctx: StreamingRuntimeContext) {
        attempt = ctx.attemptNumber;
      },
      map(r: Tagged): Tagged {
        if (attempt === 0 && failAt >= 0 && r.source === "late" && r.index === failAt) throw new Error(`injected failure at late record ${r.index}`);
        return r;
      },
    })
    .name("Failure injector")
    .uid("failure-injector")
    .sinkTo(FileSink.forRowFormat<Tagged>(outDir, (r) => `${r.source},${r.index}\n`), "file sink")
    .uid("file-sink");
});
