/**
 * Chained stateless pipeline (generator → map → filter → sink) at parallelism 1 on the MiniCluster,
 * against the same computation as one hand-written loop in this process.
 * Run: npm run build && node dist/bench/chained-pipeline.js [--count N]
 */
import { runJob } from "../src/client/job-runner.js";
import { argNumber, benchJob, machine, perSecond, rate, timed } from "./support.js";
import { filterRecord, generateRecord, mapRecord } from "./jobs/chained-functions.js";
const count = argNumber("count", 20_000_000);
function handWritten(n) {
    let checksum = 0;
    for (let i = 0; i < n; i++) {
        const o = mapRecord(generateRecord(i));
        if (filterRecord(o))
            checksum += o.amount;
    }
    return checksum;
}
handWritten(1_000_000); // warm-up
const loop = await timed(() => handWritten(count));
const job = await runJob(benchJob("chained.ts"), { args: [String(count), "1"] });
if (job.state !== "FINISHED")
    throw new Error(`job ${job.state}: ${job.failure?.message}`);
const jobMs = job.endTime - job.startTime;
console.log(`machine: ${machine()}`);
console.log(`records: ${count}`);
console.log(`hand-written loop:   ${rate(count, loop.ms)}  (${loop.ms.toFixed(0)} ms)`);
console.log(`sluice, chained p=1: ${rate(count, jobMs)}  (${jobMs.toFixed(0)} ms, submit to FINISHED)`);
console.log(`ratio sluice / loop: ${(perSecond(count, jobMs) / perSecond(count, loop.ms)).toFixed(2)}  (target ≥ 0.30)`);
//# sourceMappingURL=chained-pipeline.js.map