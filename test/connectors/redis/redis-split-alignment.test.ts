/**
 * Watermark alignment per split with Redis Streams (docs/architecture.md, "Watermark alignment";
 * docs/connectors.md, "Redis Streams"): one reader reads a stream a day ahead of the other. Aligned,
 * the reader pauses the fast stream (SourceReader.pauseOrResumeSplits) and resumes it when the slow one
 * has ended, so the fast entries come after the slow ones; every entry of both streams arrives once, in
 * stream order. Unaligned (the reference), the streams interleave.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Redis } from "ioredis";
import { runJob } from "../../../src/client/job-runner.js";
import { laneEvent } from "../../jobs/connectors/split-watermarks-spec.js";
import { testJob } from "../../support/paths.js";
import { startRedis, type RedisServer } from "../../support/redis.js";

const JOB = testJob("connectors/redis-split-alignment-job.ts");
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
async function fastBeforeSlowEnded(mode: "aligned" | "unaligned"): Promise<number> {
  const streams = [`align-${mode}:slow`, `align-${mode}:fast`];
  const pipeline = redis.pipeline();
  for (const lane of ["slow", "fast"] as const) {
    for (let seq = 0; seq < PER_LANE; seq++) pipeline.xadd(`align-${mode}:${lane}`, "*", "data", JSON.stringify(laneEvent(lane, seq)));
  }
  await pipeline.exec();
  const result = await runJob(JOB, { args: [mode, String(server.port), ...streams] });
  assert.equal(result.state, "FINISHED", result.failure?.message);
  const records = result.records as { lane: string; seq: number }[];
  for (const lane of ["slow", "fast"]) {
    assert.deepEqual(records.filter((r) => r.lane === lane).map((r) => r.seq), Array.from({ length: PER_LANE }, (_, i) => i), `every ${lane} entry once, in stream order`);
  }
  const lastSlow = records.map((r) => r.lane).lastIndexOf("slow");
  return records.slice(0, lastSlow).filter((r) => r.lane === "fast").length;
}

test("aligned: the stream a day ahead is paused while the slow one runs and resumed after it; every entry is counted", { timeout: 120_000 }, async () => {
  const ahead = await fastBeforeSlowEnded("aligned");
  // Before the first limit reaches the reader (the update interval and the JobMaster's round trip)
  // the fast stream is not held; after it, not one more fast entry until the slow stream ends.
  assert.ok(ahead < PER_LANE / 2, `${ahead} fast entries before the slow stream's last`);
});

test("unaligned: the two streams interleave (the reference)", { timeout: 120_000 }, async () => {
  const ahead = await fastBeforeSlowEnded("unaligned");
  assert.ok(ahead > PER_LANE / 2, `${ahead} fast entries before the slow stream's last`);
});
