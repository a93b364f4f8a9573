/**
 * A split enumerator's state survives a JobManager failover on real processes (docs/architecture.md,
 * "Sources and split enumerators"): a FileSource job discovering files in a directory runs on a
 * JobManager with a standby and a TaskManager; the leader is SIGKILLed; the new leader restores the
 * enumerator from the checkpoint in the HA store, and the job reads the files written after the
 * failover and none of the earlier ones again (its keyed checker would throw on a line seen twice).
 * Then the TaskManager is SIGKILLed and replaced: the job restarts from its checkpoint, readers and
 * enumerator together, and goes on the same way.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { join } from "node:path";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { HaCluster } from "./support/ha-cluster.js";
import { progressReached, referenceTotals, tempDir, writeFiles } from "../sources/file-source-support.js";

const JOB = testJob("file-sequence.ts");
let cluster: HaCluster;

before(async () => {
  cluster = await HaCluster.startWithStandby({}, [2]);
});

after(async () => {
  await cluster?.close();
});

test("after the leading JobManager, then the TaskManager, are SIGKILLed, the enumerator resumes from the checkpoint: new files are read, old ones not again", { timeout: 110_000 }, async () => {
  const dir = tempDir("sluice-ha-files-");
  const progress = join(tempDir("sluice-ha-progress-"), "progress");
  writeFiles(dir, 0, 5);
  const jobId = await cluster.submit(JOB, [dir, "50", "2", "100", "0", "0", "2000", progress]);
  await waitFor(() => progressReached(progress, referenceTotals(5)), "the first files read", 60_000);
  await cluster.waitUntilRunningWithCheckpoint(jobId);
  // A checkpoint after every file was assigned, so that the one restored has them in its state.
  const before = (await cluster.jobStatus(jobId))!.completedCheckpoints;
  await waitFor(async () => ((await cluster.jobStatus(jobId))?.completedCheckpoints ?? 0) >= before + 2, "two more checkpoints", 30_000);

  const leader = await cluster.leader();
  leader.signal("SIGKILL");
  await leader.exited;
  const next = await cluster.leader(30_000, leader);
  await next.waitForOutput(new RegExp(`recovered job .*\\(${jobId}\\)`), "the new leader to recover the job", 30_000);
  await cluster.waitUntilRunningWithCheckpoint(jobId);

  writeFiles(dir, 5, 10);
  await waitFor(() => progressReached(progress, referenceTotals(10)), "the files written after the failover read", 60_000);

  // Readers lost with their TaskManager: the whole job restarts from its last checkpoint, enumerator included.
  const tm = cluster.taskManagers[0]!;
  tm.signal("SIGKILL");
  await tm.exited;
  await cluster.startTaskManager(2);
  writeFiles(dir, 10, 15);
  await waitFor(() => progressReached(progress, referenceTotals(15)), "the files written after the TaskManager was killed read", 60_000);
  const status = await cluster.jobStatus(jobId);
  assert.equal(status?.state, "RUNNING");
  assert.doesNotMatch(cluster.processLogs(), /seen twice/, "no line was read twice");
  assert.doesNotMatch(cluster.processLogs(), /SplitEnumeratorError|CoordinatorWorkerError/);
});
