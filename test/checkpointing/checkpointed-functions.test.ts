/**
 * User functions in checkpoints on the MiniCluster (docs/architecture.md, "User functions in
 * checkpoints"): a sink made exactly-once only by CheckpointedFunction + CheckpointListener
 * (test/jobs/checkpointed-sink.ts) commits every record exactly once under repeated failures, and
 * when stopped with a savepoint and resumed at another parallelism (its pending batches in list
 * state are redistributed and committed by whichever subtask gets them).
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runJob } from "../../src/client/job-runner.js";
import { MiniCluster } from "../../src/cluster/minicluster.js";
import { MiniClusterClient } from "../../src/client/cluster-client.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { committedRecords, referenceRecords } from "./checkpointed-sink-support.js";

const JOB = testJob("checkpointed-sink.ts");

test("a CheckpointedFunction + CheckpointListener sink commits every record exactly once under repeated failures", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sluice-checkpointed-sink-"));
  try {
    const count = 12_000;
    const result = await runJob(JOB, { args: [String(count), "3", "2", "12000", "50", dir] });
    assert.equal(result.state, "FINISHED", result.failure?.message);
    assert.equal(result.restarts, 3);
    assert.ok(result.checkpoints.restored >= 1, `restored from checkpoints ${result.checkpoints.restored} times`);
    assert.deepEqual(committedRecords(dir), referenceRecords(count));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

test("stopped with a savepoint at parallelism 2 and resumed at 3 and at 1, the sink's pending batches are committed once", async () => {
  const root = mkdtempSync(join(tmpdir(), "sluice-checkpointed-sink-rescale-"));
  const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 3 });
  const client = new MiniClusterClient(cluster);
  try {
    const count = 8_000;
    const first = join(root, "first");
    let jobId = "";
    // Checkpoints every 40 ms so that batches are pending in state when the savepoint is taken.
    const running = runJob(JOB, { client, args: [String(count), "0", "2", "4000", "40", first], onSubmitted: (id) => (jobId = id) });
    await waitFor(() => jobId !== "" && cluster.dispatcher.requestJob(jobId).statusCounts.RUNNING === 2, "job running");
    await new Promise((r) => setTimeout(r, 500));
    const savepoint = await client.stopWithSavepoint(jobId, join(root, "savepoints"));
    const stopped = await running;
    assert.equal(stopped.state, "FINISHED", stopped.failure?.message);
    const before = committedRecords(first);
    assert.ok(before.length < count, `stopped after ${before.length} committed records`);
    for (const parallelism of [3, 1]) {
      const resumedDir = join(root, `resumed-${parallelism}`);
      const resumed = await runJob(JOB, { client, args: [String(count), "0", String(parallelism), "1000000", "40", resumedDir], savepointPath: savepoint });
      assert.equal(resumed.state, "FINISHED", resumed.failure?.message);
      // Batches the first job had pending in the savepoint were committed by the resumed job.
      assert.ok(readdirSync(resumedDir).some((f) => f.startsWith(`${jobId}-cp-`)), "a restored pending batch was committed");
      assert.deepEqual(committedRecords(first, resumedDir), referenceRecords(count), `resumed at parallelism ${parallelism}`);
    }
  } finally {
    await cluster.close();
    rmSync(root, { recursive: true, force: true });
  }
});
