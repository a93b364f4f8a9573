/**
 * The HA data lifecycle on real processes (docs/architecture.md, "High availability"): while a job runs, its
 * JobGraph (with the bundle) and its checkpoints are in ZooKeeper and the storage directory; once
 * it is FINISHED, CANCELED or FAILED for good, no node of the job is left in ZooKeeper and no file
 * in the storage directory. And without HA (`none`) the same cluster processes still run jobs.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { finalsOf, referenceFinals } from "../checkpointing/sequence-support.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { HaCluster } from "./support/ha-cluster.js";
import { sluice, startJobManager, startTaskManager } from "../cluster/support/processes.js";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { runJob } from "../../src/client/job-runner.js";

let cluster: HaCluster;

before(async () => {
  cluster = await HaCluster.start();
  await cluster.startJobManager();
  await cluster.leader();
  await cluster.startTaskManager(2);
});

after(async () => {
  await cluster?.close();
});

async function assertHaDataDeleted(jobId: string): Promise<void> {
  let last: { nodes: string[]; files: string[] } = { nodes: [], files: [] };
  try {
    await waitFor(async () => {
      last = await cluster.haDataOf(jobId);
      return last.nodes.length === 0 && last.files.length === 0;
    }, `the HA data of job ${jobId} to be deleted`, 15_000);
  } catch (e) {
    throw new Error(`${(e as Error).message}; left: ${JSON.stringify(last)}`);
  }
}

test("a finished job: HA data kept while it runs, all of it deleted once it is FINISHED", { timeout: 150_000 }, async () => {
  const count = 10_000;
  const jobId = await cluster.submit(testJob("sequence-check.ts"), [String(count), "0", "2", "4000", "2", "100"]);
  await cluster.waitUntilRunningWithCheckpoint(jobId);
  const running = await cluster.haDataOf(jobId);
  const { layout } = cluster.observer;
  assert.ok(running.nodes.includes(layout.jobGraphPath(jobId)), `the JobGraph pointer is in ZooKeeper: ${running.nodes.join(", ")}`);
  assert.ok(running.nodes.some((n) => n.startsWith(`${layout.checkpointsPath(jobId)}/`)), "a checkpoint pointer is in ZooKeeper");
  assert.ok(running.nodes.includes(layout.checkpointIdCounterPath(jobId)), "the checkpoint id counter is in ZooKeeper");
  assert.ok(running.files.some((f) => /jobgraph-/.test(f)), "the JobGraph and bundle are in the storage directory");

  const result = await cluster.result(jobId);
  assert.equal(result.state, "FINISHED", result.failure?.message);
  assert.deepEqual(finalsOf(Object.values(result.collected)[0] ?? []), referenceFinals(count));
  await assertHaDataDeleted(jobId);
});

test("a cancelled job leaves no HA data", { timeout: 150_000 }, async () => {
  const jobId = await cluster.submit(testJob("unbounded.ts"), []);
  await waitFor(async () => ((await cluster.jobStatus(jobId))?.running ?? 0) > 0, "all the job's tasks running", 30_000);
  assert.ok((await cluster.haDataOf(jobId)).nodes.length > 0, "the running job has HA data");
  const leader = await cluster.leader();
  await new RestClusterClient({ baseUrl: leader.restUrl }).cancel(jobId);
  const result = await cluster.result(jobId);
  assert.equal(result.state, "CANCELED");
  await assertHaDataDeleted(jobId);
});

test("a job that fails for good leaves no HA data", { timeout: 150_000 }, async () => {
  const jobId = await cluster.submit(testJob("throwing.ts"), ["500"]);
  const result = await cluster.result(jobId);
  assert.equal(result.state, "FAILED");
  assert.match(result.failure?.message ?? "", /reading 500 is invalid/);
  await assertHaDataDeleted(jobId);
});

test("the CLI finds the leading JobManager through ZooKeeper", { timeout: 30_000 }, async () => {
  const jobId = await cluster.submit(testJob("unbounded.ts"), []);
  const list = sluice(["list", "--json", ...Object.entries(cluster.config).flatMap(([k, v]) => ["-D", `${k}=${v}`])]);
  assert.equal(await list.exited, 0, list.stderr());
  const jobs = JSON.parse(list.stdout()) as { jid: string }[];
  assert.ok(jobs.some((j) => j.jid === jobId), list.stdout());
  const cancel = sluice(["cancel", jobId, ...Object.entries(cluster.config).flatMap(([k, v]) => ["-D", `${k}=${v}`])]);
  assert.equal(await cancel.exited, 0, cancel.stderr());
  await assertHaDataDeleted(jobId);
});

test("without HA (high-availability.type: none) a JobManager and a TaskManager still run jobs", { timeout: 150_000 }, async () => {
  const jm = await startJobManager({ "high-availability.type": "none", "execution.checkpointing.dir": `${cluster.dir}/checkpoints-none` });
  await startTaskManager(jm.rpcHostPort, { slots: 2 });
  assert.match(jm.stderr(), /high availability: none/);
  const count = 5000;
  const result = await runJob(testJob("sequence-check.ts"), {
    client: new RestClusterClient({ baseUrl: jm.restUrl, maxPollIntervalMs: 100 }),
    args: [String(count), "1", "2", "20000", "2", "50"],
  });
  assert.equal(result.state, "FINISHED", result.failure?.message);
  assert.equal(result.restarts, 1);
  assert.deepEqual(finalsOf(result.records!), referenceFinals(count));
  jm.signal("SIGKILL");
});
