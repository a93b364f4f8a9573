/**
 * What metrics cost (docs/metrics.md, "Cost"). (1) The chained pipeline and the keyed word count
 * on the MiniCluster with per-operator metrics on (the default) and off
 * (metrics.operator-io.enabled: false), alternating in the same run; the task's own counters and
 * the time accounting predate the metric system and stay on in both. Besides throughput (wall time,
 * submit to FINISHED) it reports the process's CPU time per record (all threads, cluster start
 * included), which other load on the machine disturbs less. (2) Scrape latency of a
 * TaskManager with 4 slots × 20 operators: HTTP GET of its Prometheus reporter, which collects
 * from the 4 workers on demand, against the same scrape of the idle TaskManager.
 * Run: npm run build && node dist/bench/metrics-overhead.js [--count N] [--words N] [--rounds R] [--scrapes S] [--only chained|keyed|scrape]
 */
import { runJob } from "../src/client/job-runner.js";
import { METRICS_OFF, measureJob as measure, median, type JobRun as Run } from "./job-measure.js";
import { MiniClusterClient } from "../src/client/cluster-client.js";
import { MiniCluster } from "../src/cluster/minicluster.js";
import { PrometheusReporter } from "../src/cluster/metrics/prometheus-reporter.js";
import { argNumber, benchJob, machine, rate } from "./support.js";

const count = argNumber("count", 5_000_000);
const words = argNumber("words", 2_000_000);
const rounds = argNumber("rounds", 3);
const scrapes = argNumber("scrapes", 50);

async function onVersusOff(job: string, n: number, parallelism: number): Promise<{ on: Run[]; off: Run[] }> {
  await measure(job, Math.min(n, 500_000), parallelism, {}); // warm-up
  const on: Run[] = [];
  const off: Run[] = [];
  for (let i = 0; i < rounds; i++) {
    // Alternate, so that a slow phase of the machine hits both.
    on.push(await measure(job, n, parallelism, {}));
    off.push(await measure(job, n, parallelism, METRICS_OFF));
  }
  return { on, off };
}

function report(label: string, n: number, { on, off }: { on: Run[]; off: Run[] }): void {
  const rateOn = median(on.map((r) => r.rate));
  const rateOff = median(off.map((r) => r.rate));
  const cpuOn = median(on.map((r) => r.cpuNs));
  const cpuOff = median(off.map((r) => r.cpuNs));
  console.log(`${label} (${n} records, median of ${rounds}):`);
  console.log(`  metrics off: ${rate(n, (n / rateOff) * 1000)}, ${cpuOff.toFixed(0)} ns CPU per record`);
  console.log(`  metrics on:  ${rate(n, (n / rateOn) * 1000)}, ${cpuOn.toFixed(0)} ns CPU per record`);
  console.log(`  throughput ratio on / off: ${(rateOn / rateOff).toFixed(3)}  (overhead ${((1 - rateOn / rateOff) * 100).toFixed(1)} %, target < 5 %)`);
  console.log(`  CPU per record ratio on / off: ${(cpuOn / cpuOff).toFixed(3)}  (overhead ${((cpuOn / cpuOff - 1) * 100).toFixed(1)} %)`);
}

async function scrapeLatency(): Promise<void> {
  const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 4 });
  const te = cluster.taskExecutors[0]!;
  const reporter = await PrometheusReporter.start("127.0.0.1", [0], () => te.requestMetricDump(false));
  const scrape = async (): Promise<{ ms: number; bytes: number }> => {
    const start = performance.now();
    const body = await (await fetch(reporter.url)).text();
    return { ms: performance.now() - start, bytes: body.length };
  };
  const series = async (): Promise<{ p50: number; p99: number; bytes: number }> => {
    for (let i = 0; i < 5; i++) await scrape();
    const all: number[] = [];
    let bytes = 0;
    for (let i = 0; i < scrapes; i++) {
      const s = await scrape();
      all.push(s.ms);
      bytes = s.bytes;
    }
    all.sort((a, b) => a - b);
    return { p50: all[Math.floor(all.length / 2)]!, p99: all[Math.min(all.length - 1, Math.floor(all.length * 0.99))]!, bytes };
  };
  try {
    const idle = await series();
    const client = new MiniClusterClient(cluster);
    let jobId = "";
    const done = runJob(benchJob("many-operators.ts"), { client, args: ["20", "4"], onSubmitted: (id) => (jobId = id) });
    const deadline = Date.now() + 60_000;
    while (!(jobId && cluster.dispatcher.requestJob(jobId).statusCounts.RUNNING === 4)) {
      if (Date.now() > deadline) throw new Error("the 4 × 20 job did not start");
      await new Promise((r) => setTimeout(r, 50));
    }
    await new Promise((r) => setTimeout(r, 1000));
    const full = await series();
    await client.cancel(jobId);
    await done;
    console.log(`scrape latency, TaskManager with 4 slots × 20 operators (${scrapes} scrapes, HTTP GET of its Prometheus reporter):`);
    console.log(`  idle TaskManager:  p50 ${idle.p50.toFixed(2)} ms, p99 ${idle.p99.toFixed(2)} ms, ${(idle.bytes / 1024).toFixed(0)} KiB`);
    console.log(`  4 × 20 operators:  p50 ${full.p50.toFixed(2)} ms, p99 ${full.p99.toFixed(2)} ms, ${(full.bytes / 1024).toFixed(0)} KiB`);
    console.log(`  ratio full / idle (p50): ${(full.p50 / idle.p50).toFixed(1)}`);
  } finally {
    await reporter.close();
    await cluster.close();
  }
}

const only = process.argv.includes("--only") ? process.argv[process.argv.indexOf("--only") + 1] : undefined;
console.log(`machine: ${machine()}`);
if (!only || only === "chained") report("chained pipeline p=1", count, await onVersusOff("chained.ts", count, 1));
if (!only || only === "keyed") report("keyed word count p=2", words, await onVersusOff("keyed-wordcount.ts", words, 2));
if (!only || only === "scrape") await scrapeLatency();
