/**
 * A damaged or missing checkpoint gives a clear error and the job falls back to an older retained
 * checkpoint; a checkpoint completes while a slow sink backpressures the job.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runJob } from "../../src/client/job-runner.js";
import { MiniCluster } from "../../src/cluster/minicluster.js";
import { MiniClusterClient } from "../../src/client/cluster-client.js";
import { Logger } from "../../src/util/logger.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { finalsOf, referenceFinals } from "./sequence-support.js";

const JOB = testJob("sequence-check.ts");

for (const damage of ["corrupt", "missing"] as const) {
  test(`a ${damage} state file in the newest checkpoint: the job falls back to the older one`, async () => {
    const dir = mkdtempSync(join(tmpdir(), "sluice-damaged-"));
    const logs: string[] = [];
    const logger = new Logger((r) => logs.push(`${r.component}: ${r.message}`), "test", "info");
    const config = { "execution.checkpointing.dir": dir, "execution.checkpointing.num-retained": "3", "restart-strategy.type": "fixed-delay", "restart-strategy.fixed-delay.attempts": "5", "restart-strategy.fixed-delay.delay": "0" };
    const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 2, config, logger });
    const client = new MiniClusterClient(cluster);
    try {
      const count = 8000;
      let jobId = "";
      // No periodic checkpoints: the test takes them, so it knows exactly which ones exist.
      const run = runJob(JOB, { client, config, args: [String(count), "0", "2", "4000", "2", "0"], onSubmitted: (id) => (jobId = id) });
      await waitFor(() => jobId !== "" && cluster.dispatcher.requestJob(jobId).statusCounts.RUNNING === 5, "job running");
      await cluster.dispatcher.triggerCheckpoint(jobId);
      await new Promise((r) => setTimeout(r, 200));
      const { path: newest } = await cluster.dispatcher.triggerCheckpoint(jobId);
      const chkDir = join(newest, "..");
      const stateFile = join(chkDir, readdirSync(chkDir).find((f) => f.endsWith(".state"))!);
      if (damage === "corrupt") {
        const bytes = readFileSync(stateFile);
        bytes[bytes.length - 5] ^= 0xff;
        writeFileSync(stateFile, bytes);
      } else {
        rmSync(stateFile);
      }
      // Lose the TaskManager: the job restarts from the newest usable checkpoint on a new one.
      await cluster.killTaskExecutor(cluster.taskExecutors[0]!);
      await cluster.addTaskExecutor(2);
      const result = await run;
      assert.equal(result.state, "FINISHED", result.failure?.message);
      assert.deepEqual(finalsOf(result.records!), referenceFinals(count));
      const message = damage === "corrupt" ? /checksum does not match/ : /is missing/;
      assert.ok(logs.some((l) => message.test(l)), `a clear error is logged:\n${logs.join("\n")}`);
      assert.ok(logs.some((l) => /trying an older one/.test(l)), "falls back to the older checkpoint");
    } finally {
      await cluster.close();
    }
  });
}

test("a checkpoint completes while a slow sink backpressures the job", async () => {
  const config = { "execution.checkpointing.interval": "100", "metrics.report-interval": "50", "metrics.fetcher.update-interval": "50" };
  const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 2, config });
  const client = new MiniClusterClient(cluster);
  try {
    let jobId = "";
    // Big records, so that the few buffers in flight hold few records and barriers get through quickly.
    const run = runJob(testJob("slow-sink.ts"), { client, config, args: ["0.2", "2000"], onSubmitted: (id) => (jobId = id) });
    await waitFor(() => {
      if (jobId === "") return false;
      const m = cluster.dispatcher.requestJob(jobId).vertices[0]!.subtasks[0]!.metrics;
      return (m?.backPressuredTimeMsPerSecond ?? 0) > 500;
    }, "source backpressured");
    await waitFor(() => cluster.dispatcher.requestCheckpointStats(jobId).counts.completed >= 2, "checkpoints complete under backpressure", 60_000);
    const m = cluster.dispatcher.requestJob(jobId).vertices[0]!.subtasks[0]!.metrics!;
    assert.ok(m.backPressuredTimeMsPerSecond > 500, "still backpressured");
    await client.cancel(jobId);
    assert.equal((await run).state, "CANCELED");
  } finally {
    await cluster.close();
  }
});
