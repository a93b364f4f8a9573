/**
 * Assigns event timestamps and generates watermarks inside the stream
 * (assignTimestampsAndWatermarks), also used by sources given a WatermarkStrategy.
 */
import type { WatermarkStrategy } from "../../api/watermark-strategy.js";
import type { Output } from "./output.js";
import type { ProcessingTimeService } from "./stream-operator.js";
import { StreamOperator } from "./stream-operator.js";
export declare const DEFAULT_AUTO_WATERMARK_INTERVAL_MS = 200;
/** Runs a WatermarkStrategy against an Output: timestamps per record, watermarks periodically, idleness. */
export declare class WatermarkEmitter {
    private readonly output;
    private readonly time;
    private readonly intervalMs;
    private readonly generator;
    private readonly assigner;
    private lastEmitted;
    private idle;
    private lastRecordAt;
    /** Reading the clock per record is costly; only idleness detection needs it. */
    private readonly tracksIdleness;
    private cancelTimer;
    private readonly wmOutput;
    constructor(strategy: WatermarkStrategy<unknown>, output: () => Output, time: ProcessingTimeService, intervalMs: number);
    private markActive;
    /** Returns the record's event timestamp (assigned or carried) and feeds the generator. */
    onRecord(value: unknown, timestamp: number): number;
    /** End of input: one last periodic emit, then stop. */
    close(): void;
}
export declare class TimestampsAndWatermarksOperator extends StreamOperator {
    private emitter;
    open(): void;
    processElement(value: unknown, timestamp: number): void;
    /** Upstream watermarks are dropped: this operator generates the stream's watermarks from here on (as in Flink). */
    processWatermark(watermark: number): void;
    close(): void;
}
