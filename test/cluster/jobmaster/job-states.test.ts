/** Each JobMaster state's events, the transition table, and the failure paths that do not come from a task. */
import assert from "node:assert/strict";
import { test } from "node:test";
import { JOB_STATE_TRANSITIONS, IllegalStateTransitionError, checkTransition, type JobStateName } from "../../../src/cluster/jobmaster/states/transitions.js";
import { CorruptStateError } from "../../../src/runtime/checkpoint/task-state.js";
import { serializeError } from "../../../src/errors/serialized-error.js";
import type { CompletedCheckpointStore } from "../../../src/cluster/ha/interface.js";
import { JobMasterHarness } from "./support/harness.js";

const FIXED_DELAY = { "restart-strategy.type": "fixed-delay", "restart-strategy.fixed-delay.attempts": "5", "restart-strategy.fixed-delay.delay": "100" };

test("the transition table rejects illegal transitions with an error naming both states", () => {
  assert.throws(() => checkTransition("FINISHED", "EXECUTING"), (e: unknown) => e instanceof IllegalStateTransitionError && /from FINISHED to EXECUTING/.test(e.message));
  assert.throws(() => checkTransition("CREATED", "EXECUTING"), IllegalStateTransitionError);
  assert.throws(() => checkTransition("CANCELING", "RESTARTING"), IllegalStateTransitionError);
  for (const terminal of ["FINISHED", "FAILED", "CANCELED", "SUSPENDED"] as JobStateName[]) assert.deepEqual(JOB_STATE_TRANSITIONS[terminal], []);
  checkTransition("EXECUTING", "RESTARTING");
  // Every state is reachable from CREATED, and every non-terminal state can be suspended.
  const seen = new Set<JobStateName>(["CREATED"]);
  for (const s of seen) for (const next of JOB_STATE_TRANSITIONS[s]) seen.add(next);
  assert.equal(seen.size, Object.keys(JOB_STATE_TRANSITIONS).length);
  for (const [from, to] of Object.entries(JOB_STATE_TRANSITIONS)) if (to.length > 0) assert.ok(to.includes("SUSPENDED"), `${from} can be suspended`);
});

test("CREATED: cancel before start ends CANCELED, and a later start does nothing", async () => {
  const h = new JobMasterHarness();
  try {
    assert.equal(h.jm.jobStatus, "INITIALIZING");
    h.jm.cancel();
    assert.equal((await h.jm.result).state, "CANCELED");
    await h.jm.start();
    assert.equal(h.jm.jobStatus, "CANCELED");
    assert.equal(h.resourceManager.calls.filter((c) => c.method === "declareRequiredResources" && c.args[2] !== 0).length, 0);
  } finally {
    await h.stop();
  }
});

test("WAITING_FOR_RESOURCES: too few slots wait with a message, a lost TaskManager updates it, savepoints are declined", async () => {
  const h = new JobMasterHarness({ parallelisms: [3], taskManagers: 3, slotsPerTaskManager: 1 });
  try {
    await h.start();
    await h.tms.offerSlots(h.tms.taskManagers[0]!);
    await h.tms.offerSlots(h.tms.taskManagers[1]!);
    assert.equal(h.jm.stateName, "WAITING_FOR_RESOURCES");
    assert.match(h.jm.details().statusMessage ?? "", /needs 3 slots, 2 offered so far/);
    await assert.rejects(h.jm.triggerSavepoint(undefined), /not all tasks are running/);
    await h.tms.gateway.disconnectTaskManager(h.tms.taskManagers[1]!.id, "gone");
    assert.match(h.jm.details().statusMessage ?? "", /needs 3 slots, 1 offered so far/);
    assert.equal(h.deployedIds().length, 0);
    // The lost TaskManager comes back, and a third one offers its slot.
    await h.tms.offerSlots(h.tms.taskManagers[1]!);
    await h.tms.offerSlots(h.tms.taskManagers[2]!);
    await h.settle();
    assert.equal(h.jm.stateName, "EXECUTING");
    assert.equal(h.deployedIds().length, 3);
  } finally {
    await h.stop();
  }
});

test("EXECUTING: a task that runs after its cancel overtook the deployment is cancelled again", async () => {
  const h = new JobMasterHarness({ autoRun: false });
  try {
    await h.start();
    await h.tms.offerAllSlots();
    await h.settle();
    const ids = h.deployedIds();
    h.jm.cancel();
    assert.equal(h.jm.jobStatus, "CANCELLING");
    await h.settle();
    const cancels = (): number => h.tms.taskManagers.flatMap((tm) => tm.gateway.callsOf("cancelTask")).length;
    assert.equal(cancels(), 4);
    await h.tms.report(ids[0]!, "RUNNING");
    await h.settle();
    assert.equal(cancels(), 5, "the late RUNNING task gets a second cancel");
    assert.deepEqual(await h.tms.offerSlots(h.tms.taskManagers[0]!), [], "CANCELING takes no slots");
    for (const id of ids) await h.tms.report(id, "CANCELED");
    assert.equal((await h.jm.result).state, "CANCELED");
  } finally {
    await h.stop();
  }
});

test("EXECUTING: more failed checkpoints than tolerated fail the job over", async () => {
  const h = new JobMasterHarness({ config: FIXED_DELAY, autoRun: false });
  try {
    await h.start();
    await h.tms.offerAllSlots();
    await h.settle();
    for (const id of h.deployedIds()) await h.tms.report(id, "RUNNING");
    const pending = h.jm.checkpoints.triggerCheckpoint();
    await h.settle();
    await h.tms.gateway.declineCheckpoint(h.deployedIds()[0]!, 1, { name: "Error", message: "disk full" });
    await assert.rejects(pending, /declined: disk full/);
    await h.settle();
    assert.equal(h.jm.jobStatus, "RESTARTING");
    assert.equal(h.jm.exceptionHistory().at(-1)?.exceptionName, "CheckpointFailureError");
  } finally {
    await h.stop();
  }
});

test("EXECUTING: a TaskManager that stops answering heartbeats is declared lost", async () => {
  const h = new JobMasterHarness({ config: FIXED_DELAY });
  try {
    await h.start();
    await h.tms.offerAllSlots();
    await h.settle();
    const silent = h.tms.taskManagers[0]!; // the slots of the first TaskManager hold the tasks
    (silent.gateway as unknown as { overrides: Record<string, unknown> }).overrides.heartbeatFromJobManager = () => new Promise(() => {});
    for (let t = 0; t < 8 && h.jm.jobStatus === "RUNNING"; t++) await h.advance(1000);
    assert.equal(h.jm.jobStatus, "RESTARTING");
    assert.match(h.jm.exceptionHistory().at(-1)?.message ?? "", /heartbeat timed out/);
    assert.equal(silent.gateway.callsOf("disconnectJobManager").length, 1, "a TaskManager that was only silent is told to free the job's slots");
  } finally {
    await h.stop();
  }
});

test("a task that cannot read its state makes the restart skip that checkpoint (CorruptStateError across the wire)", async () => {
  const h = new JobMasterHarness({ config: FIXED_DELAY });
  try {
    await h.start();
    await h.tms.offerAllSlots();
    await h.settle();
    await h.jm.checkpoints.triggerCheckpoint();
    await h.tms.report(h.runningIds()[0]!, "FAILED", { name: "Error", message: "boom" });
    await h.advance(100);
    await h.settle();
    const restored = (): (number | undefined)[] =>
      h.tms.taskManagers.flatMap((tm) => tm.gateway.deployments()).filter((t) => t.attempt === h.jm.details().restarts).map((t) => t.restore?.checkpointId);
    assert.deepEqual([...new Set(restored())], [1]);
    await h.tms.report(h.runningIds()[0]!, "FAILED", serializeError(new CorruptStateError("state file is corrupt")));
    await h.advance(100);
    await h.settle();
    assert.equal(h.jm.details().restarts, 2);
    assert.deepEqual([...new Set(restored())], [undefined], "checkpoint 1 is not restored again");
  } finally {
    await h.stop();
  }
});

test("RESTARTING and FAILING: failures of other tasks are recorded, slots are kept while restarting and refused while failing", async () => {
  const h = new JobMasterHarness({ config: FIXED_DELAY, autoRun: false });
  try {
    await h.start();
    await h.tms.offerAllSlots();
    await h.settle();
    const ids = h.deployedIds();
    for (const id of ids) await h.tms.report(id, "RUNNING");
    await h.tms.report(ids[0]!, "FAILED", { name: "Error", message: "first" });
    assert.equal(h.jm.jobStatus, "RESTARTING");
    await h.tms.report(ids[1]!, "FAILED", { name: "Error", message: "second" });
    assert.equal(h.jm.exceptionHistory().length, 2);
    assert.equal((await h.tms.offerSlots(h.tms.taskManagers[0]!)).length, 2, "RESTARTING keeps taking slots");
    for (const id of ids.slice(2)) await h.tms.report(id, "CANCELED");
    await h.advance(100);
    assert.equal(h.jm.stateName, "EXECUTING", "restarted once every task had ended");
  } finally {
    await h.stop();
  }
  const f = new JobMasterHarness({ autoRun: false });
  try {
    await f.start();
    await f.tms.offerAllSlots();
    await f.settle();
    const ids = f.deployedIds();
    await f.tms.report(ids[0]!, "FAILED", { name: "Error", message: "fatal" });
    assert.equal(f.jm.jobStatus, "FAILING");
    assert.deepEqual(await f.tms.offerSlots(f.tms.taskManagers[0]!), []);
    await assert.rejects(f.jm.triggerSavepoint(undefined), /job is FAILING/);
    for (const id of ids.slice(1)) await f.tms.report(id, "CANCELED");
    assert.equal((await f.jm.result).state, "FAILED");
  } finally {
    await f.stop();
  }
});

test("WAITING_FOR_RESOURCES: a checkpoint store that cannot be read is a job failure under the restart strategy", async () => {
  const unreadable: CompletedCheckpointStore = {
    jobId: "job",
    maxRetained: 1,
    add: async () => [],
    latest: async () => undefined,
    list: async () => {
      throw new Error("ZooKeeper is unreachable");
    },
    removeAll: async () => {},
  } as unknown as CompletedCheckpointStore;
  const h = new JobMasterHarness({ checkpointStore: unreadable });
  try {
    await h.start();
    await h.settle();
    const result = await h.jm.result;
    assert.equal(result.state, "FAILED");
    assert.equal(result.failure?.name, "RestoreFailedError");
    assert.match(result.failure?.message ?? "", /ZooKeeper is unreachable/);
    assert.equal(h.deployedIds().length, 0);
  } finally {
    await h.stop();
  }
});
