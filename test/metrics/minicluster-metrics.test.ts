/**
 * The metrics endpoints on the embedded MiniCluster (what `sluice run --web` and the dashboard
 * use), every answer checked against its declared schema: all eight answer on a running and on a
 * finished multi-vertex job, and a finished job's vertices keep their final record counts (the
 * TaskManager keeps an ended task's last values for a while).
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { runJob } from "../../src/client/job-runner.js";
import { MiniClusterClient } from "../../src/client/cluster-client.js";
import { startRestCluster, type RestCluster } from "../rest/support.js";
import { getJson } from "../cluster/support/processes.js";
import { waitFor } from "../support/wait.js";
import { METRICS_JOB, evenValues } from "./support.js";

let rc: RestCluster;
const COUNT = 3001;

before(async () => {
  rc = await startRestCluster({ taskManagers: 2, slots: 2 });
});
after(async () => {
  await rc?.close();
});

function endpoints(jobId: string, vertexId: string, tmId: string): string[] {
  return [
    "/jobmanager/metrics",
    "/jobmanager/metrics?get=numRegisteredTaskManagers",
    "/taskmanagers/metrics",
    "/taskmanagers/metrics?get=Status.JVM.Memory.Heap.Used&agg=max",
    `/taskmanagers/${tmId}/metrics`,
    `/taskmanagers/${tmId}/metrics?get=Status.JVM.CPU.Time`,
    "/jobs/metrics",
    `/jobs/metrics?get=numRestarts&jobs=${jobId}`,
    `/jobs/${jobId}/metrics`,
    `/jobs/${jobId}/metrics?get=uptime`,
    `/jobs/${jobId}/vertices/${vertexId}/metrics`,
    `/jobs/${jobId}/vertices/${vertexId}/metrics?get=0.numRecordsIn`,
    `/jobs/${jobId}/vertices/${vertexId}/subtasks/metrics`,
    `/jobs/${jobId}/vertices/${vertexId}/subtasks/metrics?get=numRecordsIn&agg=sum,skew&subtasks=0-1`,
    `/jobs/${jobId}/vertices/${vertexId}/subtasks/1/metrics`,
    `/jobs/${jobId}/vertices/${vertexId}/subtasks/1/metrics?get=numRecordsOut`,
  ];
}

async function allAnswer(paths: string[]): Promise<void> {
  for (const p of paths) {
    const res = await fetch(rc.url + p);
    const text = await res.text();
    assert.equal(res.status, 200, `${p}: ${text}`);
    assert.ok(Array.isArray(JSON.parse(text)), p);
  }
}

test("every metrics endpoint answers on a running and on a finished job, and the finished job keeps its final counts", { timeout: 90_000 }, async () => {
  const client = new MiniClusterClient(rc.cluster);
  let jobId = "";
  // Throttled, so that the job is seen running before it ends.
  const done = runJob(METRICS_JOB, { client, args: [String(COUNT), "0", "500", "200", "bounded"], onSubmitted: (id) => (jobId = id) });
  await waitFor(() => jobId !== "" && rc.cluster.dispatcher.requestJob(jobId).state === "RUNNING", "the job running", 30_000);
  const job = rc.cluster.dispatcher.requestJob(jobId);
  const [source, sink] = job.vertices;
  const tmId = rc.cluster.taskExecutors[0]!.id;
  await allAnswer([...endpoints(jobId, source!.id, tmId), ...endpoints(jobId, sink!.id, tmId)]);
  const result = await done;
  assert.equal(result.state, "FINISHED");
  await allAnswer([...endpoints(jobId, source!.id, tmId), ...endpoints(jobId, sink!.id, tmId)]);
  // Values collected after the end are the tasks' final ones.
  await new Promise((r) => setTimeout(r, 100)); // older than metrics.fetcher.update-interval (50 ms): collected anew
  const sums = await getJson<{ id: string; sum: number }[]>(rc.url, `/jobs/${jobId}/vertices/${sink!.id}/subtasks/metrics?get=numRecordsIn,Sink.numRecordsIn&agg=sum`);
  assert.deepEqual(sums, [
    { id: "numRecordsIn", sum: COUNT },
    { id: "Sink.numRecordsIn", sum: COUNT },
  ]);
  const [even] = await getJson<{ id: string; sum: number }[]>(rc.url, `/jobs/${jobId}/vertices/${source!.id}/subtasks/metrics?get=Count_evens.user.evenRecords&agg=sum`);
  assert.deepEqual(even, { id: "Count_evens.user.evenRecords", sum: evenValues(COUNT) });
});
