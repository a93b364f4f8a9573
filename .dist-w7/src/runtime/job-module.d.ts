import { type JobDefinition } from "../api/job.js";
import { StreamExecutionEnvironment, type ExecutionRequest } from "../api/environment.js";
import type { JobGraph } from "../graph/job-graph.js";
import type { BoundFunctions } from "./tasks/operator-chain.js";
import type { DefinitionInputs } from "./tasks/deployment.js";
export declare const SLUICE_API_GLOBAL: unique symbol;
export declare class JobDefinitionError extends Error {
    name: string;
}
/** Imports a bundled job module and returns its job definition (the default export). */
export declare function loadJobDefinition(bundlePath: string): Promise<JobDefinition>;
export interface EvaluatedJob {
    env: StreamExecutionEnvironment;
    jobGraph: JobGraph;
    fns: BoundFunctions;
    /** Set when the definition called executeAndCollect(): the caller runs the job and resolves it. */
    execution: ExecutionRequest | undefined;
    /** Settles when the definition function has returned (after any execution it requested). */
    completion: Promise<void>;
}
/**
 * Runs the definition until it has declared its pipeline: until it returns, or until it asks for
 * execution with executeAndCollect() (whichever comes first).
 */
export declare function evaluateJob(def: JobDefinition, inputs: DefinitionInputs): Promise<EvaluatedJob>;
/** In a worker: evaluates the definition and checks it declared the same topology as the client did. */
export declare function bindJob(bundlePath: string, inputs: DefinitionInputs, expected: JobGraph): Promise<BoundFunctions>;
