/**
 * Each slot worker reports its heap with its metrics, and its TaskExecutor keeps the peak per
 * worker (TaskExecutor.workerHeapPeaks(), read by bench/nexmark.ts): a job that holds 64 MiB in
 * one worker shows a peak of at least that there.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { MiniCluster } from "../../src/cluster/minicluster.js";
import { MiniClusterClient } from "../../src/client/cluster-client.js";
import { runJob } from "../../src/client/job-runner.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";

const MIB = 2 ** 20;

test("the peak heap of each slot worker is reported, and covers what a worker held", async () => {
  const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 2 });
  try {
    const result = await runJob(testJob("heap-holder.ts"), { client: new MiniClusterClient(cluster), args: ["64"] });
    assert.equal(result.state, "FINISHED", result.failure?.message);
    const te = cluster.taskExecutors[0]!;
    // The last report is posted as a worker's tasks end; it may arrive just after the job's end.
    await waitFor(() => te.workerHeapPeaks().size === 2 && Math.max(...te.workerHeapPeaks().values()) >= 64 * MIB, "both workers' peaks");
    const peaks = [...te.workerHeapPeaks().values()];
    assert.ok(Math.min(...peaks) > 0, `every worker has a peak: ${peaks}`);
    assert.ok(Math.max(...peaks) >= 64 * MIB, `the holding worker's peak covers its 64 MiB: ${peaks.map((p) => (p / MIB).toFixed(0))}`);
  } finally {
    await cluster.close();
  }
});
