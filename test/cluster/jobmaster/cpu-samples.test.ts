/**
 * The JobMaster's part in flame graphs (docs/architecture.md, "Flame graphs"), against simulated
 * TaskManagers on the in-process RPC service: one request per TaskManager with the vertex's running
 * executions only, the answers sorted by subtask, and subtasks a TaskManager no longer runs left out.
 */
import assert from "node:assert/strict";
import { test } from "node:test";
import { JobMasterHarness } from "./support/harness.js";

const REQUEST = { numSamples: 10, delayBetweenSamplesMs: 5 };

test("CPU samples of a vertex come from the TaskManagers of its running subtasks; a subtask a TaskManager does not run is left out", async () => {
  const h = new JobMasterHarness({ taskManagers: 2, slotsPerTaskManager: 1, parallelisms: [2, 2] });
  try {
    await h.start();
    await h.tms.offerAllSlots();
    await h.settle();
    assert.equal(h.jm.details().statusCounts.RUNNING, 4);
    const [source, sink] = h.jm.details().vertices;

    const samples = await h.jm.sampleVertexCpu(sink!.id, REQUEST);
    assert.deepEqual(
      samples.subtasks.map((s) => [s.subtask, s.tree.children[0]!.name]),
      [0, 1].map((i) => [i, `subtask ${i} of ${sink!.id}`]),
    );
    assert.equal(samples.endTimestamp, h.clock.now());
    for (const tm of h.tms.taskManagers) {
      const calls = tm.gateway.callsOf("requestCpuSamples");
      assert.equal(calls.length, 1, `one request to ${tm.id}`);
      const [ids, request] = calls[0]!;
      assert.deepEqual(request, REQUEST);
      assert.equal(ids.length, 1, "only the sink's execution on that TaskManager");
      assert.ok(ids.every((id) => id.includes(sink!.id.slice(0, 8))), "no source execution asked for");
    }
    assert.notEqual(source!.id, sink!.id);

    // A TaskManager that no longer has the subtask (its end not yet reported) answers without it.
    const tm1 = h.tms.taskManagers[1]!;
    for (const [id, t] of tm1.tasks) if (t.vertexId === sink!.id) tm1.tasks.delete(id);
    const partial = await h.jm.sampleVertexCpu(sink!.id, REQUEST);
    assert.deepEqual(partial.subtasks.map((s) => s.subtask), [0]);

    // An unknown vertex has no running subtasks to sample.
    assert.deepEqual((await h.jm.sampleVertexCpu("f".repeat(32), REQUEST)).subtasks, []);
  } finally {
    await h.stop();
  }
});
