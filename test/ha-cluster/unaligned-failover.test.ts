/**
 * JobManager failover under HA with unaligned checkpoints (docs/checkpoints.md, "Unaligned
 * checkpoints"): real JobManager and TaskManager processes on a real ZooKeeper; the sequence check
 * with a slow checker (test/jobs/backpressured-sequence.ts), so every checkpoint persists in-flight
 * data; the leading JobManager is SIGKILLed twice, each time after an unaligned checkpoint with
 * in-flight data completed. Each new leader recovers the job from the newest checkpoint in
 * ZooKeeper — whose `_metadata` lists in-flight data — and the job ends with the reference result,
 * no gap or duplicate.
 */
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import type { CheckpointMetadata } from "../../src/runtime/checkpoint/checkpoint-metadata.js";
import { finalsOf, referenceFinals } from "../checkpointing/sequence-support.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { HaCluster } from "./support/ha-cluster.js";

let cluster: HaCluster;

before(async () => {
  cluster = await HaCluster.start({ "execution.checkpointing.unaligned.enabled": "true" });
  await cluster.startJobManager();
  await cluster.leader();
  await cluster.startJobManager();
  await Promise.all([cluster.startTaskManager(2), cluster.startTaskManager(2)]);
});

after(async () => {
  await cluster?.close();
});

interface CheckpointsJson {
  latest: { completed: { id: number; checkpoint_type: string; persisted_data: number } | null; restored: { id: number; external_path: string } | null };
}

async function checkpointsOf(jobId: string): Promise<CheckpointsJson | undefined> {
  const url = cluster.restLeader.leader?.address;
  if (!url) return undefined;
  try {
    const res = await fetch(new URL(`/jobs/${jobId}/checkpoints`, url), { signal: AbortSignal.timeout(3000) });
    return res.ok ? ((await res.json()) as CheckpointsJson) : undefined;
  } catch {
    return undefined;
  }
}

test("unaligned checkpoints through two SIGKILLs of the leading JobManager: recovered from in-flight data, exactly once", { timeout: 300_000 }, async () => {
  const count = 80_000;
  const jobId = await cluster.submit(testJob("backpressured-sequence.ts"), [String(count), "2", "0.3", "", "200", "200"]);
  for (let kill = 1; kill <= 2; kill++) {
    await waitFor(async () => {
      const c = (await checkpointsOf(jobId))?.latest.completed;
      return c !== undefined && c !== null && c.checkpoint_type === "UNALIGNED_CHECKPOINT" && c.persisted_data > 0;
    }, `an unaligned checkpoint with in-flight data under leader ${kill}`, 90_000, 50);
    await cluster.killLeaderAndAwaitRecovery(jobId, `leader ${kill + 1} to recover the job`);
    // The new leader restored the newest checkpoint from ZooKeeper: it holds in-flight data.
    let restored: CheckpointsJson["latest"]["restored"] = null;
    await waitFor(async () => (restored = (await checkpointsOf(jobId))?.latest.restored ?? null) !== null, `leader ${kill + 1} to restore a checkpoint`, 60_000, 50);
    const metadata = JSON.parse(readFileSync(join(restored!.external_path, "_metadata"), "utf8")) as CheckpointMetadata;
    const inFlight = Object.values(metadata.operators).flatMap((o) => o.subtasks).reduce((n, s) => n + (s.persistedDataBytes ?? 0), 0);
    assert.ok(inFlight > 0, `checkpoint ${restored!.id} restored with ${inFlight} bytes of in-flight data`);
  }
  const result = await cluster.result(jobId, 120_000);
  assert.equal(result.state, "FINISHED", result.failure?.message);
  const records = Object.values(result.collected)[0] ?? [];
  assert.deepEqual(finalsOf(records), referenceFinals(count), "the final sum of every key matches the reference");
  assert.doesNotMatch(cluster.jobManagerLogs(), /gap or duplicate/);
});
