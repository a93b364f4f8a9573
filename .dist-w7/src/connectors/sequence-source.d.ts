import type { Source, SourceReader, SourceReaderContext } from "../api/source.js";
/** Splits [from, to] into contiguous ranges, one per subtask; the union is the whole range, in order per subtask. */
export declare function splitRange(from: number, to: number, parallelism: number, subtask: number): [number, number];
/** A remaining range [next, end] of the sequence. */
export type SequenceSplit = [number, number];
/** The integers from..to inclusive (Flink's fromSequence), split across subtasks. */
export declare class SequenceSource implements Source<number, SequenceSplit> {
    private readonly from;
    private readonly to;
    readonly boundedness = "bounded";
    constructor(from: number, to: number);
    createReader(ctx: SourceReaderContext): SourceReader<number, SequenceSplit>;
}
