/**
 * A randomly shaped pipeline, fully determined by a seed: the job (random-pipeline.ts) builds it
 * with the DataStream API; the test computes the same thing with plain loops (the reference).
 */
export type Step = {
    op: "map";
    mul: number;
    add: number;
    parallelism: number;
    chain: boolean;
} | {
    op: "filter";
    mod: number;
    rest: number;
    parallelism: number;
    chain: boolean;
} | {
    op: "flatMap";
    every: number;
    parallelism: number;
    chain: boolean;
} | {
    op: "partition";
    how: "rebalance" | "rescale" | "shuffle" | "forward" | "broadcast" | "keyBy";
};
export interface PipelineSpec {
    count: number;
    sourceParallelism: number;
    steps: Step[];
    /** A second source unioned in before the steps. */
    union: {
        from: number;
        to: number;
    } | null;
    /** Ends with keyBy(value % keys).sum(): compare final sums per key. */
    sumKeys: number | null;
}
export declare const SUM_MODULUS = 1000000007;
export declare function rng(seed: number): () => number;
/** `baseParallelism` is the source's and the usual operator parallelism; some operators deviate at random. */
export declare function generateSpec(seed: number, baseParallelism: number): PipelineSpec;
export declare const mapValue: (v: number, mul: number, add: number) => number;
/** The reference: the same computation as plain loops. Returns the output multiset (sorted). */
export declare function referenceOutput(spec: PipelineSpec, parallelismOfBroadcast: (stepIndex: number) => number): number[];
/** Parallelism of the operator consuming a partition step (the next non-partition step). */
export declare function consumerParallelism(spec: PipelineSpec, stepIndex: number, sinkParallelism: number): number;
