/**
 * The two-input source of the split-watermark and split-alignment jobs: two Redis streams or two NATS
 * subjects (slow and fast lane), read by one reader as two splits, bounded.
 */
import { NatsJetStreamSource, NatsStartingPosition, RedisStreamSource, type Source } from "sluice";
import type { LaneEvent, SplitWatermarksSpec } from "./split-watermarks-spec.js";

export function laneSource(spec: SplitWatermarksSpec): Source<LaneEvent> {
  if (spec.connector === "redis") {
    return RedisStreamSource.builder<LaneEvent>()
      .setConnection({ port: spec.port })
      .setStreams(...spec.streams!)
      .setBatchSize(50)
      .setBounded()
      .build() as Source<LaneEvent>;
  }
  return NatsJetStreamSource.builder<LaneEvent>()
    .setServers(spec.url!)
    .setStream(spec.natsStream!)
    .setPartitions([`${spec.subjectPrefix}.slow`, `${spec.subjectPrefix}.fast`])
    .setStartingPosition(NatsStartingPosition.earliest())
    .setBounded()
    .build() as Source<LaneEvent>;
}
