import { StreamOperator, type OperatorContext } from "../stream-operator.js";
export declare class AsyncWaitOperator extends StreamOperator {
    private readonly user;
    private readonly capacity;
    private readonly timeoutMs;
    private readonly queue;
    /** Input not yet admitted to the queue, in arrival order (elements and watermarks). */
    private readonly pending;
    private failure;
    private waiters;
    /** Largest number of elements in the queue at once (for tests and metrics). */
    maxInFlight: number;
    constructor(ctx: OperatorContext);
    private restoredInputs;
    private bufferState;
    initializeState(restored: boolean): void;
    open(): Promise<void>;
    snapshotState(): void;
    get isBackpressured(): boolean;
    whenNotBackpressured(): Promise<void>;
    processElement(value: unknown, timestamp: number): void;
    processWatermark(watermark: number): void;
    private start;
    private onTimeout;
    /** Moves waiting input into the queue as far as capacity allows. */
    private admitPending;
    private wake;
    /** A failed call fails the task: through a timer, the task's channel for errors outside input processing. */
    private fail;
    private throwIfFailed;
    /** End of input: wait until every element has completed and been emitted. */
    finish(): Promise<void>;
    close(): Promise<void>;
}
