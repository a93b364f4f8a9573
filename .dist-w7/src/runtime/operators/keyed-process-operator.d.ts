import { StreamOperator, type OperatorContext } from "./stream-operator.js";
export declare class KeyedProcessOperator extends StreamOperator {
    private readonly backend;
    private readonly key;
    private readonly fn;
    private readonly onTimerFn;
    private readonly timers;
    private readonly context;
    constructor(ctx: OperatorContext);
    open(): Promise<void>;
    processElement(value: unknown, timestamp: number): void;
    initializeState(restored: boolean): void;
    protected onWatermark(watermark: number): void;
    finish(): void;
    close(): Promise<void>;
}
