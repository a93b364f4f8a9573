import type { StreamExecutionEnvironment } from "./environment.js";
export type JobDefinitionFunction = (env: StreamExecutionEnvironment, args: string[]) => void | Promise<void>;
/**
 * A job module's default export. The definition only declares the pipeline; it is evaluated once
 * by the client (to build the JobGraph) and again in every worker (to bind user functions), so it
 * must declare the same pipeline each time.
 */
export interface JobDefinition {
    readonly kind: "sluice.job";
    readonly name?: string;
    readonly define: JobDefinitionFunction;
}
export declare function defineJob(define: JobDefinitionFunction, options?: {
    name?: string;
}): JobDefinition;
export declare function isJobDefinition(value: unknown): value is JobDefinition;
