/**
 * KeyedStream: a stream partitioned by key. Operators on it see one key at a time and may keep
 * state per key; the key also decides the record's key group (DESIGN.md principle 6).
 */
import type { StreamExecutionEnvironment } from "./environment.js";
import { DataStream, type SingleOutputStreamOperator, type StreamInput } from "./data-stream.js";
import type { Key, KeySelector, ReduceFunction } from "./functions.js";
import type { KeyedProcessFunction } from "./process/keyed-process-function.js";
import { BroadcastStream, ConnectedStreams, KeyedBroadcastConnectedStream, KeyedConnectedStreams } from "./process/connected-streams.js";
import { IntervalJoin } from "./process/interval-join.js";
import { WindowedStream } from "./windowing/windowed-stream.js";
import type { WindowAssigner } from "./windowing/window-assigner.js";
import type { GlobalWindow, Window } from "./windowing/windows.js";
/** Fields of T that hold numbers (or tuple positions, for arrays); what sum/min/max can aggregate. */
export type NumericField<T> = T extends readonly unknown[] ? {
    [I in keyof T]: T[I] extends number ? I : never;
}[number] extends infer P ? P extends `${infer N extends number}` ? N : never : never : {
    [F in keyof T]-?: T[F] extends number ? F : never;
}[keyof T];
export type AggregationKind = "sum" | "min" | "max" | "minBy" | "maxBy";
export declare class KeyedStream<T, K extends Key> extends DataStream<T> {
    /** @internal */ readonly keySelector: KeySelector<T, K>;
    constructor(env: StreamExecutionEnvironment, inputs: readonly StreamInput[], 
    /** @internal */ keySelector: KeySelector<T, K>);
    /** Running reduce per key: emits the updated value for every record. */
    reduce(fn: ReduceFunction<T>): SingleOutputStreamOperator<T>;
    /** Running sum of a numeric field per key (or of the value itself for a stream of numbers). */
    sum(field?: NumericField<T>): SingleOutputStreamOperator<T>;
    /** Running minimum of a field; other fields keep the first record's values (as in Flink). */
    min(field?: NumericField<T>): SingleOutputStreamOperator<T>;
    max(field?: NumericField<T>): SingleOutputStreamOperator<T>;
    /** The whole record with the smallest value of the field so far (the first one on ties). */
    minBy(field?: NumericField<T>): SingleOutputStreamOperator<T>;
    maxBy(field?: NumericField<T>): SingleOutputStreamOperator<T>;
    /** A KeyedProcessFunction: keyed state, timers and side outputs per key. */
    process<R>(fn: KeyedProcessFunction<K, T, R>): SingleOutputStreamOperator<R>;
    /** Windows per key. */
    window<W extends Window>(assigner: WindowAssigner<T, W>): WindowedStream<T, K, W>;
    /** Windows of `size` elements per key (sliding by `slide` elements when given). */
    countWindow(size: number, slide?: number): WindowedStream<T, K, GlobalWindow>;
    /** Connects with a broadcast stream (keyed broadcast pattern) or another keyed stream (keyed co-process). */
    connect<T2>(other: BroadcastStream<T2>): KeyedBroadcastConnectedStream<K, T, T2>;
    connect<T2>(other: KeyedStream<T2, K>): KeyedConnectedStreams<T, T2, K>;
    connect<T2>(other: DataStream<T2>): ConnectedStreams<T, T2>;
    /** Joins with another keyed stream on equal keys and timestamps within an interval (then between()). */
    intervalJoin<T2>(other: KeyedStream<T2, K>): IntervalJoin<T, T2, K>;
    private aggregate;
}
