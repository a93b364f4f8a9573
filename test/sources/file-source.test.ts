/**
 * FileSource on the MiniCluster: files are splits handed out by the split enumerator in the
 * JobMaster (docs/architecture.md, "Sources and split enumerators"). Exactly once through task
 * failures; files that appear while the job runs are found and read; a savepoint carries the
 * enumerator's state into a job resumed at another parallelism, which reads only the new files.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { runJob } from "../../src/client/job-runner.js";
import { MiniCluster } from "../../src/cluster/minicluster.js";
import { MiniClusterClient } from "../../src/client/cluster-client.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { finalTotals, progressReached, referenceTotals, tempDir, writeFiles } from "./file-source-support.js";

const JOB = testJob("file-sequence.ts");

test("a bounded FileSource reads every line exactly once through two task failures", async () => {
  const dir = tempDir("sluice-files-");
  writeFiles(dir, 0, 20);
  const result = await runJob(JOB, { args: [dir, "0", "2", "40", "2", "600", "2000"] });
  assert.equal(result.state, "FINISHED", result.failure?.message);
  assert.equal(result.restarts, 2);
  assert.ok(result.checkpoints.restored >= 1, `restored from checkpoints ${result.checkpoints.restored} times`);
  assert.deepEqual(finalTotals(result.records!), referenceTotals(20));
});

test("files appearing while the job runs are discovered; a savepoint resumed at another parallelism keeps the enumerator's state", async () => {
  const dir = tempDir("sluice-files-");
  const work = tempDir("sluice-files-work-");
  const checkpoints = join(work, "checkpoints");
  const notifications = join(work, "notifications");
  const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 3, config: { "execution.checkpointing.dir": checkpoints } });
  const client = new MiniClusterClient(cluster);
  try {
    writeFiles(dir, 0, 5);
    const progress1 = join(work, "progress-1");
    let jobId = "";
    const first = runJob(JOB, { client, args: [dir, "50", "2", "100", "0", "0", "2000", progress1, notifications, checkpoints], onSubmitted: (id) => (jobId = id) });
    await waitFor(() => progressReached(progress1, referenceTotals(5)), "the first files read", 60_000);
    writeFiles(dir, 5, 12);
    await waitFor(() => progressReached(progress1, referenceTotals(12)), "files written while the job runs read", 60_000);
    const savepoint = await client.stopWithSavepoint(jobId, join(work, "savepoints"));
    const stopped = await first;
    assert.equal(stopped.state, "FINISHED", stopped.failure?.message);

    // More files (one per key) while no job runs; the resumed job (parallelism 3) must read these and only these:
    // a file read again would trip the checker (its state is restored) and fail the job.
    writeFiles(dir, 12, 17);
    const progress2 = join(work, "progress-2");
    let resumedId = "";
    const resumed = runJob(JOB, { client, args: [dir, "50", "3", "100", "0", "0", "2000", progress2], savepointPath: savepoint, onSubmitted: (id) => (resumedId = id) });
    await waitFor(() => progressReached(progress2, referenceTotals(17)), "the new files read after the resume", 60_000);
    await client.stopWithSavepoint(resumedId, join(work, "savepoints"));
    const second = await resumed;
    assert.equal(second.state, "FINISHED", second.failure?.message);
    assert.equal(second.restarts, 0, "no failure: no file was read twice");
    assert.deepEqual(finalTotals(stopped.records!, second.records!), referenceTotals(17));
    const secondCount = [...finalTotals(second.records!).values()].reduce((n, t) => n + t.count, 0) - [...finalTotals(stopped.records!).values()].reduce((n, t) => n + t.count, 0);
    assert.equal(secondCount, 5 * 200, "the resumed job read the five new files only");

    // notifyCheckpointComplete reached the readers and the enumerator, each time after the checkpoint's _metadata was written.
    const lines = readFileSync(notifications, "utf8").trim().split("\n");
    assert.ok(lines.some((l) => l.startsWith("enumerator ")), "the enumerator was notified");
    assert.ok(lines.some((l) => l.startsWith("reader-0 ")) && lines.some((l) => l.startsWith("reader-1 ")), "both readers were notified");
    assert.deepEqual(lines.filter((l) => !l.endsWith(" true")), [], "no notification before its checkpoint completed");
  } finally {
    await cluster.close();
  }
});
