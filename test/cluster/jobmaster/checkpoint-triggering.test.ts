/**
 * The CheckpointCoordinator's periodic trigger on a manual clock: a checkpoint whose id is still
 * being drawn (with HA a ZooKeeper round trip, slow on a loaded machine) counts against
 * `execution.checkpointing.max-concurrent-checkpoints`. Regression: the container faults test
 * ran checkpoints 1 and 2 at once with the default of 1, one source took part only in 2, and that
 * overlap exposed the barrier alignment bug of test/unit/barrier-alignment.test.ts.
 */
import assert from "node:assert/strict";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { test } from "node:test";
import type { CheckpointIdCounter } from "../../../src/cluster/ha/interface.js";
import { InMemoryCompletedCheckpointStore } from "../../../src/cluster/ha/standalone/in-memory-stores.js";
import { CheckpointCoordinator, type CheckpointTask } from "../../../src/cluster/jobmaster/checkpoint-coordinator.js";
import { quietLogger } from "../../../src/util/logger.js";
import { ManualClock } from "../../../src/util/clock.js";

const JOB = "0123456789abcdef0123456789abcdef";

/** A counter whose answers the test releases one at a time. */
class SlowCounter implements CheckpointIdCounter {
  readonly jobId = JOB;
  private next = 1;
  readonly waiting: (() => void)[] = [];
  getAndIncrement(): Promise<number> {
    return new Promise((resolve) => this.waiting.push(() => resolve(this.next++)));
  }
  async get(): Promise<number> {
    return this.next;
  }
  async set(value: number): Promise<void> {
    this.next = value;
  }
}

test("a periodic checkpoint whose id is still being drawn counts against max concurrent checkpoints", async () => {
  const dir = mkdtempSync(join(tmpdir(), "sluice-checkpoint-triggering-"));
  const clock = new ManualClock(1_000_000);
  const counter = new SlowCounter();
  const triggered: number[] = [];
  const source: CheckpointTask = {
    executionId: "source-0",
    isSource: true,
    running: true,
    trigger: async (t) => void triggered.push(t.barrier.checkpointId),
    notifyComplete: () => {},
    notifyAborted: () => {},
  };
  const coordinator = new CheckpointCoordinator({
    jobId: JOB,
    settings: { intervalMs: 100, timeoutMs: 60_000, minPauseMs: 0, maxConcurrent: 1, tolerableFailures: 0, retained: 1, mode: "exactly-once", dir, savepointDir: dir, retainOnCancellation: false },
    store: new InMemoryCompletedCheckpointStore(JOB, 1, new Map()),
    counter,
    logger: quietLogger(),
    tasks: () => [source],
    onTolerableFailuresExceeded: () => assert.fail("no checkpoint fails here"),
    clock,
  });
  coordinator.startPeriodic();
  for (let i = 0; i < 10; i++) clock.advance(100); // ten intervals while the first id is drawn
  assert.equal(counter.waiting.length, 1, "one checkpoint at a time, even before its id is known");
  counter.waiting.shift()!();
  await new Promise((r) => setImmediate(r));
  assert.deepEqual(triggered, [1]);
  for (let i = 0; i < 10; i++) clock.advance(100); // checkpoint 1 is pending (no acknowledgement)
  assert.equal(counter.waiting.length, 0);
  coordinator.stopPeriodic();
  await coordinator.shutdown("CANCELED");
  rmSync(dir, { recursive: true, force: true });
});
