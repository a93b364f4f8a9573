/**
 * What every Nexmark job file shares: the generator source with the reference watermark (event
 * time − 4 s), the query, and a sink chosen by the arguments (print; discard, Nexmark's
 * "blackhole", for benchmarks; collect, for tests).
 */
import { NexmarkSource, defineJob, nexmarkWatermarkStrategy } from "sluice";
import { parseNexmarkArgs } from "./job-args.js";
export function nexmarkEvents(env, a) {
    const config = { seed: a.seed, ...(a.eventRate !== undefined ? { firstEventRate: a.eventRate, nextEventRate: a.eventRate } : {}) };
    const source = new NexmarkSource({ events: a.events, config, eventsPerSecond: a.rate > 0 ? a.rate : undefined });
    return env.fromSource(source, nexmarkWatermarkStrategy(), "Nexmark Source");
}
export function sinkResults(results, a) {
    switch (a.sink) {
        case "print":
            results.print();
            return;
        case "discard":
            results.addSink(() => { }).name("Discard");
            return;
        case "collect":
            void results.executeAndCollect();
            return;
    }
}
/** A job file's definition: `export default nexmarkJob("q5", q5)`. */
export function nexmarkJob(name, query, sink = sinkResults) {
    return defineJob((env, args) => {
        const a = parseNexmarkArgs(args);
        env.setJobName(`Nexmark ${name}`);
        if (a.checkpointInterval > 0)
            env.enableCheckpointing(a.checkpointInterval);
        sink(query(nexmarkEvents(env, a)), a);
    }, { name: `Nexmark ${name}` });
}
//# sourceMappingURL=nexmark-job.js.map