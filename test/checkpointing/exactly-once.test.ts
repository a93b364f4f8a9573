/**
 * Exactly-once state under failures, and the same job run three ways (docs/architecture.md, "Testing"):
 * straight through; at parallelism 2 with checkpoints and injected failures; stopped with a
 * savepoint and resumed at parallelism 3 and at 1. All give the reference result.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readdirSync, existsSync, renameSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runJob } from "../../src/client/job-runner.js";
import { MiniCluster } from "../../src/cluster/minicluster.js";
import { MiniClusterClient } from "../../src/client/cluster-client.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { finalsOf, referenceFinals } from "./sequence-support.js";

const JOB = testJob("sequence-check.ts");

test("the sequence check finds no gap or duplicate under repeated failures, recovering from checkpoints", async () => {
  const count = 20_000;
  const failures = 3;
  const result = await runJob(JOB, { args: [String(count), String(failures), "2", "20000"] });
  assert.equal(result.state, "FINISHED", result.failure?.message);
  assert.equal(result.restarts, failures);
  assert.ok(result.checkpoints.restored >= 1, `restored from checkpoints ${result.checkpoints.restored} times`);
  assert.deepEqual(finalsOf(result.records!), referenceFinals(count));
  // Only what came after the last checkpoint is replayed to the (non-transactional) collect sink;
  // restarting from scratch three times would replay about 1.2 × count (failures at 20/40/60 %).
  assert.ok(result.records!.length < count * 2, `${result.records!.length} records collected`);
});

test("straight through, with failures at parallelism 2, and stopped and resumed at parallelism 3 and 1: identical results", async () => {
  const count = 12_000;
  const reference = referenceFinals(count);

  const straight = await runJob(JOB, { args: [String(count), "0", "1", "1000000", "1"] });
  assert.equal(straight.state, "FINISHED");
  assert.deepEqual(finalsOf(straight.records!), reference);

  const withFailures = await runJob(JOB, { args: [String(count), "2", "2", "30000", "2"] });
  assert.equal(withFailures.state, "FINISHED", withFailures.failure?.message);
  assert.deepEqual(finalsOf(withFailures.records!), reference);

  // Stop with a savepoint part-way, at parallelism 2 …
  const savepoints = mkdtempSync(join(tmpdir(), "sluice-savepoints-"));
  const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 3 });
  const client = new MiniClusterClient(cluster);
  try {
    let jobId = "";
    const first = runJob(JOB, { client, args: [String(count), "0", "2", "6000", "2"], onSubmitted: (id) => (jobId = id) });
    await waitFor(() => jobId !== "" && cluster.dispatcher.requestJob(jobId).statusCounts.RUNNING === 5, "job running");
    await new Promise((r) => setTimeout(r, 600));
    const savepoint = await client.stopWithSavepoint(jobId, savepoints);
    const stopped = await first;
    assert.equal(stopped.state, "FINISHED");
    const before = stopped.records!;
    assert.ok(before.length > 0 && before.length < count, `stopped after ${before.length} records`);

    // … move the savepoint folder (it must be relocatable), then resume at 3 and at 1.
    const moved = join(savepoints, "moved");
    renameSync(savepoint, moved);
    for (const parallelism of [3, 1]) {
      const resumed = await runJob(JOB, { client, args: [String(count), "0", String(parallelism), "1000000", "2"], savepointPath: moved });
      assert.equal(resumed.state, "FINISHED", resumed.failure?.message);
      assert.deepEqual(finalsOf(before, resumed.records!), reference, `resumed at parallelism ${parallelism}`);
      assert.equal(before.length + resumed.records!.length, count, "no record twice, none lost");
    }
  } finally {
    await cluster.close();
  }
});

test("retained checkpoints beyond the retained count are deleted, the layout is Flink's", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sluice-checkpoints-"));
  const cluster = await MiniCluster.start({
    numTaskManagers: 1,
    slotsPerTaskManager: 2,
    config: { "execution.checkpointing.dir": dir, "execution.checkpointing.num-retained": "2", "execution.checkpointing.externalized-checkpoint-retention": "RETAIN_ON_CANCELLATION" },
  });
  const client = new MiniClusterClient(cluster);
  try {
    let jobId = "";
    const run = runJob(JOB, { client, args: ["1000000", "0", "2", "20000", "2"], onSubmitted: (id) => (jobId = id) });
    await waitFor(() => jobId !== "" && cluster.dispatcher.requestCheckpointStats(jobId).counts.completed >= 5, "5 checkpoints", 30_000);
    await client.cancel(jobId);
    assert.equal((await run).state, "CANCELED");
    const jobDir = join(dir, jobId);
    const entries = readdirSync(jobDir).sort();
    assert.ok(entries.includes("shared") && entries.includes("taskowned"), entries.join(","));
    const chks = entries.filter((e) => e.startsWith("chk-"));
    assert.equal(chks.length, 2, `retained: ${chks.join(",")}`);
    for (const c of chks) assert.ok(existsSync(join(jobDir, c, "_metadata")));
  } finally {
    await cluster.close();
  }
});
