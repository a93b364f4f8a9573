/**
 * Metric values are right, not just present (docs/metrics.md): on a real-process cluster the REST
 * metrics endpoints answer exactly the record counts the test computes for every vertex, subtask
 * and operator, the reader's bytes and pending records, and the user counter and histogram; a
 * deliberately slow sink shows as busy time there and as backpressured time at the source; the log
 * reporter writes a TaskManager's metrics to its log. Bad
 * input on the endpoints: unknown metric names are ignored like Flink does, a bad `agg` or
 * `subtasks` and unknown ids get 4xx.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { getJson, killAll, startJobManager, startTaskManager, type JobManagerProcess, type TaskManagerProcess } from "../cluster/support/processes.js";
import { waitFor } from "../support/wait.js";
import { evenValues, metricValues, recordsOfSubtask, startMetricsJob, type RunningMetricsJob } from "./support.js";

let jm: JobManagerProcess;
let tm: TaskManagerProcess;
let client: RestClusterClient;
let exact: RunningMetricsJob;
const COUNT = 5001;

before(async () => {
  jm = await startJobManager();
  // The log reporter (Flink's slf4j key, still read) on this TaskManager.
  tm = await startTaskManager(jm.rpcHostPort, { slots: 4, config: { "metrics.reporter.slf4j.interval": "1 s" } });
  client = new RestClusterClient({ baseUrl: jm.restUrl, maxPollIntervalMs: 100 });
  exact = await startMetricsJob(client, jm.restUrl, [String(COUNT)]);
});

after(async () => {
  await client?.cancel(exact?.jobId).catch(() => {});
  await killAll();
});

const vertexPath = (j: RunningMetricsJob, v: string): string => `/jobs/${j.jobId}/vertices/${v}`;

test("records in/out per vertex, subtask and operator equal the counts computed from the input", { timeout: 60_000 }, async () => {
  const perSubtask = [recordsOfSubtask(COUNT, 0), recordsOfSubtask(COUNT, 1)];
  const sourceNames = ["numRecordsIn", "numRecordsOut", "Numbers.numRecordsOut", "Count_evens.numRecordsIn", "Count_evens.numRecordsOut", "Count_evens.user.evenRecords", "Count_evens.user.valueMod100_count", "Numbers.numBytesIn", "Numbers.pendingRecords"];
  // The source idles after its input: wait until both vertices have counted all of it.
  await waitFor(async () => {
    const sink = await getJson<{ id: string; sum: number }[]>(jm.restUrl, `${vertexPath(exact, exact.sink)}/subtasks/metrics?get=numRecordsIn&agg=sum`);
    return sink[0]?.sum === COUNT;
  }, "the sink vertex to have read every record", 40_000, 100);

  for (const k of [0, 1]) {
    const n = perSubtask[k]!;
    const evens = k === 0 ? n : 0; // subtask 0 emits the even values
    const source = await metricValues(jm.restUrl, `${vertexPath(exact, exact.source)}/subtasks/${k}/metrics`, sourceNames);
    assert.deepEqual(Object.fromEntries(source), {
      numRecordsIn: n,
      numRecordsOut: n,
      "Numbers.numRecordsOut": n,
      "Count_evens.numRecordsIn": n,
      "Count_evens.numRecordsOut": n,
      "Count_evens.user.evenRecords": evens,
      "Count_evens.user.valueMod100_count": n,
      "Numbers.numBytesIn": 8 * n,
      "Numbers.pendingRecords": 0,
    });
  }
  // Keyed by i % 5: the sink side's subtasks split the records by key group; together they read all.
  const sinkSide = await getJson<{ id: string; sum: number; min: number; max: number }[]>(
    jm.restUrl,
    `${vertexPath(exact, exact.sink)}/subtasks/metrics?get=numRecordsIn,numRecordsOut,Sum_per_key.numRecordsIn,Sum_per_key.numRecordsOut,Sink.numRecordsIn&agg=sum`,
  );
  assert.deepEqual(
    Object.fromEntries(sinkSide.map((m) => [m.id, m.sum])),
    { numRecordsIn: COUNT, numRecordsOut: 0, "Sum_per_key.numRecordsIn": COUNT, "Sum_per_key.numRecordsOut": COUNT, "Sink.numRecordsIn": COUNT },
  );
  // The vertex endpoint names them <subtask>.<metric>; the user counter sums to the reference.
  const vertex = await metricValues(jm.restUrl, `${vertexPath(exact, exact.source)}/metrics`, ["0.Count_evens.user.evenRecords", "1.Count_evens.user.evenRecords", "0.numRecordsIn"]);
  assert.equal(vertex.get("0.Count_evens.user.evenRecords")! + vertex.get("1.Count_evens.user.evenRecords")!, evenValues(COUNT));
  assert.equal(vertex.get("0.numRecordsIn"), perSubtask[0]);
  // Aggregations over subtasks, against the same reference.
  const [agg] = await getJson<{ id: string; min: number; max: number; avg: number; sum: number; skew: number }[]>(jm.restUrl, `${vertexPath(exact, exact.source)}/subtasks/metrics?get=numRecordsOut`);
  const avg = COUNT / 2;
  const skew = Math.min(((Math.abs(avg - perSubtask[0]!) + Math.abs(avg - perSubtask[1]!)) / 2 / avg) * 100, 100);
  assert.deepEqual(agg, { id: "numRecordsOut", min: Math.min(...perSubtask), max: Math.max(...perSubtask), avg, sum: COUNT, skew });
  const [one] = await getJson<{ id: string; max: number }[]>(jm.restUrl, `${vertexPath(exact, exact.source)}/subtasks/metrics?get=numRecordsOut&agg=max&subtasks=1`);
  assert.deepEqual(one, { id: "numRecordsOut", max: perSubtask[1] });
  // The dashboard's vertex totals come from the same counters.
  const details = await getJson<{ vertices: { id: string; metrics: { "read-records": number; "write-records": number } }[] }>(jm.restUrl, `/jobs/${exact.jobId}`);
  await waitFor(async () => {
    const d = await getJson<typeof details>(jm.restUrl, `/jobs/${exact.jobId}`);
    return d.vertices.find((v) => v.id === exact.sink)!.metrics["read-records"] === COUNT;
  }, "the job's vertex metrics to catch up", 10_000, 100);
  const d = await getJson<typeof details>(jm.restUrl, `/jobs/${exact.jobId}`);
  assert.equal(d.vertices.find((v) => v.id === exact.source)!.metrics["write-records"], COUNT);
});

test("a deliberately slow sink: busy time at the sink, backpressured time and a used output pool at the source", { timeout: 60_000 }, async () => {
  // 0.2 ms per record: a worker answers collections between buffers, so a buffer (up to 1024
  // records between tasks of one worker) must take well under metrics.collection.timeout.
  const slow = await startMetricsJob(client, jm.restUrl, ["100000000", "0.2"]);
  try {
    const max = async (v: string, name: string): Promise<number> => {
      const [m] = await getJson<{ max: number }[]>(jm.restUrl, `${vertexPath(slow, v)}/subtasks/metrics?get=${name}&agg=max`);
      return m?.max ?? -1;
    };
    let seen = "";
    await waitFor(async () => {
      const [sinkBusy, sourceBackPressured, sourceBusy, sourceOutPool] = await Promise.all([
        max(slow.sink, "busyTimeMsPerSecond"),
        max(slow.source, "backPressuredTimeMsPerSecond"),
        max(slow.source, "busyTimeMsPerSecond"),
        max(slow.source, "buffers.outPoolUsage"),
      ]);
      seen = `sink busy ${sinkBusy}, source backpressured ${sourceBackPressured}, source busy ${sourceBusy}, source outPoolUsage ${sourceOutPool}`;
      return sinkBusy >= 600 && sourceBackPressured >= 500 && sourceBusy < sinkBusy && sourceOutPool > 0;
    }, "the slow sink to show as busy and the source as backpressured", 40_000, 200).catch((e: Error) => {
      throw new Error(`${e.message} (last: ${seen})`);
    });
    const busyBefore = await max(slow.sink, "accumulatedBusyTime");
    await waitFor(async () => (await max(slow.sink, "accumulatedBusyTime")) > busyBefore, "accumulated busy time to grow", 10_000, 200);
  } finally {
    await client.cancel(slow.jobId).catch(() => {});
    await slow.result.catch(() => {});
  }
});

test("JobManager, TaskManager and job metrics: Flink's names with values from the cluster's own answers", { timeout: 30_000 }, async () => {
  const jmMetrics = await metricValues(jm.restUrl, "/jobmanager/metrics", ["numRegisteredTaskManagers", "taskSlotsTotal", "taskSlotsAvailable", "numRunningJobs", "Status.JVM.Memory.Heap.Used"]);
  const overview = await getJson<{ taskmanagers: number; "slots-total": number; "jobs-running": number }>(jm.restUrl, "/overview");
  assert.equal(jmMetrics.get("numRegisteredTaskManagers"), overview.taskmanagers);
  assert.equal(jmMetrics.get("taskSlotsTotal"), overview["slots-total"]);
  assert.equal(jmMetrics.get("numRunningJobs"), overview["jobs-running"]);
  assert.ok(jmMetrics.get("Status.JVM.Memory.Heap.Used")! > 0);
  const jobMetrics = await metricValues(jm.restUrl, `/jobs/${exact.jobId}/metrics`, ["numRestarts", "uptime", "numberOfCompletedCheckpoints"]);
  assert.equal(jobMetrics.get("numRestarts"), 0);
  assert.ok(jobMetrics.get("uptime")! > 0);
  const checkpoints = await getJson<{ counts: { completed: number } }>(jm.restUrl, `/jobs/${exact.jobId}/checkpoints`);
  assert.ok(jobMetrics.get("numberOfCompletedCheckpoints")! <= checkpoints.counts.completed);
  const tmMetrics = await metricValues(jm.restUrl, `/taskmanagers/${tm.id}/metrics`, ["Status.JVM.Memory.Heap.Used", "Status.JVM.CPU.Time", "Status.ProcessTree.Memory.RSS", "Status.Node.EventLoop.Utilization"]);
  assert.equal(tmMetrics.size, 4, JSON.stringify([...tmMetrics]));
  assert.ok(tmMetrics.get("Status.ProcessTree.Memory.RSS")! > tmMetrics.get("Status.JVM.Memory.Heap.Used")!);
  const [aggregated] = await getJson<{ id: string; sum: number }[]>(jm.restUrl, `/taskmanagers/metrics?get=Status.JVM.Memory.Heap.Used&agg=sum&taskmanagers=${tm.id}`);
  assert.equal(aggregated?.id, "Status.JVM.Memory.Heap.Used");
  const [jobsAgg] = await getJson<{ id: string; max: number }[]>(jm.restUrl, `/jobs/metrics?get=numRestarts&agg=max&jobs=${exact.jobId}`);
  assert.deepEqual(jobsAgg, { id: "numRestarts", max: 0 });
});

test("bad input: unknown metric names are ignored, a bad agg or subtasks and unknown ids get 4xx", { timeout: 30_000 }, async () => {
  const status = async (path: string): Promise<{ status: number; body: string }> => {
    const res = await fetch(jm.restUrl + path);
    const text = await res.text();
    // Error answers are Flink's {"errors": [...]}: match their messages, not the JSON escaping.
    const errors = res.status >= 400 ? (JSON.parse(text) as { errors: string[] }).errors : undefined;
    return { status: res.status, body: errors ? errors.join("; ") : text };
  };
  const v = vertexPath(exact, exact.source);
  // Unknown names: left out, the known ones answered (Flink's behaviour).
  assert.deepEqual(await getJson(jm.restUrl, `${v}/subtasks/0/metrics?get=noSuchMetric,,numRecordsIn`), [{ id: "numRecordsIn", value: String(recordsOfSubtask(COUNT, 0)) }]);
  assert.deepEqual(await getJson(jm.restUrl, `/jobmanager/metrics?get=nothing.here`), []);
  assert.deepEqual(await getJson(jm.restUrl, `${v}/subtasks/metrics?get=noSuchMetric`), []);
  const cases: [string, number, RegExp][] = [
    [`${v}/subtasks/metrics?get=numRecordsIn&agg=median`, 400, /unknown aggregation "median"/],
    [`/taskmanagers/metrics?agg=min,bogus`, 400, /unknown aggregation "bogus"/],
    [`/jobs/metrics?get=uptime&agg=`, 200, /uptime/],
    [`${v}/subtasks/metrics?subtasks=1-x`, 400, /subtasks: "1-x"/],
    [`${v}/subtasks/metrics?subtasks=3-1`, 400, /not a valid range/],
    [`/jobs/${"0".repeat(32)}/metrics`, 404, /./],
    [`/jobs/not-a-job/metrics`, 400, /./],
    [`/jobs/${exact.jobId}/vertices/${"f".repeat(32)}/metrics`, 404, /has no vertex/],
    [`${v}/subtasks/7/metrics`, 404, /there is no subtask 7/],
    [`${v}/subtasks/-1/metrics`, 400, /./],
    [`/taskmanagers/tm-nobody/metrics`, 404, /not registered/],
    [`/taskmanagers/${encodeURIComponent("../etc")}/metrics`, 400, /./],
  ];
  for (const [path, expected, pattern] of cases) {
    const r = await status(path);
    assert.equal(r.status, expected, `${path}: ${r.status} ${r.body}`);
    assert.match(r.body, pattern, path);
  }
  // The cluster keeps answering.
  assert.equal((await status("/jobmanager/metrics")).status, 200);
});

test("the log reporter writes the TaskManager's task metrics to its log at its interval", { timeout: 30_000 }, async () => {
  const line = new RegExp(`taskmanager\\.job\\.task\\{[^}]*job_id=${exact.jobId}[^}]*subtask_index=0\\}\\.numRecordsIn: ${recordsOfSubtask(COUNT, 0)}`);
  await tm.waitForOutput(line, "a log report with the source task's final numRecordsIn", 20_000);
  assert.match(tm.stderr() + tm.stdout(), /Status\.JVM\.Memory\.Heap\.Used: \d+/);
});
