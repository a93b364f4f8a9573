/**
 * Time from `sluice run examples/wordcount.ts` to the first result record on stdout, against the
 * start-up time of a bare `node -e ""` measured in the same run. Target: under 1 second.
 * Run: npm run build && node dist/bench/startup-latency.js [--runs N]
 */
import { spawn } from "node:child_process";
import { join } from "node:path";
import { REPO_ROOT, argNumber, machine } from "./support.js";
const runs = argNumber("runs", 5);
function timeToFirstLine(args) {
    return new Promise((resolve, reject) => {
        const start = performance.now();
        let first = -1;
        const child = spawn(process.execPath, args, { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "ignore"] });
        child.stdout.on("data", () => {
            if (first < 0)
                first = performance.now() - start;
        });
        child.on("error", reject);
        child.on("exit", () => resolve({ first: first < 0 ? performance.now() - start : first, total: performance.now() - start }));
    });
}
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const bare = [];
const firsts = [];
const totals = [];
await timeToFirstLine([join(REPO_ROOT, "bin", "sluice.js"), "run", "examples/wordcount.ts"]); // warm the file cache
for (let i = 0; i < runs; i++) {
    bare.push((await timeToFirstLine(["-e", "console.log(1)"])).first);
    const r = await timeToFirstLine([join(REPO_ROOT, "bin", "sluice.js"), "run", "examples/wordcount.ts"]);
    firsts.push(r.first);
    totals.push(r.total);
}
console.log(`machine: ${machine()}`);
console.log(`node -e (bare start-up), median of ${runs}:      ${median(bare).toFixed(0)} ms`);
console.log(`sluice run wordcount → first record, median: ${median(firsts).toFixed(0)} ms  (target < 1000 ms)`);
console.log(`sluice run wordcount → exit, median:         ${median(totals).toFixed(0)} ms`);
//# sourceMappingURL=startup-latency.js.map