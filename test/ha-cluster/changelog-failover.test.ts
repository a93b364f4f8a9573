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
import { CHANGELOG_CONFIG, isMaterialization, retainedCheckpoints } from "../checkpointing/changelog-support.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { HaCluster } from "./support/ha-cluster.js";

const SEQUENCE_JOB = testJob("sequence-check.ts");
let cluster: HaCluster;

before(async () => {
  cluster = await HaCluster.startWithStandby({ ...CHANGELOG_CONFIG, "execution.checkpointing.num-retained": "2" });
});

after(async () => {
  await cluster?.close();
});

test("with the changelog on, a stateful job survives two SIGKILLs of the leading JobManager exactly once, and the new leader deletes the old leader's shared files in time", { timeout: 400_000 }, async () => {
  // Long enough (75 s) for both failovers and their cleanups to happen while it runs.
  const count = 150_000;
  const jobId = await cluster.submit(SEQUENCE_JOB, [String(count), "0", "2", "2000", "2", "150"]);
  const jobDir = join(cluster.config["execution.checkpointing.dir"]!, jobId);
  /** Files the older of the two retained checkpoints refers to and the newer (the one restored) does not. */
  const onlyInOlder = (): string[] => {
    const [older, newer] = retainedCheckpoints(jobDir);
    return older && newer ? older.sharedFiles.filter((f) => !newer.sharedFiles.includes(f)) : [];
  };
  let cleanupsSeen = 0;
  for (let kill = 1; kill <= 2; kill++) {
    await cluster.waitUntilRunningWithCheckpoint(jobId);
    const leader = await cluster.leader();
    // A materialization between the two retained checkpoints: the older one's files are its own.
    await waitFor(() => onlyInOlder().some(isMaterialization), "two retained checkpoints on different materializations", 60_000, 5);
    leader.signal("SIGKILL");
    await leader.exited;
    // Only the dead leader registered these, and the restored checkpoint does not refer to them: only a
    // registry rebuilt from the retained checkpoints deletes them. (Empty when a checkpoint completed
    // between the check above and the kill without a materialization in between.)
    const ofOldLeader = onlyInOlder();
    const replacement = cluster.startJobManager();
    const next = await cluster.leader(30_000, leader);
    await next.waitForOutput(new RegExp(`recovered job .*\\(${jobId}\\)`), `leader ${kill + 1} to recover the job`, 30_000);
    await replacement;
    if (ofOldLeader.length === 0) continue;
    // The new leader's checkpoints subsume the old leader's: the files only the older one needed go,
    // while the job runs (its end deletes the whole folder).
    const gone = (): boolean => ofOldLeader.every((f) => !existsSync(join(jobDir, f))) && retainedCheckpoints(jobDir).length > 0;
    await waitFor(gone, "the old leader's shared files to be deleted while the job runs", 60_000, 100).catch((e: Error) => {
      const left = ofOldLeader.filter((f) => existsSync(join(jobDir, f)));
      throw new Error(`${e.message}: ${left.length > 0 ? `${left.join(", ")} still there` : "the job ended first"}; retained now: ${JSON.stringify(retainedCheckpoints(jobDir))}\n${cluster.jobManagerLogs()}`);
    });
    cleanupsSeen++;
  }
  assert.ok(cleanupsSeen >= 1, "a failover with files only the old leader's older checkpoint needed");
  const result = await cluster.result(jobId, 200_000);
  assert.equal(result.state, "FINISHED", result.failure?.message);
  const records = Object.values(result.collected)[0] ?? [];
  assert.deepEqual(finalsOf(records), referenceFinals(count), "the final sum of every key matches the reference");
  assert.doesNotMatch(cluster.jobManagerLogs(), /gap or duplicate/);
});
