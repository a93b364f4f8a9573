/** Runs a job file and returns the records of each named collect sink (see collect.ts). */
import { runJob } from "../../../src/client/job-runner.js";
import { COLLECT_PREFIX } from "../../jobs/windowing/support/collect.js";
import { testJob } from "../../support/paths.js";
export async function runCollecting(job, parallelism, args = []) {
    const r = await runJob(testJob(job), { parallelism, args });
    if (r.state !== "FINISHED")
        throw new Error(`job ${job} ${r.state}: ${r.failure?.message ?? ""}\n${r.failure?.stack ?? ""}`);
    const out = new Map();
    for (const v of r.jobGraph.vertices) {
        for (const o of v.operators)
            if (o.name.startsWith(COLLECT_PREFIX))
                out.set(o.name.slice(COLLECT_PREFIX.length), r.collected[o.nodeId] ?? []);
    }
    return out;
}
//# sourceMappingURL=job-results.js.map