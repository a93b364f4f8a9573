/**
 * Checkpoints and savepoints on s3:// (docs/checkpoints.md, "Storage on S3") on the MiniCluster,
 * against a real S3-protocol server: the sequence check stopped with a savepoint to s3:// and
 * resumed from it at another parallelism gives the reference; with the S3 server gone for a few
 * seconds under a running job, checkpoints fail (saying why), are taken again once it is back, and
 * the job ends with the reference result — nothing lost, nothing twice.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { runJob } from "../../src/client/job-runner.js";
import { MiniCluster } from "../../src/cluster/minicluster.js";
import { MiniClusterClient } from "../../src/client/cluster-client.js";
import { fileSystemFor } from "../../src/fs/file-systems.js";
import { testJob } from "../support/paths.js";
import { startS3Server, type S3Server } from "../support/s3.js";
import { waitFor } from "../support/wait.js";
import { finalsOf, referenceFinals } from "./sequence-support.js";

const JOB = testJob("sequence-check.ts");
let s3: S3Server;

before(async () => {
  s3 = await startS3Server({ buckets: ["state"] });
});

after(async () => {
  await s3?.stop();
});

function s3Config(extra: Record<string, string> = {}): Record<string, string> {
  return { ...s3.config, "execution.checkpointing.dir": "s3://state/checkpoints", "execution.checkpointing.savepoint-dir": "s3://state/savepoints", ...extra };
}

test("a savepoint to s3:// resumes at another parallelism with the reference result", { timeout: 120_000 }, async () => {
  const count = 12_000;
  const reference = referenceFinals(count);
  const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 3, config: s3Config() });
  const client = new MiniClusterClient(cluster);
  try {
    let jobId = "";
    const first = runJob(JOB, { client, args: [String(count), "0", "2", "6000", "2"], onSubmitted: (id) => (jobId = id) });
    await waitFor(() => jobId !== "" && cluster.dispatcher.requestJob(jobId).statusCounts.RUNNING === 5, "job running");
    await new Promise((r) => setTimeout(r, 600));
    const savepoint = await client.stopWithSavepoint(jobId, "s3://state/savepoints/manual");
    assert.match(savepoint, /^s3:\/\/state\/savepoints\/manual\/savepoint-/);
    const objects = (await fileSystemFor(savepoint).list(savepoint)).map((f) => f.uri);
    assert.ok(objects.includes(`${savepoint}/_metadata`), objects.join(", "));
    const stopped = await first;
    assert.equal(stopped.state, "FINISHED");
    const before = stopped.records!;
    assert.ok(before.length > 0 && before.length < count, `stopped after ${before.length} records`);

    const resumed = await runJob(JOB, { client, args: [String(count), "0", "3", "1000000", "2"], savepointPath: savepoint });
    assert.equal(resumed.state, "FINISHED", resumed.failure?.message);
    assert.deepEqual(finalsOf(before, resumed.records!), reference, "resumed at parallelism 3");
    assert.equal(before.length + resumed.records!.length, count, "no record twice, none lost");
  } finally {
    await cluster.close();
  }
});

test("with the S3 server gone for a few seconds, checkpoints fail and are taken again; the job loses nothing", { timeout: 120_000 }, async () => {
  const count = 40_000;
  const cluster = await MiniCluster.start({
    numTaskManagers: 1,
    slotsPerTaskManager: 2,
    config: s3Config({ "execution.checkpointing.tolerable-failed-checkpoints": "1000", "execution.checkpointing.timeout": "10 s", "s3.max-retries": "1" }),
  });
  const client = new MiniClusterClient(cluster);
  try {
    let jobId = "";
    const run = runJob(JOB, { client, args: [String(count), "0", "2", "2500", "2", "200"], onSubmitted: (id) => (jobId = id) });
    const stats = (): ReturnType<typeof cluster.dispatcher.requestCheckpointStats> => cluster.dispatcher.requestCheckpointStats(jobId);
    await waitFor(() => jobId !== "" && stats().counts.completed >= 2, "two checkpoints on S3", 30_000);

    await s3.kill();
    await waitFor(() => stats().counts.failed >= 2, "checkpoints to fail while S3 is gone", 30_000);
    const failure = stats().latest.failed?.failure_message ?? "";
    assert.match(failure, /cannot reach S3 at http:\/\/127\.0\.0\.1:\d+ \(s3\.endpoint\)/, failure);
    await new Promise((r) => setTimeout(r, 2000));
    await s3.restart();
    const completedBefore = stats().counts.completed;
    await waitFor(() => stats().counts.completed > completedBefore, "a checkpoint once S3 is back", 30_000);

    const result = await run;
    assert.equal(result.state, "FINISHED", result.failure?.message);
    assert.equal(result.restarts, 0, "failed checkpoints within the tolerance do not restart the job");
    assert.deepEqual(finalsOf(result.records!), referenceFinals(count));
    assert.equal(result.records!.length, count, "every record once");
  } finally {
    await cluster.close();
  }
});
