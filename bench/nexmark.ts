/**
 * Nexmark on the MiniCluster: each query's job file over N generated events at full speed, at
 * parallelism 1 and 2, into a discarding sink (Nexmark's "blackhole"). Per run it prints
 * events/s (wall clock, submit to FINISHED), the CPU time the process used meanwhile (the
 * MiniCluster runs in this process, its tasks in worker threads, and process.cpuUsage() covers
 * all threads), events/s per core used, the ratio to a hand-written single loop over the same
 * events in this run (the query's test reference: generator plus query logic, one thread), and
 * the published per-core figures of Flink 1.13 and Feldera beside it.
 *
 * Event time covers 10 s (the event rate is N/10 per second), as in the published runs (100 M
 * events at 10 M/s), so windows hold as many events as theirs do.
 *
 * The published figures are steady-state rates (Flink's runs last minutes; throughput and CPU
 * come from metrics while running), so each run is paired with a run of the same query over
 * BASELINE_EVENTS events, and its wall and CPU time (cluster start excluded already: deployment,
 * bundle evaluation in every worker, JIT warm-up) are subtracted: figures are for the events
 * beyond the baseline's. The raw figures are printed too. Memory is measured alongside: the peak
 * heap of each slot worker in the full run (sampled in the worker, TaskExecutor.workerHeapPeaks()).
 *
 * Run: npm run bench:nexmark -- [--events N] [--queries q0,q1,…] [--parallelism 1,2]
 */
import { MiniCluster } from "../src/cluster/minicluster.js";
import { MiniClusterClient } from "../src/client/cluster-client.js";
import { runJob } from "../src/client/job-runner.js";
import { REFERENCES } from "../test/nexmark/reference/index.js";
import { REPO_ROOT, machine } from "./support.js";
import { execFileSync } from "node:child_process";
import { join } from "node:path";

/** Flink 1.13 events/s per core (nexmark/nexmark README). */
const FLINK_PER_CORE: Record<string, number> = {
  q0: 155e3,
  q1: 158e3,
  q2: 175e3,
  q3: 152e3,
  q4: 34.3e3,
  q5: 22.1e3,
  q7: 12.3e3,
  q8: 146e3,
};

/** Feldera (DBSP) events/s per core (its repository's pull requests #193 and #198). */
const FELDERA_PER_CORE: Record<string, number> = { q0: 1.17e6, q1: 1.09e6, q4: 738e3, q5: 868e3 };

const DEFAULT_QUERIES = ["q0", "q1", "q2", "q3", "q4", "q5", "q7", "q8"];

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i > 0) return process.argv[i + 1];
  const inline = process.argv.find((a) => a.startsWith(`--${name}=`));
  return inline?.slice(name.length + 3);
}

const events = Number(option("events") ?? 2_000_000);
const queries = (option("queries") ?? DEFAULT_QUERIES.join(",")).split(",").map((q) => q.trim());
const parallelisms = (option("parallelism") ?? "1,2").split(",").map(Number);
const eventRate = Math.max(1_000, Math.round(events / 10));
const BASELINE_EVENTS = 20_000;
for (const q of queries) if (!REFERENCES[q]) throw new Error(`unknown query ${q}; known: ${Object.keys(REFERENCES).join(", ")}`);

const cpuSeconds = (since: NodeJS.CpuUsage): number => {
  const d = process.cpuUsage(since);
  return (d.user + d.system) / 1e6;
};

/**
 * The hand-written single loop (generator plus query, results counted), in a fresh process
 * (bench/nexmark-loop.ts) and timed in CPU time like the runs, so that a busy machine does not
 * count against it.
 */
function loop(query: string, n: number): { seconds: number; results: number } {
  const out = execFileSync(process.execPath, [join(REPO_ROOT, "dist", "bench", "nexmark-loop.js"), query, String(n), String(eventRate)], { encoding: "utf8" });
  const { cpuSeconds: seconds, results } = JSON.parse(out) as { cpuSeconds: number; results: number };
  return { seconds, results };
}

interface Run {
  wallSeconds: number;
  cpuSeconds: number;
  /** Per slot worker, its peak heap in bytes. */
  heapPeaks: number[];
}

async function sluice(query: string, parallelism: number, count: number): Promise<Run> {
  const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: parallelism });
  try {
    const client = new MiniClusterClient(cluster);
    let cpuAtSubmit: NodeJS.CpuUsage | undefined;
    const result = await runJob(join(REPO_ROOT, "examples", "nexmark", `${query}.ts`), {
      client,
      parallelism,
      // The baseline run keeps the full run's event rate: the same events, only fewer.
      args: [String(count), "0", "sink=discard", `event-rate=${eventRate}`],
      onSubmitted: () => (cpuAtSubmit = process.cpuUsage()),
    });
    const cpu = cpuSeconds(cpuAtSubmit!);
    if (result.state !== "FINISHED") throw new Error(`${query} ${result.state}: ${result.failure?.message}`);
    // A worker's last report is posted as its task ends: let it arrive.
    await new Promise((resolve) => setTimeout(resolve, 100));
    const heapPeaks = cluster.taskExecutors.flatMap((te) => [...te.workerHeapPeaks().values()]);
    return { wallSeconds: (result.endTime - result.startTime) / 1000, cpuSeconds: cpu, heapPeaks };
  } finally {
    await cluster.close();
  }
}

const k = (x: number): string => (x >= 1e6 ? `${(x / 1e6).toFixed(2)} M` : `${(x / 1e3).toFixed(x >= 1e5 ? 0 : 1)} K`);
const cell = (x: number | undefined): string => (x === undefined ? "–" : k(x));

console.log(`machine: ${machine()}`);
console.log(`command: node dist/bench/nexmark.js --events ${events} --queries ${queries.join(",")} --parallelism ${parallelisms.join(",")}`);
console.log(`events: ${events} per run, event time ${eventRate}/s (10 s), sink: discard\n`);

const header = ["query", "p", "events/s", "cores used", "events/s/core", "loop events/s", "per core ÷ loop", "Flink 1.13 /core", "× Flink", "Feldera /core", "peak heap per worker"];
const mib = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;
const rows: string[][] = [];
for (const query of queries) {
  const base = loop(query, events);
  const loopRate = events / base.seconds;
  for (const p of parallelisms) {
    const baseline = await sluice(query, p, BASELINE_EVENTS);
    const run = await sluice(query, p, events);
    const steady = events - BASELINE_EVENTS;
    const wall = run.wallSeconds - baseline.wallSeconds;
    const cpu = run.cpuSeconds - baseline.cpuSeconds;
    const rate = steady / wall;
    const perCore = steady / cpu;
    console.log(
      `${query} p=${p}: raw ${k(events / run.wallSeconds)}/s, ${k(events / run.cpuSeconds)}/s per core (${run.wallSeconds.toFixed(2)} s, ${run.cpuSeconds.toFixed(2)} s CPU); ` +
        `baseline ${BASELINE_EVENTS} events: ${baseline.wallSeconds.toFixed(2)} s, ${baseline.cpuSeconds.toFixed(2)} s CPU`,
    );
    const flink = FLINK_PER_CORE[query];
    const row = [
      query,
      String(p),
      k(rate),
      (cpu / wall).toFixed(2),
      k(perCore),
      k(loopRate),
      (perCore / loopRate).toFixed(2),
      cell(flink),
      flink === undefined ? "–" : `${(perCore / flink).toFixed(1)}×`,
      cell(FELDERA_PER_CORE[query]),
      run.heapPeaks.length ? run.heapPeaks.map(mib).join(", ") : "–",
    ];
    rows.push(row);
  }
}

console.log(`\n| ${header.join(" | ")} |\n|${header.map(() => "---").join("|")}|`);
for (const r of rows) console.log(`| ${r.join(" | ")} |`);
