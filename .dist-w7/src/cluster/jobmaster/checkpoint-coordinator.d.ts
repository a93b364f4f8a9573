/**
 * The CheckpointCoordinator of one job (DESIGN.md section 6): triggers checkpoints periodically
 * (interval, min pause, max concurrent) and on demand (savepoints), sends the trigger to the source
 * tasks, collects every task's acknowledgement, writes `_metadata`, keeps the newest `retained`
 * completed checkpoints, notifies tasks of completion (the commit point for two-phase-commit sinks)
 * and of aborts, and fails the job when more checkpoints fail in a row than tolerated.
 */
import type { CheckpointIdCounter, CompletedCheckpointStore } from "../ha/interface.js";
import type { TaskCheckpointAck, TaskRestore } from "../../runtime/checkpoint/checkpoint-metadata.js";
import type { CheckpointTrigger } from "../../runtime/tasks/stream-task.js";
import type { SerializedError } from "../../runtime/tasks/deployment.js";
import type { Logger } from "../../util/logger.js";
import type { CheckpointSettings } from "./checkpoint-settings.js";
import { CheckpointStatsTracker } from "./checkpoint-stats.js";
export interface CheckpointTask {
    executionId: string;
    isSource: boolean;
    running: boolean;
    trigger(trigger: CheckpointTrigger): Promise<void>;
    notifyComplete(checkpointId: number): void;
    notifyAborted(checkpointId: number): void;
}
export interface CheckpointCoordinatorContext {
    jobId: string;
    settings: CheckpointSettings;
    store: CompletedCheckpointStore;
    counter: CheckpointIdCounter;
    logger: Logger;
    /** The tasks of the current attempt. */
    tasks(): CheckpointTask[];
    /** Too many checkpoints failed: the job must fail over. */
    onTolerableFailuresExceeded(cause: Error): void;
}
export interface SavepointRequest {
    dir?: string;
    stop?: "terminate" | "drain";
}
export declare class CheckpointDeclinedError extends Error {
    name: string;
}
export declare class CheckpointCoordinator {
    private readonly ctx;
    readonly stats: CheckpointStatsTracker;
    private readonly pending;
    private periodic;
    private lastCompletedAt;
    private consecutiveFailures;
    private readonly log;
    /**
     * Store and counter operations under way (with HA: writes to ZooKeeper). shutdown() waits for
     * them, so that a job's HA cleanup cannot be followed by a late write re-creating its nodes.
     */
    private readonly storeOperations;
    /** After shutdown nothing is triggered or completed any more. */
    private isShutDown;
    /** Runs a store or counter operation, tracked until it settles. */
    private tracked;
    constructor(ctx: CheckpointCoordinatorContext);
    get settings(): CheckpointSettings;
    /** Starts periodic checkpoints (when an interval is set). */
    startPeriodic(): void;
    stopPeriodic(): void;
    private lastTriggerAt;
    private maybeTriggerPeriodic;
    triggerCheckpoint(): Promise<string>;
    triggerSavepoint(request?: SavepointRequest): Promise<string>;
    private trigger;
    acknowledge(executionId: string, checkpointId: number, ack: TaskCheckpointAck): void;
    decline(_executionId: string, checkpointId: number, reason: SerializedError): void;
    private complete;
    private metadataOf;
    private abort;
    private fail;
    /** A failover: checkpoints in flight can no longer complete. */
    abortAll(reason: string): void;
    /**
     * The state to restart from: the newest retained checkpoint that is intact, falling back to older
     * ones (and dropping damaged ones) with a clear log line; `initial` (a savepoint) when none exists.
     */
    latestRestore(initial?: TaskRestore): Promise<TaskRestore | undefined>;
    /** Forgets a checkpoint that turned out to be unusable (a task failed reading it). */
    dropCheckpoint(checkpointId: number): Promise<void>;
    /** The job reached a terminal state: clean up what the retention rules say. */
    shutdown(status: "FINISHED" | "CANCELED" | "FAILED" | "SUSPENDED"): Promise<void>;
}
