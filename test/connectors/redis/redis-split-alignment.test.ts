/**
 * Watermark alignment per split with Redis Streams (docs/architecture.md, "Watermark alignment";
 * docs/connectors.md, "Redis Streams"): one reader reads a stream a day ahead of the other. Aligned,
 * the reader pauses the fast stream (SourceReader.pauseOrResumeSplits) and resumes it when the slow one
 * has ended, so the fast entries come after the slow ones; every entry of both streams arrives once, in
 * stream order. Unaligned (the reference), the fast stream runs through while the slow one is read.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Redis } from "ioredis";
import { runJob } from "../../../src/client/job-runner.js";
import { fastBeforeSlowEnded, laneEvent, type LaneRecord, type SplitWatermarksSpec } from "../../jobs/connectors/split-watermarks-spec.js";
import { testJob } from "../../support/paths.js";
import { startRedis, type RedisServer } from "../../support/redis.js";

const JOB = testJob("connectors/split-alignment-job.ts");
const PER_LANE = 3000;
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

/** Runs the job over two fresh streams; returns how many fast entries came before the last slow one. */
async function run(mode: "aligned" | "unaligned"): Promise<number> {
  const streams: [string, string] = [`align-${mode}:slow`, `align-${mode}:fast`];
  const pipeline = redis.pipeline();
  for (const lane of ["slow", "fast"] as const) {
    for (let seq = 0; seq < PER_LANE; seq++) pipeline.xadd(`align-${mode}:${lane}`, "*", "data", JSON.stringify(laneEvent(lane, seq)));
  }
  await pipeline.exec();
  const spec: SplitWatermarksSpec = { connector: "redis", port: server.port, streams };
  const result = await runJob(JOB, { args: [mode, JSON.stringify(spec)] });
  assert.equal(result.state, "FINISHED", result.failure?.message);
  return fastBeforeSlowEnded(result.records as LaneRecord[], PER_LANE);
}

test("aligned: the stream a day ahead is paused while the slow one runs and resumed after it; every entry is counted", { timeout: 120_000 }, async () => {
  const ahead = await run("aligned");
  // Before the first limit reaches the reader (the update interval and the JobMaster's round trip)
  // the fast stream is not held; after it, not one more fast entry until the slow stream ends.
  assert.ok(ahead < PER_LANE / 2, `${ahead} fast entries before the slow stream's last`);
});

test("unaligned: the fast stream runs through while the slow one is read (the reference)", { timeout: 120_000 }, async () => {
  const ahead = await run("unaligned");
  assert.ok(ahead > PER_LANE / 2, `${ahead} fast entries before the slow stream's last`);
});
