/**
 * The Redis connector benchmark's jobs (bench/redis-connector.ts). Args: [mode, port, stream, count, timingFile]
 *  - read: RedisStreamSource (bounded) → a sink that only counts;
 *  - write: DataGeneratorSource → RedisStreamSink (exactly once, checkpoint every second).
 * The first subtask writes when its first record passed (and, for read, its last) to timingFile, so
 * the benchmark can leave the job's start-up out.
 */
import { writeFileSync } from "node:fs";
import { DataGeneratorSource, RedisStreamSink, RedisStreamSource, WatermarkStrategy, defineJob } from "sluice";
import { benchRecord, type BenchRecord } from "./redis-records.js";

export default defineJob((env, args) => {
  const [mode, port, stream, count, timingFile] = args as [string, string, string, string, string];
  env.setParallelism(1);
  const connection = { port: Number(port) };
  let first = 0;
  let n = 0;
  if (mode === "read") {
    const source = RedisStreamSource.builder<BenchRecord>().setConnection(connection).setStreams(stream).setBounded().build();
    env.fromSource(source, WatermarkStrategy.noWatermarks(), "Redis").addSink({
      invoke: () => {
        if (n++ === 0) first = Date.now();
      },
      close: () => writeFileSync(timingFile, JSON.stringify({ first, last: Date.now(), count: n })),
    });
  } else {
    env.enableCheckpointing(1_000);
    env
      .fromSource(new DataGeneratorSource(benchRecord, Number(count)), WatermarkStrategy.noWatermarks(), "Generator")
      .map((r: BenchRecord) => {
        if (n++ === 0) writeFileSync(timingFile, JSON.stringify({ first: Date.now() }));
        return r;
      })
      .sinkTo(new RedisStreamSink<BenchRecord>({ connection, stream }));
  }
});
