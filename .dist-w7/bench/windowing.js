/**
 * Windowed aggregation: count per key (10,000 keys) in 1 s tumbling windows and in 10 s windows
 * sliding by 2 s, at parallelism 1 and 2 on the MiniCluster, against the same aggregation as a
 * hand-written loop (a Map per window, fired when event time passes the window's end) in the
 * same run.
 * Run: npm run build && node dist/bench/windowing.js [--count N]
 */
import { runJob } from "../src/client/job-runner.js";
import { argNumber, benchJob, machine, perSecond, rate, timed } from "./support.js";
import { click, KEYS } from "./jobs/windowed-count.js";
const count = argNumber("count", 4_000_000);
/** Counts per key and window, emitting (counting) each window's results once event time passes its end. */
function handWritten(n, size, slide) {
    const windows = new Map();
    let emitted = 0;
    let watermark = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < n; i++) {
        const c = click(i);
        const last = c.ts - (c.ts % slide);
        for (let start = last; start > c.ts - size; start -= slide) {
            let w = windows.get(start);
            if (!w)
                windows.set(start, (w = new Map()));
            w.set(c.key, (w.get(c.key) ?? 0) + 1);
        }
        if (c.ts - 1 > watermark) {
            watermark = c.ts - 1;
            for (const [start, w] of windows) {
                if (start + size - 1 <= watermark) {
                    emitted += w.size;
                    windows.delete(start);
                }
            }
        }
    }
    for (const w of windows.values())
        emitted += w.size;
    return emitted;
}
console.log(`machine: ${machine()}`);
console.log(`events: ${count}, keys: ${KEYS}`);
for (const [kind, size, slide] of [["tumbling", 1000, 1000], ["sliding", 10_000, 2_000]]) {
    handWritten(200_000, size, slide); // warm-up
    const loop = await timed(() => handWritten(count, size, slide));
    console.log(`${kind} (size ${size} ms, slide ${slide} ms)`);
    console.log(`  hand-written loop:  ${rate(count, loop.ms)}  (${loop.ms.toFixed(0)} ms, ${loop.result} results)`);
    for (const p of [1, 2]) {
        const job = await runJob(benchJob("windowed-count.ts"), { args: [String(count), String(p), kind] });
        if (job.state !== "FINISHED")
            throw new Error(`job ${job.state}: ${job.failure?.message}`);
        const ms = job.endTime - job.startTime;
        console.log(`  sluice p=${p}:         ${rate(count, ms)}  (${ms.toFixed(0)} ms submit to FINISHED)  ratio to loop ${(perSecond(count, ms) / perSecond(count, loop.ms)).toFixed(2)}`);
    }
}
console.log("target: windowed aggregation at ≥ 1 M events/s per core");
//# sourceMappingURL=windowing.js.map