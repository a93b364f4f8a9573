/**
 * Checkpoint statistics per checkpoint, vertex and subtask (Flink's CheckpointingStatistics,
 * CheckpointStatistics, TaskCheckpointStatistics, TaskCheckpointStatisticsWithSubtaskDetails):
 * every field Flink documents is there with Flink's type (checked against the Flink 2.2
 * reference), and the values agree with the job — state sizes above 0 where there is state, sums
 * over subtasks equal the vertex's and over vertices the checkpoint's, durations ≥ 0, aligned
 * checkpoints persist no in-flight data, nothing was restored locally.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { prepareJob } from "../../src/client/job-runner.js";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { testJob } from "../support/paths.js";
import { waitFor } from "../support/wait.js";
import { getJson, startRestCluster, type RestCluster } from "./support.js";
import { checkAgainst, loadFlinkReference, schemaIndex } from "./flink-reference.js";

const reference = loadFlinkReference();
const refs = schemaIndex(reference);

/** The answer of `path` checked against what Flink documents for `template` (GET). */
async function flinkShaped<T>(rc: RestCluster, template: string, path: string): Promise<T> {
  const endpoint = reference.find((e) => e.path === template && e.method === "GET");
  assert.ok(endpoint, `Flink documents GET ${template}`);
  const json = await getJson<T>(rc.url, path);
  // Flink, too, answers null for a latest savepoint, failure or restore that has not happened, and
  // for the savepoint format of a checkpoint.
  const nullLatest = (m: { field: string; problem: string }): boolean =>
    (/^\.latest\.(savepoint|failed|restored)$/.test(m.field) && m.problem === "expected object, got null") || (/savepointFormat$/.test(m.field) && m.problem === "expected string, got null");
  assert.deepEqual(checkAgainst(endpoint.response, json, refs).filter((m) => !nullLatest(m)), [], `GET ${path} has Flink's shape`);
  return json;
}

interface Sizes {
  state_size: number;
  checkpointed_size: number;
  persisted_data: number;
  processed_data: number;
  alignment_buffered: number;
}
interface VertexStats extends Sizes {
  num_subtasks: number;
  num_acknowledged_subtasks: number;
  end_to_end_duration: number;
}
interface Entry extends Sizes {
  id: number;
  status: string;
  checkpoint_type: string;
  num_subtasks: number;
  num_acknowledged_subtasks: number;
  end_to_end_duration: number;
  sync_duration: number;
  async_duration: number;
  alignment_duration: number;
  tasks: Record<string, VertexStats>;
}
interface SubtaskStats {
  index: number;
  status: string;
  state_size: number;
  checkpointed_size: number;
  end_to_end_duration: number;
  checkpoint: { sync: number; async: number };
  alignment: { buffered: number; processed: number; persisted: number; duration: number };
  unaligned_checkpoint: boolean;
  restored_locally: boolean;
}
interface VertexDetails extends VertexStats {
  summary: { state_size: { max: number; min: number }; checkpoint_duration: { sync: { max: number }; async: { max: number } }; alignment: { duration: { max: number } } };
  subtasks: SubtaskStats[];
}

let rc: RestCluster;
before(async () => {
  rc = await startRestCluster();
});
after(() => rc.close());

const sum = (xs: number[]): number => xs.reduce((a, b) => a + b, 0);

test("a completed checkpoint's statistics per vertex and subtask have Flink's fields and agree with the job", async () => {
  const prepared = await prepareJob(testJob("rest/checkpointed-sums.ts"), { args: ["1000000", "2000", "100"], parallelism: 2 });
  const client = new RestClusterClient({ baseUrl: rc.url });
  const jobId = await client.submit(
    { jobGraph: prepared.evaluated.jobGraph, bundleHash: prepared.bundle.hash, definition: prepared.inputs },
    { hash: prepared.bundle.hash, code: prepared.bundle.code },
  );
  try {
    let all!: { latest: { completed: Entry | null }; summary: Record<string, { max: number }> };
    await waitFor(async () => (await getJson<typeof all>(rc.url, `/jobs/${jobId}/checkpoints`)).latest.completed !== null, "a completed checkpoint");
    all = await flinkShaped(rc, "/jobs/:jobid/checkpoints", `/jobs/${jobId}/checkpoints`);
    const id = all.latest.completed!.id;
    const entry = await flinkShaped<Entry>(rc, "/jobs/:jobid/checkpoints/details/:checkpointid", `/jobs/${jobId}/checkpoints/details/${id}`);
    assert.equal(entry.status, "COMPLETED");
    assert.equal(entry.checkpoint_type, "CHECKPOINT", "aligned");
    assert.equal(entry.num_acknowledged_subtasks, entry.num_subtasks);
    assert.ok(entry.state_size > 0, "the running sums are in the checkpoint");
    // Full snapshots: what a checkpoint wrote is the state it holds. Aligned: nothing in flight persisted.
    assert.equal(entry.checkpointed_size, entry.state_size);
    assert.equal(entry.persisted_data, 0);
    assert.equal(entry.alignment_buffered, 0);
    for (const d of [entry.end_to_end_duration, entry.sync_duration, entry.async_duration, entry.alignment_duration]) assert.ok(d >= 0);
    const vertices = Object.entries(entry.tasks);
    const names = new Map((await getJson<{ vertices: { id: string; name: string }[] }>(rc.url, `/jobs/${jobId}`)).vertices.map((v) => [v.id, v.name]));
    assert.deepEqual(new Set(vertices.map(([id]) => id)), new Set(names.keys()), "every vertex takes part");
    for (const field of ["state_size", "checkpointed_size", "persisted_data", "processed_data"] as const) {
      assert.equal(sum(vertices.map(([, v]) => v[field])), entry[field], `${field}: the vertices sum to the checkpoint`);
    }
    assert.equal(sum(vertices.map(([, v]) => v.num_subtasks)), entry.num_subtasks);
    assert.ok(all.summary.state_size!.max > 0);

    for (const [vertexId, v] of vertices) {
      const details = await flinkShaped<VertexDetails>(rc, "/jobs/:jobid/checkpoints/details/:checkpointid/subtasks/:vertexid", `/jobs/${jobId}/checkpoints/details/${id}/subtasks/${vertexId}`);
      assert.equal(details.subtasks.length, v.num_subtasks);
      assert.ok(details.subtasks.every((s) => s.status === "completed"));
      for (const field of ["state_size", "checkpointed_size"] as const) {
        assert.equal(sum(details.subtasks.map((s) => s[field])), v[field], `vertex ${vertexId}: subtasks' ${field} sum to the vertex's`);
      }
      assert.equal(sum(details.subtasks.map((s) => s.alignment.persisted)), v.persisted_data);
      assert.equal(sum(details.subtasks.map((s) => s.alignment.processed)), v.processed_data);
      for (const s of details.subtasks) {
        if (names.get(vertexId)!.includes("Sum per key")) assert.ok(s.state_size > 0, `the sums' subtask ${s.index} has state`);
        assert.ok(s.checkpoint.sync >= 0 && s.checkpoint.async >= 0 && s.alignment.duration >= 0 && s.end_to_end_duration >= 0);
        assert.equal(s.unaligned_checkpoint, false);
        assert.equal(s.restored_locally, false, "a first attempt restored nothing");
      }
      assert.equal(details.summary.state_size.max, Math.max(...details.subtasks.map((s) => s.state_size)));
      assert.equal(details.summary.checkpoint_duration.sync.max, Math.max(...details.subtasks.map((s) => s.checkpoint.sync)));
      assert.equal(details.summary.checkpoint_duration.async.max, Math.max(...details.subtasks.map((s) => s.checkpoint.async)));
      // The checkpoint's durations are the longest of any subtask's.
      assert.ok(details.summary.alignment.duration.max <= entry.alignment_duration);
      assert.ok(details.summary.checkpoint_duration.sync.max <= entry.sync_duration);
    }
  } finally {
    await client.cancel(jobId).catch(() => undefined);
  }
});
