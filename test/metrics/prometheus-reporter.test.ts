/**
 * A real Prometheus scrapes a real-process cluster — a JobManager and two TaskManagers, each with
 * the Prometheus reporter on a port taken from one shared range — running the keyed metrics job;
 * the test reads Prometheus's HTTP API (docs/metrics.md, "Prometheus"). Then TaskManagers come and
 * go (one SIGKILLed) while every reporter and the REST metrics endpoints are scraped: no scrape fails.
 */
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { RestClusterClient } from "../../src/client/rest-cluster-client.js";
import { getJson, killAll, startJobManager, startTaskManager, type JobManagerProcess, type SluiceProcess, type TaskManagerProcess } from "../cluster/support/processes.js";
import { freePort } from "../support/free-port.js";
import { startPrometheus, type PrometheusServer, type PrometheusTarget } from "../support/prometheus.js";
import { waitFor } from "../support/wait.js";
import { evenValues, startMetricsJob, type RunningMetricsJob } from "./support.js";

let jm: JobManagerProcess;
let client: RestClusterClient;
const tms: TaskManagerProcess[] = [];
let prometheus: PrometheusServer;
let job: RunningMetricsJob;
let portRange: string;
const COUNT = 6000;

async function reporterOf(p: SluiceProcess, who: string): Promise<string> {
  const [, url] = await p.waitForOutput(new RegExp(`${who} Prometheus reporter: (\\S+)`), `the ${who} Prometheus reporter`);
  return new URL(url!).host;
}

const targets: PrometheusTarget[] = [];

before(async () => {
  const first = await freePort();
  portRange = `${first}-${first + 30}`;
  const reporter = { "metrics.reporter.prom.port": portRange };
  jm = await startJobManager({ ...reporter, "metrics.reporter.prom.host": "127.0.0.1" });
  client = new RestClusterClient({ baseUrl: jm.restUrl, maxPollIntervalMs: 100 });
  tms.push(...(await Promise.all([1, 2].map(() => startTaskManager(jm.rpcHostPort, { slots: 2, config: reporter })))));
  targets.push({ hostPort: await reporterOf(jm, "JobManager"), process: "jobmanager" });
  for (const tm of tms) targets.push({ hostPort: await reporterOf(tm, `TaskManager ${tm.id}`), process: tm.id });
  prometheus = await startPrometheus(targets, { scrapeIntervalMs: 500 });
  // 6000 records at 400 per second and subtask: about 7.5 s of input, then the source idles.
  job = await startMetricsJob(client, jm.restUrl, [String(COUNT), "0", "400", "300"]);
});

after(async () => {
  await client?.cancel(job?.jobId).catch(() => {});
  await prometheus?.stop();
  await killAll();
});

test("each process took its own port of the shared range, and /taskmanagers/:id and /jobmanager/config show it", async () => {
  const ports = targets.map((t) => Number(t.hostPort.split(":")[1]));
  const [from, to] = portRange.split("-").map(Number) as [number, number];
  assert.equal(new Set(ports).size, 3, `distinct ports ${ports.join(", ")}`);
  for (const p of ports) assert.ok(p >= from && p <= to, `${p} in ${portRange}`);
  for (const tm of tms) {
    const details = await getJson<{ prometheusPort: number | null }>(jm.restUrl, `/taskmanagers/${tm.id}`);
    assert.equal(`127.0.0.1:${details.prometheusPort}`, targets.find((t) => t.process === tm.id)!.hostPort);
  }
  const config = await getJson<{ key: string; value: string }[]>(jm.restUrl, "/jobmanager/config");
  assert.equal(config.find((e) => e.key === "metrics.reporter.prom.port")?.value, targets[0]!.hostPort.split(":")[1]);
});

test("Prometheus finds numRecordsIn rising per operator and subtask, 2 TaskManagers, the user counter's reference value and checkpoint counts", { timeout: 90_000 }, async () => {
  const selector = `{job_id="${job.jobId}"}`;
  const operators = ["Numbers", "Count evens", "Sum per key", "Sink"];
  const series = async (): Promise<Map<string, number>> =>
    new Map((await prometheus.query(`sluice_taskmanager_job_task_operator_numRecordsIn${selector}`)).map((s) => [`${s.metric.operator_name}/${s.metric.subtask_index}`, s.value]));
  let first = new Map<string, number>();
  await waitFor(async () => {
    first = await series();
    return first.size === operators.length * 2;
  }, "numRecordsIn of 4 operators x 2 subtasks in Prometheus", 30_000, 250);
  assert.deepEqual([...first.keys()].sort(), operators.flatMap((o) => [`${o}/0`, `${o}/1`]).sort());
  // Rising: every series grows while the source still has input.
  await waitFor(async () => {
    const now = await series();
    return [...first].every(([k, v]) => (now.get(k) ?? 0) > v);
  }, "every operator's numRecordsIn to rise", 30_000, 250);

  const tmCount = await prometheus.query(`sluice_jobmanager_numRegisteredTaskManagers`);
  assert.equal(tmCount.length, 1);
  assert.equal(tmCount[0]!.value, 2);

  // The user counter, summed over subtasks, ends at the reference count of even values.
  const expected = evenValues(COUNT);
  let seen = 0;
  await waitFor(async () => {
    const r = await prometheus.query(`sum(sluice_taskmanager_job_task_operator_user_evenRecords${selector})`);
    seen = r[0]?.value ?? 0;
    assert.ok(seen <= expected, `user.evenRecords ${seen} exceeds the reference ${expected}`);
    return seen === expected;
  }, `user.evenRecords to reach ${expected}`, 60_000, 250);

  const completed = await prometheus.query(`sluice_jobmanager_job_numberOfCompletedCheckpoints${selector}`);
  assert.equal(completed.length, 1);
  const rest = await getJson<{ counts: { completed: number; failed: number } }>(jm.restUrl, `/jobs/${job.jobId}/checkpoints`);
  assert.ok(completed[0]!.value >= 1, `completed checkpoints ${completed[0]!.value}`);
  assert.ok(completed[0]!.value <= rest.counts.completed, `Prometheus ${completed[0]!.value} <= REST ${rest.counts.completed}`);
  const failed = await prometheus.query(`sluice_jobmanager_job_numberOfFailedCheckpoints${selector}`);
  assert.equal(failed[0]?.value, rest.counts.failed);
  // The Node runtime under Flink's names, per process.
  const heap = await prometheus.query(`sluice_taskmanager_Status_JVM_Memory_Heap_Used`);
  assert.equal(heap.length, 2);
  for (const h of heap) assert.ok(h.value > 0);
  const workerHeap = await prometheus.query(`sluice_taskmanager_slot_Status_JVM_Memory_Heap_Used`);
  assert.ok(workerHeap.length >= 2, `worker heaps: ${workerHeap.length}`);
});

test("scrapes while TaskManagers come and go never fail", { timeout: 90_000 }, async () => {
  const reporter = { "metrics.reporter.prom.port": portRange };
  const failures: string[] = [];
  let scrapes = 0;
  const live = new Map<string, string>(targets.map((t) => [t.process, t.hostPort]));
  let stopping = false;
  const scrapeLoop = (async () => {
    while (!stopping) {
      const urls = [...live.values()].map((hp) => `http://${hp}/metrics`).concat(
        ["/jobmanager/metrics", "/taskmanagers/metrics?get=Status.JVM.Memory.Heap.Used", `/jobs/${job.jobId}/vertices/${job.source}/subtasks/metrics?get=numRecordsIn`].map((p) => jm.restUrl + p),
      );
      await Promise.all(
        urls.map(async (u) => {
          try {
            const res = await fetch(u);
            const body = await res.text();
            scrapes++;
            if (res.status !== 200) failures.push(`${u}: ${res.status} ${body.slice(0, 200)}`);
          } catch (e) {
            // A process this loop still lists may have just been killed: only count live ones.
            if ([...live.values()].some((hp) => u.includes(hp)) || u.startsWith(jm.restUrl)) failures.push(`${u}: ${(e as Error).message}`);
          }
        }),
      );
    }
  })();
  try {
    const extra = await startTaskManager(jm.rpcHostPort, { slots: 1, config: reporter });
    const extraTarget = { hostPort: await reporterOf(extra, `TaskManager ${extra.id}`), process: extra.id };
    live.set(extra.id, extraTarget.hostPort);
    prometheus.setTargets([...targets, extraTarget]);
    await waitFor(async () => (await prometheus.query(`sluice_jobmanager_numRegisteredTaskManagers`))[0]?.value === 3, "3 TaskManagers in Prometheus", 30_000, 250);
    live.delete(extra.id);
    extra.signal("SIGKILL");
    await extra.exited;
    const another = await startTaskManager(jm.rpcHostPort, { slots: 1, config: reporter });
    live.set(another.id, await reporterOf(another, `TaskManager ${another.id}`));
    // The killed one is dropped by the heartbeat timeout; the new one counts.
    await waitFor(async () => (await getJson<{ taskmanagers: number }>(jm.restUrl, "/overview")).taskmanagers === 3, "the killed TaskManager gone, the new one registered", 30_000, 250);
    await waitFor(async () => (await prometheus.query(`sluice_jobmanager_numRegisteredTaskManagers`))[0]?.value === 3, "Prometheus to see 3 TaskManagers again", 30_000, 250);
  } finally {
    stopping = true;
    await scrapeLoop;
  }
  assert.deepEqual(failures, []);
  assert.ok(scrapes > 20, `${scrapes} scrapes`);
  const health = await prometheus.targets();
  for (const t of targets) assert.equal(health.find((h) => h.process === t.process)?.health, "up", `${t.process}: ${JSON.stringify(health)}`);
});
