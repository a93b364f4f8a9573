/**
 * Storage on s3:// for a cluster of real processes (docs/checkpoints.md, "Storage on S3"): two
 * JobManagers with HA on ZooKeeper whose storage directory is on S3, checkpoints on S3, TaskManagers
 * on separate processes, against a real S3-protocol server. The checkpointed sequence check
 * (exactly-once, keyed state) runs through a SIGKILL of a TaskManager and then of the leading
 * JobManager, and ends with every key's final sum equal to the reference and no gap or duplicate;
 * its checkpoints and HA files are objects in the bucket, and the finished job's are deleted.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { configureFileSystems, fileSystemFor } from "../../src/fs/file-systems.js";
import { finalsOf, referenceFinals } from "../checkpointing/sequence-support.js";
import { testJob } from "../support/paths.js";
import { startS3Server, type S3Server } from "../support/s3.js";
import { waitFor } from "../support/wait.js";
import { HaCluster } from "./support/ha-cluster.js";

const SEQUENCE_JOB = testJob("sequence-check.ts");
let s3: S3Server;
let cluster: HaCluster;

before(async () => {
  s3 = await startS3Server({ buckets: ["cluster"] });
  // The test's own ZooKeeper observer reads the HA storage too.
  configureFileSystems(s3.config);
  cluster = await HaCluster.start({
    ...s3.config,
    "high-availability.storageDir": "s3://cluster/ha",
    "execution.checkpointing.dir": "s3://cluster/checkpoints",
  });
  await cluster.startJobManager();
  await cluster.leader();
  await cluster.startJobManager();
  await Promise.all([cluster.startTaskManager(), cluster.startTaskManager()]);
});

after(async () => {
  await cluster?.close();
  await s3?.stop();
});

async function objects(prefix: string): Promise<string[]> {
  return (await fileSystemFor(prefix).list(prefix)).map((f) => f.uri);
}

async function completedCheckpoints(jobId: string): Promise<number> {
  return (await cluster.jobStatus(jobId))?.completedCheckpoints ?? 0;
}

test("a keyed job with checkpoints and HA storage on s3:// survives a TaskManager and a JobManager SIGKILL, exactly once", { timeout: 150_000 }, async () => {
  const count = 50_000;
  const jobId = await cluster.submit(SEQUENCE_JOB, [String(count), "0", "2", "2000", "2", "200"]);
  await cluster.waitUntilRunningWithCheckpoint(jobId);
  const checkpointObjects = await objects(`s3://cluster/checkpoints/${jobId}`);
  assert.ok(checkpointObjects.some((o) => /\/chk-\d+\/_metadata$/.test(o)), `checkpoint metadata on S3: ${checkpointObjects.join(", ")}`);
  assert.ok(checkpointObjects.some((o) => /\/chk-\d+\/[^/]+\.state$/.test(o)), "task state files on S3");
  const haFiles = await objects(`s3://cluster/ha/${cluster.config["high-availability.cluster-id"]}/jobs/${jobId}`);
  assert.ok(haFiles.some((o) => /jobgraph-/.test(o)), `the job graph (with its bundle) on S3: ${haFiles.join(", ")}`);

  // A TaskManager dies: the job restarts from its newest checkpoint on S3 on a replacement.
  const [victim] = cluster.taskManagers;
  victim!.signal("SIGKILL");
  await victim!.exited;
  await cluster.startTaskManager();
  await (await cluster.leader()).waitForOutput(new RegExp(`TaskManager ${victim!.id} lost`), "the JobManager to notice the TaskManager's death", 30_000);
  const before = await completedCheckpoints(jobId);
  await waitFor(async () => (await completedCheckpoints(jobId)) > before, "a checkpoint after the TaskManager's death", 60_000, 100);
  await cluster.waitUntilRunningWithCheckpoint(jobId);

  // The leading JobManager dies: the standby recovers the job from the HA data and checkpoints on S3.
  const leader = await cluster.leader();
  leader.signal("SIGKILL");
  await leader.exited;
  const next = await cluster.leader(30_000, leader);
  await next.waitForOutput(new RegExp(`recovered job .*\\(${jobId}\\)`), "the standby to recover the job", 30_000);

  const result = await cluster.result(jobId, 90_000);
  assert.equal(result.state, "FINISHED", result.failure?.message);
  const records = Object.values(result.collected)[0] ?? [];
  assert.deepEqual(finalsOf(records), referenceFinals(count), "the final sum of every key matches the reference");
  assert.doesNotMatch(cluster.processLogs(), /gap or duplicate/);
  await waitFor(async () => (await objects(`s3://cluster/ha/${cluster.config["high-availability.cluster-id"]}/jobs/${jobId}`)).length === 0, "the finished job's HA files on S3 to be deleted", 20_000, 200);
  await waitFor(async () => (await objects(`s3://cluster/checkpoints/${jobId}`)).length === 0, "the finished job's checkpoints on S3 to be deleted", 20_000, 200);
});
