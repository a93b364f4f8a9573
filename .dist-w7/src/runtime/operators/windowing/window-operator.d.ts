import { StreamOperator, type OperatorContext } from "../stream-operator.js";
export declare class WindowOperator extends StreamOperator {
    private readonly backend;
    private readonly key;
    private readonly assigner;
    private readonly merging;
    private readonly trigger;
    private readonly lateness;
    private readonly lateTag;
    private readonly fn;
    private readonly contents;
    /** Namespace of the contents (the state window, for sessions). */
    private readonly contentScope;
    /** Namespace of the actual window: trigger state and the window function's windowState(). */
    private readonly windowScope;
    private readonly eventTimers;
    private readonly processingTimers;
    private readonly triggerCtx;
    private readonly processCtx;
    private readonly out;
    private readonly assignerCtx;
    private readonly mergingTable;
    private emitTimestamp;
    private currentWindow;
    /** Late elements dropped because no side output was set (Flink's numLateRecordsDropped). */
    numLateRecordsDropped: number;
    constructor(ctx: OperatorContext);
    /** Timers came back with the keyed state; rebuild their firing order. */
    initializeState(restored: boolean): void;
    open(): Promise<void>;
    processElement(value: unknown, timestamp: number): void;
    /** Returns whether every window was already late. */
    private addToWindows;
    private addToMergingWindows;
    private afterAdd;
    private setWindow;
    protected onWatermark(watermark: number): void;
    private onEventTime;
    private onProcessingTime;
    private onTimer;
    private emit;
    private clearAllState;
    /** When a window's state goes: its end plus the allowed lateness in event time, its end in processing time. */
    private cleanupTime;
    private registerCleanupTimer;
    private deleteCleanupTimer;
    private isWindowLate;
    private isElementLate;
    /**
     * End of input: event time already ended (the final watermark fired every event-time timer).
     * Processing-time windows fire too, as if the clock jumped to the end of time, so a bounded
     * job's processing-time windows are complete (Flink's batch-mode behaviour).
     */
    finish(): void;
    close(): Promise<void>;
}
