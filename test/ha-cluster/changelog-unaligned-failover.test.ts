/**
 * JobManager failover under HA with the state changelog and unaligned checkpoints both on (issue 17:
 * "a JobManager failover under HA for changelog + unaligned"): real processes on a real ZooKeeper, the
 * backpressured sequence check through two SIGKILLs of the leading JobManager, each after a checkpoint
 * that refers to changelog files in shared/ and holds in-flight data; each restored checkpoint does too; the job ends exactly once
 * (support/unaligned-failover.ts).
 */
import { after, before, test } from "node:test";
import { CHANGELOG_CONFIG, isMaterialization, isSegment } from "../checkpointing/changelog-support.js";
import type { HaCluster } from "./support/ha-cluster.js";
import { startUnalignedHaCluster, unalignedThroughTwoLeaderKills } from "./support/unaligned-failover.js";

let cluster: HaCluster;

before(async () => {
  cluster = await startUnalignedHaCluster(CHANGELOG_CONFIG);
});

after(async () => {
  await cluster?.close();
});

test("changelog + unaligned checkpoints through two SIGKILLs of the leading JobManager: restored from segments and in-flight data, exactly once", { timeout: 300_000 }, async () => {
  await unalignedThroughTwoLeaderKills(cluster, (m) => ((m.sharedFiles ?? []).some((f) => isSegment(f.file) || isMaterialization(f.file)) ? undefined : "it refers to no changelog file"));
});
