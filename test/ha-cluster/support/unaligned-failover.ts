/**
 * The body of the JobManager failover tests with unaligned checkpoints (unaligned-failover.test.ts,
 * and with the state changelog changelog-unaligned-failover.test.ts): the backpressured sequence
 * check through two SIGKILLs of the leading JobManager, each after an unaligned checkpoint with
 * in-flight data completed; each new leader restores the newest checkpoint from ZooKeeper, whose
 * `_metadata` lists in-flight data (and whatever else `restoredOk` checks); the job ends exactly once.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { CheckpointMetadata } from "../../../src/runtime/checkpoint/checkpoint-metadata.js";
import { finalsOf, referenceFinals } from "../../checkpointing/sequence-support.js";
import { testJob } from "../../support/paths.js";
import { waitFor } from "../../support/wait.js";
import { HaCluster } from "./ha-cluster.js";

interface CheckpointsJson {
  latest: { completed: { id: number; checkpoint_type: string; persisted_data: number; external_path: string } | null; restored: { id: number; external_path: string } | null };
}

async function checkpointsOf(cluster: HaCluster, jobId: string): Promise<CheckpointsJson | undefined> {
  const url = cluster.restLeader.leader?.address;
  if (!url) return undefined;
  try {
    const res = await fetch(new URL(`/jobs/${jobId}/checkpoints`, url), { signal: AbortSignal.timeout(3000) });
    return res.ok ? ((await res.json()) as CheckpointsJson) : undefined;
  } catch {
    return undefined;
  }
}

/** The cluster these tests run on: unaligned checkpoints on (with `extraConfig`), a leader and a standby, two TaskManagers of 2 slots. */
export async function startUnalignedHaCluster(extraConfig: Record<string, string> = {}): Promise<HaCluster> {
  const cluster = await HaCluster.start({ ...extraConfig, "execution.checkpointing.unaligned.enabled": "true" });
  await cluster.startJobManager();
  await cluster.leader();
  await cluster.startJobManager();
  await Promise.all([cluster.startTaskManager(2), cluster.startTaskManager(2)]);
  return cluster;
}

/** A checkpoint's `_metadata` (the path is the file or its folder); without operators while it cannot be read. */
function readMetadata(path: string): CheckpointMetadata {
  try {
    return JSON.parse(readFileSync(path.endsWith("_metadata") ? path : join(path, "_metadata"), "utf8")) as CheckpointMetadata;
  } catch {
    return { operators: {} } as unknown as CheckpointMetadata;
  }
}

/** `restoredOk`: undefined when the checkpoint is as the test needs it (asked before each kill and of each restored one), else what is wrong. */
export async function unalignedThroughTwoLeaderKills(cluster: HaCluster, restoredOk: (metadata: CheckpointMetadata) => string | undefined = () => undefined): Promise<void> {
  const count = 80_000;
  // parallelism 2, 0.3 ms per record in the checker, checkpoints every 200 ms, 200-byte records.
  const jobId = await cluster.submit(testJob("backpressured-sequence.ts"), [String(count), "2", "0.3", "", "200", "200"]);
  for (let kill = 1; kill <= 2; kill++) {
    await waitFor(async () => {
      const c = (await checkpointsOf(cluster, jobId))?.latest.completed;
      if (c === undefined || c === null || c.checkpoint_type !== "UNALIGNED_CHECKPOINT" || c.persisted_data === 0) return false;
      return restoredOk(readMetadata(c.external_path)) === undefined;
    }, `an unaligned checkpoint with in-flight data under leader ${kill}`, 90_000, 50);
    await cluster.killLeaderAndAwaitRecovery(jobId, `leader ${kill + 1} to recover the job`);
    // The new leader restored the newest checkpoint from ZooKeeper: it holds in-flight data.
    let restored: CheckpointsJson["latest"]["restored"] = null;
    await waitFor(async () => (restored = (await checkpointsOf(cluster, jobId))?.latest.restored ?? null) !== null, `leader ${kill + 1} to restore a checkpoint`, 60_000, 50);
    const metadata = readMetadata(restored!.external_path);
    const inFlight = Object.values(metadata.operators).flatMap((o) => o.subtasks).reduce((n, s) => n + (s.persistedDataBytes ?? 0), 0);
    assert.ok(inFlight > 0, `checkpoint ${restored!.id} restored with ${inFlight} bytes of in-flight data`);
    const problem = restoredOk(metadata);
    assert.equal(problem, undefined, `checkpoint ${restored!.id}: ${problem}`);
  }
  const result = await cluster.result(jobId, 120_000);
  assert.equal(result.state, "FINISHED", result.failure?.message);
  const records = Object.values(result.collected)[0] ?? [];
  assert.deepEqual(finalsOf(records), referenceFinals(count), "the final sum of every key matches the reference");
  assert.doesNotMatch(cluster.jobManagerLogs(), /gap or duplicate/);
}
