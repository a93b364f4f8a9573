import { type RpcService } from "../rpc/interface.js";
import { type TaskExecutorGateway } from "../gateways.js";
import type { HeartbeatSettings } from "../heartbeat.js";
import type { SlotReport, TaskDeploymentDescriptor, TaskExecutorHeartbeatPayload } from "../messages.js";
import type { CheckpointTrigger } from "../../runtime/tasks/stream-task.js";
import type { Logger } from "../../util/logger.js";
import type { DataTransport } from "./data-transport.js";
export interface LeaderAddress {
    address: string;
    sessionId: string;
}
export interface TaskExecutorOptions {
    rpc: RpcService;
    data: DataTransport;
    numberOfSlots: number;
    /** Where to find the ResourceManager and the BlobServer (fixed, or from leader retrieval). */
    resourceManager: () => Promise<LeaderAddress>;
    blobServerAddress: () => Promise<string>;
    heartbeat: HeartbeatSettings;
    logger: Logger;
    id?: string;
    metricsIntervalMs?: number;
    maxWorkerHeapMb?: number;
    /** Time a cancelled task gets to stop before its worker thread is terminated. */
    cancellationTimeoutMs?: number;
    blobCacheDir?: string;
    /**
     * Called when the TaskExecutor cannot go on, e.g. the ResourceManager refuses its cluster secret
     * (a wrong secret does not fix itself by retrying). The process entrypoint exits; tests observe it.
     */
    onFatalError?: (error: Error) => void;
}
export declare class TaskExecutor implements TaskExecutorGateway {
    private readonly options;
    readonly id: string;
    private readonly slots;
    private readonly executions;
    private readonly metrics;
    private readonly jobMasters;
    /** Where each worker of other TaskManagers is reachable, learned from deployments. */
    private readonly dataAddresses;
    private readonly blobs;
    private readonly log;
    private rm;
    private lastRmHeartbeat;
    private rmWatch;
    private stopped;
    private registering;
    /** Wakes the registration loop from its backoff pause (the leader changed). */
    private wakeRegistration;
    /** The ResourceManager leader registered with (or being registered with). */
    private rmLeader;
    /** Per job with slots here: when its JobMaster last asked for a heartbeat (or the slot was allocated). */
    private readonly lastJmHeartbeat;
    constructor(options: TaskExecutorOptions);
    start(): Promise<void>;
    /** Registers with the current ResourceManager leader, retrying with backoff until it works. */
    private register;
    /**
     * Leader retrieval reports a (possibly) new ResourceManager leader. When it differs from the one
     * registered with, register with the new one at once instead of waiting for the old connection
     * to fail or its heartbeats to time out (a frozen old leader keeps its connections open).
     */
    resourceManagerLeaderChanged(leader: LeaderAddress | null): void;
    /**
     * The JobManager's components lead together under one leader session: JobMasters of an older
     * session than the ResourceManager's are no longer leaders. Their slots are freed (which stops
     * their tasks) before this TaskExecutor offers anything to the new leader.
     */
    private followLeaderSession;
    /** Rejects a leader-bound request carrying a token other than the current leader session's. */
    private checkLeaderToken;
    /** Whether the TaskExecutor is registered at a ResourceManager right now. */
    get isRegistered(): boolean;
    slotReport(): SlotReport;
    requestSlot(slotIndex: number, allocationId: string, jobId: string, jobMasterAddress: string, jobMasterToken?: string): Promise<void>;
    submitTask(tdd: TaskDeploymentDescriptor): Promise<void>;
    cancelTask(executionId: string): void;
    triggerCheckpoint(executionId: string, trigger: CheckpointTrigger): void;
    notifyCheckpointComplete(executionId: string, checkpointId: number): void;
    notifyCheckpointAborted(executionId: string, checkpointId: number): void;
    freeSlot(allocationId: string, cause: string): Promise<void>;
    heartbeatFromResourceManager(): SlotReport;
    heartbeatFromJobManager(jobId: string): TaskExecutorHeartbeatPayload;
    disconnectJobManager(jobId: string, cause: string, jobMasterToken?: string): Promise<void>;
    /** Number of live worker threads (one per allocated slot in use). */
    get activeWorkers(): number;
    private workerKey;
    private ensureWorker;
    /** Terminates a slot's worker (a stuck task) and starts a fresh one for the same allocation. */
    private restartWorker;
    private onWorkerDied;
    private onWorkerMessage;
    private reportState;
    private jobMasterCall;
    /** The connection to a job's JobMaster; a JobMaster at another address or with another token replaces it. */
    private jobMaster;
    private learnDataAddresses;
    /** A frame from a worker of this TaskManager to a worker elsewhere. */
    private route;
    /** A frame from another TaskManager; only frames addressed to this TaskManager's workers are taken. */
    private receiveRemote;
    /**
     * The data connection to another TaskManager is gone (it was killed, or sent garbage): every
     * task here with channels to it can no longer make progress. Fail them, so that the JobMaster's
     * failover restarts the job, instead of waiting for a heartbeat timeout.
     */
    private onDataPeerLost;
    /** Reports the task failed and stops it in its worker (the JobMaster won't cancel a task it sees as failed). */
    private failExecution;
    /**
     * A JobMaster that has not asked for a heartbeat within the timeout is presumed gone (frozen, or
     * partitioned away while its connection stays up): free the job's slots so they can be reused.
     */
    private checkJobMasterHeartbeats;
    private deliverLocally;
    stop(): Promise<void>;
}
