/**
 * The JobMaster of one job: builds the ExecutionGraph, declares the slots it needs to the
 * ResourceManager, deploys all tasks once enough slots are offered (slot sharing: slot i of a
 * sharing group holds subtask i of every vertex in it), tracks task states, and on a task failure
 * cancels everything and restarts through the restart strategy, or fails the job.
 */
import type { RpcService } from "../rpc/interface.js";
import { type JobMasterGateway } from "../gateways.js";
import type { ExceptionInfo, JobDetails, JobResult, JobStatus, SlotOffer } from "../messages.js";
import { type JobGraph } from "../../graph/job-graph.js";
import type { DefinitionInputs, ExecutionState, SerializedError, TaskMetrics } from "../../runtime/tasks/deployment.js";
import type { Logger } from "../../util/logger.js";
import { CheckpointCoordinator } from "./checkpoint-coordinator.js";
import type { CheckpointIdCounter, CompletedCheckpointStore } from "../ha/interface.js";
import type { TaskCheckpointAck, TaskRestore } from "../../runtime/checkpoint/checkpoint-metadata.js";
export interface JobMasterOptions {
    jobId: string;
    jobGraph: JobGraph;
    bundleHash: string;
    definition: DefinitionInputs;
    rpc: RpcService;
    resourceManager: () => Promise<{
        address: string;
        sessionId: string;
    }>;
    config: Readonly<Record<string, string>>;
    logger: Logger;
    /** Where completed checkpoints are recorded (in ZooKeeper with HA); in memory by default. */
    checkpointStore?: CompletedCheckpointStore;
    checkpointIdCounter?: CheckpointIdCounter;
    /** A savepoint (or retained checkpoint) to start from, already checked by the Dispatcher. */
    initialRestore?: TaskRestore;
    /**
     * The leader session id of the JobManager term this JobMaster runs in. It fences the JobMaster's
     * endpoint (TaskExecutors must present it), travels with the slot requirements and deployments
     * so that TaskExecutors reject a stale JobMaster, and makes execution ids unique per term.
     */
    fencingToken?: string;
}
export declare class JobMaster implements JobMasterGateway {
    private readonly options;
    readonly jobId: string;
    private status;
    private readonly timestamps;
    private readonly graph;
    private readonly slots;
    private readonly taskManagers;
    private readonly collected;
    private readonly exceptions;
    private readonly restartStrategy;
    private readonly required;
    private readonly log;
    private endpoint;
    private rm;
    private deployed;
    private failure;
    private statusMessage;
    private restarts;
    private metricsTimer;
    /**
     * Heartbeats to the TaskManagers holding this job's slots. A killed TaskManager is noticed at once
     * through its lost connection; the timeout catches one that is alive but silent (frozen, partitioned).
     */
    private readonly heartbeats;
    private resolveResult;
    readonly checkpoints: CheckpointCoordinator;
    /** The state the current attempt started from. */
    private currentRestore;
    /** The keyed state backend of every task: the job's choice over the client's and the cluster's configuration. */
    private readonly stateBackend;
    /** A damaged checkpoint being removed: the restart must not pick it again. */
    private droppingCheckpoint;
    readonly result: Promise<JobResult>;
    /** Set once suspended (leadership lost): the endpoint rejects every call from then on. */
    private suspended;
    /** Settles once the CheckpointCoordinator has shut down after a terminal state or suspension. */
    private checkpointShutdown;
    constructor(options: JobMasterOptions);
    get address(): string;
    start(): Promise<void>;
    offerSlots(taskManagerId: string, taskExecutorAddress: string, dataAddress: string, offers: SlotOffer[]): SlotOffer[];
    updateTaskExecutionState(executionId: string, state: ExecutionState, error?: SerializedError, metrics?: TaskMetrics): void;
    acknowledgeCheckpoint(executionId: string, checkpointId: number, ack: TaskCheckpointAck): void;
    declineCheckpoint(executionId: string, checkpointId: number, reason: SerializedError): void;
    collect(executionId: string, nodeId: number, values: unknown[]): void;
    disconnectTaskManager(taskManagerId: string, cause: string): void;
    cancel(): void;
    details(): JobDetails;
    /** Triggers a savepoint; with `stop` the sources end after it and the job finishes. */
    triggerSavepoint(dir: string | undefined, stop?: "terminate" | "drain"): Promise<string>;
    exceptionHistory(): ExceptionInfo[];
    get jobStatus(): JobStatus;
    private declareResources;
    private updateWaitingMessage;
    /** Deploys every task once the slots for all of them are there. */
    private tryDeploy;
    private checkpointTasks;
    private connectTaskManager;
    private applyMetrics;
    private fetchMetrics;
    private onTaskManagerLost;
    private onTaskFailure;
    private scheduleRestart;
    private cancelAllExecutions;
    private checkProgress;
    private terminate;
    /**
     * Leadership is gone (DESIGN.md section 7): stop acting at once, keep every piece of HA data (the
     * job goes on under the next leader, from its newest checkpoint), cancel this JobMaster's own
     * executions and free its own slots (ids unique to this term, so nothing of a newer JobMaster is
     * touched), and end with SUSPENDED, which is not globally terminal.
     */
    suspend(cause: string): void;
    /** Settles once the job's checkpoint bookkeeping has stopped (after a terminal state or suspension). */
    checkpointsShutDown(): Promise<void>;
    private releaseResources;
    private transition;
}
