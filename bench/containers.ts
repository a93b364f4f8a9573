/**
 * Sluice in containers, measured in one run:
 *  1. Keyed exchange between two TaskManager containers (one slot each, parallelism 2) on a podman
 *     bridge network, cluster secret on (required off loopback; internal TLS with --tls), against the
 *     same jobs between two TaskManager processes on loopback: records/s and MiB/s over the data
 *     plane (the source vertex's numBytesOut counts the records that crossed to the other TaskManager).
 *  2. `podman run` of the application image → the job's first record (a TaskManager container started
 *     at the same moment), target < 3 s: the time until the source's first output shows in REST.
 * Builds the images as the container tests do (podman, local base, prebuilt tree).
 * Run: npx tsc -p tsconfig.json && node dist/bench/containers.js [--count N] [--payload-count N] [--payload-bytes B] [--tls 1] [--starts N]
 */
import { loadavg, uptime } from "node:os";
import { runJob } from "../src/client/job-runner.js";
import { RestClusterClient } from "../src/client/rest-cluster-client.js";
import { killAll, startJobManager, startTaskManager } from "../test/cluster/support/processes.js";
import { ContainerCluster, REST_TOKEN } from "../test/containers/support/container-cluster.js";
import { testImages } from "../test/containers/support/images.js";
import { podman } from "../test/containers/support/podman.js";
import { argNumber, benchJob, machine, rate } from "./support.js";

const count = argNumber("count", 2_000_000);
const payloadCount = argNumber("payload-count", 300_000);
const payloadBytes = argNumber("payload-bytes", 1024);
const tls = argNumber("tls", 0) === 1;
const starts = argNumber("starts", 3);

interface Measured {
  ms: number;
  bytesOut: number;
}

async function measure(client: RestClusterClient, file: string, args: string[]): Promise<Measured> {
  const job = await runJob(benchJob(file), { client, args });
  if (job.state !== "FINISHED") throw new Error(`job ${job.state}: ${job.failure?.message}`);
  const details = await client.details(job.jobId);
  const bytesOut = details.vertices[0]!.subtasks.reduce((b, s) => b + (s.metrics?.numBytesOut ?? 0), 0);
  return { ms: job.endTime - job.startTime, bytesOut };
}

async function workloads(client: RestClusterClient): Promise<{ words: Measured; payloads: Measured }> {
  const words = await measure(client, "keyed-wordcount.ts", [String(count), "2"]);
  const payloads = await measure(client, "keyed-payload.ts", [String(payloadCount), "2", String(payloadBytes)]);
  return { words, payloads };
}

const mibps = (m: Measured): string => (m.bytesOut / 2 ** 20 / (m.ms / 1000)).toFixed(1);

/** Time from `podman run` of the application image to the first record its source emitted (ms). */
async function firstRecord(cluster: ContainerCluster, i: number): Promise<number> {
  const app = `bench-app-${i}`;
  const config = { "metrics.report-interval": "50", "metrics.fetcher.update-interval": "50" };
  const t0 = performance.now();
  await Promise.all([
    cluster.run(app, "application", { env: { SLUICE_JOB: "/opt/app/sequence-check.ts", SLUICE_JOB_ARGS: "100000000 0 1 1000000 1 0" }, config }),
    cluster.run(`bench-tm-${i}`, "taskmanager", { env: { SLUICE_JOBMANAGER: `${app}:6123`, SLUICE_SLOTS: "1" }, config }),
  ]);
  const container = cluster.container(app);
  const restUrl = await container.restUrl();
  const client = new RestClusterClient({ baseUrl: restUrl, token: REST_TOKEN, timeoutMs: 2000 });
  for (;;) {
    if (performance.now() - t0 > 60_000) throw new Error(`no record within 60 s\n${await cluster.logs()}`);
    try {
      const running = (await client.listJobs()).find((j) => j.state === "RUNNING");
      if (running) {
        const details = await client.details(running.jid);
        const out = details.vertices[0]!.subtasks.reduce((n, s) => n + (s.metrics?.numRecordsOut ?? 0), 0);
        if (out > 0) break;
      }
    } catch {
      // not serving yet
    }
    await new Promise((r) => setTimeout(r, 20));
  }
  const ms = performance.now() - t0;
  await podman(["rm", "-f", "-t", "0", cluster.containerId(app), cluster.containerId(`bench-tm-${i}`)]);
  return ms;
}

const images = await testImages();
console.log(images.buildOutput.trim());
const startNames = Array.from({ length: starts }, (_, i) => [`bench-app-${i}`, `bench-tm-${i}`]).flat();
const cluster = await ContainerCluster.create(images, { hostNames: ["jm1", "tm1", "tm2", ...startNames], tls });
try {
  // Containers: a JobManager and two TaskManagers of one slot, each its own host on the bridge.
  const jm = await cluster.jobManager("jm1");
  await Promise.all(["tm1", "tm2"].map((n) => cluster.taskManager(n, { env: { SLUICE_SLOTS: "1" } })));
  const inContainers = await workloads(new RestClusterClient({ baseUrl: await jm.restUrl(), token: REST_TOKEN, maxPollIntervalMs: 50 }));
  await podman(["rm", "-f", "-t", "0", ...["jm1", "tm1", "tm2"].map((n) => cluster.containerId(n))]);

  // Processes on loopback, the same jobs.
  const local = await startJobManager({});
  await Promise.all([startTaskManager(local.rpcHostPort, { slots: 1 }), startTaskManager(local.rpcHostPort, { slots: 1 })]);
  const onLoopback = await workloads(new RestClusterClient({ baseUrl: local.restUrl, maxPollIntervalMs: 50 }));
  await killAll();

  const startup: number[] = [];
  for (let i = 0; i < starts; i++) startup.push(await firstRecord(cluster, i));

  console.log(`machine: ${machine()}; load average ${loadavg().map((l) => l.toFixed(2)).join(" ")} (up ${(uptime() / 60).toFixed(0)} min)`);
  console.log(`keyed exchange, parallelism 2 over 2 TaskManagers of 1 slot; about half of the records cross between them`);
  console.log(`containers on a podman bridge (secret${tls ? " + TLS" : ", no TLS"}) vs processes on loopback (no secret, no TLS):`);
  for (const [name, c, l, n] of [
    [`word count, ${count} records        `, inContainers.words, onLoopback.words, count],
    [`${payloadBytes}-byte records, ${payloadCount} records`, inContainers.payloads, onLoopback.payloads, payloadCount],
  ] as const) {
    console.log(`  ${name}: containers ${rate(n, c.ms)}, ${mibps(c)} MiB/s | loopback ${rate(n, l.ms)}, ${mibps(l)} MiB/s | ratio ${(l.ms / c.ms).toFixed(2)}`);
  }
  console.log(`podman run of the application image → first record: ${startup.map((ms) => `${(ms / 1000).toFixed(2)} s`).join(", ")} (target < 3 s)`);
} finally {
  await killAll();
  await cluster.close();
}
