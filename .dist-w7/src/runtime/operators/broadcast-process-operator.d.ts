import { StreamOperator, type OperatorContext } from "./stream-operator.js";
export declare class BroadcastProcessOperator extends StreamOperator {
    private readonly user;
    private readonly processElementFn;
    private readonly processBroadcastFn;
    private readonly operatorState;
    private readonly declared;
    private readonly backend;
    private readonly key;
    private readonly timers;
    /** Main-side context (read-only broadcast state) and broadcast-side context (writable). */
    private readonly elementCtx;
    private readonly broadcastCtx;
    private readonly views;
    constructor(ctx: OperatorContext);
    private state;
    private readOnlyState;
    private applyToKeyedState;
    open(): Promise<void>;
    processElement(value: unknown, timestamp: number, input: number): void;
    initializeState(restored: boolean): void;
    protected onWatermark(watermark: number): void;
    finish(): void;
    close(): Promise<void>;
}
