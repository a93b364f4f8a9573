/**
 * Watermark strategies, as in Flink: a timestamp assigner plus a watermark generator, with optional
 * idleness. The runtime calls onEvent() per record and onPeriodicEmit() every
 * `pipeline.auto-watermark-interval` (default 200 ms).
 */
export interface WatermarkOutput {
    emitWatermark(timestamp: number): void;
    /** Marks this output idle: downstream operators ignore it when computing their watermark. */
    markIdle(): void;
    markActive(): void;
}
export interface WatermarkGenerator<T> {
    onEvent(event: T, eventTimestamp: number, output: WatermarkOutput): void;
    onPeriodicEmit(output: WatermarkOutput): void;
}
export type TimestampAssigner<T> = (event: T, recordTimestamp: number | undefined) => number;
export declare class WatermarkStrategy<T> {
    readonly createWatermarkGenerator: () => WatermarkGenerator<T>;
    readonly timestampAssigner?: TimestampAssigner<T> | undefined;
    readonly idleTimeoutMs?: number | undefined;
    /** True only for noWatermarks() without an assigner: the runtime then skips per-record work. */
    readonly isNoOp: boolean;
    private constructor();
    /** No watermarks at all: event-time operators never fire before end of input. */
    static noWatermarks<T>(): WatermarkStrategy<T>;
    /** Timestamps never decrease: the watermark trails the highest timestamp by 1 ms. */
    static forMonotonousTimestamps<T>(): WatermarkStrategy<T>;
    /** Events arrive at most `maxOutOfOrdernessMs` late: watermark = max timestamp − bound − 1. */
    static forBoundedOutOfOrderness<T>(maxOutOfOrdernessMs: number): WatermarkStrategy<T>;
    /** A custom generator. */
    static forGenerator<T>(create: () => WatermarkGenerator<T>): WatermarkStrategy<T>;
    withTimestampAssigner(assigner: TimestampAssigner<T>): WatermarkStrategy<T>;
    /** A source split (or input) without records for this long is marked idle. */
    withIdleness(timeoutMs: number): WatermarkStrategy<T>;
}
