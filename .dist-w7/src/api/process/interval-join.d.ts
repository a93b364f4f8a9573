/** keyedA.intervalJoin(keyedB).between(lower, upper).process(fn): joins by key within a time interval. */
import type { SingleOutputStreamOperator, StreamInput } from "../data-stream.js";
import type { StreamExecutionEnvironment } from "../environment.js";
import type { Key } from "../functions.js";
import type { OutputTag } from "../output-tag.js";
import type { ProcessJoinFunction } from "./join-functions.js";
export declare class IntervalJoin<A, B, K extends Key> {
    private readonly env;
    private readonly left;
    private readonly right;
    readonly __types?: (a: A, b: B, k: K) => void;
    constructor(env: StreamExecutionEnvironment, left: readonly StreamInput[], right: readonly StreamInput[]);
    /** Joins right elements with lowerMs <= right.ts − left.ts <= upperMs (both inclusive by default). */
    between(lowerMs: number, upperMs: number): IntervalJoined<A, B, K>;
}
export declare class IntervalJoined<A, B, K extends Key> {
    private readonly env;
    private readonly left;
    private readonly right;
    readonly __types?: (a: A, b: B, k: K) => void;
    private readonly config;
    constructor(env: StreamExecutionEnvironment, left: readonly StreamInput[], right: readonly StreamInput[], lower: number, upper: number);
    lowerBoundExclusive(): this;
    upperBoundExclusive(): this;
    /** Left elements that arrive behind the watermark go here instead of being dropped. */
    sideOutputLeftLateData(tag: OutputTag<A>): this;
    sideOutputRightLateData(tag: OutputTag<B>): this;
    process<R>(fn: ProcessJoinFunction<A, B, R>): SingleOutputStreamOperator<R>;
}
