/**
 * Drives one operator without a cluster (Flink's OneInputStreamOperatorTestHarness and
 * TwoInputStreamOperatorTestHarness in one): the test feeds records and watermarks, moves
 * processing time, and reads everything the operator emitted, in order.
 */
import type { Key, KeySelector } from "../api/functions.js";
import type { JsonObject } from "../graph/stream-graph.js";
import type { StreamOperator } from "../runtime/operators/stream-operator.js";
import type { KeyedStateBackend } from "../runtime/state/keyed-state-backend.js";
import { ManualProcessingTimeService } from "./manual-processing-time.js";
export type EmittedElement = {
    kind: "record";
    value: unknown;
    timestamp: number | undefined;
} | {
    kind: "side";
    tag: string;
    value: unknown;
    timestamp: number | undefined;
} | {
    kind: "watermark";
    timestamp: number;
} | {
    kind: "stream-status";
    idle: boolean;
};
export interface HarnessOptions {
    /** The user functions, as the API records them (e.g. `{ fn }`, `{ sink }`, `{ watermarks }`). */
    fns?: Record<string, unknown>;
    config?: JsonObject;
    /** Key selectors per input; makes the operator keyed. */
    keySelectors?: Array<KeySelector<never, Key> | undefined>;
    inputs?: 1 | 2;
    parallelism?: number;
    subtaskIndex?: number;
    maxParallelism?: number;
    settings?: Record<string, unknown>;
    startTime?: number;
    /** The keyed backend to use (e.g. an LMDB one) instead of a heap backend for the operator's key-group range. */
    keyedStateBackend?: KeyedStateBackend;
}
export declare class OperatorTestHarness {
    readonly output: EmittedElement[];
    readonly collected: unknown[];
    readonly time: ManualProcessingTimeService;
    readonly operator: StreamOperator;
    constructor(kind: string, options?: HarnessOptions);
    open(): Promise<this>;
    processElement(value: unknown, timestamp?: number): void;
    processElement2(value: unknown, timestamp?: number): void;
    processWatermark(timestamp: number, input?: number): void;
    /** Moves processing time forward, firing due processing-time timers. */
    setProcessingTime(timestamp: number): void;
    endInput(input?: number): Promise<void>;
    finish(): Promise<void>;
    close(): Promise<void>;
    /** Values of the main output's records, in order. */
    records(): unknown[];
    sideOutput(tag: string): unknown[];
    watermarks(): number[];
    clearOutput(): void;
}
