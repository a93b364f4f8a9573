/** The ResourceManager against TaskExecutor doubles on local RPC and a manual clock (docs/architecture.md, "Components"). */
import { test } from "node:test";
import assert from "node:assert/strict";
import { ENDPOINTS } from "../../../src/cluster/endpoints.js";
import { FencingTokenMismatchError } from "../../../src/cluster/rpc/interface.js";
import type { ResourceManagerGateway } from "../../../src/cluster/resourcemanager/resource-manager-gateway.js";
import { ResourceManagerHarness, settle } from "./support.js";

const JOB = "a".repeat(32);

test("a registered TaskExecutor is listed with its slots, and learns the ResourceManager's id", async () => {
  const h = new ResourceManagerHarness();
  try {
    const te = h.serveTaskExecutor("tm-1", 3);
    assert.deepEqual(await h.resourceManager.registerTaskExecutor(te.registration), { resourceManagerId: "rm-session" });
    const [info] = h.resourceManager.requestTaskManagers();
    assert.equal(info!.id, "tm-1");
    assert.equal(info!.address, te.rpc.address);
    assert.equal(info!.slotsNumber, 3);
    assert.equal(info!.freeSlots, 3);
    assert.deepEqual(h.resourceManager.slotCounts(), { total: 3, free: 3 });
  } finally {
    await h.close();
  }
});

test("declared slots become requestSlot calls to TaskExecutors with free slots, also to one that registers later", async () => {
  const h = new ResourceManagerHarness();
  try {
    const first = h.serveTaskExecutor("tm-1", 2);
    await h.resourceManager.registerTaskExecutor(first.registration);
    const status = h.resourceManager.declareRequiredResources(JOB, "local://jm", 3, "jm-token");
    assert.deepEqual(status, { limit: undefined });
    await settle();
    assert.deepEqual(first.gateway.callsOf("requestSlot"), [
      [0, "id-1", JOB, "local://jm", "jm-token"],
      [1, "id-2", JOB, "local://jm", "jm-token"],
    ]);
    assert.deepEqual(h.resourceManager.slotCounts(), { total: 2, free: 0 });

    const second = h.serveTaskExecutor("tm-2", 2);
    await h.resourceManager.registerTaskExecutor(second.registration);
    await settle();
    assert.deepEqual(second.gateway.callsOf("requestSlot"), [[0, "id-3", JOB, "local://jm", "jm-token"]], "only the missing slot");
    assert.equal(h.resourceManager.requestTaskManagers().find((t) => t.id === "tm-2")!.freeSlots, 1);
  } finally {
    await h.close();
  }
});

test("a requirement of 0 releases the job's requirement: no more slots are requested for it", async () => {
  const h = new ResourceManagerHarness();
  try {
    const first = h.serveTaskExecutor("tm-1", 1);
    await h.resourceManager.registerTaskExecutor(first.registration);
    h.resourceManager.declareRequiredResources(JOB, "local://jm", 2);
    h.resourceManager.declareRequiredResources(JOB, "local://jm", 0);
    const second = h.serveTaskExecutor("tm-2", 1);
    await h.resourceManager.registerTaskExecutor(second.registration);
    await settle();
    assert.equal(first.gateway.callsOf("requestSlot").length, 1);
    assert.deepEqual(second.gateway.callsOf("requestSlot"), []);
  } finally {
    await h.close();
  }
});

test("a slot whose request fails is free again", async () => {
  const h = new ResourceManagerHarness();
  try {
    const te = h.serveTaskExecutor("tm-1", 1, {
      requestSlot: async () => {
        throw new Error("slot 0 is busy");
      },
    });
    await h.resourceManager.registerTaskExecutor(te.registration);
    h.resourceManager.declareRequiredResources(JOB, "local://jm", 1);
    assert.equal(h.resourceManager.slotCounts().free, 0);
    await settle();
    assert.equal(h.resourceManager.slotCounts().free, 1);
  } finally {
    await h.close();
  }
});

test("heartbeats carry the TaskExecutor's slot report; a silent TaskExecutor is removed after the timeout with its slots", async () => {
  const h = new ResourceManagerHarness();
  try {
    let answering = true;
    const te = h.serveTaskExecutor("tm-1", 2, {
      heartbeatFromResourceManager: () => {
        if (!answering) throw new Error("frozen");
        return { slots: [{ slotIndex: 0, jobId: JOB, allocationId: "elsewhere" }, { slotIndex: 1 }] };
      },
    });
    await h.resourceManager.registerTaskExecutor(te.registration);
    await h.advance(2_000);
    assert.ok(te.gateway.callsOf("heartbeatFromResourceManager").length >= 1);
    assert.equal(h.resourceManager.requestTaskManagers()[0]!.freeSlots, 1, "the report replaced the slot table");

    answering = false;
    await h.advance(4_000);
    assert.equal(h.resourceManager.requestTaskManagers().length, 1, "not yet: within the timeout");
    await h.advance(2_000);
    assert.deepEqual(h.resourceManager.requestTaskManagers(), []);
    assert.deepEqual(h.resourceManager.slotCounts(), { total: 0, free: 0 });
  } finally {
    await h.close();
  }
});

test("slots of a removed TaskExecutor stop counting: a job that still needs them gets free slots elsewhere", async () => {
  const h = new ResourceManagerHarness();
  try {
    let answering = true;
    const lost = h.serveTaskExecutor("tm-1", 2, {
      heartbeatFromResourceManager: () => {
        if (!answering) throw new Error("partitioned");
        return { slots: [{ slotIndex: 0, jobId: JOB, allocationId: "id-1" }, { slotIndex: 1, jobId: JOB, allocationId: "id-2" }] };
      },
    });
    await h.resourceManager.registerTaskExecutor(lost.registration);
    h.resourceManager.declareRequiredResources(JOB, "local://jm", 2);
    await settle();
    assert.equal(lost.gateway.callsOf("requestSlot").length, 2);
    const held = new Map<number, string>();
    const spare = h.serveTaskExecutor("tm-2", 2, {
      requestSlot: async (slotIndex, allocationId) => void held.set(slotIndex, allocationId),
      heartbeatFromResourceManager: () => ({ slots: [0, 1].map((slotIndex) => (held.has(slotIndex) ? { slotIndex, jobId: JOB, allocationId: held.get(slotIndex)! } : { slotIndex })) }),
    });
    await h.resourceManager.registerTaskExecutor(spare.registration);
    // The JobMaster saw tm-1 go and declares its need again while the ResourceManager still counts tm-1's slots.
    answering = false;
    h.resourceManager.declareRequiredResources(JOB, "local://jm", 2);
    await settle();
    assert.deepEqual(spare.gateway.callsOf("requestSlot"), [], "tm-1's slots still count within the heartbeat timeout");
    await h.advance(7_000);
    assert.deepEqual(
      spare.gateway.callsOf("requestSlot").map(([slot, , job]) => [slot, job]),
      [
        [0, JOB],
        [1, JOB],
      ],
      "once tm-1 is removed, its two slots come from tm-2",
    );
  } finally {
    await h.close();
  }
});

test("a TaskExecutor that registers again replaces its old registration and slots", async () => {
  const h = new ResourceManagerHarness();
  try {
    const old = h.serveTaskExecutor("tm-1", 1);
    await h.resourceManager.registerTaskExecutor(old.registration);
    h.resourceManager.declareRequiredResources(JOB, "local://jm", 2);
    await settle();
    const restarted = h.serveTaskExecutor("tm-1", 2);
    await h.resourceManager.registerTaskExecutor(restarted.registration);
    await settle();
    const [info] = h.resourceManager.requestTaskManagers();
    assert.equal(h.resourceManager.requestTaskManagers().length, 1);
    assert.equal(info!.address, restarted.rpc.address);
    assert.equal(info!.slotsNumber, 2);
    assert.equal(restarted.gateway.callsOf("requestSlot").length, 2, "the job's slots are requested from the new registration");
  } finally {
    await h.close();
  }
});

test("a TaskExecutor whose connection is lost, or that disconnects, is removed", async () => {
  const h = new ResourceManagerHarness();
  try {
    const a = h.serveTaskExecutor("tm-1", 1);
    const b = h.serveTaskExecutor("tm-2", 1);
    await h.resourceManager.registerTaskExecutor(a.registration);
    await h.resourceManager.registerTaskExecutor(b.registration);
    await a.rpc.stop();
    await settle();
    assert.deepEqual(h.resourceManager.requestTaskManagers().map((t) => t.id), ["tm-2"]);
    h.resourceManager.disconnectTaskExecutor("tm-2", "shutting down");
    assert.deepEqual(h.resourceManager.requestTaskManagers(), []);
  } finally {
    await h.close();
  }
});

test("the ResourceManager's endpoint is fenced by its session id", async () => {
  const h = new ResourceManagerHarness();
  try {
    h.resourceManager.start();
    const te = h.serveTaskExecutor("tm-1", 1);
    const stale = await te.rpc.connect<ResourceManagerGateway>(h.rpc.address, ENDPOINTS.resourceManager, { fencingToken: "old-session" });
    await assert.rejects(stale.gateway.requestTaskManagers(), FencingTokenMismatchError);
    const current = await te.rpc.connect<ResourceManagerGateway>(h.rpc.address, ENDPOINTS.resourceManager, { fencingToken: "rm-session" });
    await current.gateway.registerTaskExecutor(te.registration);
    assert.deepEqual((await current.gateway.requestTaskManagers()).map((t) => t.id), ["tm-1"]);
    stale.close();
    current.close();
  } finally {
    await h.close();
  }
});
