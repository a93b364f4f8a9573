import { test } from "node:test";
import assert from "node:assert/strict";
import type { SlotReport } from "../../../src/cluster/messages.js";
import { workerKey } from "../../../src/runtime/network/frames.js";
import { ENDPOINTS } from "../../../src/cluster/endpoints.js";
import { LocalRpcService } from "../../../src/cluster/rpc/local-rpc-service.js";
import { Harness, HEARTBEAT, TestingResourceManagerGateway, descriptor, flush } from "./support.js";

test("requestSlot offers the slot to the job's JobMaster and keeps it when accepted", async () => {
  const h = await Harness.start();
  try {
    const jm = h.serveJobMaster("job-a");
    const allocation = await h.allocate(1, "job-a");
    const [tm, address, dataAddress, offers] = jm.callsOf("offerSlots")[0]!;
    assert.equal(tm, h.te.id);
    assert.equal(address, h.teRpc.address);
    assert.equal(typeof dataAddress, "string");
    assert.deepEqual(offers, [{ allocationId: allocation, slotIndex: 1 }]);
    assert.deepEqual(h.te.slotReport().slots[1], { slotIndex: 1, jobId: "job-a", allocationId: allocation });
    assert.equal(h.te.activeWorkers, 1, "the worker starts while the offer is out");
    assert.equal(h.worker(1).options.key, workerKey(h.te.id, 1));
  } finally {
    await h.stop();
  }
});

test("a rejected offer frees the slot, terminates its worker and tells the ResourceManager at once", async () => {
  const h = await Harness.start();
  try {
    h.serveJobMaster("job-a", { offerSlots: () => [] });
    await h.allocate(0, "job-a");
    assert.equal(h.te.slotReport().slots[0]!.allocationId, undefined);
    assert.equal(h.workers[0]!.terminated, true);
    assert.equal(h.te.activeWorkers, 0);
    const [, report] = h.rm.callsOf("heartbeatFromTaskExecutor").at(-1)! as [string, SlotReport];
    assert.equal(report.slots[0]!.allocationId, undefined);
  } finally {
    await h.stop();
  }
});

test("a slot allocated elsewhere is refused; a failed offer (no JobMaster) frees the slot", async () => {
  const h = await Harness.start();
  try {
    h.serveJobMaster("job-a");
    await h.allocate(0, "job-a", undefined, "first");
    await assert.rejects(h.gateway.requestSlot(0, "second", "job-b", h.jmRpc.address), /already allocated/);
    await assert.rejects(h.gateway.requestSlot(7, "x", "job-b", h.jmRpc.address), /no slot 7/);
    await h.allocate(1, "job-without-jobmaster");
    assert.equal(h.te.slotReport().slots[1]!.allocationId, undefined);
    assert.equal(h.te.slotReport().slots[0]!.allocationId, "first");
  } finally {
    await h.stop();
  }
});

test("freeSlot terminates the slot's worker and forgets its tasks", async () => {
  const h = await Harness.start();
  try {
    h.serveJobMaster("job-a");
    const allocation = await h.allocate(0, "job-a");
    const worker = h.worker(0);
    await h.gateway.freeSlot(allocation, "job finished");
    assert.equal(worker.terminated, true);
    assert.equal(h.te.slotReport().slots[0]!.allocationId, undefined);
    await assert.rejects(h.gateway.triggerCheckpoint("gone", { barrier: { checkpointId: 1, timestamp: 0, savepoint: false, dir: "" } } as never), /not running here/);
  } finally {
    await h.stop();
  }
});

test("a JobMaster that stops asking for heartbeats loses its slots; one that asks keeps them", async () => {
  const h = await Harness.start();
  try {
    h.serveJobMaster("job-a");
    h.serveJobMaster("job-b");
    await h.allocate(0, "job-a");
    await h.allocate(1, "job-b");
    for (let t = 0; t <= HEARTBEAT.timeoutMs + 2 * HEARTBEAT.intervalMs; t += HEARTBEAT.intervalMs) {
      await h.gateway.heartbeatFromJobManager("job-b");
      h.clock.advance(HEARTBEAT.intervalMs);
      await flush();
    }
    assert.equal(h.te.slotReport().slots[0]!.allocationId, undefined, "job-a's JobMaster was silent");
    assert.equal(h.te.slotReport().slots[1]!.jobId, "job-b");
    assert.equal(h.workers.find((w) => w.key === workerKey(h.te.id, 0))!.terminated, true);
  } finally {
    await h.stop();
  }
});

test("a lost JobMaster connection frees the job's slots", async () => {
  const h = await Harness.start();
  try {
    h.serveJobMaster("job-a");
    await h.allocate(0, "job-a");
    await h.jmRpc.stop();
    await flush();
    assert.equal(h.te.slotReport().slots[0]!.allocationId, undefined);
  } finally {
    await h.stop();
  }
});

test("a job's JobMaster at a new address with a new token (after a leader change) replaces the connection to the old one", async () => {
  const h = await Harness.start({ session: "s1" });
  const newJmRpc = new LocalRpcService();
  const newRmRpc = new LocalRpcService();
  try {
    const old = h.serveJobMaster("job-a", {}, "s1");
    await h.allocate(0, "job-a", "s1");
    newRmRpc.serve(ENDPOINTS.resourceManager, new TestingResourceManagerGateway());
    h.leader = { address: newRmRpc.address, sessionId: "s2" };
    h.te.resourceManagerLeaderChanged(h.leader);
    await flush();

    const fresh = h.serveJobMaster("job-a", {}, "s2", newJmRpc);
    await h.gateway.requestSlot(0, "alloc-2", "job-a", newJmRpc.address, "s2");
    await flush();
    assert.equal(fresh.callsOf("offerSlots").length, 1);
    await h.gateway.submitTask(descriptor("job-a", "e1", h.te.id, 0, { jobMasterToken: "s2" }));
    h.worker(0).emit({ type: "task-state", executionId: "e1", state: "RUNNING" });
    await flush();
    assert.deepEqual(fresh.callsOf("updateTaskExecutionState").map((c) => c[1]), ["RUNNING"]);
    assert.equal(old.callsOf("updateTaskExecutionState").length, 0);
  } finally {
    await h.stop();
    await newJmRpc.stop();
    await newRmRpc.stop();
  }
});
