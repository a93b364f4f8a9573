/**
 * Incremental aggregation (Flink's AggregateFunction): fold inputs into an accumulator, read a
 * result from it, and merge two accumulators (needed when session windows merge).
 */
export interface AggregateFunction<IN, ACC, OUT> {
    createAccumulator(): ACC;
    add(value: IN, accumulator: ACC): ACC;
    getResult(accumulator: ACC): OUT;
    /** Required by merging windows (sessions); optional elsewhere. */
    merge?(a: ACC, b: ACC): ACC;
}
