/**
 * The JobMaster's life through its states, against simulated TaskManagers on the in-process RPC
 * service and a manual clock: deploy, checkpoint, fail over from the checkpoint, lose a TaskManager,
 * wait for resources, cancel.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { JobMasterHarness } from "./support/harness.js";

const FIXED_DELAY = { "restart-strategy.type": "fixed-delay", "restart-strategy.fixed-delay.attempts": "5", "restart-strategy.fixed-delay.delay": "2000" };

test("offer slots, deploy, checkpoint, fail over from the checkpoint after the delay, lose a TaskManager, wait, cancel", async () => {
  const h = new JobMasterHarness({ config: FIXED_DELAY, taskManagers: 2, slotsPerTaskManager: 1 });
  try {
    await h.start();
    assert.equal(h.jm.stateName, "WAITING_FOR_RESOURCES");
    assert.equal(h.jm.jobStatus, "RUNNING");
    assert.deepEqual(h.resourceManager.callsOf("declareRequiredResources").map((c) => c[2]), [2]);

    await h.tms.offerAllSlots();
    await h.settle();
    assert.equal(h.jm.stateName, "EXECUTING");
    const first = h.deployedIds();
    assert.equal(first.length, 4, "every subtask of both vertices is deployed");
    assert.equal(h.jm.details().statusCounts.RUNNING, 4);

    const path = await h.jm.checkpoints.triggerCheckpoint();
    assert.match(path, /chk-1/);
    assert.equal(h.jm.checkpoints.stats.snapshot().counts.completed, 1);

    await h.tms.report(first[0]!, "FAILED", { name: "Error", message: "boom" });
    await h.settle();
    assert.equal(h.jm.jobStatus, "RESTARTING");
    assert.equal(h.jm.details().statusCounts.CANCELED, 3, "the other tasks were cancelled");
    await h.advance(1999);
    assert.equal(h.jm.jobStatus, "RESTARTING", "no restart before the strategy's delay");
    assert.equal(h.deployedIds().length, 4);
    await h.advance(1);
    assert.equal(h.jm.stateName, "EXECUTING");
    const second = h.tms.taskManagers.flatMap((tm) => tm.gateway.deployments());
    const attempt1 = second.filter((tdd) => tdd.attempt === 1);
    assert.equal(attempt1.length, 4, "a new attempt of every execution");
    assert.ok(attempt1.every((tdd) => tdd.restore?.checkpointId === 1), "the new attempt restores checkpoint 1");
    assert.equal(h.jm.details().restarts, 1);

    await h.tms.kill(h.tms.taskManagers[0]!);
    await h.settle();
    assert.equal(h.jm.jobStatus, "RESTARTING");
    assert.equal(h.jm.exceptionHistory().at(-1)?.exceptionName, "TaskManagerLostError");
    await h.advance(2000);
    assert.equal(h.jm.stateName, "WAITING_FOR_RESOURCES");
    assert.match(h.jm.details().statusMessage ?? "", /needs 2 slots, 1 offered so far/);

    h.jm.cancel();
    await h.settle();
    assert.equal(h.jm.jobStatus, "CANCELED");
    const result = await h.jm.result;
    assert.equal(result.state, "CANCELED");
    assert.equal(result.restarts, 2);
    assert.equal(result.checkpoints.completed, 1);
    assert.deepEqual(h.resourceManager.callsOf("declareRequiredResources").map((c) => c[2]).at(-1), 0, "the requirement is released");
  } finally {
    await h.stop();
  }
});

test("the job FAILS when the restart strategy gives up, with the task's failure in the result", async () => {
  const h = new JobMasterHarness();
  try {
    await h.start();
    const accepted = await h.tms.offerAllSlots();
    assert.equal(accepted.length, 2, "the job takes the 2 slots it needs of the 4 offered");
    await h.settle();
    const [victim] = h.runningIds();
    await h.tms.report(victim!, "FAILED", { name: "Error", message: "out of luck" });
    await h.settle();
    const result = await h.jm.result;
    assert.equal(result.state, "FAILED");
    assert.equal(result.failure?.message, "out of luck");
    assert.equal(h.jm.exceptionHistory().length, 1);
    const freed = h.tms.taskManagers.flatMap((tm) => tm.gateway.callsOf("freeSlot"));
    assert.equal(freed.length, accepted.length, "every accepted slot is freed");
  } finally {
    await h.stop();
  }
});

test("the job FINISHES when every task has finished", async () => {
  const h = new JobMasterHarness();
  try {
    await h.start();
    await h.tms.offerAllSlots();
    await h.settle();
    for (const id of h.runningIds()) await h.tms.report(id, "FINISHED");
    await h.settle();
    assert.equal((await h.jm.result).state, "FINISHED");
  } finally {
    await h.stop();
  }
});

test("suspend: the job ends SUSPENDED, cancels its own tasks, frees its slots and rejects further calls", async () => {
  const h = new JobMasterHarness({ fencingToken: "session-1" });
  try {
    await h.start();
    const accepted = await h.tms.offerAllSlots();
    await h.settle();
    h.jm.suspend("leadership lost");
    await h.settle();
    const result = await h.jm.result;
    assert.equal(result.state, "SUSPENDED");
    assert.equal(h.tms.taskManagers.flatMap((tm) => tm.gateway.callsOf("cancelTask")).length, 4);
    assert.equal(h.tms.taskManagers.flatMap((tm) => tm.gateway.callsOf("freeSlot")).length, accepted.length);
    await assert.rejects(h.tms.offerAllSlots(), "the endpoint is closed");
    h.jm.cancel();
    assert.equal(h.jm.jobStatus, "SUSPENDED", "nothing leaves SUSPENDED");
    await h.jm.checkpointsShutDown();
  } finally {
    await h.stop();
  }
});

test("a restart delay that fires after the job was cancelled does nothing", async () => {
  const h = new JobMasterHarness({ config: FIXED_DELAY });
  try {
    await h.start();
    await h.tms.offerAllSlots();
    await h.settle();
    await h.tms.report(h.runningIds()[0]!, "FAILED", { name: "Error", message: "boom" });
    await h.settle();
    assert.equal(h.jm.jobStatus, "RESTARTING");
    assert.ok(h.clock.pending > 0);
    h.jm.cancel();
    await h.settle();
    assert.equal(h.jm.jobStatus, "CANCELED");
    const deployed = h.deployedIds().length;
    await h.advance(2000);
    assert.equal(h.jm.jobStatus, "CANCELED");
    assert.equal(h.deployedIds().length, deployed, "nothing is deployed again");
    assert.equal((await h.jm.result).restarts, 0);
    assert.ok(h.logs.some((l) => /work of state RESTARTING skipped/.test(l)));
  } finally {
    await h.stop();
  }
});

test("a task that reports its state again with an error (a connector retrying its server) adds a non-fatal exception and fails nothing", async () => {
  const h = new JobMasterHarness();
  try {
    await h.start();
    await h.tms.offerAllSlots();
    await h.settle();
    const [retrying] = h.runningIds();
    await h.tms.report(retrying!, "RUNNING", { name: "RedisUnavailableError", message: "cannot reach Redis at 127.0.0.1:1; attempt 1, retrying in 100 ms" });
    await h.tms.report(retrying!, "RUNNING", { name: "RedisUnavailableError", message: "cannot reach Redis at 127.0.0.1:1; attempt 2, retrying in 200 ms" });
    await h.settle();
    const history = h.jm.exceptionHistory();
    assert.deepEqual(history.map((e) => [e.exceptionName, e.nonFatal]), [["RedisUnavailableError", true], ["RedisUnavailableError", true]]);
    assert.match(history[1]!.message, /attempt 2/);
    assert.ok(history.every((e) => e.taskName !== undefined), "each entry names the subtask");
    assert.equal(h.jm.jobStatus, "RUNNING");
    assert.equal(h.jm.details().restarts, 0);
    assert.equal(h.jm.details().statusCounts.RUNNING, h.runningIds().length, "every task still runs");
    assert.equal(h.jm.details().statusCounts.FAILED, undefined, "no task failed");
  } finally {
    await h.stop();
  }
});
