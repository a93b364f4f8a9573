/**
 * The JobMaster reconciles its view with what each TaskExecutor's heartbeat answer reports holding
 * (docs/architecture.md, "Failures"), declines slots beyond its need, and counts a cancelled task its
 * TaskExecutor does not have as CANCELED.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { TaskNotFoundError } from "../../../src/cluster/taskexecutor/task-executor-errors.js";
import type { HeldForJob } from "../../../src/cluster/messages.js";
import { JobMasterHarness } from "./support/harness.js";

const FIXED_DELAY = { "restart-strategy.type": "fixed-delay", "restart-strategy.fixed-delay.attempts": "5", "restart-strategy.fixed-delay.delay": "100 ms" };

function overrides(h: JobMasterHarness, tm: number): Record<string, unknown> {
  return (h.tms.taskManagers[tm]!.gateway as unknown as { overrides: Record<string, unknown> }).overrides;
}

test("tasks a TaskExecutor no longer reports holding fail, its dropped allocations are forgotten, and the job restarts", async () => {
  const h = new JobMasterHarness({ config: FIXED_DELAY });
  try {
    await h.start();
    await h.tms.offerAllSlots();
    await h.settle();
    assert.equal(h.jm.jobStatus, "RUNNING");
    // The first TaskManager (whose slots hold the tasks) dropped them all, its connection to the JobMaster lost.
    const empty: HeldForJob = { allocations: [], executions: {} };
    overrides(h, 0).heartbeatFromJobManager = () => ({ metrics: {}, held: empty });
    await h.advance(1000);
    assert.equal(h.jm.jobStatus, "RESTARTING");
    assert.match(h.logs.join("\n"), /no longer holds allocation/);
    assert.match(h.jm.exceptionHistory().at(-1)?.exceptionName ?? "", /TaskNotFoundError/);
  } finally {
    await h.stop();
  }
});

test("a final state the TaskExecutor reports in its heartbeat answer counts when the task's own report was lost", async () => {
  const h = new JobMasterHarness({ autoRun: false });
  try {
    await h.start();
    await h.tms.offerAllSlots();
    await h.settle();
    const held: HeldForJob = { allocations: [], executions: {} };
    for (const [i, tm] of h.tms.taskManagers.entries()) {
      const ids = tm.gateway.callsOf("submitTask").map(([s]) => (s as { executionId: string; allocationId: string }));
      for (const s of ids) {
        held.executions[s.executionId] = "FINISHED";
        held.allocations.push(s.allocationId);
      }
      overrides(h, i).heartbeatFromJobManager = () => ({ metrics: {}, held });
    }
    await h.advance(1000);
    assert.equal(h.jm.jobStatus, "FINISHED");
  } finally {
    await h.stop();
  }
});

test("a cancel answered TaskNotFoundError counts as CANCELED: the job does not wait for it", async () => {
  const h = new JobMasterHarness({ autoRun: false });
  try {
    await h.start();
    await h.tms.offerAllSlots();
    await h.settle();
    for (let i = 0; i < h.tms.taskManagers.length; i++) {
      overrides(h, i).cancelTask = () => {
        throw new TaskNotFoundError("not here");
      };
    }
    h.jm.cancel();
    await h.settle();
    assert.equal(h.jm.jobStatus, "CANCELED");
  } finally {
    await h.stop();
  }
});

test("slots beyond the job's need are declined", async () => {
  const h = new JobMasterHarness({ parallelisms: [1] });
  try {
    await h.start();
    const accepted = await h.tms.offerAllSlots();
    assert.equal(accepted.length, 1);
  } finally {
    await h.stop();
  }
});
