/**
 * The CheckpointCoordinator with unaligned checkpoints (docs/checkpoints.md, "Unaligned
 * checkpoints"): checkpoints go out unaligned, or aligned with the aligned-checkpoint-timeout;
 * savepoints stay aligned; no periodic checkpoint starts while a savepoint is in progress (its
 * unaligned barrier would make a task still aligning the savepoint give that alignment up), while
 * with aligned checkpoints one does.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import { InMemoryCheckpointIdCounter, InMemoryCompletedCheckpointStore, newCounterCell } from "../../../src/cluster/ha/standalone/in-memory-stores.js";
import { CheckpointCoordinator, type CheckpointTask } from "../../../src/cluster/jobmaster/checkpoint-coordinator.js";
import type { CheckpointTrigger } from "../../../src/runtime/tasks/stream-task.js";
import { ManualClock } from "../../../src/util/clock.js";
import { quietLogger } from "../../../src/util/logger.js";

const JOB = "0123456789abcdef0123456789abcdef";

const settle = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
};

async function triggersWhileASavepointIsPending(unaligned: boolean, alignedCheckpointTimeoutMs: number): Promise<CheckpointTrigger[]> {
  const dir = mkdtempSync(join(tmpdir(), "sluice-unaligned-coordinator-"));
  const triggers: CheckpointTrigger[] = [];
  const task: CheckpointTask = { executionId: "e0", vertexId: "v", isSource: true, running: true, finished: false, trigger: async (t) => void triggers.push(t), notifyComplete: () => {}, notifyAborted: () => {} };
  const clock = new ManualClock(1_000_000);
  const coordinator = new CheckpointCoordinator({
    jobId: JOB,
    settings: { intervalMs: 100, timeoutMs: 60_000, minPauseMs: 0, maxConcurrent: 1, tolerableFailures: 0, retained: 1, mode: "exactly-once", dir, savepointDir: dir, retainOnCancellation: false, checkpointsAfterTasksFinish: true, unaligned, alignedCheckpointTimeoutMs },
    store: new InMemoryCompletedCheckpointStore(JOB, 1, new Map()),
    counter: new InMemoryCheckpointIdCounter(JOB, newCounterCell()),
    logger: quietLogger(),
    tasks: () => [task],
    onTolerableFailuresExceeded: () => {},
    clock,
  });
  try {
    coordinator.triggerSavepoint().catch(() => {});
    await settle();
    coordinator.startPeriodic();
    for (let i = 0; i < 5; i++) {
      clock.advance(200);
      await settle();
    }
    return triggers;
  } finally {
    await coordinator.shutdown("CANCELED");
    rmSync(dir, { recursive: true, force: true });
  }
}

test("with unaligned checkpoints no periodic checkpoint starts while a savepoint is pending; aligned ones do; savepoints stay aligned", async () => {
  const aligned = await triggersWhileASavepointIsPending(false, 0);
  assert.equal(aligned[0]!.barrier.savepoint, true);
  assert.ok(aligned.some((t) => !t.barrier.savepoint), "aligned: a checkpoint beside the savepoint");
  assert.ok(aligned.every((t) => t.barrier.unaligned === undefined && t.barrier.alignedTimeoutMs === undefined));

  const unaligned = await triggersWhileASavepointIsPending(true, 0);
  assert.deepEqual(
    unaligned.map((t) => [t.barrier.savepoint, t.barrier.unaligned ?? false]),
    [[true, false]],
    "unaligned: only the (aligned) savepoint",
  );
});

test("checkpoints go out unaligned, or aligned with the aligned-checkpoint-timeout", async () => {
  for (const [timeout, expected] of [
    [0, { unaligned: true }],
    [300, { alignedTimeoutMs: 300 }],
  ] as const) {
    const dir = mkdtempSync(join(tmpdir(), "sluice-unaligned-coordinator-"));
    const triggers: CheckpointTrigger[] = [];
    const task: CheckpointTask = { executionId: "e0", vertexId: "v", isSource: true, running: true, finished: false, trigger: async (t) => void triggers.push(t), notifyComplete: () => {}, notifyAborted: () => {} };
    const coordinator = new CheckpointCoordinator({
      jobId: JOB,
      settings: { intervalMs: 0, timeoutMs: 60_000, minPauseMs: 0, maxConcurrent: 1, tolerableFailures: 0, retained: 1, mode: "exactly-once", dir, savepointDir: dir, retainOnCancellation: false, checkpointsAfterTasksFinish: true, unaligned: true, alignedCheckpointTimeoutMs: timeout },
      store: new InMemoryCompletedCheckpointStore(JOB, 1, new Map()),
      counter: new InMemoryCheckpointIdCounter(JOB, newCounterCell()),
      logger: quietLogger(),
      tasks: () => [task],
      onTolerableFailuresExceeded: () => {},
      clock: new ManualClock(1_000_000),
    });
    try {
      coordinator.triggerCheckpoint().catch(() => {});
      await settle();
      const { unaligned, alignedTimeoutMs } = triggers[0]!.barrier;
      assert.deepEqual({ ...(unaligned ? { unaligned } : {}), ...(alignedTimeoutMs !== undefined ? { alignedTimeoutMs } : {}) }, expected);
    } finally {
      await coordinator.shutdown("CANCELED");
      rmSync(dir, { recursive: true, force: true });
    }
  }
});
