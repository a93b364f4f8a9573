/**
 * A checkpoint completing while the job fails over (the CheckpointCoordinator on a ManualClock, its
 * storage in memory://): writing `_metadata` and recording the checkpoint take a while on remote
 * storage, and a failover in between must not leave the restart restoring from an older checkpoint
 * while the newer one later becomes the newest — its pre-committed transactions would have been
 * aborted by that restart, and a second restore from it would commit nothing. The restore waits for
 * a recording under way and restores from the store as it ends up.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { CheckpointCoordinator, type CheckpointTask } from "../../../src/cluster/jobmaster/checkpoint-coordinator.js";
import { checkpointSettings } from "../../../src/cluster/jobmaster/checkpoint-settings.js";
import { InMemoryCheckpointIdCounter, InMemoryCompletedCheckpointStore } from "../../../src/cluster/ha/standalone/in-memory-stores.js";
import type { CompletedCheckpoint } from "../../../src/cluster/ha/interface.js";
import { fileSystemFor } from "../../../src/fs/file-systems.js";
import { ManualClock } from "../../../src/util/clock.js";
import { quietLogger } from "../../../src/util/logger.js";

const JOB = "a".repeat(32);

test("a failover while a completed checkpoint is being recorded: the restore waits and restores from it", async () => {
  const store = new InMemoryCompletedCheckpointStore(JOB, 3, new Map());
  let releaseAdd: (() => void) | undefined;
  const slowStore = Object.assign(Object.create(store) as InMemoryCompletedCheckpointStore, {
    add: async (c: CompletedCheckpoint) => {
      await new Promise<void>((resolve) => (releaseAdd = resolve));
      return store.add(c);
    },
  });
  let coordinator!: CheckpointCoordinator;
  const task: CheckpointTask = {
    executionId: "e0",
    vertexId: "v",
    isSource: true,
    running: true,
    finished: false,
    async trigger({ barrier }) {
      await fileSystemFor(barrier.dir).write(`${barrier.dir}/v-0.state`, Buffer.from("state"));
      coordinator.acknowledge("e0", barrier.checkpointId, {
        vertexId: "v",
        subtask: 0,
        keyGroupStart: 0,
        keyGroupEnd: 127,
        file: "v-0.state",
        bytes: 5,
        operators: [{ uid: "op", name: "op" }],
        syncDurationMs: 0,
        asyncDurationMs: 0,
        alignmentDurationMs: 0,
      });
    },
    notifyComplete: () => {},
    notifyAborted: () => {},
  };
  coordinator = new CheckpointCoordinator({
    jobId: JOB,
    settings: checkpointSettings({}, { "execution.checkpointing.dir": "memory:///race/checkpoints" }),
    store: slowStore,
    counter: new InMemoryCheckpointIdCounter(JOB, { value: 1 }),
    logger: quietLogger(),
    tasks: () => [task],
    onTolerableFailuresExceeded: () => assert.fail("no checkpoint should count as failed"),
    clock: new ManualClock(),
  });

  const completed = coordinator.triggerCheckpoint();
  await waitUntil(() => releaseAdd !== undefined);
  // The job fails over while checkpoint 1 is being recorded in the store.
  coordinator.failover("task failure");
  let restored: { checkpointId: number } | undefined | "pending" = "pending";
  const restore = coordinator.latestRestore().then((r) => (restored = r));
  await settle();
  assert.equal(restored, "pending", "the restore waits for the recording under way");
  releaseAdd!();
  await restore;
  assert.equal((restored as unknown as { checkpointId: number } | undefined)?.checkpointId, 1, "and restores from the checkpoint as the store ends up");
  assert.match(await completed, /chk-1\/_metadata$/);
});

async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise((r) => setImmediate(r));
}

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1000 && !condition(); i++) await new Promise((r) => setImmediate(r));
  assert.ok(condition());
}
