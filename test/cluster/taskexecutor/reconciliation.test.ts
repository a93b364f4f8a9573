/**
 * What keeps a TaskExecutor's and a JobMaster's views of a job's slots and tasks in line
 * (docs/architecture.md, "Failures"): deployments checked against their slot's allocation before and
 * after the bundle download, cancels of unknown tasks answered, and heartbeat answers that report
 * what is held for the asking JobMaster.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { TaskNotFoundError } from "../../../src/cluster/taskexecutor/task-executor-errors.js";
import { Harness, descriptor, flush } from "./support.js";

/** Makes the next bundle download wait until the returned function is called. */
function holdDownload(h: Harness): () => void {
  let release!: () => void;
  const gate = new Promise<void>((r) => (release = r));
  const original = h.bundles.path.bind(h.bundles);
  h.bundles.path = async (hash) => {
    await gate;
    return original(hash);
  };
  return release;
}

test("a cancel that arrives during the bundle download is reported CANCELED, and the task never reaches a worker", async () => {
  const h = await Harness.start();
  try {
    const jm = h.serveJobMaster("job-a");
    await h.allocate(0, "job-a");
    const release = holdDownload(h);
    const submitted = h.gateway.submitTask(descriptor("job-a", "e1", h.te.id, 0));
    await flush();
    await h.gateway.cancelTask("e1");
    release();
    await submitted;
    await flush();
    assert.deepEqual(h.worker(0).postedOf("deploy"), []);
    assert.deepEqual(jm.callsOf("updateTaskExecutionState").map((c) => c.slice(0, 2)), [["e1", "CANCELED"]]);
  } finally {
    await h.stop();
  }
});

test("a slot freed and allocated to another job during the bundle download does not get the stale task", async () => {
  const h = await Harness.start();
  try {
    h.serveJobMaster("job-a");
    h.serveJobMaster("job-b");
    const alloc = await h.allocate(0, "job-a");
    const release = holdDownload(h);
    const submitted = h.gateway.submitTask(descriptor("job-a", "e1", h.te.id, 0));
    await flush();
    await h.gateway.freeSlot(alloc, "test");
    await h.allocate(0, "job-b");
    release();
    await assert.rejects(submitted, TaskNotFoundError);
    assert.deepEqual(h.worker(0).postedOf("deploy"), []);
  } finally {
    await h.stop();
  }
});

test("a deployment for an allocation the slot no longer holds is rejected, even for the same job", async () => {
  const h = await Harness.start();
  try {
    h.serveJobMaster("job-a");
    const first = await h.allocate(0, "job-a");
    await h.gateway.freeSlot(first, "test");
    const second = await h.allocate(0, "job-a", undefined, "alloc-again");
    assert.notEqual(second, first);
    await assert.rejects(h.gateway.submitTask(descriptor("job-a", "stale", h.te.id, 0, { allocationId: first })), /no longer holds allocation/);
    await h.gateway.submitTask(descriptor("job-a", "fresh", h.te.id, 0, { allocationId: second }));
    assert.deepEqual(h.worker(0).postedOf("deploy").map((d) => d.tdd.executionId), ["fresh"]);
  } finally {
    await h.stop();
  }
});

test("cancelling a task the TaskExecutor does not have answers TaskNotFoundError", async () => {
  const h = await Harness.start();
  try {
    await assert.rejects(h.gateway.cancelTask("nowhere"), TaskNotFoundError);
  } finally {
    await h.stop();
  }
});

test("a heartbeat answer reports the allocations and executions held for the asking JobMaster only", async () => {
  const h = await Harness.start({ session: "s1" });
  try {
    h.serveJobMaster("job-a", {}, "s1");
    await h.allocate(0, "job-a", "s1");
    await h.gateway.submitTask(descriptor("job-a", "e1", h.te.id, 0, { jobMasterToken: "s1" }));
    await flush();
    const held = (await h.gateway.heartbeatFromJobManager("job-a", "s1")).held;
    assert.deepEqual(held, { allocations: ["alloc-job-a-0"], executions: { e1: "DEPLOYING" } });
    assert.deepEqual((await h.gateway.heartbeatFromJobManager("job-a", "other-session")).held, { allocations: [], executions: {} });
    assert.deepEqual((await h.gateway.heartbeatFromJobManager("job-b")).held, { allocations: [], executions: {} });
  } finally {
    await h.stop();
  }
});
