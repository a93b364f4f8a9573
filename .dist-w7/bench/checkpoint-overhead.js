/**
 * Throughput of a keyed stateful job with checkpoints every second against the same job without
 * checkpoints, in the same run. Target: under 5% lower.
 * Run: npm run build && node dist/bench/checkpoint-overhead.js [--count N]
 */
import { runJob } from "../src/client/job-runner.js";
import { argNumber, benchJob, machine, rate } from "./support.js";
const count = argNumber("count", 6_000_000);
const rounds = argNumber("rounds", 2);
async function run(intervalMs) {
    const r = await runJob(benchJob("keyed-state.ts"), { args: [String(count), String(intervalMs), "2", "100000"] });
    if (r.state !== "FINISHED")
        throw new Error(`job ${r.state}: ${r.failure?.message}`);
    return { ms: r.endTime - r.startTime, checkpoints: r.checkpoints.completed };
}
const without = [];
const withCp = [];
let checkpoints = 0;
for (let i = 0; i < rounds; i++) {
    without.push((await run(0)).ms);
    const c = await run(1000);
    withCp.push(c.ms);
    checkpoints += c.checkpoints;
}
const best = (xs) => Math.min(...xs);
console.log(`machine: ${machine()}`);
console.log(`records: ${count} per run, 100,000 keys, parallelism 2, best of ${rounds}`);
console.log(`without checkpoints:          ${rate(count, best(without))}  (${best(without).toFixed(0)} ms)`);
console.log(`checkpoint every 1 s:         ${rate(count, best(withCp))}  (${best(withCp).toFixed(0)} ms, ${checkpoints} checkpoints in ${rounds} runs)`);
console.log(`throughput lost to checkpoints: ${((1 - best(without) / best(withCp)) * 100).toFixed(1)} %  (target < 5 %)`);
//# sourceMappingURL=checkpoint-overhead.js.map