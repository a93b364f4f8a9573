/** Functions of window joins, coGroups and interval joins. */
import type { Collector, ProcessContext, RichFunction } from "../functions.js";
/** One result per matching pair. */
export type JoinFunction<A, B, O> = ((first: A, second: B) => O) | (RichFunction & {
    join(first: A, second: B): O;
});
/** Any number of results per matching pair. */
export type FlatJoinFunction<A, B, O> = ((first: A, second: B, out: Collector<O>) => void) | (RichFunction & {
    join(first: A, second: B, out: Collector<O>): void;
});
/** All elements of both sides that share a key and a window (either side may be empty). */
export type CoGroupFunction<A, B, O> = ((first: A[], second: B[], out: Collector<O>) => void) | (RichFunction & {
    coGroup(first: A[], second: B[], out: Collector<O>): void;
});
export interface ProcessJoinContext extends ProcessContext {
    leftTimestamp(): number;
    rightTimestamp(): number;
}
/** Interval join: called per pair (left, right) with right.ts − left.ts within the bounds. */
export type ProcessJoinFunction<A, B, O> = ((left: A, right: B, ctx: ProcessJoinContext, out: Collector<O>) => void) | (RichFunction & {
    processElement(left: A, right: B, ctx: ProcessJoinContext, out: Collector<O>): void;
});
