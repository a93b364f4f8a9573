/** Helpers for the network tests: capture what subpartitions send and decode it back. */
import { type DataEvent, type DataFrame } from "../../../src/runtime/network/frames.js";
import { ResultSubpartition, type OutputCounters } from "../../../src/runtime/network/result-subpartition.js";
export type Received = {
    kind: "record";
    value: unknown;
    timestamp: number;
} | {
    kind: "event";
    event: DataEvent;
};
export declare class CapturingChannel {
    readonly frames: DataFrame[];
    readonly counters: OutputCounters;
    readonly subpartition: ResultSubpartition;
    private readonly decoder;
    /** `local`: the consumer is in the same worker, batches are handed over unserialized. */
    constructor(name: string, flushEveryRecord: boolean, local?: boolean);
    /** Frames that carry records (and took a credit). */
    get buffersSent(): number;
    /** Everything received so far, records unpacked from their buffers, in order. */
    received(): Received[];
    values(): unknown[];
}
