/**
 * The state changelog and unaligned checkpoints together (docs/checkpoints.md, "Incremental
 * checkpoints" and "Unaligned checkpoints"), on real processes and a real ZooKeeper: the sequence
 * check under full backpressure (test/jobs/backpressured-sequence.ts), so every checkpoint holds
 * in-flight data beside its changelog handle. A TaskManager is SIGKILLed and the job recovers on a
 * new one; then the leading JobManager is SIGKILLed and the next leader recovers it. Each restore
 * is from a checkpoint with both changelog files and in-flight data, and the job ends exactly once.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { CheckpointMetadata } from "../../src/runtime/checkpoint/checkpoint-metadata.js";
import { CHANGELOG_CONFIG } from "../checkpointing/changelog-support.js";
import { finalsOf, referenceFinals } from "../checkpointing/sequence-support.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { HaCluster } from "./support/ha-cluster.js";

let cluster: HaCluster;

before(async () => {
  cluster = await HaCluster.start({ ...CHANGELOG_CONFIG, "execution.checkpointing.unaligned.enabled": "true", "execution.checkpointing.num-retained": "2" });
  await cluster.startJobManager();
  await cluster.leader();
  await cluster.startJobManager();
  await Promise.all([cluster.startTaskManager(2), cluster.startTaskManager(2)]);
});

after(async () => {
  await cluster?.close();
});

interface Completed {
  id: number;
  checkpoint_type: string;
  persisted_data: number;
  external_path?: string;
}

interface CheckpointsJson {
  counts: { restored: number };
  latest: { completed: Completed | null; restored: { id: number; external_path: string } | null };
}

function checkpointsOf(jobId: string): Promise<CheckpointsJson | undefined> {
  return cluster.checkpointsOf<CheckpointsJson>(jobId);
}

function metadataOf(path: string): CheckpointMetadata {
  return JSON.parse(readFileSync(join(path, "_metadata"), "utf8")) as CheckpointMetadata;
}

/** In-flight bytes and changelog files of a checkpoint folder's `_metadata`. */
function contentsOf(path: string): { inFlight: number; sharedFiles: number } {
  const metadata = metadataOf(path);
  const inFlight = Object.values(metadata.operators).flatMap((o) => o.subtasks).reduce((n, s) => n + (s.persistedDataBytes ?? 0), 0);
  return { inFlight, sharedFiles: metadata.sharedFiles?.length ?? 0 };
}

/** Waits for a completed unaligned checkpoint with in-flight data whose `_metadata` refers to changelog files. */
async function waitForBoth(jobId: string, what: string): Promise<void> {
  await waitFor(async () => {
    const c = (await checkpointsOf(jobId))?.latest.completed;
    if (!c || c.checkpoint_type !== "UNALIGNED_CHECKPOINT" || !(c.persisted_data > 0) || !c.external_path) return false;
    try {
      return contentsOf(c.external_path).sharedFiles > 0;
    } catch {
      return false; // subsumed meanwhile
    }
  }, what, 90_000, 50);
}

/** Waits until the job has restored `restores` times and checks what it restored from. */
async function assertRestoredFromBoth(jobId: string, restores: number): Promise<void> {
  let restored: CheckpointsJson["latest"]["restored"] = null;
  await waitFor(async () => {
    const c = await checkpointsOf(jobId);
    restored = c && c.counts.restored >= restores ? c.latest.restored : null;
    return restored !== null;
  }, `restore ${restores}`, 60_000, 50);
  const { inFlight, sharedFiles } = contentsOf(restored!.external_path);
  assert.ok(inFlight > 0 && sharedFiles > 0, `checkpoint ${restored!.id}: ${inFlight} bytes in flight, ${sharedFiles} changelog files`);
}

test("changelog and unaligned checkpoints: a TaskManager SIGKILL and a JobManager SIGKILL, each restored from in-flight data and changelog files, exactly once", { timeout: 400_000 }, async () => {
  const count = 100_000;
  const jobId = await cluster.submit(testJob("backpressured-sequence.ts"), [String(count), "2", "0.3", "", "200", "200"]);

  await waitForBoth(jobId, "a checkpoint with in-flight data and changelog files before the TaskManager kill");
  const victim = cluster.taskManagers[0]!;
  victim.signal("SIGKILL");
  await victim.exited;
  await cluster.startTaskManager(2);
  await assertRestoredFromBoth(jobId, 1);

  // The new leader counts restores afresh: its first is the one after the failover.
  await waitForBoth(jobId, "a checkpoint with in-flight data and changelog files before the JobManager kill");
  await cluster.killLeaderAndAwaitRecovery(jobId, "the next leader to recover the job");
  await assertRestoredFromBoth(jobId, 1);

  const result = await cluster.result(jobId, 200_000);
  assert.equal(result.state, "FINISHED", result.failure?.message);
  const records = Object.values(result.collected)[0] ?? [];
  assert.deepEqual(finalsOf(records), referenceFinals(count), "the final sum of every key matches the reference");
  assert.doesNotMatch(cluster.jobManagerLogs(), /gap or duplicate/);
});
