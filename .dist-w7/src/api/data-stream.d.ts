/**
 * DataStream and SingleOutputStreamOperator: the typed, fluent view over the StreamGraph.
 * A DataStream is a list of inputs (upstream node + how to partition from it); partitioning and
 * union only rewrite that list, they add no operator (Flink's virtual transformations).
 */
import type { PartitionerSpec, StreamNode } from "../graph/stream-graph.js";
import type { StreamExecutionEnvironment } from "./environment.js";
import type { FilterFunction, FlatMapFunction, Key, KeySelector, MapFunction, Partitioner, ProcessFunction, SinkFunction } from "./functions.js";
import { type Sink, type TwoPhaseCommitSink } from "./sink.js";
import type { WatermarkStrategy } from "./watermark-strategy.js";
import type { KeyedStream } from "./keyed-stream.js";
import { OutputTag } from "./output-tag.js";
import { type BroadcastConnectedStream, type BroadcastStream, type ConnectedStreams, type MapStateDescriptorLike } from "./process/connected-streams.js";
import { CoGroupedStreams, JoinedStreams } from "./process/joined-streams.js";
import { AllWindowedStream } from "./windowing/windowed-stream.js";
import type { WindowAssigner } from "./windowing/window-assigner.js";
import type { GlobalWindow, Window } from "./windowing/windows.js";
export interface StreamInput {
    nodeId: number;
    partitioner?: PartitionerSpec;
    sideOutput?: string;
    fns?: Record<string, unknown>;
}
export declare class DataStream<T> {
    readonly env: StreamExecutionEnvironment;
    /** @internal */ readonly inputs: readonly StreamInput[];
    /** Phantom member so that DataStream<A> and DataStream<B> are distinct types. */
    readonly __elementType?: (value: T) => T;
    constructor(env: StreamExecutionEnvironment, 
    /** @internal */ inputs: readonly StreamInput[]);
    map<R>(fn: MapFunction<T, R>): SingleOutputStreamOperator<R>;
    flatMap<R>(fn: FlatMapFunction<T, R>): SingleOutputStreamOperator<R>;
    filter(fn: FilterFunction<T>): SingleOutputStreamOperator<T>;
    process<R>(fn: ProcessFunction<T, R>): SingleOutputStreamOperator<R>;
    /** Partitions by key: every record with the same key goes to the same parallel instance (via its key group). */
    keyBy<K extends Key>(selector: KeySelector<T, K>): KeyedStream<T, K>;
    union(...others: DataStream<T>[]): DataStream<T>;
    /** Each subtask sends to the subtask with the same index (parallelism must match). */
    forward(): DataStream<T>;
    /** Round-robin over all downstream subtasks. */
    rebalance(): DataStream<T>;
    /** Round-robin over a local subset of downstream subtasks. */
    rescale(): DataStream<T>;
    /** Uniformly random downstream subtask. */
    shuffle(): DataStream<T>;
    /** Every record to every downstream subtask. */
    broadcast(): DataStream<T>;
    /** The broadcast state pattern: connect the result to a stream and process it with broadcast state. */
    broadcast(...descriptors: [MapStateDescriptorLike, ...MapStateDescriptorLike[]]): BroadcastStream<T>;
    /** Everything to the first downstream subtask. */
    global(): DataStream<T>;
    partitionCustom<K extends Key>(partitioner: Partitioner<K>, selector: KeySelector<T, K>): DataStream<T>;
    assignTimestampsAndWatermarks(strategy: WatermarkStrategy<T>): SingleOutputStreamOperator<T>;
    /** Processes this stream and `other` in one operator (co-functions), or with broadcast state. */
    connect<T2>(other: BroadcastStream<T2>): BroadcastConnectedStream<T, T2>;
    connect<T2>(other: DataStream<T2>): ConnectedStreams<T, T2>;
    /** Window join: `join(other).where(k1).equalTo(k2).window(assigner).apply(fn)`. */
    join<T2>(other: DataStream<T2>): JoinedStreams<T, T2>;
    /** Window coGroup: like join, but the function gets both sides' elements per key and window. */
    coGroup<T2>(other: DataStream<T2>): CoGroupedStreams<T, T2>;
    /** Windows over the whole (non-keyed) stream, evaluated by one instance. */
    windowAll<W extends Window>(assigner: WindowAssigner<T, W>): AllWindowedStream<T, W>;
    /** Windows of `size` elements (sliding by `slide` elements when given) over the whole stream. */
    countWindowAll(size: number, slide?: number): AllWindowedStream<T, GlobalWindow>;
    /** Prints every record to standard output (the TaskManager's, or the client's on the MiniCluster). */
    print(prefix?: string): DataStreamSink<T>;
    /** Writes records as lines, one file per parallel subtask under `path` (or `path` itself at parallelism 1). */
    writeAsText(path: string): DataStreamSink<T>;
    addSink(fn: SinkFunction<T>): DataStreamSink<T>;
    /** Writes to a sink; a TwoPhaseCommitSink commits its output exactly once, at checkpoint completion. */
    sinkTo(sink: Sink<T> | TwoPhaseCommitSink<T, unknown>, name?: string): DataStreamSink<T>;
    /**
     * Runs the job defined so far and resolves with every record of this stream (for tests and
     * small jobs). Only one execution per job definition.
     */
    executeAndCollect(): Promise<T[]>;
    protected repartition(partitioner: PartitionerSpec, fns?: Record<string, unknown>): StreamInput[];
}
/** A stream produced by one operator, whose properties can be set. */
export declare class SingleOutputStreamOperator<T> extends DataStream<T> {
    /** @internal */ readonly node: StreamNode;
    constructor(env: StreamExecutionEnvironment, 
    /** @internal */ node: StreamNode);
    name(name: string): this;
    /** A stable id for matching state in savepoints; must be unique in the job. */
    uid(uid: string): this;
    setParallelism(parallelism: number): this;
    setMaxParallelism(maxParallelism: number): this;
    slotSharingGroup(name: string): this;
    /** This operator chains with neither its predecessor nor its successor. */
    disableChaining(): this;
    /** Starts a new chain at this operator; its successors may still chain to it. */
    startNewChain(): this;
    /** Records a process function emitted to `tag` with ctx.output(tag, value). */
    getSideOutput<X>(tag: OutputTag<X>): DataStream<X>;
}
/** The end of a pipeline; only its properties can be set. */
export declare class DataStreamSink<T> {
    readonly node: StreamNode;
    readonly __elementType?: (value: T) => void;
    constructor(/** @internal */ node: StreamNode);
    name(name: string): this;
    uid(uid: string): this;
    setParallelism(parallelism: number): this;
    slotSharingGroup(name: string): this;
    disableChaining(): this;
}
