/**
 * What the REST endpoint of every JobManager talks to: the local Dispatcher while this JobManager
 * leads, otherwise the leading Dispatcher over RPC, found through leader retrieval and called with
 * the leader's session id as fencing token (Flink's REST endpoints do the same through their
 * leader gateway retriever). So a standby answers reads and forwards submissions and cancellations
 * to the leader; the client need not know which JobManager leads. While no leader is known (during
 * a failover) requests fail with LeaderUnavailableError, which the REST layer answers with 503.
 */
import type { Dispatcher } from "../dispatcher/dispatcher.js";
import type { ClusterOverview, ExceptionInfo, JobBundle, JobDetails, JobOverview, JobResult, JobSubmission, TaskManagerInfo } from "../messages.js";
import type { CheckpointSettings } from "../jobmaster/checkpoint-settings.js";
import type { CheckpointStatsSnapshot } from "../jobmaster/checkpoint-stats.js";
import { type RpcService } from "../rpc/interface.js";
import type { RestDispatcher } from "../../rest/dispatcher-api.js";
import { type LeaderTracker } from "./leader-tracker.js";
export declare class LeaderRestDispatcher implements RestDispatcher {
    private readonly rpc;
    /** The Dispatcher of this JobManager's current term, if it leads. */
    private readonly local;
    /** Follows the dispatcher component's leader. */
    private readonly leader;
    private remote;
    constructor(rpc: RpcService, 
    /** The Dispatcher of this JobManager's current term, if it leads. */
    local: () => Dispatcher | undefined, 
    /** Follows the dispatcher component's leader. */
    leader: LeaderTracker);
    submitJob(submission: JobSubmission, bundle: JobBundle): Promise<{
        jobId: string;
    }>;
    listJobs(): Promise<JobOverview[]>;
    requestJob(jobId: string): Promise<JobDetails>;
    requestExceptions(jobId: string): Promise<ExceptionInfo[]>;
    requestJobResult(jobId: string): Promise<JobResult>;
    cancelJob(jobId: string): Promise<void>;
    requestClusterOverview(): Promise<ClusterOverview>;
    requestTaskManagers(): Promise<TaskManagerInfo[]>;
    requestCheckpointStats(jobId: string): Promise<CheckpointStatsSnapshot>;
    requestCheckpointConfig(jobId: string): Promise<CheckpointSettings>;
    triggerSavepoint(jobId: string, dir?: string): Promise<string>;
    stopWithSavepoint(jobId: string, dir?: string, drain?: boolean): Promise<string>;
    /** Drops the connection to a remote leader. */
    close(): void;
    private call;
    private remoteGateway;
}
