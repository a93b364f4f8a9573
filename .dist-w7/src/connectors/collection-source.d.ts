import type { Source, SourceReader } from "../api/source.js";
/** The elements of an in-memory collection, in order, from one subtask (like Flink's fromElements). */
export declare class CollectionSource<T> implements Source<T, number> {
    private readonly elements;
    readonly boundedness = "bounded";
    readonly maxParallelism = 1;
    constructor(elements: readonly T[]);
    createReader(): SourceReader<T, number>;
}
