/**
 * The consumer side of a task's inputs: one channel per upstream subtask. It grants each channel
 * `buffersPerChannel` credits, queues what arrives, and returns a credit for every buffer the task
 * has processed, so at most that many buffers per channel are ever in flight. It also tracks each
 * channel's watermark and status (Flink's StatusWatermarkValve): an input's watermark is the
 * minimum over its active channels; ended channels no longer hold it back.
 */
import { type DataEvent, type DataFrame, type WorkerKey } from "./frames.js";
import type { DataEndpoint } from "./data-endpoint.js";
export interface InputChannel {
    readonly id: string;
    readonly inputIndex: number;
    readonly producer: WorkerKey;
    /** Buffers this channel may have in flight. */
    readonly credits: number;
    watermark: number;
    idle: boolean;
    ended: boolean;
}
export interface QueuedFrame {
    channel: InputChannel;
    frame: DataFrame;
}
export declare class InputGate {
    private readonly endpoint;
    readonly numInputs: number;
    private readonly buffersPerChannel;
    private readonly onArrival;
    readonly channels: InputChannel[];
    private queue;
    private head;
    /** Channels blocked by checkpoint alignment, and what arrived on them meanwhile (in order). */
    private readonly blocked;
    private held;
    /** Combined watermark per input index. */
    private readonly inputWatermarks;
    private readonly inputIdle;
    constructor(endpoint: DataEndpoint, numInputs: number, buffersPerChannel: number, onArrival: () => void);
    addChannel(id: string, inputIndex: number, producer: WorkerKey, credits?: number): void;
    /** Opens the channels for data: the producers may send once they have credit. */
    grantInitialCredits(): void;
    next(): QueuedFrame | undefined;
    /** Holds back what arrives on `channel` until unblockAll() (exactly-once barrier alignment). */
    block(channel: InputChannel): void;
    /** Releases every blocked channel; what they held is processed first, in arrival order. */
    unblockAll(): void;
    get queuedBuffers(): number;
    /** The task processed a buffer from `channel`: give the producer one more credit. */
    returnCredit(channel: InputChannel): void;
    get allEnded(): boolean;
    inputEnded(inputIndex: number): boolean;
    /**
     * Applies a watermark or status event; returns the input's new combined watermark when it
     * advanced, or its new idleness when that changed.
     */
    applyEvent(channel: InputChannel, event: DataEvent): {
        watermark?: number;
        idle?: boolean;
    };
    private recompute;
    currentWatermark(): number | null;
    close(): void;
}
