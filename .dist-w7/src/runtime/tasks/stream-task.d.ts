import type { DataEndpoint } from "../network/data-endpoint.js";
import { type BoundFunctions } from "./operator-chain.js";
import type { ExecutionState, SerializedError, TaskDeploymentDescriptor, TaskMetrics } from "./deployment.js";
import { type Barrier } from "../checkpoint/barrier-aligner.js";
import { type CheckpointReporter } from "../checkpoint/task-checkpointer.js";
export interface TaskCallbacks {
    onStateChange(state: ExecutionState, error?: SerializedError): void;
    collect(nodeId: number, values: unknown[]): void;
    checkpoint: CheckpointReporter;
}
/** A checkpoint a source task is asked to start; `stop` ends the source after it (stop-with-savepoint). */
export interface CheckpointTrigger {
    barrier: Barrier;
    stop?: "terminate" | "drain";
}
export declare class StreamTask {
    readonly tdd: TaskDeploymentDescriptor;
    private readonly endpoint;
    private readonly callbacks;
    private readonly vertex;
    private readonly chain;
    private readonly gate;
    private readonly time;
    private readonly accounting;
    private readonly outputCounters;
    private readonly decoder;
    private state;
    private recordsIn;
    private bytesIn;
    private draining;
    private blocked;
    private finishing;
    private settle;
    private readonly done;
    private wakeSource;
    private readonly checkpointer;
    private readonly aligner;
    private pendingTrigger;
    constructor(tdd: TaskDeploymentDescriptor, fns: BoundFunctions, endpoint: DataEndpoint, callbacks: TaskCallbacks);
    get executionState(): ExecutionState;
    /** Runs the task to its end; never rejects (failures are reported as state FAILED). */
    run(): Promise<void>;
    /** Source tasks: take a checkpoint at the next record boundary and send its barrier downstream. */
    triggerCheckpoint(trigger: CheckpointTrigger): void;
    notifyCheckpointComplete(checkpointId: number): Promise<void>;
    notifyCheckpointAborted(checkpointId: number): void;
    cancel(): void;
    private fail;
    private get running();
    private transition;
    private startBufferTimeout;
    private runSourceLoop;
    private waitUnlessStopped;
    private scheduleDrain;
    private drain;
    private processFrame;
    private finishTask;
    private closeOperators;
    private closeQuietly;
    metrics(): TaskMetrics;
}
