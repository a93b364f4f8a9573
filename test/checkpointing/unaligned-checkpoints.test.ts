/**
 * Unaligned checkpoints (docs/checkpoints.md, "Unaligned checkpoints") on the MiniCluster, with the
 * sequence check under full backpressure (test/jobs/backpressured-sequence.ts: its sink waits for a
 * stalled external system, so every network buffer between the sources and the checker fills up):
 * an unaligned checkpoint completes while the same job's aligned checkpoint keeps waiting; the
 * in-flight records survive a failure, each exactly once; a checkpoint with in-flight data refuses
 * a restore at another parallelism and restores at its own; the aligned-checkpoint-timeout turns a
 * waiting aligned checkpoint unaligned.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runJob, type RunResult } from "../../src/client/job-runner.js";
import { MiniCluster } from "../../src/cluster/minicluster.js";
import { MiniClusterClient } from "../../src/client/cluster-client.js";
import type { CheckpointStatsEntry } from "../../src/cluster/jobmaster/checkpoint-stats.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { finalsOf, referenceFinals } from "./sequence-support.js";

const JOB = testJob("backpressured-sequence.ts");
const PARALLELISM = 2;

interface Run {
  cluster: MiniCluster;
  client: MiniClusterClient;
  jobId: string;
  result: Promise<RunResult>;
  stallDir: string;
}

/** Starts the job (args of backpressured-sequence.ts after the stall folder) and waits until it is stalled and backpressured. */
async function startStalled(config: Record<string, string>, count: number, intervalMs: number, options: { savepointPath?: string; parallelism?: number; stallDir?: string } = {}): Promise<Run> {
  const stallDir = options.stallDir ?? mkdtempSync(join(tmpdir(), "sluice-stall-"));
  const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 4, config });
  const client = new MiniClusterClient(cluster);
  const args = [String(count), String(options.parallelism ?? PARALLELISM), "0", stallDir, String(intervalMs), "200"];
  const run: Run = { cluster, client, jobId: "", result: Promise.resolve(undefined as unknown as RunResult), stallDir };
  run.result = runJob(JOB, { client, args, savepointPath: options.savepointPath, onSubmitted: (id) => (run.jobId = id) });
  run.result.catch(() => {});
  return run;
}

async function waitStalled(run: Run): Promise<void> {
  await waitFor(() => run.jobId !== "" && existsSync(join(run.stallDir, "stalled")), "the sink to stall", 60_000);
  // The stalled sink holds back its task's input: the buffers up to the sources fill within moments.
  await new Promise((r) => setTimeout(r, 1000));
}

function entry(run: Run, checkpointId: number): CheckpointStatsEntry | undefined {
  return run.cluster.dispatcher.requestCheckpointStats(run.jobId).history.find((e) => e.id === checkpointId);
}

async function stop(run: Run): Promise<void> {
  writeFileSync(join(run.stallDir, "release"), "");
  try {
    if (run.jobId) await run.client.cancel(run.jobId).catch(() => {});
    await run.result;
  } finally {
    await run.cluster.close();
  }
}

test("under full backpressure an unaligned checkpoint completes while the same job's aligned checkpoint keeps waiting", { timeout: 240_000 }, async () => {
  // Unaligned: completes while the sink is still stalled, persisting the data in flight.
  const unaligned = await startStalled({ "execution.checkpointing.unaligned.enabled": "true" }, 10_000_000, 0);
  let unalignedMs: number;
  try {
    await waitStalled(unaligned);
    const { checkpointId } = await unaligned.cluster.dispatcher.triggerCheckpoint(unaligned.jobId);
    assert.ok(!existsSync(join(unaligned.stallDir, "release")), "the sink is still stalled");
    const e = entry(unaligned, checkpointId)!;
    assert.equal(e.status, "COMPLETED");
    assert.equal(e.unaligned, true);
    assert.ok(e.persisted_data > 0, `persisted in-flight data: ${e.persisted_data} bytes`);
    unalignedMs = e.end_to_end_duration;
  } finally {
    await stop(unaligned);
  }

  // The same job aligned: its barriers wait behind the stalled data until the sink is released.
  const aligned = await startStalled({}, 10_000_000, 0);
  try {
    await waitStalled(aligned);
    let checkpointId = -1;
    const done = aligned.cluster.dispatcher.triggerCheckpoint(aligned.jobId).then((r) => (checkpointId = r.checkpointId));
    await waitFor(() => aligned.cluster.dispatcher.requestCheckpointStats(aligned.jobId).counts.in_progress === 1, "the aligned checkpoint to start");
    // Ten times as long as the unaligned one took, and at least 5 s: it cannot complete while stalled.
    await new Promise((r) => setTimeout(r, Math.max(5000, 10 * unalignedMs)));
    const waiting = aligned.cluster.dispatcher.requestCheckpointStats(aligned.jobId);
    assert.equal(waiting.counts.completed, 0, "the aligned checkpoint keeps waiting");
    assert.equal(waiting.counts.in_progress, 1);
    assert.ok(waiting.history[0]!.num_acknowledged_subtasks < waiting.history[0]!.num_subtasks, "the stalled tasks have not acknowledged");
    writeFileSync(join(aligned.stallDir, "release"), "");
    await done;
    const e = entry(aligned, checkpointId)!;
    assert.equal(e.status, "COMPLETED", "completes once the sink is released");
    assert.equal(e.unaligned, false);
    assert.equal(e.persisted_data, 0);
  } finally {
    await stop(aligned);
  }
});

test("the in-flight records of an unaligned checkpoint survive a failure: none lost, none twice", { timeout: 240_000 }, async () => {
  const count = 6000;
  const run = await startStalled({ "execution.checkpointing.unaligned.enabled": "true" }, count, 200);
  try {
    await waitStalled(run);
    const stats = (): ReturnType<MiniCluster["dispatcher"]["requestCheckpointStats"]> => run.cluster.dispatcher.requestCheckpointStats(run.jobId);
    await waitFor(() => (stats().latest.completed?.persisted_data ?? 0) > 0, "a completed checkpoint with in-flight data", 60_000);
    // Fail while stalled: the restart restores the newest checkpoint, whose in-flight data is all
    // that has gone past the sources.
    writeFileSync(join(run.stallDir, "fail"), "");
    await waitFor(() => stats().counts.restored >= 1, "the restart to restore a checkpoint", 60_000);
    const restored = stats().latest.restored!;
    writeFileSync(join(run.stallDir, "release"), "");
    const result = await run.result;
    assert.equal(result.state, "FINISHED", result.failure?.message);
    assert.equal(result.restarts, 1);
    const from = entry(run, restored.id);
    assert.ok(from, `checkpoint ${restored.id} is in the history`);
    assert.ok(from.unaligned && from.persisted_data > 0, `restored from an unaligned checkpoint with ${from.persisted_data} bytes in flight`);
    // Nothing reached the sink before the failure: every record arrives exactly once after it.
    assert.equal(result.records!.length, count, "no record lost, none twice");
    assert.deepEqual(finalsOf(result.records!), referenceFinals(count));
  } finally {
    await stop(run);
  }
});

test("a checkpoint with in-flight data refuses a restore at another parallelism, saying why, and restores at its own", { timeout: 240_000 }, async () => {
  const count = 6000;
  const dir = mkdtempSync(join(tmpdir(), "sluice-unaligned-retained-"));
  const config = {
    "execution.checkpointing.unaligned.enabled": "true",
    "execution.checkpointing.dir": dir,
    "execution.checkpointing.externalized-checkpoint-retention": "RETAIN_ON_CANCELLATION",
  };
  const first = await startStalled(config, count, 0);
  let retained: string;
  try {
    await waitStalled(first);
    const { path } = await first.cluster.dispatcher.triggerCheckpoint(first.jobId);
    retained = path;
    const e = first.cluster.dispatcher.requestCheckpointStats(first.jobId).latest.completed!;
    assert.ok(e.persisted_data > 0, `${e.persisted_data} bytes in flight`);
    await first.client.cancel(first.jobId);
    assert.equal((await first.result).state, "CANCELED");
  } finally {
    await stop(first);
  }

  const rescaled = await startStalled(config, count, 0, { savepointPath: retained, parallelism: 3 });
  try {
    await assert.rejects(rescaled.result, /unaligned checkpoint with \d+ bytes of in-flight data .*had parallelism 2 in it and has 3 now: Sluice does not redistribute channel state/);
  } finally {
    await rescaled.cluster.close();
  }

  const resumed = await startStalled(config, count, 0, { savepointPath: retained, stallDir: first.stallDir });
  try {
    const result = await resumed.result;
    assert.equal(result.state, "FINISHED", result.failure?.message);
    assert.equal(result.records!.length, count, "every record exactly once: those in flight were replayed");
    assert.deepEqual(finalsOf(result.records!), referenceFinals(count));
  } finally {
    await resumed.cluster.close();
  }
});

test("aligned-checkpoint-timeout: a checkpoint starts aligned and switches to unaligned when its alignment waits too long", { timeout: 240_000 }, async () => {
  const run = await startStalled({ "execution.checkpointing.unaligned.enabled": "true", "execution.checkpointing.aligned-checkpoint-timeout": "300 ms" }, 10_000_000, 0);
  try {
    await waitStalled(run);
    const { checkpointId } = await run.cluster.dispatcher.triggerCheckpoint(run.jobId);
    assert.ok(!existsSync(join(run.stallDir, "release")), "completed while the sink is stalled");
    const e = entry(run, checkpointId)!;
    assert.equal(e.unaligned, true, "switched to unaligned");
    assert.ok(e.persisted_data > 0, `${e.persisted_data} bytes in flight`);
    // The savepoint of the same job stays aligned (it completes once the data has drained).
    writeFileSync(join(run.stallDir, "release"), "");
    await run.client.triggerSavepoint(run.jobId, mkdtempSync(join(tmpdir(), "sluice-savepoint-")));
    const savepoint = run.cluster.dispatcher.requestCheckpointStats(run.jobId).latest.savepoint!;
    assert.equal(savepoint.unaligned, false, "the savepoint is aligned");
    assert.equal(savepoint.persisted_data, 0);
  } finally {
    await stop(run);
  }
});
