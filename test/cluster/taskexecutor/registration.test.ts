import { test } from "node:test";
import assert from "node:assert/strict";
import { ENDPOINTS } from "../../../src/cluster/endpoints.js";
import type { TaskExecutorRegistration } from "../../../src/cluster/messages.js";
import { FencingTokenMismatchError } from "../../../src/cluster/rpc/interface.js";
import { LocalRpcService } from "../../../src/cluster/rpc/local-rpc-service.js";
import { Harness, HEARTBEAT, TestingResourceManagerGateway, descriptor, flush } from "./support.js";

test("registers its slots at the ResourceManager, with a TaskManager id from the injected id source", async () => {
  const h = await Harness.start({ slots: 3 });
  try {
    assert.equal(h.te.id, "tm-id-1-of-");
    const [registration] = h.rm.callsOf("registerTaskExecutor")[0] as [TaskExecutorRegistration];
    assert.equal(registration.taskManagerId, h.te.id);
    assert.equal(registration.address, h.teRpc.address);
    assert.equal(registration.numberOfSlots, 3);
    assert.deepEqual(
      registration.slotReport.slots.map((s) => s.slotIndex),
      [0, 1, 2],
    );
    assert.ok(registration.slotReport.slots.every((s) => s.allocationId === undefined));
    assert.equal(h.te.isRegistered, true);
  } finally {
    await h.stop();
  }
});

test("retries the registration with a doubling backoff while the ResourceManager is down", async () => {
  const h = new Harness();
  // Nothing serves at the ResourceManager's address until it comes up.
  const rmAddress = h.rmRpc.address;
  await h.rmRpc.stop();
  const started = h.te.start();
  const upRpc = new LocalRpcService({ id: rmAddress.slice("local://".length) });
  try {
    await flush();
    assert.equal(h.leaderLookups, 1);
    h.clock.advance(49);
    await flush();
    assert.equal(h.leaderLookups, 1, "no retry before the first backoff of 50 ms");
    h.clock.advance(1);
    await flush();
    assert.equal(h.leaderLookups, 2);
    h.clock.advance(99);
    await flush();
    assert.equal(h.leaderLookups, 2, "the second backoff is 100 ms");
    h.clock.advance(1);
    await flush();
    assert.equal(h.leaderLookups, 3);
    assert.equal(h.te.isRegistered, false);

    const rm = new TestingResourceManagerGateway();
    upRpc.serve(ENDPOINTS.resourceManager, rm);
    h.clock.advance(200);
    await flush();
    await started;
    assert.equal(rm.callsOf("registerTaskExecutor").length, 1);
    assert.equal(h.te.isRegistered, true);
  } finally {
    await h.stop();
    await upRpc.stop();
  }
});

test("re-registers when the ResourceManager stops asking for heartbeats, not while it asks", async () => {
  const h = await Harness.start();
  try {
    for (let t = 0; t < HEARTBEAT.timeoutMs * 2; t += HEARTBEAT.intervalMs) {
      await h.gateway.heartbeatFromResourceManager();
      h.clock.advance(HEARTBEAT.intervalMs);
      await flush();
    }
    assert.equal(h.rm.callsOf("registerTaskExecutor").length, 1);
    h.clock.advance(HEARTBEAT.timeoutMs + HEARTBEAT.intervalMs);
    await flush();
    assert.equal(h.rm.callsOf("registerTaskExecutor").length, 2);
  } finally {
    await h.stop();
  }
});

test("a new ResourceManager leader: registers with it and frees the slots of JobMasters of the earlier session", async () => {
  const h = await Harness.start({ session: "session-1" });
  const newRpc = new LocalRpcService();
  try {
    h.serveJobMaster("job-a", {}, "session-1");
    const allocation = await h.allocate(0, "job-a", "session-1");
    assert.equal(h.te.slotReport().slots[0]!.allocationId, allocation);
    const worker = h.worker(0);

    const newRm = new TestingResourceManagerGateway();
    newRpc.serve(ENDPOINTS.resourceManager, newRm);
    h.leader = { address: newRpc.address, sessionId: "session-2" };
    h.te.resourceManagerLeaderChanged(h.leader);
    await flush();

    assert.equal(newRm.callsOf("registerTaskExecutor").length, 1);
    const [registration] = newRm.callsOf("registerTaskExecutor")[0] as [TaskExecutorRegistration];
    assert.ok(registration.slotReport.slots.every((s) => s.allocationId === undefined), "the new leader sees the stale slot free");
    assert.equal(worker.terminated, true);

    // The same leader reported again changes nothing.
    h.te.resourceManagerLeaderChanged(h.leader);
    await flush();
    assert.equal(newRm.callsOf("registerTaskExecutor").length, 1);
  } finally {
    await h.stop();
    await newRpc.stop();
  }
});

test("stale fencing tokens are rejected: slot requests, deployments and disconnects of an earlier leader session", async () => {
  const h = await Harness.start({ session: "session-2" });
  try {
    await assert.rejects(h.gateway.requestSlot(0, "a1", "job-a", h.jmRpc.address, "session-1"), FencingTokenMismatchError);
    assert.equal(h.te.slotReport().slots[0]!.allocationId, undefined);

    h.serveJobMaster("job-a", {}, "session-2");
    await h.allocate(0, "job-a", "session-2");
    await assert.rejects(
      h.gateway.submitTask(descriptor("job-a", "e1", h.te.id, 0, { jobMasterToken: "session-1" })),
      FencingTokenMismatchError,
    );
    assert.equal(h.worker(0).postedOf("deploy").length, 0);
    await assert.rejects(h.gateway.disconnectJobManager("job-a", "stale", "session-1"), FencingTokenMismatchError);
    assert.ok(h.te.slotReport().slots[0]!.allocationId, "the newer JobMaster keeps its slot");
  } finally {
    await h.stop();
  }
});
