/**
 * Runs a job file: bundle it, evaluate its definition into a JobGraph, submit bundle and graph to
 * a cluster (the embedded MiniCluster unless one is given), and wait for the result. This is what
 * `sluice run` does, and what tests use to run jobs exactly as users do.
 */
import { mkdirSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requiredSlots } from "../graph/job-graph.js";
import { evaluateJob, loadJobDefinition } from "../runtime/job-module.js";
import { MiniCluster } from "../cluster/minicluster.js";
import { bundleJob } from "./bundler.js";
import { MiniClusterClient } from "./cluster-client.js";
export class JobFailedError extends Error {
    name = "JobFailedError";
}
/** Bundles and evaluates a job file: what `sluice info` shows and what `run` submits. */
export async function prepareJob(file, options = {}) {
    const bundle = await bundleJob(file);
    const dir = join(tmpdir(), "sluice-client-cache");
    mkdirSync(dir, { recursive: true });
    const path = join(dir, `${bundle.hash}.mjs`);
    if (!existsSync(path))
        writeFileSync(path, bundle.code);
    const config = options.config ?? {};
    const inputs = {
        args: options.args ?? [],
        config,
        defaultParallelism: options.parallelism ?? Number(config["parallelism.default"] ?? 1),
    };
    const evaluated = await evaluateJob(await loadJobDefinition(path), inputs);
    return { bundle, evaluated, inputs };
}
export async function runJob(file, options = {}) {
    const prepared = await prepareJob(file, options);
    return runPrepared(prepared, options);
}
export async function runPrepared({ bundle, evaluated, inputs }, options = {}) {
    const { jobGraph } = evaluated;
    let cluster;
    let client = options.client;
    if (!client) {
        const config = options.config ?? {};
        cluster = await MiniCluster.start({ numTaskManagers: 1, slotsPerTaskManager: requiredSlots(jobGraph), config });
        client = new MiniClusterClient(cluster);
    }
    try {
        const submission = { jobGraph, bundleHash: bundle.hash, definition: inputs, savepointPath: options.savepointPath, allowNonRestoredState: options.allowNonRestoredState };
        const jobId = await client.submit(submission, { hash: bundle.hash, code: bundle.code });
        options.onSubmitted?.(jobId, client);
        const result = await client.result(jobId);
        const execution = evaluated.execution;
        const records = execution ? (result.collected[execution.collectSinkId] ?? []) : undefined;
        if (execution) {
            if (result.state === "FINISHED")
                execution.resolve(records ?? []);
            else
                execution.reject(new JobFailedError(`job ${result.state}: ${result.failure?.message ?? ""}`));
            // Let the definition finish what it does with the results (print them, check them).
            await evaluated.completion.catch(() => { });
        }
        return { ...result, jobGraph, records };
    }
    finally {
        await cluster?.close();
    }
}
//# sourceMappingURL=job-runner.js.map