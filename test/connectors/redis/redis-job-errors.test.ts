/**
 * What a Redis job says when the server is not what it expects (docs/connectors.md, "Failures of the
 * server"), on the MiniCluster: a server down at start is retried and the job proceeds once it is up;
 * one that stays down, an unknown stream and a wrong password fail the job with errors that name the
 * connector and what to fix.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { Redis } from "ioredis";
import { runJob } from "../../../src/client/job-runner.js";
import { referenceLines, type RedisJobSpec } from "../../jobs/redis/redis-job-spec.js";
import { testJob } from "../../support/paths.js";
import { startRedis, type RedisServer } from "../../support/redis.js";
import { addOrders, customersRange, outputLines } from "./redis-jobs-support.js";

const JOB = testJob("redis/redis-orders-job.ts");
let server: RedisServer;
let redis: Redis;

before(async () => {
  server = await startRedis({ password: "s3cret" });
  redis = server.client();
});

after(async () => {
  redis?.disconnect();
  await server?.stop();
});

function spec(overrides: Partial<RedisJobSpec>): string {
  const s: RedisJobSpec = {
    port: server.port,
    password: "s3cret",
    streams: ["e:orders"],
    output: "e:totals",
    parallelism: 1,
    checkpointIntervalMs: 200,
    bounded: true,
    throttleMicros: 0,
    transactionKeyPrefix: "e",
    restartAttempts: 0,
    ...overrides,
  };
  return JSON.stringify(s);
}

test("an unknown stream fails the job naming the source and the stream", { timeout: 60_000 }, async () => {
  const result = await runJob(JOB, { args: [spec({ streams: ["e:no-such-stream"] })] });
  assert.equal(result.state, "FAILED");
  assert.match(result.failure?.message ?? "", /redis-stream source e:no-such-stream@127\.0\.0\.1:\d+: stream e:no-such-stream does not exist/);
});

test("a wrong password fails the job at once naming the connector", { timeout: 60_000 }, async () => {
  const result = await runJob(JOB, { args: [spec({ password: "wrong", retryTimeoutMs: 60_000 })] });
  assert.equal(result.state, "FAILED");
  assert.match(result.failure?.message ?? "", /redis-stream (source|sink) \S+@127\.0\.0\.1:\d+: Redis at 127\.0\.0\.1:\d+ refused the credentials \(WRONGPASS/);
});

test("a server that stays down fails the job after the retry budget, naming the connector and the address", { timeout: 60_000 }, async () => {
  const down = await startRedis();
  await down.kill();
  try {
    const result = await runJob(JOB, { args: [spec({ port: down.port, password: undefined, retryTimeoutMs: 1_500 })] });
    assert.equal(result.state, "FAILED");
    assert.match(result.failure?.message ?? "", new RegExp(`redis-stream (source|sink) \\S+@127\\.0\\.0\\.1:${down.port}: cannot reach Redis at 127\\.0\\.0\\.1:${down.port} after \\d+ attempts`));
  } finally {
    await down.stop();
  }
});

test("a server down at start is retried with backoff; once it is up the job reads and writes everything", { timeout: 90_000 }, async () => {
  const late = await startRedis();
  const client = late.client();
  await addOrders(client, "e:orders", customersRange(0, 3), 0, 100);
  client.disconnect();
  await late.kill();
  try {
    const run = runJob(JOB, { args: [spec({ port: late.port, password: undefined, retryTimeoutMs: 60_000 })] });
    await new Promise((r) => setTimeout(r, 2_000));
    await late.restart();
    const result = await run;
    assert.equal(result.state, "FINISHED", result.failure?.message);
    const after = late.client();
    try {
      assert.deepEqual(await outputLines(after, "e:totals"), referenceLines(customersRange(0, 3), 100));
    } finally {
      after.disconnect();
    }
  } finally {
    await late.stop();
  }
});
