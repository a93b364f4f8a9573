import type { JobGraph } from "../../graph/job-graph.js";
import type { DefinitionInputs } from "../../runtime/tasks/deployment.js";
export interface EvaluationLimits {
    timeoutMs: number;
    maxHeapMb: number;
    /** Evaluations running at once; further requests wait in a queue of `maxQueued`. */
    maxConcurrent: number;
    maxQueued: number;
}
export declare class BundleEvaluationError extends Error {
    name: string;
}
/** Too many evaluations at once: the request may be retried (answered with 429). */
export declare class EvaluatorBusyError extends Error {
    name: string;
}
export declare class BundleEvaluator {
    readonly limits: EvaluationLimits;
    private running;
    private readonly queue;
    private readonly workers;
    constructor(limits: EvaluationLimits);
    evaluate(bundlePath: string, inputs: DefinitionInputs): Promise<JobGraph>;
    /** Terminates evaluations in progress (server shutdown). */
    close(): Promise<void>;
    private acquire;
    private release;
    private runWorker;
}
