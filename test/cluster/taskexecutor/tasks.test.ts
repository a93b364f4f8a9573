import { test } from "node:test";
import assert from "node:assert/strict";
import type { TaskCheckpointAck } from "../../../src/runtime/tasks/deployment.js";
import type { CheckpointTrigger } from "../../../src/runtime/tasks/stream-task.js";
import { Harness, descriptor, flush } from "./support.js";

const BUNDLE = "b".repeat(64);
const trigger: CheckpointTrigger = { barrier: { checkpointId: 7, timestamp: 1, savepoint: false, dir: "/cp" } } as CheckpointTrigger;

async function deployed(config?: Record<string, string>): Promise<{ h: Harness; jm: ReturnType<Harness["serveJobMaster"]> }> {
  const h = await Harness.start({ config });
  const jm = h.serveJobMaster("job-a");
  await h.allocate(0, "job-a");
  await h.gateway.submitTask(descriptor("job-a", "e1", h.te.id, 0));
  await flush();
  return { h, jm };
}

test("submitTask posts a deploy message with the bundle's local path to the slot's worker", async () => {
  const { h } = await deployed();
  try {
    const [deploy] = h.worker(0).postedOf("deploy");
    assert.equal(deploy!.tdd.executionId, "e1");
    assert.deepEqual(deploy!.tdd.bundle, { hash: BUNDLE, path: `/memory/${BUNDLE}.mjs` });
    assert.deepEqual(h.bundles.requested, [BUNDLE]);
    await assert.rejects(h.gateway.submitTask(descriptor("job-b", "e2", h.te.id, 0)), /not allocated to job job-b/);
    await assert.rejects(h.gateway.submitTask(descriptor("job-a", "e3", h.te.id, 1)), /slot 1 is not allocated/);
    await assert.rejects(h.gateway.submitTask(descriptor("job-a", "e4", "tm-other", 0)), /not allocated/);
  } finally {
    await h.stop();
  }
});

test("task states from the worker go to the JobMaster, with metrics; a terminal state is final", async () => {
  const { h, jm } = await deployed();
  try {
    const metrics = { numRecordsIn: 1, numRecordsOut: 2 } as never;
    h.worker(0).emit({ type: "task-state", executionId: "e1", state: "RUNNING" });
    h.worker(0).emit({ type: "task-state", executionId: "e1", state: "FINISHED", metrics });
    h.worker(0).emit({ type: "task-state", executionId: "e1", state: "FAILED" });
    await flush();
    const states = jm.callsOf("updateTaskExecutionState");
    assert.deepEqual(
      states.map((c) => c.slice(0, 2)),
      [
        ["e1", "RUNNING"],
        ["e1", "FINISHED"],
      ],
    );
    assert.deepEqual(states[1]![3], metrics);
    assert.deepEqual((await h.gateway.heartbeatFromJobManager("job-a")).metrics, { e1: metrics });
  } finally {
    await h.stop();
  }
});

test("checkpoints: the trigger goes to the worker, its acknowledgement, decline and collected records to the JobMaster", async () => {
  const { h, jm } = await deployed();
  try {
    await h.gateway.triggerCheckpoint("e1", trigger);
    await h.gateway.notifyCheckpointComplete("e1", 7);
    await h.gateway.notifyCheckpointAborted("e1", 6);
    const w = h.worker(0);
    assert.deepEqual(w.postedOf("trigger-checkpoint"), [{ type: "trigger-checkpoint", executionId: "e1", trigger }]);
    assert.deepEqual(w.postedOf("checkpoint-complete"), [{ type: "checkpoint-complete", executionId: "e1", checkpointId: 7 }]);
    assert.deepEqual(w.postedOf("checkpoint-aborted"), [{ type: "checkpoint-aborted", executionId: "e1", checkpointId: 6 }]);
    const ack = { vertexId: "v", subtask: 0 } as TaskCheckpointAck;
    w.emit({ type: "checkpoint-ack", executionId: "e1", checkpointId: 7, ack });
    w.emit({ type: "checkpoint-declined", executionId: "e1", checkpointId: 8, reason: { name: "Error", message: "no" } });
    w.emit({ type: "collect", executionId: "e1", nodeId: 3, values: [1, 2] });
    await flush();
    assert.deepEqual(jm.callsOf("acknowledgeCheckpoint"), [["e1", 7, ack]]);
    assert.deepEqual(jm.callsOf("declineCheckpoint"), [["e1", 8, { name: "Error", message: "no" }]]);
    assert.deepEqual(jm.callsOf("collect"), [["e1", 3, [1, 2]]]);
  } finally {
    await h.stop();
  }
});

test("cancel: the worker is told; a task that does not stop within task.cancellation.timeout gets a fresh worker and is CANCELED", async () => {
  const { h, jm } = await deployed({ "task.cancellation.timeout": "2 s" });
  try {
    const first = h.worker(0);
    await h.gateway.cancelTask("e1");
    assert.deepEqual(first.postedOf("cancel"), [{ type: "cancel", executionId: "e1" }]);
    h.clock.advance(1999);
    await flush();
    assert.equal(first.terminated, false);
    h.clock.advance(1);
    await flush();
    assert.equal(first.terminated, true);
    assert.notEqual(h.worker(0), first, "the slot, still allocated, has a fresh worker");
    assert.deepEqual(jm.callsOf("updateTaskExecutionState").at(-1)!.slice(0, 2), ["e1", "CANCELED"]);
  } finally {
    await h.stop();
  }
});

test("a task that stops in time is not touched after the cancellation timeout", async () => {
  const { h } = await deployed({ "task.cancellation.timeout": "2 s" });
  try {
    const first = h.worker(0);
    await h.gateway.cancelTask("e1");
    first.emit({ type: "task-state", executionId: "e1", state: "CANCELED" });
    h.clock.advance(2500);
    await flush();
    assert.equal(first.terminated, false);
  } finally {
    await h.stop();
  }
});

test("a worker that dies fails its tasks, with the heap limit hint when it ran out of memory", async () => {
  const { h, jm } = await deployed({ "taskmanager.memory.task.heap.mb": "64" });
  try {
    assert.equal(h.worker(0).options.maxHeapMb, 64);
    const first = h.worker(0);
    first.die(Object.assign(new Error("Worker terminated due to reaching memory limit: JS heap out of memory"), { code: "ERR_WORKER_OUT_OF_MEMORY" }));
    await flush();
    const [executionId, state, error] = jm.callsOf("updateTaskExecutionState").at(-1)! as [string, string, { message: string }];
    assert.equal(executionId, "e1");
    assert.equal(state, "FAILED");
    assert.match(error.message, /worker thread died: .*heap out of memory \(heap limit per slot: 64 MB, taskmanager\.memory\.task\.heap\.mb\)/);
    assert.notEqual(h.worker(0), first, "the allocated slot gets a fresh worker");
  } finally {
    await h.stop();
  }
});

test("a definition that is not bound within taskmanager.job.evaluation-timeout fails its task and replaces the worker", async () => {
  const h = await Harness.start({ config: { "taskmanager.job.evaluation-timeout": "3 s" } });
  try {
    const jm = h.serveJobMaster("job-a");
    await h.allocate(0, "job-a");
    await h.allocate(1, "job-a");
    await h.gateway.submitTask(descriptor("job-a", "slow", h.te.id, 0));
    await h.gateway.submitTask(descriptor("job-a", "quick", h.te.id, 1));
    const slow = h.worker(0);
    h.worker(1).emit({ type: "bound", executionId: "quick" });
    h.clock.advance(3000);
    await flush();
    assert.equal(slow.terminated, true);
    assert.equal(h.worker(1).terminated, false);
    const [executionId, state, error] = jm.callsOf("updateTaskExecutionState").at(-1)! as [string, string, { name: string; message: string }];
    assert.deepEqual([executionId, state, error.name], ["slow", "FAILED", "JobEvaluationTimeoutError"]);
    assert.match(error.message, /taskmanager\.job\.evaluation-timeout/);
  } finally {
    await h.stop();
  }
});
