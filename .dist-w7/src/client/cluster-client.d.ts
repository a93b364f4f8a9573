/**
 * How the client talks to a cluster: the embedded MiniCluster's Dispatcher directly, or a remote
 * Dispatcher over REST (rest-cluster-client.ts). Both take a bundle plus its JobGraph.
 */
import type { MiniCluster } from "../cluster/minicluster.js";
import type { JobBundle, JobDetails, JobResult, JobSubmission } from "../cluster/messages.js";
export interface ClusterClient {
    submit(submission: JobSubmission, bundle: JobBundle): Promise<string>;
    result(jobId: string): Promise<JobResult>;
    details(jobId: string): Promise<JobDetails>;
    cancel(jobId: string): Promise<void>;
    /** Resolves with the savepoint's folder. */
    triggerSavepoint(jobId: string, dir?: string): Promise<string>;
    stopWithSavepoint(jobId: string, dir?: string, drain?: boolean): Promise<string>;
}
export declare class MiniClusterClient implements ClusterClient {
    readonly cluster: MiniCluster;
    constructor(cluster: MiniCluster);
    submit(submission: JobSubmission, bundle: JobBundle): Promise<string>;
    result(jobId: string): Promise<JobResult>;
    details(jobId: string): Promise<JobDetails>;
    cancel(jobId: string): Promise<void>;
    triggerSavepoint(jobId: string, dir?: string): Promise<string>;
    stopWithSavepoint(jobId: string, dir?: string, drain?: boolean): Promise<string>;
}
