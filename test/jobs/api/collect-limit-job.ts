/**
 * executeAndCollect(limit) on an unbounded job (issue 20 item 4): the first `limit` squares of an
 * endless generator, after which the job is cancelled. Args: [limit, "bounded" for a 10-record source]
 */
import { DataGeneratorSource, WatermarkStrategy, defineJob } from "sluice";

export default defineJob(async (env, args) => {
  const limit = Number(args[0] ?? 25);
  const count = args[1] === "bounded" ? 10 : Number.POSITIVE_INFINITY;
  const squares = await env
    .fromSource(new DataGeneratorSource((i) => i, count, { recordsPerSecond: 5000 }), WatermarkStrategy.noWatermarks(), "Numbers")
    .setParallelism(1)
    .map((i) => i * i)
    .setParallelism(1)
    .executeAndCollect(limit);
  // What the definition got back must be what the runner reports.
  if (squares.length !== Math.min(limit, count)) throw new Error(`executeAndCollect(${limit}) returned ${squares.length} records`);
});
