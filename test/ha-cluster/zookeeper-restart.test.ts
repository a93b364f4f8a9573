/**
 * ZooKeeper restarted under a running HA cluster: while it is down every JobManager loses
 * leadership (a suspended connection revokes it) and the job is suspended with its HA data kept;
 * once it is back a leader is elected again, recovers the job from its newest checkpoint, and the
 * job goes on from its state to the reference result.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { finalsOf, referenceFinals } from "../checkpointing/sequence-support.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { HaCluster } from "./support/ha-cluster.js";

const SEQUENCE_JOB = testJob("sequence-check.ts");
let cluster: HaCluster;

before(async () => {
  cluster = await HaCluster.startWithStandby();
});

after(async () => {
  await cluster?.close();
});

test("after a ZooKeeper restart the cluster elects a leader again and the job continues from its state", { timeout: 120_000 }, async () => {
  const count = 40_000;
  const jobId = await cluster.submit(SEQUENCE_JOB, [String(count), "0", "2", "2000", "2", "200"]);
  await cluster.waitUntilRunningWithCheckpoint(jobId);
  const checkpointsBefore = (await cluster.haDataOf(jobId)).nodes.filter((n) => /\/checkpoints\/\d+$/.test(n));
  assert.ok(checkpointsBefore.length >= 1, "a completed checkpoint is in ZooKeeper");
  const recoveredBefore = cluster.jobManagers.map((jm) => countMatches(jm.stderr(), new RegExp(`recovered job .*\\(${jobId}\\)`)));

  await cluster.zk.restart();

  // A leader again (possibly the other JobManager), which recovered the job after the restart …
  const recovered = (): string | undefined =>
    cluster.jobManagers.find((jm, i) => countMatches(jm.stderr(), new RegExp(`recovered job .*\\(${jobId}\\)`)) > recoveredBefore[i]!)?.stderr();
  await waitFor(() => recovered() !== undefined, "a JobManager to recover the job after the restart", 40_000);
  // … from a checkpoint, not from scratch.
  await waitFor(() => /starts from checkpoint \d+/.test(recovered()!.split(/recovered job/).at(-1)!), "the recovered job to start from a checkpoint", 10_000);

  const result = await cluster.result(jobId);
  assert.equal(result.state, "FINISHED", result.failure?.message);
  assert.deepEqual(finalsOf(Object.values(result.collected)[0] ?? []), referenceFinals(count));
  assert.doesNotMatch(cluster.jobManagerLogs(), /gap or duplicate/);
});

function countMatches(text: string, pattern: RegExp): number {
  return text.split("\n").filter((line) => pattern.test(line)).length;
}
