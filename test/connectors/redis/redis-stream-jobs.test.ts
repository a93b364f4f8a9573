/**
 * Redis Streams jobs on the MiniCluster (docs/connectors.md, "Redis Streams"): orders read from Redis,
 * totals kept in keyed state, written back through the exactly-once sink; a stream created while the
 * job runs is discovered, read, and carried through a savepoint into a job resumed at another
 * parallelism. The output stream must equal the reference exactly.
 */
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { Redis } from "ioredis";
import { runJob } from "../../../src/client/job-runner.js";
import { MiniClusterClient } from "../../../src/client/cluster-client.js";
import { MiniCluster } from "../../../src/cluster/minicluster.js";
import { referenceLines, type RedisJobSpec } from "../../jobs/redis/redis-job-spec.js";
import { testJob } from "../../support/paths.js";
import { startRedis, type RedisServer } from "../../support/redis.js";
import { waitFor } from "../../support/wait.js";
import { addOrders, customersRange, outputLines } from "./redis-jobs-support.js";

const JOB = testJob("redis/redis-orders-job.ts");
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

function spec(overrides: Partial<RedisJobSpec>): RedisJobSpec {
  return {
    port: server.port,
    output: "totals",
    parallelism: 2,
    checkpointIntervalMs: 200,
    bounded: true,
    throttleMicros: 0,
    transactionKeyPrefix: "sluice:test",
    restartAttempts: 3,
    ...overrides,
  };
}

test("a bounded job reads every order of two streams once, keeps totals per customer, and writes them exactly once", { timeout: 90_000 }, async () => {
  await addOrders(redis, "b:orders-0", customersRange(0, 5), 0, 400);
  await addOrders(redis, "b:orders-1", customersRange(5, 10), 0, 400);
  const result = await runJob(JOB, { args: [JSON.stringify(spec({ streams: ["b:orders-0", "b:orders-1"], output: "b:totals", transactionKeyPrefix: "b" }))] });
  assert.equal(result.state, "FINISHED", result.failure?.message);
  assert.equal(result.restarts, 0);
  assert.deepEqual(await outputLines(redis, "b:totals"), referenceLines(customersRange(0, 10), 400));
  const leftovers = (await redis.keys("b:*")).filter((k) => !k.startsWith("b:orders") && k !== "b:totals");
  assert.deepEqual(leftovers, [], "no staging key left");
});

test("a stream created while the job runs is discovered and read, and survives a savepoint resumed at another parallelism", { timeout: 120_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "sluice-redis-savepoints-"));
  const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 3 });
  const client = new MiniClusterClient(cluster);
  const job = spec({ pattern: "d:orders-*", output: "d:totals", bounded: false, transactionKeyPrefix: "d", discoveryIntervalMs: 200 });
  try {
    await addOrders(redis, "d:orders-0", customersRange(0, 5), 0, 200);
    let jobId = "";
    const first = runJob(JOB, { client, args: [JSON.stringify(job)], onSubmitted: (id) => (jobId = id) });
    await waitFor(async () => (await outputLines(redis, "d:totals")).length === 1000, "the first stream's totals", 60_000, 100);

    // Created while the job runs: the enumerator finds it and a reader reads it from its first entry.
    await addOrders(redis, "d:orders-1", customersRange(5, 10), 0, 200);
    await waitFor(async () => (await outputLines(redis, "d:totals")).length === 2000, "the new stream's totals", 60_000, 100);
    assert.deepEqual(await outputLines(redis, "d:totals"), referenceLines(customersRange(0, 10), 200));

    const savepoint = await client.stopWithSavepoint(jobId, dir);
    const stopped = await first;
    assert.equal(stopped.state, "FINISHED", stopped.failure?.message);
    assert.equal(stopped.restarts, 0);

    // While no job runs: more orders on both streams, and a third stream.
    await addOrders(redis, "d:orders-0", customersRange(0, 5), 200, 300);
    await addOrders(redis, "d:orders-1", customersRange(5, 10), 200, 300);
    await addOrders(redis, "d:orders-2", customersRange(10, 12), 0, 300);
    let resumedId = "";
    const resumed = runJob(JOB, { client, args: [JSON.stringify({ ...job, parallelism: 3 })], savepointPath: savepoint, onSubmitted: (id) => (resumedId = id) });
    const expected = referenceLines(customersRange(0, 12), 300);
    await waitFor(async () => (await outputLines(redis, "d:totals")).length >= expected.length, "the totals after the resume", 60_000, 100);
    await client.cancel(resumedId);
    const second = await resumed;
    assert.equal(second.restarts, 0, "no failure: the checker saw no order twice");
    // Exactly the reference: the resumed job read only what came after the savepoint, at parallelism 3.
    assert.deepEqual(await outputLines(redis, "d:totals"), expected);
  } finally {
    await cluster.close();
  }
});

test("consumer group: a job killed between reading and a checkpoint leaves its entries pending, and they are delivered again", { timeout: 90_000 }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "sluice-redis-group-"));
  const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 1 });
  const client = new MiniClusterClient(cluster);
  const GROUP_JOB = testJob("redis/redis-group-job.ts");
  const delivered = (file: string): number[] => (existsSync(file) ? readFileSync(file, "utf8").trim().split("\n").filter(Boolean).map(Number) : []);
  const pending = async (): Promise<number> => Number((await redis.xpending("g:orders", "billing"))[0]);
  try {
    const pipeline = redis.pipeline();
    for (let id = 0; id < 300; id++) pipeline.xadd("g:orders", "*", "data", JSON.stringify({ id }));
    await pipeline.exec();

    // No checkpoints: everything is read and delivered, nothing acknowledged.
    const first = join(dir, "first");
    let jobId = "";
    const run1 = runJob(GROUP_JOB, { client, args: [String(server.port), "g:orders", "billing", first, "0"], onSubmitted: (id) => (jobId = id) });
    await waitFor(() => delivered(first).length === 300, "the first run to deliver every entry", 30_000, 50);
    assert.equal(await pending(), 300, "read, delivered downstream, and still pending in the group");
    await client.cancel(jobId); // the kill: no checkpoint covered those entries
    await run1;
    assert.equal(await pending(), 300);

    // The next run (with checkpoints) gets them again, then acknowledges them once a checkpoint completes.
    const second = join(dir, "second");
    const run2 = runJob(GROUP_JOB, { client, args: [String(server.port), "g:orders", "billing", second, "200"], onSubmitted: (id) => (jobId = id) });
    await waitFor(() => delivered(second).length === 300, "the second run to get the pending entries again", 30_000, 50);
    assert.deepEqual(delivered(second).sort((a, b) => a - b), Array.from({ length: 300 }, (_, i) => i));
    await waitFor(async () => (await pending()) === 0, "the acknowledgements after a completed checkpoint", 30_000, 50);
    await client.cancel(jobId);
    await run2;
  } finally {
    await cluster.close();
  }
});
