import type { RpcService } from "../rpc/interface.js";
import { type DispatcherGateway } from "../gateways.js";
import type { BlobServer } from "../blob/blob-server.js";
import type { ClusterOverview, ExceptionInfo, JobBundle, JobDetails, JobOverview, JobResult, JobSubmission, TaskManagerInfo } from "../messages.js";
import type { ResourceManager } from "../resourcemanager/resource-manager.js";
import type { Logger } from "../../util/logger.js";
import type { CheckpointStatsSnapshot } from "../jobmaster/checkpoint-stats.js";
import { type CheckpointSettings } from "../jobmaster/checkpoint-settings.js";
import type { HighAvailabilityServices } from "../ha/interface.js";
/** The submission itself is unusable (bad settings, unreadable savepoint, corrupt bundle): the client's fault. */
export declare class JobSubmissionError extends Error {
    name: string;
}
export declare class UnknownJobError extends Error {
    name: string;
}
export interface DispatcherOptions {
    rpc: RpcService;
    blobServer: BlobServer;
    resourceManager: ResourceManager;
    config: Readonly<Record<string, string>>;
    logger: Logger;
    /**
     * The leader session id of this Dispatcher's term. When given, it is also the fencing token of the
     * JobMasters it starts (they lead together with it), so it must equal the ResourceManager's.
     */
    sessionId?: string;
    /**
     * HA services: jobs are persisted in the JobGraph store, checkpoints go to the completed-checkpoint
     * store, terminal jobs get their HA data deleted (job-persistence.ts). Without, nothing is kept.
     */
    ha?: HighAvailabilityServices;
}
export declare class Dispatcher implements DispatcherGateway {
    private readonly options;
    readonly sessionId: string;
    private readonly jobs;
    private readonly log;
    private readonly persistence;
    /** Leadership is gone: this Dispatcher's term is over and its JobMasters are suspended. */
    private suspended;
    /** HA cleanups of terminated jobs still under way. */
    private readonly cleanups;
    constructor(options: DispatcherOptions);
    start(): void;
    submitJob(submission: JobSubmission, bundle: JobBundle): Promise<{
        jobId: string;
    }>;
    /** Starts a job whose bundle is already in the BlobServer (e.g. uploaded through /jars/upload). */
    runJob(submission: JobSubmission, jobId?: string): Promise<{
        jobId: string;
    }>;
    /**
     * What a new leader does (DESIGN.md section 7): finishes interrupted cleanups, then resumes every
     * persisted job that has no result, each from its newest completed checkpoint. Returns their ids.
     */
    recoverJobs(): Promise<string[]>;
    /** Leadership lost: every JobMaster stops acting; their jobs' HA data stays for the next leader. */
    suspend(cause: string): void;
    private cleanUpWhenTerminated;
    /** Waits (at most `timeoutMs`) for the HA cleanups under way, e.g. before the HA services close. */
    awaitCleanups(timeoutMs: number): Promise<void>;
    private createJobMaster;
    listJobs(): JobOverview[];
    requestJob(jobId: string): JobDetails;
    requestCheckpointStats(jobId: string): CheckpointStatsSnapshot;
    requestCheckpointConfig(jobId: string): CheckpointSettings;
    /** A checkpoint now (besides the periodic ones); resolves with its `_metadata` path. */
    triggerCheckpoint(jobId: string): Promise<string>;
    /** Resolves with the savepoint's folder once it is complete. */
    triggerSavepoint(jobId: string, dir?: string): Promise<string>;
    /** Stop-with-savepoint: the sources end after the savepoint (after the final watermark with `drain`). */
    stopWithSavepoint(jobId: string, dir?: string, drain?: boolean): Promise<string>;
    requestExceptions(jobId: string): ExceptionInfo[];
    requestJobResult(jobId: string): Promise<JobResult>;
    cancelJob(jobId: string): Promise<void>;
    requestClusterOverview(): Promise<ClusterOverview>;
    requestTaskManagers(): Promise<TaskManagerInfo[]>;
    private job;
    stop(): void;
}
