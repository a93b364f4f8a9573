/**
 * A Redis source whose server is down at start (docs/connectors.md, "Server down at start"): while the
 * connector retries, REST shows the source's subtasks INITIALIZING (vertex status and task counts of
 * /jobs/:id) and every failed attempt as a non-fatal entry of /jobs/:id/exceptions; once the server is
 * up the subtasks run and the job finishes with the reference output.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { runJob } from "../../../src/client/job-runner.js";
import { MiniClusterClient } from "../../../src/client/cluster-client.js";
import { referenceLines, type RedisJobSpec } from "../../jobs/redis/redis-job-spec.js";
import { testJob } from "../../support/paths.js";
import { startRedis } from "../../support/redis.js";
import { startRestCluster } from "../../rest/support.js";
import { waitForInitializing, waitForRetries } from "../startup-status-support.js";
import { addOrders, customersRange, outputLines } from "./redis-jobs-support.js";

const JOB = testJob("redis/redis-orders-job.ts");

/**
 * Runs the orders job with the server of `role` down at start (the other one up), checks REST while
 * that connector retries, then starts the server and checks the job's result.
 */
async function downAtStart(role: "source" | "sink"): Promise<void> {
  const source = await startRedis();
  const sink = role === "sink" ? await startRedis() : source;
  const down = role === "source" ? source : sink;
  const seed = source.client();
  await addOrders(seed, "s:orders", customersRange(0, 3), 0, 100);
  seed.disconnect();
  await down.kill();
  const rc = await startRestCluster({ taskManagers: 1, slots: 4 });
  try {
    const spec: RedisJobSpec = {
      port: source.port,
      sinkPort: sink.port,
      streams: ["s:orders"],
      output: "s:totals",
      parallelism: 2,
      checkpointIntervalMs: 200,
      bounded: true,
      throttleMicros: 0,
      transactionKeyPrefix: "s",
      restartAttempts: 0,
      retryTimeoutMs: 60_000,
    };
    let jobId = "";
    const run = runJob(JOB, { client: new MiniClusterClient(rc.cluster), args: [JSON.stringify(spec)], onSubmitted: (id) => (jobId = id) });
    const vertexName = role === "source" ? /Orders/ : /Sink|sink/;

    const vertex = await waitForInitializing(rc.url, () => jobId, vertexName, 2, role);
    assert.equal(vertex.tasks.RUNNING, 0, `no ${role} subtask runs while its server is down`);

    const retries = await waitForRetries(rc.url, jobId, `redis-stream ${role} `);
    for (const r of retries) {
      assert.equal(r.exceptionName, "RedisUnavailableError");
      assert.match(r.message, new RegExp(`redis-stream ${role} \\S+@127\\.0\\.0\\.1:${down.port}.*cannot reach Redis at 127\\.0\\.0\\.1:${down.port} .*attempt \\d+, retrying in \\d+ ms`));
      assert.match(r.taskName ?? "", vertexName);
    }

    await down.restart();
    const result = await run;
    assert.equal(result.state, "FINISHED", result.failure?.message);
    assert.equal(result.restarts, 0, "retries are not failures");
    const after = sink.client();
    try {
      assert.deepEqual(await outputLines(after, "s:totals"), referenceLines(customersRange(0, 3), 100));
    } finally {
      after.disconnect();
    }
  } finally {
    await rc.close();
    await source.stop();
    if (sink !== source) await sink.stop();
  }
}

test("a source whose server is down at start is INITIALIZING with each retry in the exception history, and completes once the server is up", { timeout: 90_000 }, () => downAtStart("source"));

test("a sink whose server is down at start is INITIALIZING with each retry in the exception history, and completes once the server is up", { timeout: 90_000 }, () => downAtStart("sink"));
