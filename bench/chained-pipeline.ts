/**
 * Chained stateless pipeline (generator → map → filter → sink) at parallelism 1 on the MiniCluster,
 * against the same computation as one hand-written loop in this process.
 *
 * The steady state, not deployment: each run is paired with a run of the same job over
 * BASELINE_RECORDS records on a fresh cluster, whose time (submission, deployment, bundle
 * evaluation in the worker, JIT warm-up) is subtracted, as bench/nexmark.ts does; the baseline's
 * time is printed as start-up, with its share of the full run.
 * Run: npm run build && node dist/bench/chained-pipeline.js [--count N]
 */
import { MiniCluster } from "../src/cluster/minicluster.js";
import { MiniClusterClient } from "../src/client/cluster-client.js";
import { runJob } from "../src/client/job-runner.js";
import { argNumber, benchJob, machine, perSecond, rate, timed } from "./support.js";
import { filterRecord, generateRecord, mapRecord } from "./jobs/chained-functions.js";

const count = argNumber("count", 100_000_000);
const BASELINE_RECORDS = 10_000;

function handWritten(n: number): number {
  let checksum = 0;
  for (let i = 0; i < n; i++) {
    const o = mapRecord(generateRecord(i));
    if (filterRecord(o)) checksum += o.amount;
  }
  return checksum;
}

/** Submit to FINISHED, in ms, on a fresh cluster (cluster start excluded). */
async function jobMs(records: number): Promise<number> {
  const cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: 1 });
  try {
    const job = await runJob(benchJob("chained.ts"), { client: new MiniClusterClient(cluster), args: [String(records), "1"] });
    if (job.state !== "FINISHED") throw new Error(`job ${job.state}: ${job.failure?.message}`);
    return job.endTime - job.startTime;
  } finally {
    await cluster.close();
  }
}

handWritten(1_000_000); // warm-up
const loop = await timed(() => handWritten(count));
const startup = await jobMs(BASELINE_RECORDS);
const full = await jobMs(count);
const steadyRecords = count - BASELINE_RECORDS;
const steadyMs = full - startup;
console.log(`machine: ${machine()}`);
console.log(`records: ${count} (baseline run: ${BASELINE_RECORDS})`);
console.log(`hand-written loop:        ${rate(count, loop.ms)}  (${loop.ms.toFixed(0)} ms)`);
console.log(`sluice start-up:          ${startup.toFixed(0)} ms (the baseline run, submit to FINISHED; ${((startup / full) * 100).toFixed(1)} % of the full run)`);
console.log(`sluice, chained p=1, raw: ${rate(count, full)}  (${full.toFixed(0)} ms, submit to FINISHED)`);
console.log(`sluice, steady state:     ${rate(steadyRecords, steadyMs)}  (${steadyMs.toFixed(0)} ms for the records beyond the baseline's)`);
console.log(`ratio raw / loop:          ${(perSecond(count, full) / perSecond(count, loop.ms)).toFixed(2)}`);
console.log(`ratio steady state / loop: ${(perSecond(steadyRecords, steadyMs) / perSecond(count, loop.ms)).toFixed(2)}  (target ≥ 0.30)`);
