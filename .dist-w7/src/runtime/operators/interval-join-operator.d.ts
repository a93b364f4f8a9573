import { StreamOperator, type OperatorContext } from "./stream-operator.js";
export declare class IntervalJoinOperator extends StreamOperator {
    private readonly backend;
    private readonly keys;
    private readonly lower;
    private readonly upper;
    private readonly lateTags;
    private readonly buffers;
    private readonly timers;
    private readonly fn;
    private leftTs;
    private rightTs;
    private readonly context;
    private readonly out;
    constructor(ctx: OperatorContext);
    private readonly emitAt;
    open(): Promise<void>;
    processElement(value: unknown, timestamp: number, input: number): void;
    private join;
    /** A cleanup timer: the buffered elements at the corresponding timestamp can no longer match. */
    private cleanup;
    initializeState(restored: boolean): void;
    protected onWatermark(watermark: number): void;
    close(): Promise<void>;
}
