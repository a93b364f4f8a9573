/**
 * The head of a source vertex: receives what the reader emits, applies the source's watermark
 * strategy and passes records down the chain.
 */
import type { ReaderOutput, SourceReader } from "../../api/source.js";
import { StreamOperator } from "../operators/stream-operator.js";
export declare class SourceOperator extends StreamOperator implements ReaderOutput<unknown> {
    reader: SourceReader<unknown>;
    private emitter;
    /** Records emitted by the reader (the task's numRecordsIn). */
    emitted: number;
    open(): void;
    /** The reader's remaining splits live in operator list state, so a rescale deals them out again. */
    private splitState;
    snapshotState(): void;
    collect(value: unknown, timestamp?: number): void;
    processElement(): void;
    /** End of input: event time is complete. */
    emitFinalWatermark(): void;
    close(): Promise<void>;
}
