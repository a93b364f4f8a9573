/** The ResourceManager with an active resource provider, on a manual clock: starts, the limit message, idle release. */
import { test } from "node:test";
import assert from "node:assert/strict";
import type { WorkerPolicy } from "../../../src/cluster/resourcemanager/resource-provider.js";
import { TestingResourceProvider } from "../../../src/testing/cluster/testing-resource-provider.js";
import { ResourceManagerHarness, settle } from "./support.js";

const JOB = "c".repeat(32);

function provider(policy: Partial<WorkerPolicy> = {}): TestingResourceProvider {
  return new TestingResourceProvider({ slotsPerWorker: 2, maxWorkers: 1, idleTimeoutMs: 2_000, startRetryIntervalMs: 1_000, registrationTimeoutMs: 60_000, ...policy });
}

test("slots short: the provider starts TaskManagers up to its limit, and the declaration answers with the limit message", async () => {
  const p = provider();
  const h = new ResourceManagerHarness({ resourceProvider: p });
  try {
    const status = h.resourceManager.declareRequiredResources(JOB, "local://jm", 3);
    assert.equal(p.started.length, 1);
    assert.match(status.limit ?? "", /resourcemanager\.taskmanager\.max-count \(1\) reached/);

    const te = h.serveTaskExecutor(p.started[0]!, 2);
    await h.resourceManager.registerTaskExecutor(te.registration);
    await settle();
    assert.equal(te.gateway.callsOf("requestSlot").length, 2, "the started TaskManager's slots go to the job");
  } finally {
    await h.close();
  }
});

test("a started TaskManager whose slots stay free past the idle timeout is stopped and forgotten", async () => {
  const p = provider({ maxWorkers: 2 });
  const h = new ResourceManagerHarness({ resourceProvider: p });
  try {
    h.resourceManager.declareRequiredResources(JOB, "local://jm", 2);
    const id = p.started[0]!;
    const te = h.serveTaskExecutor(id, 2, { heartbeatFromResourceManager: () => ({ slots: [{ slotIndex: 0 }, { slotIndex: 1 }] }) });
    await h.resourceManager.registerTaskExecutor(te.registration);
    await settle();
    h.resourceManager.declareRequiredResources(JOB, "local://jm", 0);
    // The job's slots come back free with the next heartbeat; then the idle timeout runs.
    await h.advance(1_500);
    assert.deepEqual(p.stopped, []);
    await h.advance(3_000);
    assert.deepEqual(p.stopped, [id]);
    assert.deepEqual(h.resourceManager.requestTaskManagers(), []);
    await assert.rejects(h.resourceManager.registerTaskExecutor(te.registration), /being stopped/);
  } finally {
    await h.close();
  }
});

test("a started TaskManager that dies before registering is replaced only after the retry interval", async () => {
  const p = provider();
  const h = new ResourceManagerHarness({ resourceProvider: p });
  try {
    h.resourceManager.declareRequiredResources(JOB, "local://jm", 1);
    p.terminate(p.started[0]!, "exited with code 1");
    assert.equal(p.started.length, 1, "no immediate restart");
    await h.advance(1_500);
    assert.equal(p.started.length, 2);
    assert.notEqual(p.started[1], p.started[0], "a new id");
  } finally {
    await h.close();
  }
});
