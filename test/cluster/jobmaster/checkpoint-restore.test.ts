/**
 * The CheckpointCoordinator picks the checkpoint to restart from only after a checkpoint that was
 * already completing has been stored. Regression: in the container faults test checkpoint 29 was
 * being stored when a TaskManager was lost; the restart chose 28, which 29 then subsumed and whose
 * folder was discarded under the restoring tasks — one restart more, and the job ran out of them.
 */
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { CompletedCheckpoint } from "../../../src/cluster/ha/interface.js";
import { InMemoryCheckpointIdCounter, InMemoryCompletedCheckpointStore, newCounterCell } from "../../../src/cluster/ha/standalone/in-memory-stores.js";
import { CheckpointCoordinator, type CheckpointTask } from "../../../src/cluster/jobmaster/checkpoint-coordinator.js";
import type { TaskCheckpointAck } from "../../../src/runtime/tasks/deployment.js";
import { ManualClock } from "../../../src/util/clock.js";
import { quietLogger } from "../../../src/util/logger.js";

const JOB = "0123456789abcdef0123456789abcdef";

/** A store whose adds the test lets through one at a time. */
class GatedStore extends InMemoryCompletedCheckpointStore {
  readonly held: (() => void)[] = [];
  gate = false;
  override async add(checkpoint: CompletedCheckpoint): Promise<CompletedCheckpoint[]> {
    if (this.gate) await new Promise<void>((r) => this.held.push(r));
    return super.add(checkpoint);
  }
}

const settle = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
};

test("the restart waits for a checkpoint that is being stored, and restores that one", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sluice-checkpoint-restore-"));
  const store = new GatedStore(JOB, 1, new Map());
  const task: CheckpointTask = { executionId: "e0", vertexId: "v", isSource: true, running: true, finished: false, trigger: async () => {}, notifyComplete: () => {}, notifyAborted: () => {} };
  const coordinator = new CheckpointCoordinator({
    jobId: JOB,
    settings: { intervalMs: 0, timeoutMs: 60_000, minPauseMs: 0, maxConcurrent: 1, tolerableFailures: 0, retained: 1, mode: "exactly-once", dir, savepointDir: dir, retainOnCancellation: false, unaligned: false, alignedCheckpointTimeoutMs: 0, checkpointsAfterTasksFinish: true },
    store,
    counter: new InMemoryCheckpointIdCounter(JOB, newCounterCell()),
    logger: quietLogger(),
    tasks: () => [task],
    onTolerableFailuresExceeded: () => assert.fail("no checkpoint fails here"),
    clock: new ManualClock(1_000_000),
  });
  /** Takes checkpoint `id` with one task's state file of 4 bytes. */
  const checkpoint = async (id: number): Promise<{ done: Promise<string> }> => {
    const done = coordinator.triggerCheckpoint();
    done.catch(() => {});
    await settle();
    const file = "v-0.state";
    mkdirSync(join(dir, JOB, `chk-${id}`), { recursive: true });
    writeFileSync(join(dir, JOB, `chk-${id}`, file), "abcd");
    const ack = { vertexId: "v", subtask: 0, keyGroupStart: 0, keyGroupEnd: 127, file, bytes: 4, operators: [{ uid: "op", name: "op" }], syncDurationMs: 0, asyncDurationMs: 0, alignmentDurationMs: 0 } as TaskCheckpointAck;
    coordinator.acknowledge("e0", id, ack);
    return { done };
  };
  try {
    await (await checkpoint(1)).done;
    store.gate = true;
    const second = await checkpoint(2); // every acknowledgement is in
    // `_metadata` is written (real file I/O), then the store's add starts and is held here.
    for (let waited = 0; store.held.length === 0; waited += 10) {
      assert.ok(waited < 5_000, "the store's add of checkpoint 2 never started");
      await new Promise((r) => setTimeout(r, 10));
    }
    coordinator.failover("a TaskManager was lost");
    const restore = coordinator.latestRestore();
    await settle();
    store.held.shift()!();
    assert.equal((await restore)?.checkpointId, 2);
    await second.done;
  } finally {
    await coordinator.shutdown("CANCELED");
    rmSync(dir, { recursive: true, force: true });
  }
});
