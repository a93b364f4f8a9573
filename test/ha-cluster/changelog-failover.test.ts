/**
 * JobManager failover with the state changelog on (real processes, a real ZooKeeper): the
 * checkpointed sequence check runs through two SIGKILLs of the leading JobManager and ends exactly
 * once; each new leader rebuilds the shared-state registry from the retained checkpoints, so the
 * shared files the previous leader's checkpoints referred to are deleted once no retained
 * checkpoint needs them any more.
 */
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { finalsOf, referenceFinals } from "../checkpointing/sequence-support.js";
import { CHANGELOG_CONFIG, isMaterialization, isSegment, retainedCheckpoints } from "../checkpointing/changelog-support.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { HaCluster } from "./support/ha-cluster.js";

const SEQUENCE_JOB = testJob("sequence-check.ts");
let cluster: HaCluster;

before(async () => {
  cluster = await HaCluster.start({ ...CHANGELOG_CONFIG, "execution.checkpointing.num-retained": "2" });
  await cluster.startJobManager();
  await cluster.leader();
  await cluster.startJobManager();
  await Promise.all([cluster.startTaskManager(), cluster.startTaskManager()]);
});

after(async () => {
  await cluster?.close();
});

test("with the changelog on, a stateful job survives two SIGKILLs of the leading JobManager exactly once, and the new leader deletes the old leader's shared files in time", { timeout: 240_000 }, async () => {
  const count = 60_000;
  const jobId = await cluster.submit(SEQUENCE_JOB, [String(count), "0", "2", "1500", "2", "150"]);
  const jobDir = join(cluster.config["execution.checkpointing.dir"]!, jobId);
  for (let kill = 1; kill <= 2; kill++) {
    await cluster.waitUntilRunningWithCheckpoint(jobId);
    await waitFor(
      () => retainedCheckpoints(jobDir).some((c) => c.sharedFiles.some(isMaterialization) && c.sharedFiles.some(isSegment)),
      "a checkpoint of a materialization and segments",
      60_000,
      50,
    );
    const leader = await cluster.leader();
    leader.signal("SIGKILL");
    await leader.exited;
    // What the dead leader's retained checkpoints refer to: only the next leader can delete it.
    const ofOldLeader = new Set(retainedCheckpoints(jobDir).flatMap((c) => c.sharedFiles));
    assert.ok(ofOldLeader.size > 0);
    const replacement = cluster.startJobManager();
    const next = await cluster.leader(30_000, leader);
    await next.waitForOutput(new RegExp(`recovered job .*\\(${jobId}\\)`), `leader ${kill + 1} to recover the job`, 30_000);
    await replacement;
    // The restored tasks materialize anew and their checkpoints subsume the old leader's: its files go.
    await waitFor(() => [...ofOldLeader].every((f) => !existsSync(join(jobDir, f))), "the old leader's shared files to be deleted", 60_000, 100).catch((e: Error) => {
      const left = [...ofOldLeader].filter((f) => existsSync(join(jobDir, f)));
      throw new Error(`${e.message}: ${left.join(", ")} still there; retained now: ${JSON.stringify(retainedCheckpoints(jobDir))}\n${cluster.jobManagerLogs()}`);
    });
  }
  const result = await cluster.result(jobId, 120_000);
  assert.equal(result.state, "FINISHED", result.failure?.message);
  const records = Object.values(result.collected)[0] ?? [];
  assert.deepEqual(finalsOf(records), referenceFinals(count), "the final sum of every key matches the reference");
  assert.doesNotMatch(cluster.jobManagerLogs(), /gap or duplicate/);
});
