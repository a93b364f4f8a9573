/**
 * Reads a Redis stream through a consumer group and appends each record's id to a file (not
 * transactional: the file shows every delivery, also repeated ones). Args: [port, stream, group, file, checkpointIntervalMs]
 * (interval 0: no checkpoints, so nothing is ever acknowledged).
 */
import { appendFileSync } from "node:fs";
import { RedisStreamSource, WatermarkStrategy, defineJob } from "sluice";

export default defineJob((env, args) => {
  const [port, stream, group, file, interval] = args as [string, string, string, string, string];
  env.setParallelism(1);
  if (Number(interval) > 0) env.enableCheckpointing(Number(interval));
  const source = RedisStreamSource.builder<{ id: number }>().setConnection({ port: Number(port) }).setStreams(stream).setConsumerGroup(group).build();
  env.fromSource(source, WatermarkStrategy.noWatermarks(), "Grouped").addSink({ invoke: (r) => appendFileSync(file, `${r.id}\n`) });
});
