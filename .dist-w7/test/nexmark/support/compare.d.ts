export type Comparison = {
    kind: "multiset";
} | {
    kind: "final-per-key";
    key: (r: unknown) => string;
}
/** q12: processing-time windows split counts unpredictably; their sums per bidder are fixed. */
 | {
    kind: "count-per-key";
    key: (r: unknown) => string;
    count: (r: unknown) => number;
};
export declare const COMPARISONS: Record<string, Comparison>;
/** Sorted canonical JSON lines: equal arrays iff equal multisets. */
export declare function canonical(records: readonly unknown[]): string[];
/** What a result list reduces to under the comparison (a sorted list of JSON lines). */
export declare function comparable(records: readonly unknown[], comparison?: Comparison): string[];
