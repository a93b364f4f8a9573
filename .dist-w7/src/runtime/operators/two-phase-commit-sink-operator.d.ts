import { ListStateDescriptor } from "../../api/state/state-descriptors.js";
import { type SubtaskTransactions } from "../../connectors/two-phase-commit/recovery-plan.js";
import { StreamOperator, type SnapshotOptions } from "./stream-operator.js";
/** Union list state: one entry per subtask (see recovery-plan.ts for why union). */
export declare const TWO_PHASE_COMMIT_STATE: ListStateDescriptor<SubtaskTransactions<unknown>>;
export declare class TwoPhaseCommitSinkOperator extends StreamOperator {
    private writer;
    private state;
    private restoredEntries;
    private highestParallelism;
    /** The open transaction; undefined before open() and after finish(). */
    private current;
    private readonly pending;
    /** Savepoints pre-committed for whose completion has not been notified yet. */
    private readonly savepoints;
    /** Commits run one after another, in checkpoint order. */
    private commits;
    private failure;
    initializeState(restored: boolean): void;
    open(): Promise<void>;
    processElement(value: unknown, timestamp: number): void;
    snapshotState(checkpointId: number, options?: SnapshotOptions): void | Promise<void>;
    notifyCheckpointComplete(checkpointId: number): Promise<void>;
    notifyCheckpointAborted(checkpointId: number): void;
    get isBackpressured(): boolean;
    whenNotBackpressured(): Promise<void>;
    finish(): Promise<void>;
    close(): Promise<void>;
    private commitUpTo;
    /** Queues work behind earlier commits; after a failure nothing is committed any more. */
    private enqueue;
    private throwIfFailed;
    /** Fails the task from asynchronous work: a throwing timer callback fails it (processing-time-service.ts). */
    private failTask;
}
