/**
 * What the REST endpoint needs from the Dispatcher. The embedded Dispatcher answers some questions
 * synchronously; a Dispatcher reached over RPC answers all of them asynchronously, so every method
 * may return either and the REST layer always awaits.
 */
import type { CheckpointQueries } from "./checkpoint-queries.js";
import type { ClusterOverview, ExceptionInfo, JobBundle, JobDetails, JobOverview, JobResult, JobSubmission, TaskManagerInfo } from "../cluster/messages.js";
export type MaybePromise<T> = T | Promise<T>;
/** The Dispatcher as the REST endpoint sees it: jobs, cluster, and the checkpoint queries. */
export interface RestDispatcher extends CheckpointQueries {
    /** Stores the bundle and starts the job; the bundle's hash must be the submission's. */
    submitJob(submission: JobSubmission, bundle: JobBundle): Promise<{
        jobId: string;
    }>;
    listJobs(): MaybePromise<JobOverview[]>;
    /** Throws an error named UnknownJobError for a job the Dispatcher does not know. */
    requestJob(jobId: string): MaybePromise<JobDetails>;
    requestExceptions(jobId: string): MaybePromise<ExceptionInfo[]>;
    /** Resolves once the job is globally terminal. */
    requestJobResult(jobId: string): Promise<JobResult>;
    cancelJob(jobId: string): Promise<void>;
    requestClusterOverview(): Promise<ClusterOverview>;
    requestTaskManagers(): Promise<TaskManagerInfo[]>;
}
/** Errors the Dispatcher raises for an unknown job, whether thrown locally or relayed over RPC. */
export declare function isUnknownJobError(e: unknown): boolean;
