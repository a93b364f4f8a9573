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
import { waitFor } from "../../support/wait.js";
import { call, startRestCluster } from "../../rest/support.js";
import { addOrders, customersRange, outputLines } from "./redis-jobs-support.js";

const JOB = testJob("redis/redis-orders-job.ts");

interface VertexJson {
  name: string;
  status: string;
  parallelism: number;
  tasks: Record<string, number>;
}

interface ExceptionEntry {
  exceptionName: string;
  message: string;
  taskName: string | null;
  failureLabels: Record<string, string>;
}

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

    let vertex: VertexJson | undefined;
    await waitFor(
      async () => {
        if (!jobId) return false;
        const job = (await call(rc.url, "GET", `/jobs/${jobId}`)).json as { vertices?: VertexJson[] } | undefined;
        vertex = job?.vertices?.find((v) => vertexName.test(v.name));
        return vertex?.status === "INITIALIZING" && vertex.tasks.INITIALIZING === 2;
      },
      `the ${role}'s subtasks INITIALIZING`,
      30_000,
      100,
    );
    assert.equal(vertex!.tasks.RUNNING, 0, `no ${role} subtask runs while its server is down`);

    let retries: ExceptionEntry[] = [];
    await waitFor(
      async () => {
        const answer = (await call(rc.url, "GET", `/jobs/${jobId}/exceptions`)).json as { exceptionHistory: { entries: ExceptionEntry[] } };
        // With the source's server down the sink (same server) retries too: only this connector's entries.
        retries = answer.exceptionHistory.entries.filter((e) => e.failureLabels["sluice.non-fatal"] === "true" && e.message.startsWith(`redis-stream ${role} `));
        return retries.length >= 2;
      },
      "two retried attempts in the exception history",
      30_000,
      100,
    );
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
