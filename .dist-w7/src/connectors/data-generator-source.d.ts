import type { Source, SourceReader, SourceReaderContext } from "../api/source.js";
export interface DataGeneratorOptions {
    /** Total records per second over all subtasks; unlimited when absent. */
    recordsPerSecond?: number;
}
/** A lane of indices: next, next+step, next+2·step, … below the source's count. */
export interface GeneratorSplit {
    next: number;
    step: number;
}
/**
 * A parallel generator (Flink's DataGeneratorSource): record i is generator(i). Subtask s of p
 * starts with the lane s, s+p, s+2p, … below `count`, so the union over subtasks is every index
 * exactly once; a restore at another parallelism deals the remaining lanes out again.
 */
export declare class DataGeneratorSource<T> implements Source<T, GeneratorSplit> {
    private readonly generator;
    private readonly count;
    private readonly options;
    readonly boundedness: "bounded" | "unbounded";
    constructor(generator: (index: number) => T, count?: number, options?: DataGeneratorOptions);
    createReader(ctx: SourceReaderContext): SourceReader<T, GeneratorSplit>;
}
