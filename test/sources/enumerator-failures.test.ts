/**
 * Split enumerators that fail, on the MiniCluster (docs/architecture.md, "Sources and split
 * enumerators"): they run in the JobManager's coordinator worker, so a throwing enumerator fails
 * its job through the restart strategy with an error naming the source, and one that exhausts its
 * thread's heap does too; the cluster runs the next job as before.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { runJob } from "../../src/client/job-runner.js";
import { MiniCluster } from "../../src/cluster/minicluster.js";
import { MiniClusterClient } from "../../src/client/cluster-client.js";
import { testJob } from "../support/paths.js";
import { referenceTotals, finalTotals, tempDir, writeFiles } from "./file-source-support.js";

test("a throwing enumerator fails the job through its restart strategy, naming the source; an out-of-memory one too; the cluster goes on", async () => {
  const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 2, config: { "jobmanager.coordinator.heap.mb": "64" } });
  const client = new MiniClusterClient(cluster);
  try {
    const thrown = await runJob(testJob("throwing-enumerator.ts"), { client, args: ["start", "1"] });
    assert.equal(thrown.state, "FAILED");
    assert.equal(thrown.restarts, 1, "the restart strategy was asked, and allowed one restart");
    assert.equal(thrown.failure?.name, "SplitEnumeratorError");
    assert.match(thrown.failure?.message ?? "", /split enumerator of source "Broken partitions" failed in creating the split enumerator: the partition list cannot be fetched/);

    const oom = await runJob(testJob("throwing-enumerator.ts"), { client, args: ["oom", "0"] });
    assert.equal(oom.state, "FAILED");
    assert.equal(oom.failure?.name, "CoordinatorWorkerError", oom.failure?.message);
    assert.match(oom.failure?.message ?? "", /split enumerators of "Broken partitions" died: it ran out of memory: .*64 MB heap limit \(jobmanager\.coordinator\.heap\.mb\)/);

    const dir = tempDir("sluice-files-");
    writeFiles(dir, 0, 5);
    const fine = await runJob(testJob("file-sequence.ts"), { client, args: [dir, "0", "2", "0"] });
    assert.equal(fine.state, "FINISHED", fine.failure?.message);
    assert.deepEqual(finalTotals(fine.records!), referenceTotals(5));
  } finally {
    await cluster.close();
  }
});
