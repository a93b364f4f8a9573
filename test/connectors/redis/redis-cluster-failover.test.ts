/**
 * The Redis Streams connectors' end-to-end exactly-once test on real processes (docs/connectors.md,
 * "Redis Streams"): a JobManager and two TaskManager processes run a keyed, stateful job that reads
 * orders from Redis and writes totals through the exactly-once sink to the same Redis, checkpointing
 * every 200 ms (unbounded; the test cancels it once the output is complete), while a TaskManager is SIGKILLed twice and redis-server is SIGKILLed and restarted once
 * (AOF). The output stream must hold exactly the reference: no record missing, none twice.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { after, test } from "node:test";
import type { Redis } from "ioredis";
import { runJob, type RunResult } from "../../../src/client/job-runner.js";
import { RestClusterClient } from "../../../src/client/rest-cluster-client.js";
import { referenceLines, type RedisJobSpec } from "../../jobs/redis/redis-job-spec.js";
import { getJson, killAll, startJobManager, startTaskManager, type JobManagerProcess, type TaskManagerProcess } from "../../cluster/support/processes.js";
import { testJob } from "../../support/paths.js";
import { startRedis, type RedisServer } from "../../support/redis.js";
import { waitFor } from "../../support/wait.js";
import { addOrders, customersRange, outputLines } from "./redis-jobs-support.js";

const JOB = testJob("redis/redis-orders-job.ts");
const dir = mkdtempSync(join(tmpdir(), "sluice-redis-cluster-"));
let server: RedisServer | undefined;
let redis: Redis | undefined;

after(async () => {
  redis?.disconnect();
  await killAll();
  await server?.stop();
  rmSync(dir, { recursive: true, force: true });
});

test("TaskManagers SIGKILLed twice and redis-server restarted once: the output stream holds exactly the reference", { timeout: 150_000 }, async () => {
  server = await startRedis();
  redis = server.client();
  const perCustomer = 1500;
  const customers = customersRange(0, 10);
  await addOrders(redis, "orders-0", customersRange(0, 5), 0, perCustomer);
  await addOrders(redis, "orders-1", customersRange(5, 10), 0, perCustomer);
  const expected = referenceLines(customers, perCustomer);

  const jm: JobManagerProcess = await startJobManager({ "execution.checkpointing.dir": join(dir, "checkpoints") });
  const client = new RestClusterClient({ baseUrl: jm.restUrl, maxPollIntervalMs: 100 });
  // One slot each: the job (parallelism 2) runs on both, so each kill hits it.
  const tms: TaskManagerProcess[] = await Promise.all([startTaskManager(jm.rpcHostPort, { slots: 1 }), startTaskManager(jm.rpcHostPort, { slots: 1 })]);

  const spec: RedisJobSpec = {
    port: server.port,
    streams: ["orders-0", "orders-1"],
    output: "totals",
    parallelism: 2,
    checkpointIntervalMs: 200,
    // Unbounded: the test ends the job once the output is complete, so no failure can come too late.
    bounded: false,
    // At most ~1400 records/s per subtask: the run takes long enough for three failures.
    throttleMicros: 700,
    transactionKeyPrefix: "sluice:failover",
    restartAttempts: 20,
  };
  let submitted!: (id: string) => void;
  const jobIdPromise = new Promise<string>((resolve) => (submitted = resolve));
  const result: Promise<RunResult> = runJob(JOB, { client, args: [JSON.stringify(spec)], onSubmitted: (id) => submitted(id) });
  const jobId = await jobIdPromise;

  const committed = async (): Promise<number> => (await redis!.xlen("totals"));
  const checkpoints = async (): Promise<number> => (await getJson<{ counts: { completed: number } }>(jm.restUrl, `/jobs/${jobId}/checkpoints`)).counts.completed;
  const runningWithNewCheckpoint = async (after: number): Promise<void> => {
    await waitFor(async () => {
      const d = await client.details(jobId);
      return d.state === "RUNNING" && d.statusCounts.RUNNING === 4 && (await checkpoints()) > after;
    }, "the job running again with a new checkpoint", 60_000, 50).catch(async (e: Error) => {
      throw new Error(`${e.message}: ${JSON.stringify(await client.details(jobId))}\n${logs()}`);
    });
  };
  const logs = (): string => [`--- JobManager:\n${jm.stderr().slice(-5000)}`, ...tms.map((tm) => `--- TaskManager ${tm.id}:\n${tm.stderr().slice(-4000)}`)].join("\n");
  const progress = async (fraction: number): Promise<void> => {
    await waitFor(async () => (await committed()) >= expected.length * fraction, `${fraction * 100} % of the output committed`, 60_000, 50);
  };

  // 1. A TaskManager dies; a new one takes its place.
  await runningWithNewCheckpoint(0);
  await progress(0.1);
  tms.shift()!.signal("SIGKILL");
  tms.push(await startTaskManager(jm.rpcHostPort, { slots: 1 }));
  await runningWithNewCheckpoint(await checkpoints());

  // 2. redis-server dies (SIGKILL) and comes back a second later from its AOF.
  await progress(0.35);
  redis.disconnect();
  await server.kill();
  await new Promise((r) => setTimeout(r, 1_000));
  await server.restart();
  redis = server.client();
  await runningWithNewCheckpoint(await checkpoints());

  // 3. The other original TaskManager dies.
  await progress(0.6);
  tms.shift()!.signal("SIGKILL");
  tms.push(await startTaskManager(jm.rpcHostPort, { slots: 1 }));

  await runningWithNewCheckpoint(await checkpoints());
  await progress(1);
  // Two more checkpoints: a duplicate committed late would show up now.
  const settled = await checkpoints();
  await waitFor(async () => (await checkpoints()) >= settled + 2, "two more checkpoints", 30_000, 50);
  await client.cancel(jobId);
  const run = await result;
  assert.equal(run.state, "CANCELED", run.failure?.message);
  assert.ok(run.restarts >= 3, `restarts: ${run.restarts}`);
  assert.ok(run.checkpoints.restored >= 3, `restored from checkpoints ${run.checkpoints.restored} times`);
  const lines = await outputLines(redis, "totals");
  assert.equal(lines.length, expected.length, "as many totals as orders");
  assert.deepEqual(lines, expected, "exactly the reference: none missing, none twice");
  // The Redis restart failed the job through the connectors, with errors that name them.
  // Every entry: the two TaskManager kills alone can fill the default 20 (one per failed task).
  const exceptions = JSON.stringify(await getJson(jm.restUrl, `/jobs/${jobId}/exceptions?maxExceptions=1000`));
  assert.match(exceptions, /redis-stream (source|sink) \S+@127\.0\.0\.1:\d+: lost the connection to Redis/);
  assert.deepEqual((await redis.keys("sluice:failover:*")).filter((k) => k !== "sluice:failover:index"), [], "no staged transaction left");
});
