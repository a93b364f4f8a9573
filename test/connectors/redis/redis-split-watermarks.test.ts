/**
 * Watermarks per split with Redis Streams (docs/architecture.md, "Watermarks per split"): one reader
 * reads two streams, one a day ahead in event time; the event-time windows of the slow stream are all
 * counted (none dropped as late), equal to counts computed directly from the events written.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Redis } from "ioredis";
import { runJob } from "../../../src/client/job-runner.js";
import { countLines, laneEvent, referenceCounts, type SplitWatermarksSpec, type WindowCount } from "../../jobs/connectors/split-watermarks-spec.js";
import { testJob } from "../../support/paths.js";
import { startRedis, type RedisServer } from "../../support/redis.js";

const JOB = testJob("connectors/split-watermarks-job.ts");
const PER_LANE = 600;
let server: RedisServer;
let redis: Redis;

before(async () => {
  server = await startRedis();
  redis = server.client();
});

after(async () => {
  redis?.disconnect();
  await server?.stop();
});

test("one reader of two streams, one a day ahead in event time: every window of the slow stream is counted", { timeout: 90_000 }, async () => {
  const pipeline = redis.pipeline();
  for (const lane of ["fast", "slow"] as const) {
    for (let seq = 0; seq < PER_LANE; seq++) pipeline.xadd(`wm:${lane}`, "*", "data", JSON.stringify(laneEvent(lane, seq)));
  }
  await pipeline.exec();
  const spec: SplitWatermarksSpec = { connector: "redis", port: server.port, streams: ["wm:fast", "wm:slow"] };
  const result = await runJob(JOB, { args: [JSON.stringify(spec)] });
  assert.equal(result.state, "FINISHED", result.failure?.message);
  assert.deepEqual(countLines(result.records as WindowCount[]), referenceCounts(PER_LANE));
});
