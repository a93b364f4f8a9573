/**
 * A ClusterClient for a remote Dispatcher, over its REST API: submits bundle + JobGraph with
 * POST /jobs, follows the job through /jobs/:jobid/execution-result (Flink's client does the same),
 * cancels with PATCH /jobs/:jobid?mode=cancel. Also the jar and overview calls the CLI needs.
 */
import type { JobBundle, JobDetails, JobResult, JobStatus, JobSubmission } from "../cluster/messages.js";
import type { ClusterClient } from "./cluster-client.js";
import { RestTransport, type RestTransportOptions } from "./rest-transport.js";
export interface RestClusterClientOptions extends RestTransportOptions {
    /** Longest wait between two polls of a running job; default 500 ms. */
    maxPollIntervalMs?: number;
}
/** One row of GET /jobs/overview. */
export interface JobOverviewJson {
    jid: string;
    name: string;
    state: JobStatus;
    "start-time": number;
    "end-time": number;
    duration: number;
    "last-modification": number;
    tasks: Record<string, number>;
}
/** A savepoint (or stop-with-savepoint) the cluster could not complete. */
export declare class SavepointFailedError extends Error {
    name: string;
}
export interface JarRunOptions {
    programArgsList?: string[];
    parallelism?: number;
    flinkConfiguration?: Record<string, string>;
}
export declare class RestClusterClient implements ClusterClient {
    private readonly options;
    readonly transport: RestTransport;
    /** JobGraphs this client submitted: details() returns them as they were, not rebuilt from the plan. */
    private readonly submitted;
    constructor(options: RestClusterClientOptions);
    submit(submission: JobSubmission, bundle: JobBundle): Promise<string>;
    /** Waits until the job is globally terminal and returns its result with the collected records. */
    result(jobId: string): Promise<JobResult>;
    /** Triggers a savepoint and waits for it; resolves with its folder. */
    triggerSavepoint(jobId: string, dir?: string): Promise<string>;
    /** Stops the job with a savepoint (drain: MAX_WATERMARK first) and waits for it; resolves with its folder. */
    stopWithSavepoint(jobId: string, dir?: string, drain?: boolean): Promise<string>;
    private awaitOperation;
    private pause;
    /** The job as the REST API shows it, turned back into the Dispatcher's record. */
    details(jobId: string): Promise<JobDetails>;
    /** Cancels a job; a job that has already ended is left as it is. */
    cancel(jobId: string): Promise<void>;
    listJobs(): Promise<JobOverviewJson[]>;
    /** Uploads a prebuilt bundle (multipart, as Flink's /jars/upload); returns the jar id. */
    uploadJar(code: string | Buffer, fileName?: string): Promise<string>;
    runJar(jarId: string, options?: JarRunOptions): Promise<string>;
}
