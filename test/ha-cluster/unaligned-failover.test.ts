/**
 * JobManager failover under HA with unaligned checkpoints (docs/checkpoints.md, "Unaligned
 * checkpoints"): real JobManager and TaskManager processes on a real ZooKeeper; the sequence check
 * with a slow checker (test/jobs/backpressured-sequence.ts), so every checkpoint persists in-flight
 * data; the leading JobManager is SIGKILLed twice, each time after an unaligned checkpoint with
 * in-flight data completed. Each new leader recovers the job from the newest checkpoint in
 * ZooKeeper — whose `_metadata` lists in-flight data — and the job ends with the reference result,
 * no gap or duplicate (support/unaligned-failover.ts).
 */
import { after, before, test } from "node:test";
import type { HaCluster } from "./support/ha-cluster.js";
import { startUnalignedHaCluster, unalignedThroughTwoLeaderKills } from "./support/unaligned-failover.js";

let cluster: HaCluster;

before(async () => {
  cluster = await startUnalignedHaCluster();
});

after(async () => {
  await cluster?.close();
});

test("unaligned checkpoints through two SIGKILLs of the leading JobManager: recovered from in-flight data, exactly once", { timeout: 300_000 }, async () => {
  await unalignedThroughTwoLeaderKills(cluster);
});
