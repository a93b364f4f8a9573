/**
 * Store behaviour every HA implementation must have. Each implementation's test file runs these
 * against its own services, so `none` and `zookeeper` cannot drift apart.
 */
import assert from "node:assert/strict";
import { randomUUID } from "node:crypto";
import { describe, it } from "node:test";
import { LeaderComponents, LeadershipLostError, type HighAvailabilityServices, type JsonValue } from "../../src/cluster/ha/interface.js";
import { RecordingContender, waitFor } from "./helpers.js";

export function newJobId(): string {
  return randomUUID().replaceAll("-", "");
}

export function defineStoreCases(services: () => HighAvailabilityServices): void {
  describe("JobGraphStore", () => {
    it("round-trips JSON and bytes, lists and removes", async () => {
      const store = services().jobGraphStore();
      const [a, b] = [newJobId(), newJobId()];
      const graph: JsonValue = { name: "wordcount", vertices: [{ id: "v1", parallelism: 4 }], nested: { ok: true } };
      await store.put(a, graph);
      await store.put(b, new Uint8Array([0, 1, 2, 255]));
      assert.deepEqual(await store.get(a), graph);
      assert.deepEqual(await store.get(b), new Uint8Array([0, 1, 2, 255]));
      const ids = await store.jobIds();
      assert.ok(ids.includes(a) && ids.includes(b));
      await store.remove(a);
      assert.equal(await store.get(a), undefined);
      assert.ok(!(await store.jobIds()).includes(a));
      await store.remove(a); // absent: no error
      await store.remove(b);
    });

    it("replaces a graph and is not affected by later mutation of the caller's value", async () => {
      const store = services().jobGraphStore();
      const id = newJobId();
      const bytes = new Uint8Array([1, 2, 3]);
      await store.put(id, bytes);
      bytes[0] = 99;
      assert.deepEqual(await store.get(id), new Uint8Array([1, 2, 3]));
      await store.put(id, { version: 2 });
      assert.deepEqual(await store.get(id), { version: 2 });
      await store.remove(id);
    });

    it("answers undefined for an unknown job and rejects invalid job ids", async () => {
      const store = services().jobGraphStore();
      assert.equal(await store.get(newJobId()), undefined);
      await assert.rejects(store.put("../escape", {}), RangeError);
      await assert.rejects(store.get("a/b"), RangeError);
    });
  });

  describe("CompletedCheckpointStore", () => {
    it("retains the newest N, returns the subsumed ones, lists newest first", async () => {
      const jobId = newJobId();
      const store = services().completedCheckpointStore(jobId, 3);
      assert.equal(store.maxRetained, 3);
      assert.equal(await store.latest(), undefined);
      for (const id of [1, 2, 3]) assert.deepEqual(await store.add({ checkpointId: id, payload: { id } }), []);
      assert.deepEqual(await store.add({ checkpointId: 4, payload: { id: 4 } }), [{ checkpointId: 1, payload: { id: 1 } }]);
      assert.deepEqual(await store.add({ checkpointId: 10, payload: new Uint8Array([10]) }), [
        { checkpointId: 2, payload: { id: 2 } },
      ]);
      assert.deepEqual(
        (await store.list()).map((c) => c.checkpointId),
        [10, 4, 3],
      );
      assert.deepEqual(await store.latest(), { checkpointId: 10, payload: new Uint8Array([10]) });
      // Another store object for the same job (a new JobMaster) sees the same checkpoints.
      const again = services().completedCheckpointStore(jobId, 3);
      assert.deepEqual(
        (await again.list()).map((c) => c.checkpointId),
        [10, 4, 3],
      );
      await store.removeAll();
      assert.deepEqual(await store.list(), []);
      assert.equal(await again.latest(), undefined);
    });

    it("rejects a duplicate checkpoint id and invalid arguments", async () => {
      const store = services().completedCheckpointStore(newJobId(), 2);
      await store.add({ checkpointId: 7, payload: "first" });
      await assert.rejects(store.add({ checkpointId: 7, payload: "second" }));
      assert.deepEqual(await store.latest(), { checkpointId: 7, payload: "first" });
      await assert.rejects(store.add({ checkpointId: -1, payload: null }), RangeError);
      assert.throws(() => services().completedCheckpointStore(newJobId(), 0), RangeError);
      await store.removeAll();
    });
  });

  describe("CompletedCheckpointStore under a leadership fence", () => {
    it("changes only while the fence's term lasts; afterwards adds and removals are refused and the store stays as it was", async () => {
      const ha = services();
      const jobId = newJobId();
      const contender = new RecordingContender("jm-fenced");
      const election = ha.leaderElection(`${LeaderComponents.CLUSTER}-${jobId.slice(0, 8)}`);
      await contender.join(election);
      await waitFor(() => contender.leaderSessionId !== undefined, "leadership");
      const fence = election.fence(contender.leaderSessionId!);
      assert.equal(fence.holds(), true);
      const store = ha.completedCheckpointStore(jobId, 1, fence);
      await store.add({ checkpointId: 1, payload: { chk: 1 } });
      assert.deepEqual(await store.add({ checkpointId: 2, payload: { chk: 2 } }), [{ checkpointId: 1, payload: { chk: 1 } }]);
      // A fence of a term this candidate does not hold never holds.
      assert.equal(election.fence("not-a-term").holds(), false);
      await assert.rejects(ha.completedCheckpointStore(jobId, 1, election.fence("not-a-term")).add({ checkpointId: 9, payload: null }), LeadershipLostError);

      await election.close();
      assert.equal(fence.holds(), false);
      await assert.rejects(store.add({ checkpointId: 3, payload: { chk: 3 } }), LeadershipLostError);
      await assert.rejects(store.removeAll(), LeadershipLostError);
      const reader = ha.completedCheckpointStore(jobId, 1);
      assert.deepEqual(await reader.list(), [{ checkpointId: 2, payload: { chk: 2 } }]);
      await reader.removeAll();
    });
  });

  describe("CheckpointIdCounter", () => {
    it("starts at 1, increments, can be set, and is per job", async () => {
      const jobId = newJobId();
      const counter = services().checkpointIdCounter(jobId);
      assert.equal(await counter.get(), 1);
      assert.deepEqual([await counter.getAndIncrement(), await counter.getAndIncrement()], [1, 2]);
      assert.equal(await counter.get(), 3);
      await counter.set(100);
      assert.equal(await counter.getAndIncrement(), 100);
      assert.equal(await services().checkpointIdCounter(jobId).get(), 101);
      assert.equal(await services().checkpointIdCounter(newJobId()).get(), 1);
      await assert.rejects(counter.set(-5), RangeError);
    });
  });

  describe("JobResultStore", () => {
    it("creates dirty entries, marks them clean, lists only dirty ones", async () => {
      const results = services().jobResultStore();
      const jobId = newJobId();
      assert.equal(await results.has(jobId), false);
      await results.createDirty(jobId, { jobId, state: "FINISHED" });
      assert.equal(await results.has(jobId), true);
      assert.equal(await results.hasDirty(jobId), true);
      assert.equal(await results.hasClean(jobId), false);
      assert.ok((await results.dirtyResults()).some((e) => e.jobId === jobId));
      const dirty = (await results.dirtyResults()).find((e) => e.jobId === jobId);
      assert.deepEqual(dirty?.result, { jobId, state: "FINISHED" });
      await assert.rejects(results.createDirty(jobId, { again: true }));
      await results.markClean(jobId);
      await results.markClean(jobId); // stays clean
      assert.equal(await results.has(jobId), true);
      assert.equal(await results.hasDirty(jobId), false);
      assert.equal(await results.hasClean(jobId), true);
      assert.ok(!(await results.dirtyResults()).some((e) => e.jobId === jobId));
      await assert.rejects(results.markClean(newJobId()));
    });
  });

  describe("cleanupJobData", () => {
    it("removes the job's graph, checkpoints and counter, keeps its result entry and other jobs", async () => {
      const ha = services();
      const [jobId, other] = [newJobId(), newJobId()];
      for (const id of [jobId, other]) {
        await ha.jobGraphStore().put(id, { id });
        await ha.completedCheckpointStore(id, 2).add({ checkpointId: 1, payload: { chk: 1 } });
        await ha.checkpointIdCounter(id).set(42);
      }
      await ha.jobResultStore().createDirty(jobId, { state: "CANCELED" });
      await ha.cleanupJobData(jobId);
      assert.equal(await ha.jobGraphStore().get(jobId), undefined);
      assert.deepEqual(await ha.completedCheckpointStore(jobId, 2).list(), []);
      assert.equal(await ha.checkpointIdCounter(jobId).get(), 1);
      assert.equal(await ha.jobResultStore().hasDirty(jobId), true);
      // The other job is untouched.
      assert.deepEqual(await ha.jobGraphStore().get(other), { id: other });
      assert.equal((await ha.completedCheckpointStore(other, 2).latest())?.checkpointId, 1);
      assert.equal(await ha.checkpointIdCounter(other).get(), 42);
      await ha.jobResultStore().markClean(jobId);
      await ha.cleanupJobData(other);
      await ha.cleanupJobData(other); // idempotent
    });
  });
}
