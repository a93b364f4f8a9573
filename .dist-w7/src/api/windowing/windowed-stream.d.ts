import type { DataStream, SingleOutputStreamOperator, StreamInput } from "../data-stream.js";
import type { StreamExecutionEnvironment } from "../environment.js";
import type { Key, ReduceFunction } from "../functions.js";
import type { OutputTag } from "../output-tag.js";
import type { AggregateFunction } from "../state/aggregate-function.js";
import type { Evictor } from "./evictors.js";
import type { Trigger } from "./trigger.js";
import type { WindowAssigner } from "./window-assigner.js";
import type { AllWindowFunction, ProcessAllWindowFunction, ProcessWindowFunction, WindowFunction } from "./window-functions.js";
import type { Window } from "./windows.js";
type ContentsSpec = {
    kind: "reduce";
    reduce: unknown;
} | {
    kind: "aggregate";
    aggregate: unknown;
} | {
    kind: "list";
};
/** Settings shared by keyed and all-windows. */
declare abstract class WindowedStreamBase<T, W extends Window> {
    protected readonly env: StreamExecutionEnvironment;
    protected readonly inputs: readonly StreamInput[];
    protected readonly assigner: WindowAssigner<T, W>;
    private readonly allWindows;
    private triggerFn;
    private evictorFn;
    private lateness;
    private lateTag;
    protected constructor(env: StreamExecutionEnvironment, inputs: readonly StreamInput[], assigner: WindowAssigner<T, W>, allWindows: boolean);
    /** Replaces the assigner's default trigger. */
    trigger(trigger: Trigger<T, W>): this;
    /** Removes elements before/after the window function (keeps all elements in state). */
    evictor(evictor: Evictor<T, W>): this;
    /** Keeps event-time windows for this long after their end; late elements then fire them again. */
    allowedLateness(ms: number): this;
    /** Elements too late for every window go to this side output instead of being dropped. */
    sideOutputLateData(tag: OutputTag<T>): this;
    protected build<R>(name: string, contents: ContentsSpec, windowFunction: string, windowFn?: unknown): SingleOutputStreamOperator<R>;
}
export declare class WindowedStream<T, K extends Key, W extends Window> extends WindowedStreamBase<T, W> {
    constructor(env: StreamExecutionEnvironment, inputs: readonly StreamInput[], assigner: WindowAssigner<T, W>);
    /** Incremental reduce per window; with a process function, that gets the reduced value. */
    reduce(fn: ReduceFunction<T>): SingleOutputStreamOperator<T>;
    reduce<R>(fn: ReduceFunction<T>, windowFn: ProcessWindowFunction<T, R, K, W>): SingleOutputStreamOperator<R>;
    /** Incremental aggregation per window; with a process function, that gets the result. */
    aggregate<ACC, V>(fn: AggregateFunction<T, ACC, V>): SingleOutputStreamOperator<V>;
    aggregate<ACC, V, R>(fn: AggregateFunction<T, ACC, V>, windowFn: ProcessWindowFunction<V, R, K, W>): SingleOutputStreamOperator<R>;
    /** All elements of the window at once, with the window and state in the context. */
    process<R>(fn: ProcessWindowFunction<T, R, K, W>): SingleOutputStreamOperator<R>;
    apply<R>(fn: WindowFunction<T, R, K, W>): SingleOutputStreamOperator<R>;
}
export declare class AllWindowedStream<T, W extends Window> extends WindowedStreamBase<T, W> {
    constructor(input: DataStream<T>, assigner: WindowAssigner<T, W>);
    reduce(fn: ReduceFunction<T>): SingleOutputStreamOperator<T>;
    reduce<R>(fn: ReduceFunction<T>, windowFn: ProcessAllWindowFunction<T, R, W>): SingleOutputStreamOperator<R>;
    aggregate<ACC, V>(fn: AggregateFunction<T, ACC, V>): SingleOutputStreamOperator<V>;
    aggregate<ACC, V, R>(fn: AggregateFunction<T, ACC, V>, windowFn: ProcessAllWindowFunction<V, R, W>): SingleOutputStreamOperator<R>;
    process<R>(fn: ProcessAllWindowFunction<T, R, W>): SingleOutputStreamOperator<R>;
    apply<R>(fn: AllWindowFunction<T, R, W>): SingleOutputStreamOperator<R>;
}
export {};
