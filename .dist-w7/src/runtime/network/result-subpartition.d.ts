/**
 * The producer side of one channel: collects records into a batch, turns full batches into
 * buffers, and sends a buffer only when the consumer has granted a credit (credit-based flow
 * control). Events queue behind buffers so nothing overtakes data. When buffers wait for credit
 * the subpartition is "blocked" and the task stops producing (backpressure).
 */
import { type DataEvent, type DataFrame } from "./frames.js";
import { RecordBatchEncoder } from "./record-batch-codec.js";
export interface FrameSender {
    send(frame: DataFrame): void;
}
export interface OutputCounters {
    records: number;
    bytes: number;
    buffers: number;
}
/** Target size of one network buffer (Flink's 32 KiB memory segment). */
export declare const TARGET_BUFFER_BYTES: number;
export declare class ResultSubpartition {
    readonly channel: string;
    private readonly sender;
    private readonly encoder;
    private readonly counters;
    /** With a buffer timeout of 0, every record is flushed at once. */
    private readonly flushEveryRecord;
    /** The consumer runs in the same worker: batches are handed over without serialization. */
    private readonly local;
    private values;
    private timestamps;
    private credits;
    private readonly backlog;
    private batchLimit;
    private blockedListener;
    constructor(channel: string, sender: FrameSender, encoder: RecordBatchEncoder, counters: OutputCounters, 
    /** With a buffer timeout of 0, every record is flushed at once. */
    flushEveryRecord: boolean, 
    /** The consumer runs in the same worker: batches are handed over without serialization. */
    local?: boolean);
    add(value: unknown, timestamp: number): void;
    /** Finishes the partly filled batch, if any, into a buffer. */
    flush(): void;
    sendEvent(event: DataEvent): void;
    addCredits(n: number): void;
    /** Buffers waiting for credit (the producer must pause while there are any). */
    get backlogBuffers(): number;
    get isBlocked(): boolean;
    /** Calls `listener` once when the backlog has drained. */
    whenUnblocked(listener: () => void): void;
    private enqueue;
    private drain;
}
