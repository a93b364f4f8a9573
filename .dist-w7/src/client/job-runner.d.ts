import { type JobGraph } from "../graph/job-graph.js";
import { type EvaluatedJob } from "../runtime/job-module.js";
import type { DefinitionInputs } from "../runtime/tasks/deployment.js";
import type { JobResult } from "../cluster/messages.js";
import { type BundledJob } from "./bundler.js";
import { type ClusterClient } from "./cluster-client.js";
export interface RunOptions {
    args?: string[];
    parallelism?: number;
    config?: Record<string, string>;
    /** Where to run; by default a MiniCluster sized for the job is started and closed afterwards. */
    client?: ClusterClient;
    /** Resume from a savepoint (or retained checkpoint). */
    savepointPath?: string;
    allowNonRestoredState?: boolean;
    /** Called once the job is submitted. */
    onSubmitted?: (jobId: string, client: ClusterClient) => void;
}
export interface RunResult extends JobResult {
    jobGraph: JobGraph;
    /** The records of executeAndCollect(), when the definition called it. */
    records?: unknown[];
}
export declare class JobFailedError extends Error {
    name: string;
}
export interface PreparedJob {
    bundle: BundledJob;
    evaluated: EvaluatedJob;
    inputs: DefinitionInputs;
}
/** Bundles and evaluates a job file: what `sluice info` shows and what `run` submits. */
export declare function prepareJob(file: string, options?: Pick<RunOptions, "args" | "parallelism" | "config">): Promise<PreparedJob>;
export declare function runJob(file: string, options?: RunOptions): Promise<RunResult>;
export declare function runPrepared({ bundle, evaluated, inputs }: PreparedJob, options?: RunOptions): Promise<RunResult>;
